import Foundation
import SesameCore
import SesameFiles
import SesameFixtures
import SesameTestSupport
import SesameTemplates
import Testing
@testable import SesameDocuments

private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let reports = repository.appendingPathComponent("Reports")

private func settings(for school: String) -> Settings {
    var s = Settings()
    s.ent.name = "e-primO"
    s.ent.url = "https://www.e-primo.fr"
    s.schools = [Settings.School(name: school, address: "12 rue des Tilleuls, 44000 Nantes", city: "Nantes", director: "Anne Roux")]
    return s
}

private func folder() throws -> URL {
    try TestFolders.make("sesame-docs")
}

/// Every account of a generated school, planned with the seed's table, as batches of letters.
private func batches(_ school: GeneratedSchool, activation: Bool = true) -> [LetterBatch] {
    let strategy = Strategy(name: "t", title: "t", rules: [
        .student: .channels([ChannelStep(.inClass)]),
        .parent: .channels([ChannelStep(.meeting)]),
        .staff: .channels([ChannelStep(.office)]),
        .teacher: .channels([ChannelStep(.office)]),
    ])
    let accounts = school.accounts()
    let byID = Dictionary(uniqueKeysWithValues: accounts.map { ($0.id, $0) })
    let draft = Planner.plan(accounts, strategy: strategy, context: PlanningContext())
    return draft.batches.enumerated().map { i, b in
        LetterBatch(
            batchID: Int64(i + 1), channel: b.channel, school: b.school, className: b.className, recipients: b.recipients,
            meeting: b.meeting,
            letters: b.deliveries.enumerated().map { j, d in
                Letter(deliveryID: Int64(i * 1000 + j), account: byID[d.accountID]!, channel: b.channel, kind: d.letter, packetClass: b.className)
            })
    }
}

private func run(_ batches: [LetterBatch], layout: Layout = .one, school: String, into out: URL) throws -> [PrintedFile] {
    let options = PrintOptions(layout: layout, folder: out, sort: [], date: SchoolCalendar.parse("2026-09-01")!,
                               returnBy: SchoolCalendar.parse("2026-09-08")!, planID: 1, planName: "Rentrée")
    return try PrintJob(templates: try DocumentTemplates.load(reports), settings: settings(for: school), options: options).run(batches)
}

@Suite struct LetterTests {
    let school = SchoolGenerator().generate()

    @Test func eachLetterShowsItsOwnLoginAndCodeAndNoOther() throws {
        let out = try folder()
        let all = batches(school)
        let files = try run(all, school: school.name, into: out)
        let codes = Set(school.people.compactMap(\.activationCode))
        var seen: [String: Int] = [:]
        for (file, batch) in zip(files.sorted { $0.batchID < $1.batchID }, all) {
            let pages = Tools.pdfPages(file.url)
            let letterPages = pages.suffix(batch.letters.count)
            #expect(letterPages.count == batch.letters.count)
            for (page, letter) in zip(letterPages, batch.letters) {
                #expect(page.contains(letter.account.login))
                seen[letter.account.login, default: 0] += 1
                if let code = letter.account.activationCode {
                    #expect(page.contains(code))
                    #expect(page.contains("Première connexion"))
                    #expect(codes.filter { page.contains($0) } == [code])
                } else {
                    #expect(page.contains("Mot de passe oublié"))
                    #expect(codes.allSatisfy { !page.contains($0) })
                }
            }
        }
        // Every letter printed exactly once across the files.
        #expect(seen.count == all.flatMap(\.letters).count)
        #expect(seen.values.allSatisfy { $0 == 1 })
    }

    @Test func parentsLettersNameEveryChildWithTheirClass() throws {
        let out = try folder()
        let meeting = batches(school).filter { $0.channel == .meeting }
        let files = try run(meeting, school: school.name, into: out)
        let parent = try #require(meeting.flatMap(\.letters).first { $0.account.children.count >= 2 })
        let file = try #require(files.first { $0.deliveryIDs.contains(parent.deliveryID) })
        let page = try #require(Tools.pdfPages(file.url).first { $0.contains(parent.account.login) })
        let flat = page.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for child in parent.account.children {
            #expect(flat.contains("\(child.displayName) (\(child.classes[0]))"))
        }
    }

    @Test(arguments: [(Layout.one, 1), (.two, 2), (.eight, 8)])
    func pageCountsFollowTheLayout(layout: Layout, perPage: Int) throws {
        let out = try folder()
        let inClass = batches(school).filter { $0.channel == .inClass }
        let files = try run(inClass, layout: layout, school: school.name, into: out)
        for file in files {
            let batch = inClass.first { $0.batchID == file.batchID }!
            // A cover, a one-page roster (a class fits on one sheet), then the letters.
            let letterPages = (batch.letters.count + perPage - 1) / perPage
            #expect(file.pages == 2 + letterPages)
            #expect(Tools.pdfPageCount(file.url) == file.pages)
            let pages = Tools.pdfPages(file.url)
            #expect(pages[0].contains("Comment faire"))
            #expect(pages[1].contains("Émargement"))
            #expect(pages.dropFirst(2).allSatisfy { $0.contains("Identifiant") })
        }
    }

