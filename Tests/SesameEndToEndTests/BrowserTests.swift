import Foundation
import SesameFixtures
import SesameTestSupport
import Testing

/// The web pages in a real headless Chromium: a director and a teacher (on a phone-sized
/// window) enrol from their links, the teacher ticks letters; the CLI then shows exactly
/// those events. Screenshots are kept in the test's folder (`captures/`), to look at.
@Suite struct BrowserTests {
    let school = SchoolGenerator().generate()

    private func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// `sesame serve` on the CLI's store, once it answers.
    private func serve(_ cli: CLI, port: Int) throws -> CLI.Running {
        let server = try cli.launch("serve", "--listen", "127.0.0.1:\(port)")
        var up = false
        for _ in 0..<100 where !up {
            up = Tools.run("/usr/bin/curl", ["-s", "-o", "/dev/null", "http://127.0.0.1:\(port)/connexion"]) != nil
            if !up { Thread.sleep(forTimeInterval: 0.1) }
        }
        #expect(up)
        return server
    }

    /// Runs one of the browser scripts (screenshots into `shots`) and returns its JSON report.
    private func drive(_ cli: CLI, _ python: String, _ script: String, _ arguments: [String], shots: String, codes: String) throws -> [String: Any] {
        try FileManager.default.createDirectory(atPath: shots, withIntermediateDirectories: true)
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SesameTestSupport/Resources/\(script)").path
        let driven = try cli.run(executable: URL(fileURLWithPath: python), [path] + arguments + [shots, codes])
        #expect(driven.status == 0, "\(driven.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(driven.stdout.utf8)) as? [String: Any])
    }

    @Test func aDirectorAndATeacherOnAPhoneUseThePagesAndTheCLIAgrees() throws {
        let python = try #require(ProcessInfo.processInfo.environment["SESAME_BROWSER_PYTHON"],
                                  "the browser tests need scripts/test, which makes .venv-web with Selenium")
        let cli = try CLI()
        #expect(try cli.run("import", try cli.write(school.exportFile(), to: "e.csv")).status == 0)
        #expect(try cli.run("init", "--ent-name", "e-primO", "--ent-url", "https://www.e-primo.fr", "--director", "Anne Roux", "--city", "Nantes").status == 0)
        #expect(try cli.run("plan", "--strategy", "ecole").status == 0)
        #expect(try cli.run("print", "--out", "paquets").status == 0)
        let port = freePort(), base = "http://127.0.0.1:\(port)"
        let director = try cli.run("user", "add", "Anne Roux", "--role", "director", "--school", school.name, "--url", base)
        let teacher = try cli.run("user", "add", "Camille Roux", "--role", "teacher", "--school", school.name, "--class", "CP A", "--url", base)
        #expect(director.status == 0 && teacher.status == 0, "\(director.stderr)\(teacher.stderr)")
        let directorLink = try #require(director.stdout.split(separator: "\n").last.map(String.init))
        let teacherLink = try #require(teacher.stdout.split(separator: "\n").last.map(String.init))
        #expect(directorLink.hasPrefix(base + "/inscription/"))

        let server = try serve(cli, port: port)
        defer { server.process.terminate(); _ = try? server.wait() }
        let codes = try cli.write(Data(school.people.compactMap(\.activationCode).joined(separator: "\n").utf8), to: "codes.txt")
        let shots = cli.path("captures")
        let report = try drive(cli, python, "browser_test.py", [base, directorLink, teacherLink], shots: shots, codes: codes)
        #expect((report["pages"] as? Int ?? 0) >= 6)
        #expect((report["codes_seen"] as? [String]) == [])
        #expect((report["axe"] as? [String]) == [], "\(report["axe"] ?? "")")
        #expect(report["forbidden"] as? Bool == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: shots).count >= 6)

