import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SesameCore
import SesameFixtures
import SesameImport
import SesameSeason
import SesameStore
import SesameTestSupport
import SesameWeb
import Testing

private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Two generated schools imported, planned and printed; a teacher of CP A at the first, its
/// director, and the director of the second, each with an enrolment link.
struct WebFixture {
    let season: Season
    let schools: [GeneratedSchool]
    let teacher: Enrolment, director: Enrolment, otherDirector: Enrolment
    let server: WebServer

    /// `planned` false: imported and set up only, for the pages that plan; `printed` false:
    /// planned, not printed, for the page that prints.
    init(planned: Bool = true, printed: Bool = true) async throws {
        let folder = try TestFolders.make("sesame-web")
        season = Season(
            store: try Store(path: folder.appendingPathComponent("sesame.db").path), templatesFolder: repository.appendingPathComponent("Reports"),
            strategiesFolder: repository.appendingPathComponent("Strategies"))
        schools = SchoolGenerator.twoSchools()
        for (i, school) in schools.enumerated() {
            let url = folder.appendingPathComponent("e\(i).csv")
            try school.exportFile().write(to: url)
            _ = try season.importFiles(ImportFiles(export: url))
        }
        var change = SettingsChange()
        change.entName = "e-primO"
        change.entURL = "https://www.e-primo.fr"
        _ = try season.configure(change)
        for school in schools {
            var own = SettingsChange()
            (own.school, own.director, own.city) = (school.name, "Anne Roux", "Nantes")
            _ = try season.configure(own)
        }
        if planned {
            let strategy = repository.appendingPathComponent("Strategies/ecole.yaml")
            var filter = AccountFilter()
            filter.activation = .pending
            _ = try season.createPlan(PlanOrder(
                strategy: try StrategyReader.load(strategy), strategySource: try String(contentsOf: strategy, encoding: .utf8),
                filter: filter, selection: "{}", actor: "test"))
        }
        if planned && printed {
            _ = try season.printPackets(PrintRequest(folder: folder.appendingPathComponent("paquets"), actor: "Direction"))
        }
        teacher = try season.enrolPerson(name: "Camille Roux", role: .teacher, school: schools[0].name, classes: ["CP A"])
        director = try season.enrolPerson(name: "Anne Roux", role: .director, school: schools[0].name, classes: [])
        otherDirector = try season.enrolPerson(name: "Paul Durand", role: .director, school: schools[1].name, classes: [])
        server = try await WebServer(season: season, pagesFolder: repository.appendingPathComponent("Reports/web"))
    }

    var codes: [String] { schools.flatMap { $0.people.compactMap(\.activationCode) } }
}

/// A browser's memory between requests: its cookies.
struct Browser {
    var cookies: [String: String] = [:]

    var header: HTTPFields {
        cookies.isEmpty ? [:] : [.cookie: cookies.map { "\($0)=\($1)" }.joined(separator: "; ")]
    }

    mutating func keep(_ response: TestResponse) {
        for field in response.headers[values: .setCookie] {
            let pair = field.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            cookies[String(pair[0])] = pair.count > 1 ? String(pair[1]) : ""
        }
    }