    @Test func theQRCodeDecodesToTheENTAddressAndNeverTheCode() throws {
        let out = try folder()
        let staff = batches(school).filter { $0.channel == .office }
        let file = try #require(try run(staff, school: school.name, into: out).first)
        let codes = Tools.qrCodes(file.url, page: file.pages)
        #expect(codes == ["https://www.e-primo.fr"])
        let cards = try run(staff, layout: .eight, school: school.name, into: try folder())[0]
        // The office list first, then eight cards a page.
        let decoded = (2...cards.pages).flatMap { Tools.qrCodes(cards.url, page: $0) }
        #expect(decoded.count == staff[0].letters.count)
        #expect(Set(decoded) == ["https://www.e-primo.fr"])
    }

    @Test func fontsAreEmbeddedAndSubset() throws {
        let out = try folder()
        let file = try #require(try run(Array(batches(school).prefix(1)), school: school.name, into: out).first)
        let fonts = Tools.pdfFonts(file.url)
        #expect(!fonts.isEmpty)
        #expect(fonts.allSatisfy { $0.embedded })
        #expect(fonts.allSatisfy { $0.name.contains("+") })  // subset fonts are named ABCDEF+Font
    }

    @Test func namesOfEveryScriptRenderAndExtract() throws {
        var account = Account(
            id: 1, entKey: "x", school: school.name, profile: .parent, lastName: "Nguyễn", firstName: "Thị Ánh", login: "thi.nguyen",
            activationCode: "ab3cd4ef", children: [
                Relative(id: 2, login: "c1", firstName: "Œdipe", lastName: "L’Hôte-Ça", classes: ["CP A"]),
                Relative(id: 3, login: "c2", firstName: "محمد", lastName: "العربي", classes: ["CM2"]),
            ])
        account.postalAddress = PostalAddress(street: "3 rue de l’Église", postcode: "44000", city: "Nantes")
        let batch = LetterBatch(batchID: 1, channel: .post, school: school.name, className: nil, recipients: [], meeting: nil,
                                letters: [Letter(deliveryID: 1, account: account, channel: .post, kind: .activation, packetClass: nil)])
        let file = try #require(try run([batch], school: school.name, into: try folder()).first)
        let text = Tools.pdfPages(file.url).joined()
        for name in ["Thị Ánh Nguyễn", "Œdipe L’Hôte-Ça", "محمد", "العربي", "3 rue de l’Église", "44000 NANTES"] {
            #expect(text.contains(name), "\(name) not found")
        }
    }

    @Test func printingTwiceGivesTheSameDocuments() throws {
        let first = try folder(), second = try folder()
        let all = Array(batches(school).prefix(3))
        let a = try run(all, school: school.name, into: first), b = try run(all, school: school.name, into: second)
        for (x, y) in zip(a, b) {
            #expect(x.url.lastPathComponent == y.url.lastPathComponent)
            #expect(Tools.pdfPages(x.url) == Tools.pdfPages(y.url))
            #expect(try Data(contentsOf: x.signOff!) == Data(contentsOf: y.signOff!))
        }
    }

    @Test func filesAreNamedForTheirBatch() {
        #expect(FileName.slug("CM1 Mme Roux") == "CM1-Mme-Roux")
        #expect(FileName.slug("École élémentaire Jules-Ferry") == "Ecole-elementaire-Jules-Ferry")
        // Names from data can never leave the folder, hide, or be too long for the file system.
        #expect(FileName.slug("x/../../escaped") == "x-escaped")
        #expect(FileName.slug("../..") == "sans-nom")
        #expect(FileName.slug(".cache") == "cache")
        #expect(FileName.slug("a\u{0}b") == "a-b")
        #expect(FileName.slug(String(repeating: "é", count: 500)).count == FileName.maxLength)
        #expect(FileName.slug(String(repeating: "ab ", count: 100)).hasSuffix("-") == false)
        let meeting = LetterBatch(batchID: 1, channel: .meeting, school: "A", className: "CM1", recipients: [], meeting: SchoolCalendar.parse("2026-09-15 18:00"), letters: [])
        let packet = LetterBatch(batchID: 2, channel: .inClass, school: "A", className: "CP A", recipients: ["Camille Roux"], meeting: nil, letters: [])
        let office = LetterBatch(batchID: 3, channel: .office, school: "A", className: nil, recipients: [], meeting: nil, letters: [])
        #expect(FileNames.assign([meeting, packet, office, office], severalSchools: false) == [
            "CM1_reunion-2026-09-15.pdf", "CP-A_Camille-Roux_remise-en-classe.pdf", "bureau-du-directeur.pdf", "bureau-du-directeur-2.pdf",
        ])
        #expect(FileNames.assign([office], severalSchools: true) == ["A/bureau-du-directeur.pdf"])
    }

    @Test func aPurgedCodeIsRefusedAndLeavesNoFileBehind() throws {
        let out = try folder()
        var batch = batches(school).first { $0.channel == .office }!
        batch.letters[0].account.activationCode = nil
        batch.letters[0].kind = .activation
        #expect(throws: DocumentError.purgedCode(login: batch.letters[0].account.login)) { try run([batch], school: school.name, into: out) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }
}

