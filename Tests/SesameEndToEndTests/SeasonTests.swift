import Foundation
import SesameFixtures
import SesameTestSupport
import Testing

/// A whole start of year on a generated school, through the binary: import, plan, print,
/// email, the meeting's sheets with absentees, a newer export, the follow-up and the status,
/// with the figures checked at every step.
@Suite struct SeasonTests {
    let school = SchoolGenerator().generate()

    private func status(_ cli: CLI) throws -> [String: Int] {
        let json = try #require(try cli.run("status", "--format", "json").json as? [String: Any])
        return try #require(json["total"] as? [String: Int])
    }

    private func letters(_ cli: CLI, plan: Int) throws -> [[String: Any]] {
        let detail = try #require(try cli.run("plan", "show", "\(plan)", "--format", "json").json as? [String: Any])
        return (detail["batches"] as! [[String: Any]]).flatMap { batch in
            (batch["deliveries"] as! [[String: Any]]).map { $0.merging(["channel": batch["channel"]!]) { a, _ in a } }
        }
    }

    @Test func aWholeSeason() throws {
        let cli = try CLI()
        let server = try SMTPTestServer()
        defer { server.stop() }
        #expect(try cli.run("import", try cli.write(school.exportFile(), to: "export.csv"), "--addresses", try cli.write(school.addressFile(), to: "familles.csv")).status == 0)
        #expect(try cli.run("init", "--ent-name", "e-primO", "--ent-url", "https://www.e-primo.fr", "--director", "Anne Roux", "--city", "Nantes",
                            "--from", "direction@tilleuls.example", "--smtp", server.url).status == 0)

        // Plan: email first for whoever has an address, else in class or at the meeting.
        #expect(try cli.run("plan", "--strategy", "courriel", "--meeting", "CP A=2026-09-15 18:00").status == 0)
        let planned = try letters(cli, plan: 1).filter { $0["copy"] as? Bool == false }
        let emails = planned.filter { $0["channel"] as? String == "email" }
        let paper = planned.count - emails.count
        #expect(try status(cli) == ["total": planned.count, "planned": planned.count, "issued": 0, "handedOver": 0, "missed": 0, "activated": 0])

        // Print and send: every letter is out.
        #expect(try cli.run("print", "--out", "paquets").status == 0)
        #expect(try status(cli)["issued"] == paper)
        let sent = try cli.run("send")
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(server.count == emails.count)
        #expect(try status(cli)["issued"] == planned.count)

        // The meeting: the CP A parents' sheet comes back with every third parent absent.
        let sheet = try #require(try FileManager.default.contentsOfDirectory(atPath: cli.path("paquets")).first { $0.hasPrefix("CP-A_reunion") && $0.hasSuffix(".emargement.csv") })
        var lines = try String(contentsOfFile: cli.path("paquets/\(sheet)"), encoding: .utf8).components(separatedBy: "\r\n")
        var absent: [String] = []
        for i in lines.indices.dropFirst() where !lines[i].isEmpty {
            var fields = lines[i].components(separatedBy: ";")
            fields[6] = i % 3 == 0 ? "absent" : "oui"
            if i % 3 == 0 { absent.append(fields[0]) }
            lines[i] = fields.joined(separator: ";")
        }
        let filled = try cli.write(Data(lines.joined(separator: "\r\n").utf8), to: "cpa-rempli.csv")
        let recorded = try cli.run("record", "--from", filled)
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let meeting = lines.dropFirst().filter { !$0.isEmpty }.count
        #expect(try status(cli)["handedOver"] == meeting - absent.count)
        #expect(try status(cli)["missed"] == absent.count)
        #expect(!absent.isEmpty)

        // Four weeks later: half the accounts activated.
        let later = school.later(activated: 0.5, newCodes: 0)
        let imported = try cli.run("import", try cli.write(later.exportFile(), to: "octobre.csv"))
        #expect(imported.status == 0)
        let activatedNow = Set(planned.map { $0["login"] as! String }.filter { later.person(login: $0)?.activationCode == nil })
        #expect(imported.stdout.contains("\(activatedNow.count) lettres closes") || activatedNow.isEmpty)
        #expect(try status(cli)["activated"] == activatedNow.count)

        // The follow-up: the absentees not activated since go to the office, once.
        let stillAbsent = absent.filter { !activatedNow.contains($0) }
        let followUp = try cli.run("followup", "--out", "relance")
        #expect(followUp.status == 0, "\(followUp.stderr)")
        // The generated school (seeded) has absentees who did not activate since.
        #expect(!stillAbsent.isEmpty)
        #expect(followUp.stdout.contains("Plan de relance n° 2 créé : \(stillAbsent.count) nouvelle"))
        let office = try letters(cli, plan: 2)
        #expect(Set(office.map { $0["login"] as! String }) == Set(stillAbsent) && office.allSatisfy { $0["channel"] as? String == "office" })
        #expect(FileManager.default.fileExists(atPath: cli.path("relance/relance_direction.pdf")))
        #expect(FileManager.default.fileExists(atPath: cli.path("relance/relance_CP-A.pdf")))
        let after = try status(cli)
        // Escalated misses count at their new letter; the absentees activated since, as activated.
        #expect(after["total"] == planned.count && after["missed"] == 0)
        #expect(after["planned"] == stillAbsent.count)
        #expect(try cli.run("followup").stdout.contains("Personne à relancer"))

        // The chart, and one account's history without its code.
        #expect(try cli.run("status", "--chart", "bilan.png").status == 0)
        #expect(FileManager.default.fileExists(atPath: cli.path("bilan.png")))
        let one = try #require(stillAbsent.first)
        let code = try #require(school.person(login: one)?.activationCode)
        let history = try cli.run("history", one)
        #expect(history.stdout.contains("absent") && history.stdout.contains("relancée") && !history.stdout.contains(code))
    }

    @Test func recordSaysWhatIsWrongAndChangesNothing() throws {
        let cli = try CLI()
        #expect(try cli.run("import", try cli.write(school.exportFile(), to: "export.csv")).status == 0)
        #expect(try cli.run("plan").status == 0)
        let pupil = try #require(school.people(.student).first { $0.activationCode != nil })
        let unprinted = try cli.run("record", "received", "--account", pupil.printedLogin)
        #expect(unprinted.status == 1 && unprinted.stderr.contains("imprimez d’abord son paquet"))
        #expect(try cli.run("record", "received").status != 0)
        #expect(try cli.run("record", "peut-être", "--account", pupil.printedLogin).stderr.contains("peut-être"))
        let bad = try cli.write(Data("Identifiant;Remis\r\n\(pupil.printedLogin);bof\r\n".utf8), to: "feuille.csv")
        let sheet = try cli.run("record", "--from", bad)
        #expect(sheet.status == 1 && sheet.stderr.contains("feuille.csv, ligne 2, colonne 2"))
        // The sheet filled in a spreadsheet and saved in its own format.
        let saved = try cli.run("record", "--from", try cli.write(Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00]), to: "feuille.xlsx"))
        #expect(saved.status == 1 && saved.stderr.contains("feuille.xlsx est un classeur de tableur"))
        #expect(try cli.run("history", "personne").status == 1)
    }

    @Test func purgeErasesCodesAndPrintingThemIsRefused() throws {
        let cli = try CLI()
        #expect(try cli.run("import", try cli.write(school.exportFile(), to: "export.csv")).status == 0)
        #expect(try cli.run("init", "--ent-name", "e-primO", "--ent-url", "https://www.e-primo.fr", "--director", "Anne Roux", "--city", "Nantes").status == 0)
        #expect(try cli.run("plan").status == 0)
        #expect(try cli.run("print", "--out", "paquets").status == 0)
        let className = school.classes[0]
        #expect(try cli.run("record", "received", "--class", className, "--channel", "in-class").status == 0)
        let purge = try cli.run("purge")
        #expect(purge.status == 0 && purge.stdout.contains("codes effacés") && purge.stdout.contains("codes gardés"))
        let pupil = try #require(school.people(.student).first { $0.classes.contains(className) && $0.activationCode != nil })
        let reprint = try cli.run("print", "--account", pupil.printedLogin, "--out", "encore")
        #expect(reprint.status == 1 && reprint.stderr.contains("effacé"))
        let listed = try cli.run("accounts", "--class", className, "--profile", "student", "--show-codes")
        #expect(listed.stdout.contains("(effacé)") && !listed.stdout.contains(pupil.activationCode!))
    }
}

@Suite struct RecordArgumentTests {
    @Test func severalAccountsFollowOneOptionAndThePlanNumberComesFirst() throws {
        let school = SchoolGenerator().generate()
        let cli = try CLI()
        #expect(try cli.run("import", try cli.write(school.exportFile(), to: "export.csv")).status == 0)
        #expect(try cli.run("init", "--ent-name", "e-primO", "--ent-url", "https://www.e-primo.fr", "--director", "Anne Roux", "--city", "Nantes").status == 0)
        #expect(try cli.run("plan").status == 0)
        #expect(try cli.run("print", "--out", "paquets").status == 0)
        let pupils = school.people(.student).filter { $0.activationCode != nil }.prefix(2).map(\.printedLogin)
        let result = try cli.run(["record", "absent", "1", "--account"] + pupils + ["--note", "malades"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("2 lettres « absent »"))
        #expect(try cli.run("history", pupils[1]).stdout.contains("malades"))
    }
}
