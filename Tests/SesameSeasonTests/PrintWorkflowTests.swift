import Foundation
import SesameCore
import SesameFiles
import SesameFixtures
import SesameSeason
import SesameStore
import SesameTestSupport
import Testing

@Suite struct PrintWorkflowTests {
    @Test func aLostLetterIsPrintedAgainFromWhicheverPlanHoldsIt() throws {
        let f = try SeasonFixture()
        let school = SchoolGenerator().generate()
        try f.start([school])
        let pupils = try f.plan("ecole", profiles: [.student])
        _ = try f.printPackets()
        let parents = try f.plan("ecole", profiles: [.parent])
        _ = try f.printPackets()
        #expect(parents > pupils)
        let pupil = try #require(try f.letters(pupils).first { $0.value.state == .issued }?.key)
        _ = try f.season.record(RecordRequest(.lost, .accounts([pupil]), actor: "x"))

        // No plan given: the latest plan (the parents') does not hold it, the first one does.
        let again = try f.season.printPackets(PrintRequest(folder: f.folder.appendingPathComponent("perdue"), accounts: [pupil], actor: "x"))
        #expect(again.planID == pupils && again.letters == 1 && again.index == nil)
        let text = Tools.pdfPages(try #require(again.files.first?.url)).joined()
        #expect(text.contains(pupil))
        #expect(try f.letters(pupils)[pupil]?.state == .issued)
        // A login no account has is told as such; a known one with no paper letter under way, as that.
        #expect(throws: TrackingError.unknownLogin("personne.inconnue", line: nil)) {
            try f.season.printPackets(PrintRequest(folder: f.folder, accounts: ["personne.inconnue"], actor: "x"))
        }
        let teacher = try #require(school.people(.teacher).first).printedLogin
        #expect(throws: SeasonError.nothingToPrint(plan: parents, logins: [teacher])) {
            try f.season.printPackets(PrintRequest(folder: f.folder, accounts: [teacher], actor: "x"))
        }
    }
}

@Suite struct SettingsWorkflowTests {
    @Test func aDirectorSetsTheSharedSettingsAndTheServerOnlyAloneAndNeverAServerWithItsPassword() throws {
        let schools = SchoolGenerator.twoSchools()
        let f = try SeasonFixture()
        try f.start(schools)
        let director = try f.season.enrolPerson(name: "Anne Roux", role: .director, school: schools[0].name, classes: []).person
        var server = SettingsChange()
        server.smtpURL = "smtp://ailleurs.example:25"
        #expect(throws: SeasonError.forbidden) { try f.season.configure(server, by: director) }
        var shared = SettingsChange()
        shared.entName = "Autre ENT"
        #expect(throws: SeasonError.forbidden) { try f.season.configure(shared, by: director) }
        var own = SettingsChange()
        (own.city, own.school) = ("Rezé", schools[1].name)
        _ = try f.season.configure(own, by: director)
        let settings = try f.season.settings()
        // Their own school's, whatever school the change named.
        #expect(settings.school(named: schools[0].name)?.city == "Rezé" && settings.school(named: schools[1].name)?.city != "Rezé")
        #expect(settings.ent.name == "e-primO" && settings.email.smtpURL == nil)

        let alone = try SeasonFixture()
        try alone.start([schools[0]])
        let only = try alone.season.enrolPerson(name: "Anne Roux", role: .director, school: schools[0].name, classes: []).person
        _ = try alone.season.configure(shared, by: only)
        #expect(try alone.season.settings().ent.name == "Autre ENT")
        // The server, in a store of their school alone, while no password is set for it.
        _ = try alone.season.configure(server, by: only)
        #expect(try alone.season.settings().email.smtpURL == "smtp://ailleurs.example:25")
        #expect(throws: SeasonError.forbidden) { try alone.season.configure(server, by: only, environmentPassword: true) }
        var password = SettingsChange()
        password.passwordFile = "/etc/sesame/smtp"
        #expect(throws: SeasonError.forbidden) { try alone.season.configure(password, by: only) }
        _ = try alone.season.configure(password)
        #expect(throws: SeasonError.forbidden) { try alone.season.configure(server, by: only) }
        var invalid = SettingsChange()
        invalid.smtpURL = "ailleurs.example"
        #expect(throws: SeasonError.self) { try f.season.configure(invalid, by: director) }
        let teacher = try alone.season.enrolPerson(name: "Camille Roux", role: .teacher, school: schools[0].name, classes: ["CP A"]).person
        #expect(throws: SeasonError.forbidden) { try alone.season.configure(own, by: teacher) }
    }