@Suite struct TemplateTests {
    @Test func theShippedTemplatesLoad() throws {
        let set = try DocumentTemplates.load(reports)
        let blocks = set.render("lettre.mustache", ["activation": true, "compte": ["identifiant": "lea"], "ent": ["nom": "ONE"]])
        #expect(blocks["objet"]?.contains("première connexion") == true)
        #expect(blocks["identifiants"]?.contains("Identifiant | lea") == true)
    }

    /// What a school did not give is left out of the templates' values: a card of a school
    /// without telephone or email ends with its name, not with a dangling dash.
    @Test func aSchoolWithoutContactLeavesNoDanglingDash() throws {
        let set = try DocumentTemplates.load(reports)
        let letter = try #require(batches(SchoolGenerator().generate()).first?.letters.first)
        var school = Settings.School(name: "École Les Tilleuls")
        func card() -> String {
            set.render("carte.mustache", LetterContext.make(letter, school: school, ent: settings(for: "x").ent, date: Date()))["adresse"] ?? ""
        }
        #expect(card().hasSuffix("\nÉcole Les Tilleuls"))
        school.phone = "02 40 00 00 00"
        // Kept on one line: a number or an address cut in two is misread.
        #expect(card().hasSuffix("\nÉcole Les Tilleuls — <span allow_breaks=\"false\">02 40 00 00 00</span>"))
    }

