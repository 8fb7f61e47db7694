import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SesameCore
import SesameImport
import SesameSeason
import SesameStore
import SesameTestSupport
import Testing

/// The director's season in the pages: select, plan, settings, follow-up; each through the
/// same use case as the CLI, each refused to whom it is not.
@Suite struct WebSeasonTests {
    static func page(_ client: some TestClientProtocol, _ uri: String, _ browser: Browser) async throws -> (HTTPResponse.Status, String) {
        let response = try await client.execute(uri: uri, method: .get, headers: browser.header)
        return (response.status, String(buffer: response.body))
    }

    static func post(_ client: some TestClientProtocol, _ uri: String, _ browser: Browser, _ fields: [String: String]) async throws -> (HTTPResponse.Status, String) {
        let response = try await client.execute(uri: uri, method: .post, headers: browser.header.merging(formType), body: Browser.form(fields))
        return (response.status, String(buffer: response.body))
    }

    /// A multipart form as a browser posts it: text fields, then files (field, file name, content).
    static func multipart(
        _ client: some TestClientProtocol, _ uri: String, _ browser: Browser, fields: [(String, String)], files: [(String, String, Data)]
    ) async throws -> (HTTPResponse.Status, String) {
        let boundary = "----sesame\(UUID().uuidString)"
        var body = Data()
        for (name, value) in fields {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for (field, name, data) in files {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(name)\"\r\nContent-Type: text/csv\r\n\r\n".utf8)
            body += data + Data("\r\n".utf8)
        }
        body += Data("--\(boundary)--\r\n".utf8)
        let response = try await client.execute(
            uri: uri, method: .post, headers: browser.header.merging([.contentType: "multipart/form-data; boundary=\(boundary)"]),
            body: ByteBuffer(bytes: body))
        return (response.status, String(buffer: response.body))
    }

    @Test func theSelectionShowsTheSeedsColumnsAndTotalsOfTheDirectorsSchoolOnly() async throws {
        let f = try await WebFixture(planned: false)
        let support = try f.season.enrolPerson(name: "Assistance ENT", role: .support, school: nil, classes: [])
        let app = Application(router: f.server.router())
        try await app.test(.router) { client in
            let (director, _) = try await WebTests.enrol(f.director.token, client: client)
            let other = f.schools[1].name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let (status, text) = try await Self.page(client, "/selection?profil=parent&activation=pending&classe=CP%20A&ecole=\(other)", director)
            var filter = AccountFilter()
            (filter.schools, filter.profiles, filter.activation, filter.classes) = ([f.schools[0].name], [.parent], .pending, ["CP A"])
            let expected = try f.season.select(filter).accounts
            #expect(status == .ok && expected.count > 5)
            #expect(text.contains("<strong>\(expected.count)</strong> comptes sélectionnés"))
            #expect(text.components(separatedBy: "<tr><th scope=\"row\">").count - 1 == expected.count)
            #expect(text.contains(expected[0].login) && text.contains("••••••••") && !f.codes.contains { text.contains($0) })
            #expect(text.contains("value=\"CP A\" checked") && text.contains("href=\"/plan?"))
            // Activated accounts say so in the code column.
            let (_, all) = try await Self.page(client, "/selection?activation=activated", director)
            #expect(all.contains("(activé)") && !all.contains("••••••••"))
            // A date that is no date is said so, in French.
            let (bad, message) = try await Self.page(client, "/selection?creeAvant=31%2F02", director)
            #expect(bad == .badRequest && message.contains("n’est pas une date"))

            let (teacher, _) = try await WebTests.enrol(f.teacher.token, client: client)
            #expect(try await Self.page(client, "/selection", teacher).0 == .forbidden)
            // The support chooses the school first; then sees that school's list.
            let (assistance, _) = try await WebTests.enrol(support.token, client: client)
            let (_, empty) = try await Self.page(client, "/selection", assistance)
            #expect(empty.contains("— choisir —") && !empty.contains("id=\"comptes\""))
            let (_, chosen) = try await Self.page(client, "/selection?ecole=\(other)&activation=pending", assistance)
            #expect(chosen.contains("Sélectionner les comptes — \(f.schools[1].name)") && chosen.contains("id=\"comptes\""))
        }
    }