    static func field(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    static func form(_ fields: [String: String]) -> ByteBuffer {
        ByteBuffer(string: fields.map { "\($0)=\($1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&"))
    }
}

let formType: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

@Suite struct WebTests {
    /// Enrols from the link with a password, and returns the browser, logged in, with the page's CSRF token.
    static func enrol(_ token: String, client: some TestClientProtocol) async throws -> (Browser, String) {
        var browser = Browser()
        let page = try await client.execute(uri: "/inscription/\(token)", method: .get)
        #expect(page.status == .ok)
        browser.keep(page)
        let csrf = try #require(Browser.field("csrf", in: String(buffer: page.body)))
        let done = try await client.execute(
            uri: "/inscription/\(token)", method: .post, headers: browser.header.merging(formType),
            body: Browser.form(["csrf": csrf, "motdepasse": "un mot de passe sûr", "confirmation": "un mot de passe sûr"]))
        #expect(done.status == .seeOther)
        browser.keep(done)
        let cookie = try #require(done.headers[values: .setCookie].first { $0.hasPrefix("sesame_session=") })
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
        let home = try await client.execute(uri: "/tableau", method: .get, headers: browser.header)
        let anyPage = home.status == .ok ? home : try await client.execute(uri: "/", method: .get, headers: browser.header)
        return (browser, try #require(Browser.field("csrf", in: String(buffer: anyPage.body))))
    }

    @Test func aTeacherEnrolsTicksUndoesAndSeesOnlyTheirClassesNeverACode() async throws {
        let f = try await WebFixture()
        let app = Application(router: f.server.router())
        try await app.test(.router) { client in
            let (browser, csrf) = try await Self.enrol(f.teacher.token, client: client)
            // The link works once.
            let again = try await client.execute(uri: "/inscription/\(f.teacher.token)", method: .get)
            #expect(again.status == .badRequest && String(buffer: again.body).contains("n’est plus valable"))

            let home = try await client.execute(uri: "/", method: .get, headers: browser.header)
            let homeText = String(buffer: home.body)
            #expect(homeText.contains("Mes paquets") && homeText.contains("CP A") && !homeText.contains("CM2"))
            // A packet without a meeting says nothing of one (an empty text is true to Mustache).
            #expect(homeText.contains("remise en classe<br>") && !homeText.contains("()"))
            let packets = try f.season.packets(for: f.teacher.person)
            #expect(!packets.isEmpty && packets.allSatisfy { $0.className == "CP A" && $0.school == f.schools[0].name })
            let packet = try #require(packets.first { $0.channel == .inClass })
            let page = String(buffer: try await client.execute(uri: "/paquets/\(packet.id)", method: .get, headers: browser.header).body)
            let letters = try f.season.packet(packet.id, for: f.teacher.person).letters
            #expect(letters.count > 10)

            // Three received, one absent, one undone.
            for letter in letters.prefix(3) {
                let r = try await client.execute(
                    uri: "/paquets/\(packet.id)/lettres/\(letter.deliveryID)", method: .post, headers: browser.header.merging(formType),
                    body: Browser.form(["csrf": csrf, "resultat": "received"]))
                #expect(r.status == .seeOther)
            }
            _ = try await client.execute(
                uri: "/paquets/\(packet.id)/lettres/\(letters[3].deliveryID)", method: .post, headers: browser.header.merging(formType),
                body: Browser.form(["csrf": csrf, "resultat": "absent"]))
            _ = try await client.execute(
                uri: "/paquets/\(packet.id)/lettres/\(letters[2].deliveryID)", method: .post, headers: browser.header.merging(formType),
                body: Browser.form(["csrf": csrf, "annuler": "1"]))
            let after = try f.season.packet(packet.id, for: f.teacher.person).letters
            #expect(after.prefix(4).map(\.state) == [.handedOver, .handedOver, .issued, .absent])
            let history = try f.season.history(of: letters[0].login).entries
            #expect(history.last?.actor == "Camille Roux" && history.last?.to == .handedOver)
            #expect(try f.season.history(of: letters[2].login).entries.last?.note?.contains("annulation") == true)

            // No page shows a code.
            for text in [homeText, page, String(buffer: try await client.execute(uri: "/paquets/\(packet.id)", method: .get, headers: browser.header).body)] {
                #expect(!f.codes.contains { text.contains($0) })
            }
        }
    }

    @Test func everyRefusalIsTested() async throws {
        let f = try await WebFixture()
        let app = Application(router: f.server.router())
        try await app.test(.router) { client in
            // Not logged in: to the log-in page.
            let anonymous = try await client.execute(uri: "/", method: .get)
            #expect(anonymous.status == .seeOther && anonymous.headers[.location] == "/connexion")
            let (teacher, csrf) = try await Self.enrol(f.teacher.token, client: client)
            let cm2 = try #require(try f.season.packets(for: f.director.person).first { $0.className == "CM2" })
            let mine = try #require(try f.season.packets(for: f.teacher.person).first)
            let letter = try #require(try f.season.packet(mine.id, for: f.teacher.person).letters.first { $0.state == .issued })

            // A teacher of CP A asking for CM2's packet, or ticking in it.
            #expect(try await client.execute(uri: "/paquets/\(cm2.id)", method: .get, headers: teacher.header).status == .forbidden)
            let cm2Letter = try #require(try f.season.packet(cm2.id, for: f.director.person).letters.first)
            let foreign = try await client.execute(
                uri: "/paquets/\(cm2.id)/lettres/\(cm2Letter.deliveryID)", method: .post, headers: teacher.header.merging(formType),
                body: Browser.form(["csrf": csrf, "resultat": "received"]))
            #expect(foreign.status == .forbidden)
            // A letter of another packet given under one's own packet.
            let smuggled = try await client.execute(
                uri: "/paquets/\(mine.id)/lettres/\(cm2Letter.deliveryID)", method: .post, headers: teacher.header.merging(formType),
                body: Browser.form(["csrf": csrf, "resultat": "received"]))
            #expect(smuggled.status == .forbidden)
            // A teacher has no dashboard.
            #expect(try await client.execute(uri: "/tableau", method: .get, headers: teacher.header).status == .forbidden)
            // Without the CSRF token, or with another, nothing changes.
            for fields in [["resultat": "received"], ["resultat": "received", "csrf": "faux"]] {
                let r = try await client.execute(
                    uri: "/paquets/\(mine.id)/lettres/\(letter.deliveryID)", method: .post, headers: teacher.header.merging(formType),
                    body: Browser.form(fields))
                #expect(r.status == .forbidden)
            }
            #expect(try f.season.packet(mine.id, for: f.teacher.person).letters.first { $0.deliveryID == letter.deliveryID }?.state == .issued)

            // A director of another school.
            let (other, _) = try await Self.enrol(f.otherDirector.token, client: client)
            #expect(try await client.execute(uri: "/paquets/\(cm2.id)", method: .get, headers: other.header).status == .forbidden)
            let board = String(buffer: try await client.execute(uri: "/tableau", method: .get, headers: other.header).body)
            #expect(board.contains("Jules Ferry") && !board.contains("Les Tilleuls"))

            // An enrolment link expired.
            let late = try f.season.enrolPerson(name: "Léa Petit", role: .teacher, school: f.schools[0].name, classes: ["CE1"], now: Date(timeIntervalSinceNow: -8 * 86_400))
            #expect(try await client.execute(uri: "/inscription/\(late.token)", method: .get).status == .badRequest)

            // Every answer carries the security headers.
            let page = try await client.execute(uri: "/connexion", method: .get)
            #expect(page.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            #expect(page.headers[HTTPField.Name("X-Frame-Options")!] == "DENY" && page.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
        }
    }

    @Test func passwordGuessingIsThrottledPerAccount() async throws {
        let f = try await WebFixture()
        let app = Application(router: f.server.router())
        try await app.test(.router) { client in
            _ = try await Self.enrol(f.director.token, client: client)
            var browser = Browser()
            func attempt(_ password: String) async throws -> TestResponse {
                let page = try await client.execute(uri: "/connexion", method: .get, headers: browser.header)
                browser.keep(page)
                let csrf = try #require(Browser.field("csrf", in: String(buffer: page.body)))
                return try await client.execute(
                    uri: "/connexion", method: .post, headers: browser.header.merging(formType),
                    body: Browser.form(["csrf": csrf, "identifiant": f.director.person.username, "motdepasse": password]))
            }
            for _ in 0..<Season.loginAttempts {
                let wrong = try await attempt("pas le bon")
                #expect(wrong.status == .unauthorized && String(buffer: wrong.body).contains("identifiant ou mot de passe incorrect"))
            }
            let blocked = try await attempt("un mot de passe sûr")
            #expect(blocked.status == .unauthorized && String(buffer: blocked.body).contains("trop d’essais"))
        }
    }

    @Test func theDashboardShowsTheFiguresOfStatus() async throws {
        let f = try await WebFixture()
        let app = Application(router: f.server.router())
        try await app.test(.router) { client in
            let (director, _) = try await Self.enrol(f.director.token, client: client)
            let board = String(buffer: try await client.execute(uri: "/tableau", method: .get, headers: director.header).body)
            let (_, report) = try f.season.status(school: f.schools[0].name)
            #expect(board.contains("Les Tilleuls"))
            #expect(board.contains("<th scope=\"row\">Total</th>") && board.contains("<td>\(report.total.total)</td>"))
            for row in report.byClass { #expect(board.contains("<th scope=\"row\">\(row.key.className ?? "sans classe")</th>")) }
            #expect(!f.codes.contains { board.contains($0) })
        }
    }
}

extension HTTPFields {
    func merging(_ other: HTTPFields) -> HTTPFields {
        var merged = self
        merged.append(contentsOf: other)
        return merged
    }
}

@Suite struct WebOversightTests {
    @Test func aDirectorReadsTheHistoryOfTheirSchoolOnlyAndTheSupportSeesEverySchool() async throws {
        let f = try await WebFixture()
        let support = try f.season.enrolPerson(name: "Assistance ENT", role: .support, school: nil, classes: [])
        let app = Application(router: f.server.router())
        try await app.test(.router) { client in
            let (director, csrf) = try await WebTests.enrol(f.director.token, client: client)
            let ours = try #require(f.schools[0].people.first { $0.profile == .student && $0.activationCode != nil && !$0.isGhost })
            let theirs = try #require(f.schools[1].people.first { $0.profile == .student && $0.activationCode != nil && !$0.isGhost })
            let page = try await client.execute(
                uri: "/historique", method: .post, headers: director.header.merging(formType),
                body: Browser.form(["csrf": csrf, "identifiant": ours.printedLogin]))
            let text = String(buffer: page.body)
            #expect(page.status == .ok && text.contains(ours.lastName) && text.contains("imprimée") && !text.contains(ours.activationCode!))
            let refused = try await client.execute(
                uri: "/historique", method: .post, headers: director.header.merging(formType),
                body: Browser.form(["csrf": csrf, "identifiant": theirs.printedLogin]))
            #expect(refused.status == .forbidden)
            // An unknown login is refused the same way: nothing tells who exists elsewhere.
            let unknown = try await client.execute(
                uri: "/historique", method: .post, headers: director.header.merging(formType),
                body: Browser.form(["csrf": csrf, "identifiant": "personne.inconnue"]))
            #expect(unknown.status == .forbidden)
            // The chart, drawn by the code of `status --chart`, for the director only.
            let chart = try await client.execute(uri: "/tableau/graphique.svg", method: .get, headers: director.header)
            #expect(chart.status == .ok && chart.headers[.contentType] == "image/svg+xml" && String(buffer: chart.body).contains("<svg"))
            let (teacher, _) = try await WebTests.enrol(f.teacher.token, client: client)
            #expect(try await client.execute(uri: "/tableau/graphique.svg", method: .get, headers: teacher.header).status == .forbidden)

            let (assistance, _) = try await WebTests.enrol(support.token, client: client)
            let board = String(buffer: try await client.execute(uri: "/tableau", method: .get, headers: assistance.header).body)
            #expect(board.contains("Par école") && board.contains("Les Tilleuls") && board.contains("Jules Ferry"))
        }
    }
}

@Suite struct WebTeamTests {
    @Test func aDirectorEnrolsATeacherOfTheExportAndOnlyOfTheirSchool() async throws {
        let f = try await WebFixture()
        let app = Application(router: f.server.router())
        try await app.test(.router) { client in
            let (director, csrf) = try await WebTests.enrol(f.director.token, client: client)
            let page = String(buffer: try await client.execute(uri: "/equipe", method: .get, headers: director.header).body)
            let (proposed, _) = try f.season.team(for: f.director.person)
            let first = try #require(proposed.first)
            #expect(page.contains(first.name) && page.contains("Camille Roux"))
            let done = try await client.execute(
                uri: "/equipe", method: .post, headers: director.header.merging(formType),
                body: Browser.form(["csrf": csrf, "nom": first.name, "classes": first.classes.joined(separator: ", ")]))
            let text = String(buffer: done.body)
            #expect(done.status == .ok && text.contains("/inscription/"))
            let enrolled = try #require(try f.season.people().first { $0.name == first.name })
            #expect(enrolled.role == .teacher && enrolled.school == f.schools[0].name && enrolled.classes == first.classes.sorted())
            // The link shown works, once.
            let token = try #require(text.range(of: "/inscription/").map { String(text[$0.upperBound...].prefix { $0 != "<" }) })
            _ = try await WebTests.enrol(token, client: client)
            // A teacher may not enrol anyone.
            let (teacher, teacherCSRF) = try await WebTests.enrol(f.teacher.token, client: client)
            #expect(try await client.execute(uri: "/equipe", method: .get, headers: teacher.header).status == .forbidden)
            let refused = try await client.execute(
                uri: "/equipe", method: .post, headers: teacher.header.merging(formType),
                body: Browser.form(["csrf": teacherCSRF, "nom": "Intrus", "classes": "CM2"]))
            #expect(refused.status == .forbidden)
            #expect(try f.season.people().allSatisfy { $0.name != "Intrus" })
        }
    }
}

@Suite struct WebDownloadTests {
    @Test func aDownloadedPacketIsAPDFAndEachLettersHistorySaysWhoDownloadedIt() async throws {
        let f = try await WebFixture()
        let app = Application(router: f.server.router())
        try await app.test(.router) { client in
            let (director, _) = try await WebTests.enrol(f.director.token, client: client)
            let packet = try #require(try f.season.packets(for: f.director.person).first { $0.className == "CE1" })
            let pdf = try await client.execute(uri: "/paquets/\(packet.id)/pdf", method: .get, headers: director.header)
            #expect(pdf.status == .ok && pdf.headers[.contentType] == "application/pdf")
            #expect(pdf.body.readableBytes > 10_000 && String(buffer: pdf.body).hasPrefix("%PDF"))
            let letter = try #require(try f.season.packet(packet.id, for: f.director.person).letters.first)
            let last = try #require(try f.season.history(of: letter.login).entries.last)
            #expect(last.actor == "Anne Roux" && last.note?.hasPrefix("paquet téléchargé") == true && last.from == last.to)
            // States do not change; a teacher, or another school's director, may not download.
            #expect(try f.season.packet(packet.id, for: f.director.person).letters.allSatisfy { $0.state == .issued })
            let (teacher, _) = try await WebTests.enrol(f.teacher.token, client: client)
            let mine = try #require(try f.season.packets(for: f.teacher.person).first)
            #expect(try await client.execute(uri: "/paquets/\(mine.id)/pdf", method: .get, headers: teacher.header).status == .forbidden)
            let (other, _) = try await WebTests.enrol(f.otherDirector.token, client: client)
            #expect(try await client.execute(uri: "/paquets/\(packet.id)/pdf", method: .get, headers: other.header).status == .forbidden)
        }
    }
}

@Suite struct WebFollowUpTests {
    @Test func aDirectorReadsTheFollowUpListsOfTheirSchoolAndTheSheetsStillExpected() async throws {
        let f = try await WebFixture()
        let support = try f.season.enrolPerson(name: "Assistance ENT", role: .support, school: nil, classes: [])
        let packet = try #require(try f.season.packets(for: f.director.person).first { $0.className == "CE1" })
        let absent = try #require(try f.season.packet(packet.id, for: f.director.person).letters.first)
        _ = try f.season.tick(absent.deliveryID, in: packet.id, .absent, by: f.director.person)
        let before = try f.season.status(school: f.schools[0].name).report.total
        let app = Application(router: f.server.router())
        try await app.test(.router) { client in
            let (director, _) = try await WebTests.enrol(f.director.token, client: client)
            let board = String(buffer: try await client.execute(uri: "/tableau", method: .get, headers: director.header).body)
            #expect(board.contains("Feuilles d’émargement attendues") && board.contains("href=\"/relances\""))
            #expect(board.contains("\(packet.letters - 1) lettres sans retour"))

            let page = try await client.execute(uri: "/relances", method: .get, headers: director.header)
            let text = String(buffer: page.body)
            #expect(page.status == .ok && text.contains("Relances — \(f.schools[0].name)"))
            #expect(text.contains(absent.name) && text.contains("→ bureau") && text.contains("émargement attendu"))
            // Names are drawn from one pool: the other school's people are those whose name ours has not.
            let ours = Set(f.schools[0].people.map { "\($0.firstName) \($0.lastName)" })
            let others = f.schools[1].people.map { "\($0.firstName) \($0.lastName)" }.filter { !ours.contains($0) }
            #expect(others.count > 10 && !others.contains { text.contains("<th scope=\"row\">\($0)") })
            #expect(text.components(separatedBy: "<tr><th scope=\"row\">").count - 1
                == (try f.season.followUpPreview(school: f.schools[0].name, for: f.director.person).count))
            #expect(!f.codes.contains { text.contains($0) })
            // Reading the lists changes nothing.
            #expect(try f.season.status(school: f.schools[0].name).report.total == before)

            let list = try await client.execute(uri: "/relances/liste.pdf?classe=CE1", method: .get, headers: director.header)
            #expect(list.status == .ok && list.headers[.contentType] == "application/pdf")
            let file = TestFolders.file("relance", extension: "pdf")
            try Data(buffer: list.body).write(to: file)
            let lines = Tools.pdfPages(file).joined()
            #expect(lines.contains("CE1") && lines.contains(absent.name.components(separatedBy: " ").last!))
            #expect(!f.codes.contains { lines.contains($0) })
            let direction = try await client.execute(uri: "/relances/liste.pdf", method: .get, headers: director.header)
            #expect(direction.status == .ok && String(buffer: direction.body).hasPrefix("%PDF"))

            // A director's school is theirs whatever the address names; a teacher has no lists.
            let (other, _) = try await WebTests.enrol(f.otherDirector.token, client: client)
            let theirs = String(buffer: try await client.execute(
                uri: "/relances?ecole=\(f.schools[0].name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)", method: .get, headers: other.header).body)
            #expect(theirs.contains("Relances — \(f.schools[1].name)") && !theirs.contains(absent.name))
            let (teacher, _) = try await WebTests.enrol(f.teacher.token, client: client)
            #expect(try await client.execute(uri: "/relances", method: .get, headers: teacher.header).status == .forbidden)
            #expect(try await client.execute(uri: "/relances/liste.pdf", method: .get, headers: teacher.header).status == .forbidden)
            #expect(try await client.execute(uri: "/relances", method: .get).status != .ok)

            // The support names the school: from the table of schools.
            let (assistance, _) = try await WebTests.enrol(support.token, client: client)
            let table = String(buffer: try await client.execute(uri: "/tableau", method: .get, headers: assistance.header).body)
            let link = "/relances?ecole=\(f.schools[0].name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
            #expect(table.contains(link.replacingOccurrences(of: "&", with: "&amp;")))
            let chosen = String(buffer: try await client.execute(uri: link, method: .get, headers: assistance.header).body)
            #expect(chosen.contains(absent.name))
            #expect(try await client.execute(uri: "/relances", method: .get, headers: assistance.header).status == .forbidden)
        }
    }
}