    /// A card's last line breaks between the school, its number and its address, never inside them.
    @Test func aCardKeepsTheSchoolsNumberAndEmailWhole() throws {
        var school = SchoolGenerator().generate()
        school.name = "École élémentaire publique Les Tilleuls"
        let letters = batches(school).filter { $0.channel == .office }
        var s = settings(for: school.name)
        s.schools[0].phone = "02 40 12 34 56"
        s.schools[0].email = "ce.0440999x@ac-nantes.fr"
        let options = PrintOptions(layout: .eight, folder: try folder(), sort: [], date: SchoolCalendar.parse("2026-09-01")!,
                                   returnBy: SchoolCalendar.parse("2026-09-08")!, planID: 1, planName: "Rentrée")
        let file = try #require(try PrintJob(templates: try DocumentTemplates.load(reports), settings: s, options: options).run(letters).first)
        let text = try #require(Tools.run("/usr/bin/pdftotext", ["-layout", file.url.path, "-"]))
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.contains { $0.hasPrefix("ce.0440999x@ac-nantes.fr") })
        #expect(lines.contains { $0.hasSuffix("02 40 12 34 56 —") })
    }

    /// A packet's letters reuse the blocks that name none of a letter's own values; a block
    /// that names one, even inside a transform or through `{{.}}`, is worded for each letter.
    @Test func blocksThatNameNoLettersOwnValueAreRenderedOncePerSections() throws {
        let dir = try folder()
        try """
            ## commun
            {{ecole.nom}}{{#estParent}} (parents){{/estParent}}
            ## nom
            {{uppercased(compte.nom)}}
            ## point
            {{#niveaux}}{{.}}{{/niveaux}}
            """.write(to: dir.appendingPathComponent("t.mustache"), atomically: true, encoding: .utf8)
        let set = try TemplateSet(folder: dir, templates: ["t.mustache": ["commun", "nom", "point"]])
        var reused = ReusedBlocks()
        func render(_ school: String, _ name: String, parent: Bool = false) -> [String: String] {
            var context: [String: Any] = ["ecole": ["nom": school], "compte": ["nom": name], "niveaux": [school]]
            if parent { context["estParent"] = true }
            return set.render("t.mustache", context, personal: LetterContext.personal, reusing: &reused)
        }
        #expect(render("Les Tilleuls", "Roux") == ["commun": "Les Tilleuls", "nom": "ROUX", "point": "Les Tilleuls"])
        // The shared block is the one rendered first for these sections: a packet's school
        // never changes between its letters, so the new name here shows that it was reused.
        #expect(render("Autre", "Martin") == ["commun": "Les Tilleuls", "nom": "MARTIN", "point": "Autre"])
        #expect(render("Autre", "Petit", parent: true) == ["commun": "Autre (parents)", "nom": "PETIT", "point": "Autre"])
        #expect(set.render("t.mustache", ["ecole": ["nom": "Autre"], "compte": ["nom": "Roux"]])["commun"] == "Autre")
    }

    private func broken(_ file: String, _ replace: (String) -> String) throws -> URL {
        let dir = try folder()
        for name in DocumentTemplates.required.keys {
            var text = try String(contentsOf: reports.appendingPathComponent(name), encoding: .utf8)
            if name == file { text = replace(text) }
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return dir
    }

    private func failure(_ dir: URL) -> TemplateError? {
        do { _ = try DocumentTemplates.load(dir); return nil } catch let e as TemplateError { return e } catch { return nil }
    }

    @Test func anUnclosedSectionIsNamedWithItsLine() throws {
        let dir = try broken("lettre.mustache") { $0.replacingOccurrences(of: "## qr\n", with: "## qr\n{{#activation}}\n") }
        let error = try #require(failure(dir))
        guard case let .invalid(file, line, _, message) = error else { Issue.record("\(error)"); return }
        #expect(file.hasSuffix("lettre.mustache"))
        let lines = try String(contentsOf: dir.appendingPathComponent("lettre.mustache"), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(line > lines.firstIndex { $0 == "## qr" }! && line <= lines.count)
        #expect(message.contains("modèle illisible"))
    }

    @Test func anUnknownBlockTextOutsideBlocksAndAMissingBlockAreRefused() throws {
        let unknown = try #require(failure(try broken("carte.mustache") { $0.replacingOccurrences(of: "## details", with: "## détails") }))
        #expect(unknown.userMessage.contains("bloc « détails » inconnu"))
        let stray = try #require(failure(try broken("paquet.mustache") { "Bonjour\n" + $0 }))
        #expect(stray.userMessage.contains("ligne 1") && stray.userMessage.contains("texte hors bloc"))
        let missing = try #require(failure(try broken("lettre.mustache") { $0.replacingOccurrences(of: "## pied", with: "## qr") }))
        #expect(missing.userMessage.contains("pied"))
        let dir = try broken("lettre.mustache") { $0 }
        try FileManager.default.removeItem(at: dir.appendingPathComponent("carte.mustache"))
        #expect(failure(dir) == .missing(file: "carte.mustache", folder: dir.path))
    }
}

@Suite struct FollowUpDocumentTests {
    private func item(_ first: String, _ last: String, _ profile: Profile, classes: [String], state: DeliveryState, _ action: FollowUpAction, email: Bool = false) -> FollowUpItem {
        FollowUpItem(
            delivery: TrackedDelivery(
                deliveryID: 1, planID: 1, accountID: 1, login: "\(first).\(last)".lowercased(), firstName: first, lastName: last,
                school: "École Les Tilleuls", channel: .meeting, step: 0, state: state, letter: .activation, staleCode: false,
                facts: AccountFacts(profile: profile, isActivated: false, hasEmail: email, hasAddress: false, isLocalAdmin: false, classes: classes)),
            action: action)
    }

    @Test func eachClassHasItsListAndTheDirectorHasEveryoneWhatToDoFirst() throws {
        let dir = try folder()
        let items = [
            item("Léa", "Martin", .parent, classes: ["CP A", "CM1"], state: .handedOver, .remindToActivate),
            item("Hugo", "Petit", .student, classes: ["CP A"], state: .absent, .escalate(step: 1, channel: .office, because: .missed(.absent))),
            item("Zoé", "Roux", .parent, classes: ["CM1"], state: .absent, .noChannelLeft(["pas d’adresse"]), email: true),
            item("Anne", "Done", .parent, classes: ["CM1"], state: .handedOver, .done),
        ]
        let lists = FollowUpLists(templates: try DocumentTemplates.load(reports), settings: settings(for: "École Les Tilleuls"), date: Date(), plan: 1, followUpPlan: 2)
        let files = try lists.write(items, school: "École Les Tilleuls", to: dir, severalSchools: false)
        #expect(files.map(\.lastPathComponent) == ["relance_CP-A.pdf", "relance_CM1.pdf", "relance_direction.pdf"])
        let cpA = Tools.pdfPages(files[0]).joined()
        #expect(cpA.contains("Relance des identifiants ENT — CP A") && cpA.contains("Martin") && cpA.contains("Petit") && !cpA.contains("Roux"))
        let cm1 = Tools.pdfPages(files[1]).joined()
        #expect(cm1.contains("Martin") && cm1.contains("Roux") && !cm1.contains("Done"))
        let director = Tools.pdfPages(files[2]).joined()
        #expect(director.contains("plan de relance n° 2") && director.contains("courriel"))
        // What to do first comes first: the escalation, then the director's own cases, then reminders.
        let petit = try #require(director.range(of: "Petit")), roux = try #require(director.range(of: "Roux")), martin = try #require(director.range(of: "Martin"))
        #expect(petit.lowerBound < roux.lowerBound && roux.lowerBound < martin.lowerBound)
        #expect(try lists.write([items[3]], school: "École Les Tilleuls", to: dir, severalSchools: false).isEmpty)
    }

    @Test(arguments: ["pdf", "png", "svg"])
    func theStatusChartIsWrittenInEachFormat(format: String) throws {
        let report = StatusReport([
            StageCount(school: "École", className: "CP A", profile: .parent, channel: .meeting, stage: .handedOver, count: 12),
            StageCount(school: "École", className: "CP A", profile: .parent, channel: .meeting, stage: .activated, count: 8),
            StageCount(school: "École", className: "CM1", profile: .student, channel: .inClass, stage: .missed, count: 3),
        ])
        let url = try folder().appendingPathComponent("bilan.\(format)")
        try StatusChart(report: report, title: "Où en est la distribution", subtitle: "École").write(to: url)
        let data = try Data(contentsOf: url)
        switch format {
        case "pdf":
            let text = Tools.pdfPages(url).joined()
            #expect(text.contains("Où en est la distribution") && text.contains("CP A") && text.contains("60 %") && text.contains("23 comptes"))
        case "png": #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        default: #expect(String(decoding: data, as: UTF8.self).contains("<svg"))
        }
        #expect(throws: DocumentError.unknownChartFormat("bilan.gif")) {
            try StatusChart(report: report, title: "x", subtitle: "y").write(to: url.deletingLastPathComponent().appendingPathComponent("bilan.gif"))
        }
    }

    /// A school's long name is made smaller to stay on its bar's line: on two lines, it ran
    /// into the next school's.
    @Test func aLongSchoolNameStaysOnItsBarsLineInTheChart() throws {
        let names = ["École Jean Moulin n°2 (Le Mans)", "École Jules Ferry"]
        let report = StatusReport(names.map {
            StageCount(school: $0, className: "CP", profile: .parent, channel: .meeting, stage: .handedOver, count: 10)
        })
        let url = try folder().appendingPathComponent("bilan.pdf")
        try StatusChart(report: report, title: "Où en est la distribution", subtitle: "Académie").write(to: url)
        let words = try #require(Tools.pdfWords(url).first)
        let long = words.filter { ["Jean", "Moulin", "Mans)"].contains($0.text) }
        let other = try #require(words.first { $0.text == "Ferry" })
        #expect(long.count == 3 && Set(long.map { ($0.yMin * 10).rounded() }).count == 1)
        #expect(long.allSatisfy { ($0.yMax <= other.yMin || $0.yMin >= other.yMax) && $0.xMax < 180 })
    }
}