    @Test func aPlanIsShownThenRecordedAsTheCLIWouldMakeIt() async throws {
        let f = try await WebFixture(planned: false)
        let app = Application(router: f.server.router())
        try await app.test(.router) { client in
            let (director, csrf) = try await WebTests.enrol(f.director.token, client: client)
            let (status, form) = try await Self.page(client, "/plan?activation=pending", director)
            #expect(status == .ok && form.contains("À choisir quand l’école suit la démarche habituelle") && form.contains("name=\"reunion-0\""))
            // The strategy file's list is a list on the page, not « - les élèves … » inline.
            #expect(form.contains("<li>les élèves reçoivent leur lettre en classe, des mains de leur enseignant ;</li>") && !form.contains("- les élèves"))
            #expect(form.contains("<li>les personnels la retirent au bureau du directeur.</li>") && form.contains("<span>L’équipe enseignante n’est pas concernée"))
            let classIndex = try #require(form.range(of: "value=\"CP A\"").map { form[..<$0.lowerBound] }?.components(separatedBy: "name=\"classe-").last?.prefix { $0 != "\"" })
            var fields = ["csrf": csrf, "selection": "activation=pending", "strategie": "ecole", "nom": "Rentrée 2026"]
            fields["classe-\(classIndex)"] = "CP A"
            fields["reunion-\(classIndex)"] = "2026-09-15T18:00"
            let (shown, preview) = try await Self.post(client, "/plan/apercu", director, fields)
            #expect(shown == .ok && preview.contains("15/09/2026 à 18:00") && preview.contains("Créer ce plan"))
            #expect(try f.season.plans().isEmpty)
            var filter = AccountFilter()
            (filter.schools, filter.activation) = ([f.schools[0].name], .pending)
            let order = PlanOrder(
                strategy: try #require(try f.season.strategies().first { $0.strategy.name == "ecole" }).strategy, strategySource: "",
                filter: filter, selection: "{}", meetings: [("CP A", try #require(SchoolCalendar.parseMeeting("15/09/2026 18h")))], actor: "x")
            let letters = try f.season.previewPlan(order).flatMap(\.batches).flatMap(\.deliveries).filter { !$0.isCopy }.count
            #expect(preview.contains("<strong>\(letters)</strong> lettres prévues"))

            // Without the form's token: refused, nothing recorded.
            var forged = fields
            forged["csrf"] = "faux"
            #expect(try await Self.post(client, "/plan", director, forged).0 == .forbidden)
            #expect(try f.season.plans().isEmpty)
            let (made, done) = try await Self.post(client, "/plan", director, fields)
            #expect(made == .ok && done.contains("Plan n° 1 créé"))
            let plan = try f.season.plan(nil)
            #expect(plan.overview.letters == letters && plan.overview.createdBy == "Anne Roux" && plan.overview.name == "Rentrée 2026")
            #expect(Set(plan.overview.batches.map(\.school)) == [f.schools[0].name])
            #expect(plan.overview.batches.contains { $0.channel == .meeting && $0.className == "CP A" && $0.meeting != nil })
            // Counts agree with their number: "16 élèves", "1 personnel".
            for batch in plan.overview.batches {
                for (profile, n) in batch.byProfile { #expect(done.contains(profile.counted(n))) }
            }
            #expect(plan.overview.batches.contains { ($0.byProfile[.student] ?? 0) > 1 } && done.contains(" élèves<"))

            // A meeting that is no date, in French; a teacher may not plan.
            fields["reunion-\(classIndex)"] = "mardi soir"
            let (bad, message) = try await Self.post(client, "/plan/apercu", director, fields)
            #expect(bad == .badRequest && message.contains("réunion de CP A : « mardi soir » n’est pas une date et une heure"))
            let (teacher, teacherCSRF) = try await WebTests.enrol(f.teacher.token, client: client)
            fields["csrf"] = teacherCSRF
            #expect(try await Self.post(client, "/plan", teacher, fields).0 == .forbidden)
            #expect(try f.season.plans().count == 1)
        }
    }

    @Test func aDirectorSetsTheirSchoolsSettingsOnly() async throws {
        let f = try await WebFixture(planned: false)
        let app = Application(router: f.server.router())
        try await app.test(.router) { client in
            let (director, csrf) = try await WebTests.enrol(f.director.token, client: client)
            let (status, form) = try await Self.page(client, "/reglages", director)
            #expect(status == .ok && form.contains("value=\"Anne Roux\"") && form.contains("commun à toutes les écoles"))
            let (saved, page) = try await Self.post(client, "/reglages", director, [
                "csrf": csrf, "direction": "Anne Roux-Martin", "titre": "directrice", "adresse": "3 rue des Écoles", "ville": "Rezé",
                "telephone": "02 40 00 00 00", "courriel": "ce.0440001a@ac-nantes.fr", "entNom": "Autre ENT",
            ])
            #expect(saved == .ok && page.contains("Réglages enregistrés"))
            let settings = try f.season.settings()
            let ours = try #require(settings.school(named: f.schools[0].name))
            #expect(ours.director == "Anne Roux-Martin" && ours.directorTitle == "directrice" && ours.city == "Rezé" && ours.phone == "02 40 00 00 00")
            // The ENT is the whole store's, and the other school's settings are theirs.
            #expect(settings.ent.name == "e-primO" && settings.school(named: f.schools[1].name)?.city == "Nantes")
            let (teacher, teacherCSRF) = try await WebTests.enrol(f.teacher.token, client: client)
            #expect(try await Self.page(client, "/reglages", teacher).0 == .forbidden)
            #expect(try await Self.post(client, "/reglages", teacher, ["csrf": teacherCSRF, "ville": "Ailleurs"]).0 == .forbidden)
            #expect(try f.season.settings().school(named: f.schools[0].name)?.city == "Rezé")
            // The same rules as `sesame init`, said with the page's words, and nothing written.
            let (refused, message) = try await Self.post(client, "/reglages", director, ["csrf": csrf, "ville": "Nantes", "telephone": "voir le secrétariat"])
            #expect(refused == .badRequest)
            #expect(message.contains("téléphone de l’école « voir le secrétariat » : un numéro de téléphone est attendu (02 40 12 34 56)"))
            #expect(!message.contains("--"))
            let kept = try #require(try f.season.settings().school(named: f.schools[0].name))
            #expect(kept.city == "Rezé" && kept.phone == "02 40 00 00 00")
        }
    }

    @Test func aDirectorLaunchesTheirSchoolsFollowUpOnce() async throws {
        let f = try await WebFixture()
        let packet = try #require(try f.season.packets(for: f.director.person).first { $0.className == "CE1" })
        let absent = try #require(try f.season.packet(packet.id, for: f.director.person).letters.first)
        _ = try f.season.tick(absent.deliveryID, in: packet.id, .absent, by: f.director.person)
        let app = Application(router: f.server.router())
        try await app.test(.router) { client in
            let (teacher, teacherCSRF) = try await WebTests.enrol(f.teacher.token, client: client)
            #expect(try await Self.post(client, "/relances", teacher, ["csrf": teacherCSRF]).0 == .forbidden)
            let (director, csrf) = try await WebTests.enrol(f.director.token, client: client)
            let (_, lists) = try await Self.page(client, "/relances", director)
            #expect(lists.contains("Lancer la relance"))
            let (status, done) = try await Self.post(client, "/relances", director, ["csrf": csrf])
            #expect(status == .ok && done.contains("Plan de relance n° 2 créé : 1 nouvelle lettre"))
            let made = try f.season.plan(2).detail
            #expect(made.follows == 1 && made.batches.flatMap(\.deliveries).map(\.login) == [absent.login])
            #expect(try f.season.history(of: absent.login).entries.contains { $0.to == .escalated && $0.actor == "Anne Roux" })
            // Once: the letter is escalated, nothing is left to move on.
            let (_, again) = try await Self.post(client, "/relances", director, ["csrf": csrf])
            #expect(try again.contains("aucun plan n’a été créé") && f.season.plans().count == 2)
        }
    }

    @Test func aDirectorPrintsTheSchoolsPacketsInTheServerAndDownloadsTheZIP() async throws {
        let f = try await WebFixture(printed: false)
        let app = Application(router: f.server.router())
        try await app.test(.router) { client in
            let (teacher, teacherCSRF) = try await WebTests.enrol(f.teacher.token, client: client)
            #expect(try await Self.post(client, "/impression", teacher, ["csrf": teacherCSRF]).0 == .forbidden)
            let (director, csrf) = try await WebTests.enrol(f.director.token, client: client)
            let started = try await client.execute(
                uri: "/impression", method: .post, headers: director.header.merging(formType),
                body: Browser.form(["csrf": csrf, "disposition": "2", "tri": "class"]))
            #expect(started.status == .seeOther && started.headers[.location] == "/impression")
            // The page can be left and come back to: the job runs in the server.
            var state: [String: Any] = [:]
            for _ in 0..<600 {
                let (_, json) = try await Self.page(client, "/impression/etat", director)
                state = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
                if state["enCours"] as? Bool == false { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(state["enCours"] as? Bool == false && (state["texte"] as? String)?.hasSuffix("fichiers.") == true)
            let (_, page) = try await Self.page(client, "/impression", director)
            #expect(page.contains("Tout télécharger (ZIP)") && !f.codes.contains { page.contains($0) })
            let zipLink = try #require(page.range(of: "href=\"/impression/").map { "/impression/" + page[$0.upperBound...].prefix { $0 != "\"" } })
            #expect(zipLink.hasSuffix("/paquets.zip"))

            // Only this school's letters were printed, and they are now issued.
            let ours = try f.season.select({ var a = AccountFilter(); a.schools = [f.schools[0].name]; return a }()).accounts.map(\.login)
            let plan = try f.season.plan(1).detail
            let letters = plan.batches.filter { $0.channel.isPaper }.flatMap { b in b.deliveries.map { (b.school, $0) } }
            #expect(letters.allSatisfy { $0.0 == f.schools[0].name ? $0.1.state == .issued : $0.1.state == .planned })
            #expect(letters.contains { $0.0 == f.schools[1].name } && !ours.isEmpty)

            let zip = try await client.execute(uri: zipLink, method: .get, headers: director.header)
            #expect(zip.status == .ok && zip.headers[.contentType] == "application/zip")
            let file = TestFolders.file("paquets", extension: "zip")
            try Data(buffer: zip.body).write(to: file)
            let listing = try #require(Tools.run("/usr/bin/python3", ["-m", "zipfile", "-l", file.path]))
            // Every packet of the page's table and every sheet of it, in the ZIP.
            let entries = listing.split(separator: "\n")
            #expect(entries.filter { $0.contains(".pdf ") }.count == page.components(separatedBy: "<tr><th scope=\"row\"><a href=").count - 1)
            #expect(entries.filter { $0.contains(".csv ") }.count == page.components(separatedBy: "tableur (CSV)").count - 1)
            #expect(entries.count > 5 && listing.contains("emargement"))
            // Each letter's history says who downloaded the ZIP.
            let letter = try #require(letters.first { $0.0 == f.schools[0].name }?.1)
            #expect(try f.season.history(of: letter.login).entries.last?.note == "paquet téléchargé depuis les pages web : paquets.zip")
            #expect(try f.season.history(of: letter.login).entries.last?.actor == "Anne Roux")

            // Another school's director cannot reach this job's files.
            let (other, _) = try await WebTests.enrol(f.otherDirector.token, client: client)
            #expect(try await client.execute(uri: zipLink, method: .get, headers: other.header).status == .forbidden)
            #expect(try await client.execute(uri: zipLink, method: .get, headers: teacher.header).status == .forbidden)
        }
    }

    @Test func aDirectorSendsTheSchoolsEmailsInTheServerOnceEvenPressedTwice() async throws {
        let f = try await WebFixture(planned: false)
        let smtp = try SMTPTestServer()
        defer { smtp.stop() }
        var change = SettingsChange()
        (change.smtpURL, change.from) = (smtp.url, "ce.0440001a@ac-nantes.fr")
        _ = try f.season.configure(change)
        // The families' addresses the school collected: the email letters' recipients.
        let addresses = TestFolders.file("familles", extension: "csv")
        try f.schools[0].addressFile().write(to: addresses)
        _ = try f.season.importFiles(ImportFiles(addresses: addresses, school: f.schools[0].name))
        let courriel = try #require(try f.season.strategies().first { $0.strategy.name == "courriel" })
        var filter = AccountFilter()
        (filter.schools, filter.activation, filter.email) = ([f.schools[0].name], .pending, .with)
        _ = try f.season.createPlan(PlanOrder(strategy: courriel.strategy, strategySource: courriel.source, filter: filter, selection: "{}", actor: "x"))
        let emails = try f.season.plan(nil).detail.batches.filter { $0.channel == .email }.flatMap(\.deliveries)
        #expect(emails.count > 5)
        let app = Application(router: f.server.router())
        try await app.test(.router) { client in
            let (director, csrf) = try await WebTests.enrol(f.director.token, client: client)
            let (status, page) = try await Self.page(client, "/envoi", director)
            #expect(status == .ok && page.contains("0 envoyés, \(emails.count) à envoyer") && page.contains("Envoyer les courriels"))
            // The message a family receives, its code masked; no code anywhere.
            #expect(page.contains("Objet :") && page.contains("••••••••") && !f.codes.contains { page.contains($0) })
            #expect(page.contains("se règle par l’administrateur") && !page.contains("name=\"serveur\"") && !page.contains("name=\"motdepasse\""))

            // Pressed twice at once: one job, each message once.
            for _ in 0..<2 {
                let started = try await client.execute(uri: "/envoi", method: .post, headers: director.header.merging(formType), body: Browser.form(["csrf": csrf]))
                #expect(started.status == .seeOther)
            }
            var state: [String: Any] = [:]
            for _ in 0..<600 {
                let (_, json) = try await Self.page(client, "/envoi/etat", director)
                state = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
                if state["enCours"] as? Bool == false { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(state["texte"] as? String == "\(emails.count) envoyés, 0 à envoyer, 0 différés, 0 rejetés, 0 incertains")
            #expect(smtp.count == emails.count)
            #expect(try f.season.history(of: emails[0].login).entries.last?.actor == "Anne Roux")
            // Sending again sends nothing more.
            _ = try await client.execute(uri: "/envoi", method: .post, headers: director.header.merging(formType), body: Browser.form(["csrf": csrf]))
            try await Task.sleep(for: .milliseconds(500))
            #expect(smtp.count == emails.count)
            #expect(!(try await Self.page(client, "/envoi", director).1.contains("Envoyer les courriels</button>")))

            // The sender is the whole store's: not a director's to change in a store of two schools.
            #expect(try await Self.post(client, "/envoi/reglages", director, ["csrf": csrf, "expediteur": "moi@ailleurs.example"]).0 == .forbidden)
            #expect(try await Self.post(client, "/envoi/reglages", director, ["csrf": csrf, "serveur": "smtp://ailleurs.example:25"]).0 == .forbidden)
            #expect(try f.season.settings().email.smtpURL == smtp.url)
            #expect(try f.season.settings().email.from == "ce.0440001a@ac-nantes.fr")
            let (teacher, teacherCSRF) = try await WebTests.enrol(f.teacher.token, client: client)
            #expect(try await Self.post(client, "/envoi", teacher, ["csrf": teacherCSRF]).0 == .forbidden)
            #expect(try await Self.page(client, "/envoi", teacher).0 == .forbidden)
        }
    }

    /// The import page's form: the token, and files by field name.
    static func upload(_ client: some TestClientProtocol, _ browser: Browser, csrf: String, _ files: [String: (name: String, data: Data)]) async throws -> (HTTPResponse.Status, String) {
        try await multipart(client, "/import", browser, fields: [("csrf", csrf)], files: files.sorted { $0.key < $1.key }.map { ($0.key, $0.value.name, $0.value.data) })
    }

    @Test func anImportIsShownBeforeItIsConfirmedAndNothingIsKeptOfACancelledOne() async throws {
        let f = try await WebFixture()
        let app = Application(router: f.server.router())
        let later = f.schools[0].later(activated: 0.3, newCodes: 3)
        let newer = (name: "export-comptes.csv", data: try later.exportFile())
        let activated = { var a = AccountFilter(); (a.schools, a.activation) = ([f.schools[0].name], .activated); return a }()
        let before = try f.season.select(activated).accounts.count
        try await app.test(.router) { client in
            let (director, csrf) = try await WebTests.enrol(f.director.token, client: client)
            let (status, preview) = try await Self.upload(client, director, csrf: csrf, ["export": newer])
            #expect(status == .ok && preview.contains("Rien n’est encore enregistré"), "\(preview)")
            #expect(preview.contains("activés depuis") && preview.contains("3 codes d’activation changés"))
            #expect(!f.codes.contains { preview.contains($0) } && !later.people.compactMap(\.activationCode).contains { preview.contains($0) })
            #expect(try f.season.select(activated).accounts.count == before)
            let token = try #require(Browser.field("jeton", in: preview))
            let staged = URL(fileURLWithPath: f.season.store.path + ".imports/" + token)
            #expect(FileManager.default.fileExists(atPath: staged.path))

            // Cancelled: nothing written, nothing kept.
            let (_, cancelled) = try await Self.post(client, "/import/annuler", director, ["csrf": csrf, "jeton": token])
            #expect(cancelled.contains("Import annulé") && !FileManager.default.fileExists(atPath: staged.path))
            #expect(try f.season.select(activated).accounts.count == before)
            let (expired, _) = try await Self.post(client, "/import/confirmer", director, ["csrf": csrf, "jeton": token])
            #expect(expired == .badRequest)

            // Uploaded again and confirmed: the import the CLI makes.
            let (_, again) = try await Self.upload(client, director, csrf: csrf, ["export": newer])
            let second = try #require(Browser.field("jeton", in: again))
            // Only the person who uploaded the files can confirm them.
            let (other, otherCSRF) = try await WebTests.enrol(f.otherDirector.token, client: client)
            #expect(try await Self.post(client, "/import/confirmer", other, ["csrf": otherCSRF, "jeton": second]).0 == .badRequest)
            let (done, page) = try await Self.post(client, "/import/confirmer", director, ["csrf": csrf, "jeton": second])
            #expect(done == .ok && page.contains("Import enregistré"))
            let after = try f.season.select(activated).accounts.count
            #expect(after > before && after == later.people.filter { !$0.isGhost && $0.activationCode == nil }.count)

            // Another school's export is refused, and so is a file that is no export, in French.
            let (refused, message) = try await Self.upload(client, director, csrf: csrf, ["export": ("autre.csv", try f.schools[1].later(activated: 0.1, newCodes: 0).exportFile())])
            #expect(refused == .badRequest && message.contains("contient des comptes d’autres écoles"))
            let (bad, unreadable) = try await Self.upload(client, director, csrf: csrf, ["export": ("notes.csv", Data("a;b\n1;2\n".utf8))])
            #expect(bad == .badRequest && unreadable.contains("notes.csv"))
            // The export saved by a spreadsheet in its own format, or the one before the one confirmed.
            let (workbook, workbookMessage) = try await Self.upload(client, director, csrf: csrf, ["export": ("export.xlsx", Data([0x50, 0x4B, 0x03, 0x04]) + newer.data)])
            #expect(workbook == .badRequest && workbookMessage.contains("export.xlsx est un classeur de tableur"))
            let (older, olderMessage) = try await Self.upload(client, director, csrf: csrf, ["export": ("septembre.csv", try f.schools[0].exportFile(encoding: .utf8))])
            #expect(older == .badRequest && olderMessage.contains("septembre.csv est plus ancien que l’export déjà importé"))
            #expect(try f.season.select(activated).accounts.count == after)
            #expect(try FileManager.default.contentsOfDirectory(atPath: f.season.store.path + ".imports").isEmpty)

            // Without the token, or from a teacher: refused.
            #expect(try await Self.upload(client, director, csrf: "faux", ["export": newer]).0 == .forbidden)
            let (teacher, teacherCSRF) = try await WebTests.enrol(f.teacher.token, client: client)
            #expect(try await Self.upload(client, teacher, csrf: teacherCSRF, ["export": newer]).0 == .forbidden)
            // Too large: refused before anything is read.
            let huge = (name: "enorme.csv", data: Data(count: 33 * 1024 * 1024))
            #expect(try await Self.upload(client, director, csrf: csrf, ["export": huge]).0 == .contentTooLarge)
        }
    }

    static func sheetUpload(_ client: some TestClientProtocol, _ browser: Browser, csrf: String, _ sheet: String) async throws -> (HTTPResponse.Status, String) {
        try await multipart(client, "/feuilles", browser, fields: [("csrf", csrf)], files: [("feuille", "feuille.csv", Data(sheet.utf8))])
    }

    @Test func aDirectorRecordsASignedSheetOfTheirSchoolOnlyThenPurgesTheCodesNoLongerNeeded() async throws {
        let f = try await WebFixture()
        let packet = try #require(try f.season.packets(for: f.director.person).first { $0.className == "CE1" })
        let letters = try f.season.packet(packet.id, for: f.director.person).letters
        let theirs = try #require(try f.season.packets(for: f.otherDirector.person).first)
        let stranger = try #require(try f.season.packet(theirs.id, for: f.otherDirector.person).letters.first)
        let header = "Identifiant;Nom;Prénom;Profil;Classe;Enfants;Remis;Date;Remarque\r\n"
        let app = Application(router: f.server.router())
        try await app.test(.router) { client in
            let (director, csrf) = try await WebTests.enrol(f.director.token, client: client)
            // Another school's login is unknown here, and nothing of the sheet is recorded.
            let (refused, message) = try await Self.sheetUpload(client, director, csrf: csrf, header
                + "\(letters[0].login);A;B;Élève;CE1;;oui;;\r\n\(stranger.login);A;B;Élève;CE1;;oui;;\r\n")
            #expect(refused == .badRequest && message.contains("ligne 3, colonne 1 : aucun compte « \(stranger.login) » à \(f.schools[0].name)"))
            #expect(try f.season.packet(packet.id, for: f.director.person).letters[0].state == .issued)
            #expect(try f.season.packet(theirs.id, for: f.otherDirector.person).letters[0].state == .issued)

            let rows = letters.prefix(3).enumerated().map { i, l in "\(l.login);A;B;Élève;CE1;;\(i == 2 ? "absent" : "oui");;\r\n" }.joined()
            let (status, page) = try await Self.sheetUpload(client, director, csrf: csrf, header + rows)
            #expect(status == .ok && page.contains("3 lettres notées.</p>") && page.contains("<strong>2</strong> remise"))
            #expect(!page.contains("rien de changé"))
            let states = try f.season.packet(packet.id, for: f.director.person).letters.prefix(3).map(\.state)
            #expect(states == [.handedOver, .handedOver, .absent])
            #expect(try f.season.history(of: letters[0].login).entries.last?.actor == "Anne Roux")

            // The purge shows the two codes handed over, then erases them and them only.
            let (_, preview) = try await Self.page(client, "/purge", director)
            #expect(preview.contains("2 codes seront effacés, pour ces comptes") && preview.contains("<li>\(letters[0].login)</li>"))
            #expect(!preview.contains("<li>\(letters[2].login)</li>"))
            let accounts = { try f.season.select({ var a = AccountFilter(); a.logins = $0; return a }($0)).accounts }
            #expect(try accounts([letters[0].login])[0].isCodePurged == false)
            let (_, done) = try await Self.post(client, "/purge", director, ["csrf": csrf])
            #expect(done.contains("2 codes effacés"))
            #expect(try accounts([letters[0].login, letters[1].login]).allSatisfy(\.isCodePurged))
            #expect(try accounts([letters[2].login])[0].isCodePurged == false)

            let (teacher, teacherCSRF) = try await WebTests.enrol(f.teacher.token, client: client)
            #expect(try await Self.post(client, "/purge", teacher, ["csrf": teacherCSRF]).0 == .forbidden)
            #expect(try await Self.sheetUpload(client, teacher, csrf: teacherCSRF, header + rows).0 == .forbidden)
        }
    }

    @Test func aSchoolsOwnStrategyIsCheckedWithItsLineThenPlanned() async throws {
        let f = try await WebFixture(planned: false)
        let app = Application(router: f.server.router())
        @Sendable func preview(
            _ client: some TestClientProtocol, _ browser: Browser, _ csrf: String, yaml: String, encoding: String.Encoding = .utf8
        ) async throws -> (HTTPResponse.Status, String) {
            try await Self.multipart(
                client, "/plan/apercu", browser, fields: [("csrf", csrf), ("selection", "activation=pending"), ("strategie", "ecole")],
                files: [("strategieFichier", "notre-ecole.yaml", try #require(yaml.data(using: encoding)))])
        }
        try await app.test(.router) { client in
            let (director, csrf) = try await WebTests.enrol(f.director.token, client: client)
            let (bad, message) = try await preview(client, director, csrf, yaml: "title: Tout au bureau\nprofiles:\n  student:\n    - pigeon\n")
            #expect(bad == .badRequest && message.contains("notre-ecole.yaml") && message.contains("ligne 4"), "\(message)")
            let yaml = "title: Tout au bureau\nprofiles:\n  student:\n    - office\n  parent:\n    - office\n"
            let (status, page) = try await preview(client, director, csrf, yaml: yaml)
            let lots = try #require(page.range(of: "id=\"lots\"").map { String(page[$0.upperBound...]).components(separatedBy: "</table>")[0] })
            #expect(status == .ok && page.contains("Tout au bureau") && lots.contains("bureau du directeur") && !lots.contains("remise en classe"))
            // Saved by a Windows editor set to "ANSI": read with its apostrophe and accents.
            let (windows, windowsPage) = try await preview(
                client, director, csrf, yaml: "title: Tout au bureau de l’école\n" + yaml.dropFirst("title: Tout au bureau\n".count), encoding: .windowsCP1252)
            #expect(windows == .ok && windowsPage.contains("Tout au bureau de l’école") && !windowsPage.contains("\u{FFFD}"), "\(windowsPage)")
            let source = try #require(Browser.field("strategieSource", in: page))
            let (made, _) = try await Self.post(client, "/plan", director, [
                "csrf": csrf, "selection": "activation=pending", "strategie": "", "strategieFichierNom": "notre-ecole.yaml",
                "strategieSource": source.replacingOccurrences(of: "&#10;", with: "\n"),
            ])
            #expect(made == .ok)
            let plan = try f.season.plan(nil).detail
            #expect(plan.strategy == "notre-ecole" && plan.batches.allSatisfy { $0.channel == .office })
        }
    }

    @Test func theDashboardFollowsTheTeachersTicks() async throws {
        let f = try await WebFixture()
        let packet = try #require(try f.season.packets(for: f.teacher.person).first)
        let letter = try #require(try f.season.packet(packet.id, for: f.teacher.person).letters.first)
        let app = Application(router: f.server.router())
        try await app.test(.router) { client in
            let (director, _) = try await WebTests.enrol(f.director.token, client: client)
            func counts() async throws -> [String: [String: String]] {
                let (status, json) = try await Self.page(client, "/tableau/paquets", director)
                #expect(status == .ok)
                return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: [String: String]])
            }
            #expect(try await counts()["\(packet.id)"]?["compte"] == "0 lettre remise sur \(packet.letters)")
            _ = try f.season.tick(letter.deliveryID, in: packet.id, .received, by: f.teacher.person)
            let after = try await counts()["\(packet.id)"]
            #expect(after?["compte"] == "1 lettre remise sur \(packet.letters)" && after?["attendues"] == "\(packet.letters - 1) lettres sans retour")
            let (teacher, _) = try await WebTests.enrol(f.teacher.token, client: client)
            #expect(try await Self.page(client, "/tableau/paquets", teacher).0 == .forbidden)
        }
    }

    @Test func beforeAnyPlanThePagesSayWhereToStart() async throws {
        let f = try await WebFixture(planned: false)
        let app = Application(router: f.server.router())
        try await app.test(.router) { client in
            let (director, _) = try await WebTests.enrol(f.director.token, client: client)
            let (_, board) = try await Self.page(client, "/tableau", director)
            #expect(board.contains("Aucune distribution n’est encore prévue"))
            for page in ["/impression", "/envoi", "/relances"] {
                let (status, text) = try await Self.page(client, page, director)
                #expect(status == .conflict && text.contains("page « Planifier »") && !text.contains("sesame plan"), "\(page)")
            }
        }
    }
}