    @Test func withSeveralSchoolsTheENTSettingsGoToAllAndASchoolsOwnWaitForItsName() throws {
        let schools = SchoolGenerator.twoSchools(secondSeed: 3)
        let f = try SeasonFixture()
        for (i, school) in schools.enumerated() {
            _ = try f.season.importFiles(ImportFiles(export: try f.write(school.exportFile(), to: "e\(i).csv")))
        }
        var change = SettingsChange()
        change.entName = "ONE"
        change.entURL = "https://one.example"
        change.director = "Anne Roux"
        let first = try f.season.configure(change)
        #expect(Set(first.schoolRequired ?? []) == Set(schools.map(\.name)))
        var settings = try f.season.settings()
        #expect(settings.ent.name == "ONE" && settings.ent.url == "https://one.example")
        #expect(settings.schools.count == 2 && settings.schools.allSatisfy { $0.director == nil })

        change.school = "jules ferry"
        #expect(try f.season.configure(change).schoolRequired == nil)
        settings = try f.season.settings()
        #expect(settings.school(named: schools[1].name)?.director == "Anne Roux")
        #expect(settings.school(named: schools[0].name)?.director == nil)
        change.school = "École inconnue"
        #expect(throws: StoreError.self) { try f.season.configure(change) }
    }
}

@Suite struct ConfidentialityTests {
    @Test func lettersAPupilCarriesAreNeverPrintedAsCards() throws {
        let f = try SeasonFixture()
        try f.start([SchoolGenerator().generate()])
        try f.plan("via-eleve")
        let error = #expect(throws: SeasonError.self) {
            try f.season.printPackets(PrintRequest(layout: .eight, folder: f.folder.appendingPathComponent("cartes"), actor: "x"))
        }
        guard case .cardsForCarriedLetters(let classes) = error else { Issue.record("\(String(describing: error))"); return }
        #expect(!classes.isEmpty)
        #expect(error?.userMessage.contains("--layout 1") == true)
        // Nothing was written nor recorded.
        #expect(!FileManager.default.fileExists(atPath: f.folder.appendingPathComponent("cartes").path))
        let folded = try f.season.printPackets(PrintRequest(layout: .one, folder: f.folder.appendingPathComponent("lettres"), actor: "x"))
        #expect(folded.letters > 0)
        let carried = try #require(folded.files.first { $0.channel == .viaStudent })
        #expect(Tools.pdfPages(carried.url).contains { $0.contains("CONFIDENTIEL") })
    }

    @Test func postalLettersStayOnePerPageAndTheUserIsTold() throws {
        let f = try SeasonFixture()
        try f.start([SchoolGenerator().generate()])
        let strategy = try f.write(Data("""
            title: Courrier
            profiles:
              parent:
                - channel: post
                  if: has-address
                - office
              student: [in-class]
              staff: [office]
              guest: [office]
              teacher:
                excluded: pas concernés

            """.utf8), to: "courrier.yaml")
        try f.plan(file: strategy)
        let result = try f.season.printPackets(PrintRequest(layout: .two, folder: f.folder.appendingPathComponent("p"), actor: "x"))
        #expect(result.notes.count == 1 && result.notes[0].contains("enveloppe à fenêtre"))
    }
}

@Suite struct FollowUpListTests {
    @Test func aClassListNamesThePupilWhoCarriesEachParentsReminder() throws {
        let school = SchoolGenerator().generate()
        let f = try SeasonFixture()
        try f.start([school])
        let plan = try f.plan("ecole")
        _ = try f.printPackets()
        let meeting = try f.letters(plan).filter { $0.value.channel == .meeting && $0.value.state == .issued }.keys.sorted()
        _ = try f.season.record(RecordRequest(.absent, .accounts(Array(meeting.prefix(6))), actor: "x"))
        let result = try f.season.followUp(FollowUpOrder(plan: plan, listsFolder: f.folder.appendingPathComponent("relance"), actor: "x"))
        let parentLogin = meeting[0]
        let parent = try #require(school.people.first { $0.printedLogin == parentLogin })
        let child = school.people[try #require(parent.children.first { !school.people[$0].isGhost })]
        let list = try #require(result.lists.first { $0.lastPathComponent == "relance_\(FileName.slug(child.classes[0])).pdf" })
        let text = Tools.pdfPages(list).joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("Parent " + French.de(child.displayName)), "\(text.prefix(600))")
    }
}