@Suite struct LongLetterTests {
    /// A parent of five with long compound names: every name and class goes in the recipient
    /// block and the letter's first paragraph.
    @Test(arguments: [Layout.one, .two])
    func aLetterForManyChildrenWithLongNamesStaysOnItsPageAndClearOfItself(layout: Layout) throws {
        let school = "École élémentaire publique Les Tilleuls"
        let names = ["Marie-Charlotte-Éléonore", "Jean-Baptiste-Alexandre", "Anne-Sophie-Géraldine", "Pierre-Emmanuel-Hippolyte", "Louise-Victoire-Amélie"]
        let children = names.enumerated().map { i, first in
            Relative(id: Int64(i + 2), login: "enfant\(i)", firstName: first, lastName: "de La Tour d'Auvergne-Lauraguais",
                     classes: [["CP", "CE1", "CE2", "CM1", "CM2"][i]])
        }
        let parent = Account(
            id: 1, entKey: "p", school: school, profile: .parent, lastName: "de La Tour d'Auvergne-Lauraguais", firstName: "Anne-Charlotte",
            login: "anne-charlotte.delatour", activationCode: "kss9ywt5", classes: ["CP", "CE1", "CE2", "CM1", "CM2"], children: children)
        let batch = LetterBatch(
            batchID: 1, channel: .office, school: school, className: nil, recipients: [], meeting: nil,
            letters: [Letter(deliveryID: 1, account: parent, channel: .office, kind: .activation, packetClass: nil)])
        let file = try #require(try run([batch], layout: layout, school: school, into: try folder()).first)
        let page = try #require(Tools.pdfWords(file.url).last)
        #expect(page.contains { $0.text == "Anne" } && page.contains { $0.text == "kss9ywt5" })
        // A4 portrait, or A5 on the left half of a landscape A4: the letter ends 8 mm from the bottom at least.
        let height = layout == .one ? 841.89 : 595.28
        #expect(page.allSatisfy { $0.yMax < height - 8 / 25.4 * 72 }, "\(page.map(\.yMax).max() ?? 0)")
        for (i, a) in page.enumerated() {
            for b in page[(i + 1)...] where a.overlaps(b) { Issue.record("« \(a.text) » and « \(b.text) » overlap") }
        }
    }
}