        // What the CLI says of those letters: the teacher's events, exactly.
        let plan = try #require(try cli.run("plan", "show", "--format", "json").json as? [String: Any])
        let deliveries = (plan["batches"] as! [[String: Any]]).flatMap { $0["deliveries"] as! [[String: Any]] }
        func login(_ ident: String) -> String? {
            let id = Int(ident.replacingOccurrences(of: "lettre-", with: ""))
            return deliveries.first { $0["id"] as? Int == id }?["login"] as? String
        }
        let ticked = (report["ticked"] as? [String] ?? []).compactMap(login)
        let absent = (report["absent"] as? [String] ?? []).compactMap(login)
        #expect(ticked.count == 3 && absent.count == 1)
        for (i, account) in ticked.enumerated() {
            let history = try cli.run("history", account, "--format", "json").json as? [String: Any]
            let events = history?["events"] as? [[String: Any]] ?? []
            #expect(events.contains { $0["actor"] as? String == "Camille Roux" && $0["to"] as? String == "handed-over" })
            #expect((events.last?["to"] as? String) == (i == 2 ? "issued" : "handed-over"))
        }
        let absentEvents = (try cli.run("history", absent[0], "--format", "json").json as? [String: Any])?["events"] as? [[String: Any]] ?? []
        #expect(absentEvents.last?["to"] as? String == "absent" && absentEvents.last?["actor"] as? String == "Camille Roux")
        // The dashboard's figures are those of `sesame status --format json`, class by class.
        let status = try #require(try cli.run("status", "--format", "json").json as? [String: Any])
        let board = try #require(report["tableau"] as? [String: [Int]])
        let stages = ["planned", "issued", "handedOver", "missed", "activated", "total"]
        for row in status["classes"] as? [[String: Any]] ?? [] {
            let funnel = row["funnel"] as! [String: Int]
            let name = row["class"] as? String ?? "sans classe"
            #expect(board[name] == stages.map { funnel[$0] ?? 0 }, "\(name)")
        }
        let total = status["total"] as! [String: Int]
        #expect(board["Total"] == stages.map { total[$0] ?? 0 })
        #expect((total["handedOver"] ?? 0) >= 2)
        // The follow-up page lists whom `sesame followup --dry-run` would: the absent pupil of CP A first, to the next channel.
        let followUp = try #require(try cli.run("followup", "--dry-run", "--format", "json").json as? [String: Any])
        let open = (followUp["items"] as? [[String: Any]] ?? []).filter { $0["action"] as? String != "termine" }
        let rows = try #require(report["relances"] as? [[String]])
        #expect(rows.count == open.count && rows.count > 1)
        let missed = try #require(open.first { $0["login"] as? String == absent.first })
        #expect(rows.contains { $0.first?.hasPrefix("\(missed["firstName"]!) \(missed["lastName"]!)") == true && $0[3] == "absent" && $0[4].hasPrefix("→") })
    }

    @Test func aDirectorRunsAWholeSeasonInThePagesAndTheCLIAgrees() throws {
        let python = try #require(ProcessInfo.processInfo.environment["SESAME_BROWSER_PYTHON"],
                                  "the browser tests need scripts/test, which makes .venv-web with Selenium")
        let cli = try CLI()
        let port = freePort(), base = "http://127.0.0.1:\(port)"
        // The administrator's part: the director, before any import, and the school's settings.
        let director = try cli.run("user", "add", "Anne Roux", "--role", "director", "--school", school.name, "--new-school", "--url", base)
        #expect(director.status == 0, "\(director.stderr)")
        let link = try #require(director.stdout.split(separator: "\n").last.map(String.init))
        let smtp = try SMTPTestServer()
        defer { smtp.stop() }
        let settings = try cli.run(
            "init", "--ent-name", "e-primO", "--ent-url", "https://www.e-primo.fr", "--director", "Anne Roux", "--city", "Nantes",
            "--smtp", smtp.url, "--from", "ce.0440001a@ac-nantes.fr")
        #expect(settings.status == 0, "\(settings.stderr)")
        let files = cli.path("fichiers")
        try FileManager.default.createDirectory(atPath: files, withIntermediateDirectories: true)
        let later = school.later(activated: 0.3, newCodes: 2)
        try school.exportFile().write(to: URL(fileURLWithPath: files + "/export.csv"))
        try school.addressFile().write(to: URL(fileURLWithPath: files + "/responsables.csv"))
        try later.exportFile().write(to: URL(fileURLWithPath: files + "/export-nouveau.csv"))

        let server = try serve(cli, port: port)
        defer { server.process.terminate(); _ = try? server.wait() }
        let codes = try cli.write(Data((school.people + later.people).compactMap(\.activationCode).joined(separator: "\n").utf8), to: "codes.txt")
        let shots = cli.path("captures-saison")
        let report = try drive(cli, python, "browser_season.py", [base, link, files], shots: shots, codes: codes)
        #expect((report["pages"] as? Int ?? 0) >= 28)
        #expect((report["overflow"] as? [String]) == [], "pages wider than a phone: \(report["overflow"] ?? "")")
        #expect((report["codes_seen"] as? [String]) == [])
        #expect((report["axe"] as? [String]) == [], "\(report["axe"] ?? "")")

        // Select: the page's count is the generated school's, then, at the end, the CLI's.
        #expect(report["selection"] as? Int == school.people.filter { $0.profile == .parent && $0.activationCode != nil && !$0.isGhost }.count)
        let parents = try #require(try cli.run("accounts", "--profile", "parent", "--activation", "pending", "--format", "json").json as? [Any])
        #expect(report["selection_end"] as? Int == parents.count && parents.count > 10)
        // Plan: as the preview said, with the meeting of CP A.
        let plan = try #require(try cli.run("plan", "show", "1", "--format", "json").json as? [String: Any])
        let batches = plan["batches"] as! [[String: Any]]
        let letters = batches.flatMap { $0["deliveries"] as! [[String: Any]] }.filter { $0["copy"] as? Bool != true }
        #expect((report["preview"] as? String) == "\(letters.count)")
        #expect(batches.contains { $0["channel"] as? String == "meeting" && $0["class"] as? String == "CP A" && ($0["meeting"] as? String)?.hasPrefix("2026-09-15") == true })
        // Print: the ZIP holds the packets, and a packet reads back.
        let zip = shots + "/paquets.zip"
        let names = try #require(report["zip"] as? [String])
        #expect(names.filter { $0.hasSuffix(".pdf") }.count > 5 && names.contains { $0.hasSuffix(".emargement.csv") })
        let pdf = try #require(names.first { $0.hasPrefix("CP-A_") && $0.hasSuffix(".pdf") })
        #expect(Tools.run("/usr/bin/python3", ["-m", "zipfile", "-e", zip, shots + "/extrait"]) != nil)
        #expect(Tools.pdfPages(URL(fileURLWithPath: shots + "/extrait/" + pdf)).joined().contains("Identifiant"))
        // Send: each email letter once, to the real server.
        let emails = batches.filter { $0["channel"] as? String == "email" }.flatMap { $0["deliveries"] as! [[String: Any]] }
        #expect(emails.count > 5 && smtp.count == emails.count)
        #expect((report["sent"] as? String)?.hasPrefix("\(emails.count) envoyés, 0 à envoyer") == true)
        // The signed sheet: three handed over, one absent, as the director's events.
        let sheet = try #require(report["sheet"] as? [String])
        #expect(sheet.count == 4)
        for (i, login) in sheet.enumerated() {
            let events = (try cli.run("history", login, "--format", "json").json as? [String: Any])?["events"] as? [[String: Any]] ?? []
            #expect(events.contains { $0["actor"] as? String == "Anne Roux" && $0["to"] as? String == (i == 3 ? "absent" : "handed-over") }, "\(login)")
        }
        // The newer export, the follow-up, the dashboard, the purge.
        #expect((report["11-import-nouveau"] as? String)?.contains("activés depuis") == true)
        #expect((report["followup"] as? String)?.contains("Plan de relance n° 2 créé") == true)
        let status = try #require(try cli.run("status", "--format", "json").json as? [String: Any])
        let board = try #require(report["tableau"] as? [String: [Int]])
        let stages = ["planned", "issued", "handedOver", "missed", "activated", "total"]
        let total = status["total"] as! [String: Int]
        #expect(board["Total"] == stages.map { total[$0] ?? 0 })
        // The sheet's three handed over, less those activated since, lose their codes.
        let purged = try #require(report["purged"] as? String)
        #expect(Int(purged.prefix { $0.isNumber }) ?? 0 >= 1 && purged.hasSuffix("de la base."), "\(purged)")
    }
}