@Suite struct IdentifierTests {
    /// A class whose first pupils have logins of 26 to 44 characters, as entcore makes them
    /// from long compound names.
    private func longLogins() -> (GeneratedSchool, [String]) {
        var school = SchoolGenerator().generate()
        let logins = [
            "jbemmanuelbenoithamondela-fontaine.cpa2026", "mariefernanda.dossantos-silva", "adamalexandre.durandmoreau",
            "anne-charlotte.de-la-tour-dauvergne-lauraguais",
        ]
        let pupils = school.people.indices.filter { school.people[$0].profile == .student && !school.people[$0].isGhost && school.people[$0].activationCode != nil }
        for (i, login) in logins.enumerated() {
            school.people[pupils[i]].login = login
            school.people[pupils[i]].alias = nil
        }
        return (school, logins)
    }

    @Test(arguments: [Layout.one, .two, .eight])
    func aLongLoginIsPrintedWholeNeverHyphenatedNorBroken(layout: Layout) throws {
        let (school, logins) = longLogins()
        let inClass = batches(school).filter { $0.channel == .inClass && $0.letters.contains { logins.contains($0.account.login) } }
        let files = try run(inClass, layout: layout, school: school.name, into: try folder())
        var found = Set<String>()
        for file in files {
            for page in Tools.pdfWords(file.url) {
                let words = page.map(\.text)
                for login in logins where words.contains(login) { found.insert(login) }
                // No piece of a long login on a line of its own, with or without a hyphen.
                for word in words where word.count > 8 {
                    #expect(!logins.contains { $0 != word && ($0.hasPrefix(word.trimmingCharacters(in: ["-"])) || $0.hasSuffix(word)) }, "\(word)")
                }
            }
        }
        #expect(found == Set(logins))
    }

    /// A login too long for its place goes on a line of its own, shrunk to end before the QR
    /// code: at A5 size it ran under the code and out of the box, Pango's glyphs on whole
    /// points making it wider than its size said.
    @Test(arguments: [Layout.one, .two])
    func aLongLoginEndsBeforeTheQRCode(layout: Layout) throws {
        let (school, logins) = longLogins()
        let inClass = batches(school).filter { $0.channel == .inClass && $0.letters.contains { logins.contains($0.account.login) } }
        let file = try #require(try run(inClass, layout: layout, school: school.name, into: try folder()).first)
        var checked = 0
        for page in Tools.pdfWords(file.url) {
            for login in page where logins.contains(login.text) {
                // The caption under this letter's QR code: the nearest below and to the right.
                let caption = try #require(page.filter { $0.text == "Scannez" && $0.yMin > login.yMin && $0.xMax > login.xMin }
                    .min { ($0.yMin - login.yMin) + abs($0.xMin - login.xMax) < ($1.yMin - login.yMin) + abs($1.xMin - login.xMax) })
                #expect(login.xMax < caption.xMin, "\(login.text)")
                checked += 1
            }
        }
        #expect(checked >= logins.count)
    }

    @Test(arguments: [Layout.one, .two, .eight])
    func lettersAndCardsDrawNothingOverAnythingElse(layout: Layout) throws {
        let (school, logins) = longLogins()
        let inClass = batches(school).filter { $0.channel == .inClass && $0.letters.contains { logins.contains($0.account.login) } }
        let file = try #require(try run(inClass, layout: layout, school: school.name, into: try folder()).first)
        let pages = Tools.pdfWords(file.url)
        // The letters' pages: after the teacher's cover and the roster.
        for page in pages.dropFirst(2) {
            for (i, a) in page.enumerated() {
                for b in page[(i + 1)...] where a.overlaps(b) {
                    Issue.record("« \(a.text) » and « \(b.text) » overlap")
                }
            }
        }
        #expect(pages.count > 2)
    }
}

@Suite struct FrenchTests {
    /// A parent whose only child is called Élodie, a pupil named Hugo, and a school that signs
    /// as its directrice and gives its phone and email.
    private func printed(layout: Layout = .one) throws -> (pupil: String, parent: String, cards: [String]) {
        var school = SchoolGenerator().generate()
        let parent = try #require(school.people.indices.first {
            school.people[$0].profile == .parent && school.people[$0].children.count == 1 && school.people[$0].activationCode != nil
        })
        let child = school.people[parent].children[0]
        school.people[child].firstName = "Élodie"
        var s = settings(for: school.name)
        s.schools[0].directorTitle = "directrice"
        s.schools[0].phone = "02 40 00 00 00"
        s.schools[0].email = "ce.0440001@ac-nantes.fr"
        let all = batches(school)
        let options = PrintOptions(layout: layout, folder: try folder(), sort: [], date: SchoolCalendar.parse("2026-09-01")!,
                                   returnBy: SchoolCalendar.parse("2026-09-08")!, planID: 1, planName: "Rentrée")
        let files = try PrintJob(templates: try DocumentTemplates.load(reports), settings: s, options: options).run(all)
        let parentLogin = school.people[parent].printedLogin
        let pupil = try #require(all.flatMap(\.letters).first { $0.account.profile == .student && $0.kind == .activation })
        func page(of login: String) throws -> String {
            let pages = files.flatMap { Tools.pdfPages($0.url) }
            return try #require(pages.last { $0.contains(login) }).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        let cards = layout == .eight ? files.flatMap { Tools.pdfPages($0.url) } : []
        return (try page(of: pupil.account.login), try page(of: parentLogin), cards)
    }

    @Test func lettersElideSignWithTheTitleAndSpeakOneRegisterPerReader() throws {
        let (pupil, parent, _) = try printed()
        #expect(parent.contains("scolarité d’Élodie"))
        #expect(!parent.contains("de Élodie"))
        #expect(parent.contains("Anne Roux, directrice de l’école"))
        #expect(parent.contains("Conservez cette lettre") && parent.contains("vous seul connaîtrez"))
        #expect(pupil.contains("Garde cette lettre") && pupil.contains("toi seul connaîtras") && pupil.contains("1. Ouvre "))
        #expect(pupil.contains("Objet : ton compte") && parent.contains("Objet : votre compte"))
        #expect(!pupil.contains("vous seul") && !pupil.contains("Ouvrez") && !pupil.contains("Conservez"))
        for page in [pupil, parent] {
            #expect(!page.contains("·"))
            #expect(page.contains("02 40 00 00 00") && page.contains("ce.0440001@ac-nantes.fr"))
        }
    }

    @Test func cardsNameTheSchoolAndHowToReachIt() throws {
        let (_, _, cards) = try printed(layout: .eight)
        let cardPages = cards.filter { $0.contains("Identifiant") && $0.contains("Connectez-vous") }
        #expect(!cardPages.isEmpty)
        #expect(cardPages.allSatisfy { $0.contains("Les Tilleuls") && $0.contains("02 40 00 00 00") })
    }

    @Test func noLineStartsWithAClosingGuillemetOrAColon() throws {
        let (pupil, parent, _) = try printed()
        #expect(pupil.contains("Mot de passe") || pupil.contains("Première connexion"))
        let school = SchoolGenerator().generate()
        let files = try run(batches(school), school: school.name, into: try folder())
        for file in files {
            for line in Tools.pdfPages(file.url).joined(separator: "\n").split(separator: "\n") {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                #expect(!trimmed.hasPrefix("»") && !trimmed.hasPrefix(":") && !trimmed.hasPrefix(";"), "\(file.url.lastPathComponent): \(trimmed)")
            }
        }
        _ = parent
    }

    @Test func elisionFollowsTheFirstSound() {
        #expect(French.de("Élodie") == "d’Élodie" && French.de("Hugo") == "d’Hugo" && French.de("Léa") == "de Léa")
        #expect(French.de("Yanis Roux") == "de Yanis Roux" && French.de("Yaël") == "de Yaël" && French.de("Yves") == "d’Yves")
        #expect(French.le("ULIS") == "l’ULIS" && French.le("CP A") == "le CP A")
        // A meeting's hour as French administration writes it, never cut from its date.
        #expect(FrenchDate.longWithTime(SchoolCalendar.parse("2026-09-15 18:00")!) == "15\u{00A0}septembre\u{00A0}2026 à\u{00A0}18\u{00A0}h")
        #expect(FrenchDate.longWithTime(SchoolCalendar.parse("2026-09-01 08:05")!) == "1er\u{00A0}septembre\u{00A0}2026 à\u{00A0}8\u{00A0}h\u{00A0}05")
        #expect(French.typographicSpaces("« Mot de passe oublié »") == "«\u{00A0}Mot de passe oublié\u{00A0}»")
        #expect(French.typographicSpaces("Identifiant : a ; b ? c ! d") == "Identifiant\u{00A0}: a\u{202F}; b\u{202F}? c\u{202F}! d")
        #expect(French.typographicSpaces("rien à changer, ici.") == "rien à changer, ici.")
        #expect(French.typographicSpaces("« » :") == "«\u{00A0}»\u{00A0}:")
    }
}

@Suite struct TableTests {
    /// Every parent's children renamed long: three-line cells in the meeting sheet.
    private func longNames() -> GeneratedSchool {
        var school = SchoolGenerator().generate()
        for i in school.people.indices where school.people[i].profile == .student {
            school.people[i].firstName = "Marie-Charlotte-Alexandrine"
            school.people[i].lastName = "de La Tour d’Auvergne-Lauraguais \(i)"
        }
        return school
    }

    @Test(arguments: [Channel.meeting, .inClass, .office])
    func rowsAreAsTallAsTheirCellsAndNothingOverlaps(channel: Channel) throws {
        let school = longNames()
        var selected = batches(school).filter { $0.channel == channel }
        if channel == .office {
            // The office list of every parent: a table over several pages.
            let parents = batches(school).filter { $0.channel == .meeting }.flatMap(\.letters)
            selected = [LetterBatch(batchID: 99, channel: .office, school: school.name, className: nil, recipients: [], meeting: nil, letters: parents)]
        }
        let batch = try #require(selected.max { $0.letters.count < $1.letters.count })
        let file = try #require(try run([batch], school: school.name, into: try folder()).first)
        let letterPages = batch.letters.count
        let pages = Tools.pdfWords(file.url)
        let sheetPages = pages.dropLast(letterPages).dropFirst(channel == .office ? 0 : 1)
        #expect(!sheetPages.isEmpty)
        for page in sheetPages {
            for (i, a) in page.enumerated() {
                for b in page[(i + 1)...] where a.overlaps(b) { Issue.record("« \(a.text) » and « \(b.text) » overlap") }
            }
            // The header is on every page of the table.
            #expect(page.contains { $0.text == "N°" })
        }
        if channel == .office { #expect(sheetPages.count > 1) }
        #expect(Tools.run("/usr/bin/qpdf", ["--check", file.url.path]) != nil)
    }
}

@Suite struct TemplateFuzzTests {
    private static let snippets = [
        "{{#", "}}", "{{/estEleve}}", "{{#estParent}}", "## ", "\n## inconnu\n", "|", " | ", "{{", "<b>", "</i>", "{{{compte.nom}}",
        "{{=<% %>=}}", "{{^activation}}", "{{! commentaire", "\n## colonnes\nA | B\n", "&", "<span foo=\"", "\u{0}", "{{compte.inconnu}}",
    ]

    @Test func aBrokenTemplateIsReportedOrPrintsButNeverCrashes() throws {
        var random = SeededRandom(seed: 11)
        let school = SchoolGenerator().generate()
        let batch = try #require(batches(school).first { $0.channel == .meeting })
        var small = batch
        small.letters = Array(batch.letters.prefix(2))
        let files = DocumentTemplates.required.keys.sorted()
        var reported = 0, printed = 0
        for round in 0..<120 {
            let copy = try folder()
            for name in files { try FileManager.default.copyItem(at: reports.appendingPathComponent(name), to: copy.appendingPathComponent(name)) }
            let target = copy.appendingPathComponent(random.pick(files))
            var text = Array(try String(contentsOf: target, encoding: .utf8))
            for _ in 0..<random.int(1...3) {
                let at = random.int(0...text.count)
                if random.chance(0.3), text.count > 10 {
                    let end = min(text.count, at + random.int(1...40))
                    text.removeSubrange(min(at, end)..<end)
                } else {
                    text.insert(contentsOf: random.pick(Self.snippets), at: at)
                }
            }
            try String(text).write(to: target, atomically: true, encoding: .utf8)
            do {
                let templates = try DocumentTemplates.load(copy)
                let options = PrintOptions(layout: round % 2 == 0 ? .one : .eight, folder: copy.appendingPathComponent("out"), sort: [],
                                           date: SchoolCalendar.parse("2026-09-01")!, returnBy: SchoolCalendar.parse("2026-09-08")!, planID: 1, planName: "R")
                let out = try PrintJob(templates: templates, settings: settings(for: school.name), options: options).run([small])
                #expect(out.count == 1 && Tools.pdfPageCount(out[0].url) == out[0].pages)
                printed += 1
            } catch let error as TemplateError {
                // Said with the file, a line and a column.
                #expect(error.userMessage.contains(target.lastPathComponent) && error.userMessage.contains(", ligne "), "\(error.userMessage)")
                reported += 1
            }
        }
        // The mutations both break templates and leave some usable.
        #expect(reported > 10 && printed > 10)
    }

    @Test func aTableTemplateWithTheWrongColumnsIsRefusedBeforePrinting() throws {
        let copy = try folder()
        for name in DocumentTemplates.required.keys { try FileManager.default.copyItem(at: reports.appendingPathComponent(name), to: copy.appendingPathComponent(name)) }
        let paquet = copy.appendingPathComponent("paquet.mustache")
        let text = try String(contentsOf: paquet, encoding: .utf8)
        try text.replacingOccurrences(of: "Parent | Enfant(s) | Signature", with: "Parent | Signature").write(to: paquet, atomically: true, encoding: .utf8)
        let error = #expect(throws: TemplateError.self) { try DocumentTemplates.load(copy) }
        #expect(error?.userMessage.contains("« colonnes » donne 2 colonnes pour réunion de rentrée, 3 attendues") == true)
        #expect(error?.userMessage.contains("paquet.mustache, ligne ") == true)
    }
}
