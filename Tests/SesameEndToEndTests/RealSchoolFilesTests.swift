import Foundation
import SesameFixtures
import SesameTestSupport
import Testing

/// The files a director really holds, through the binary: ONDE's extractions, entcore's dates.
@Suite struct RealSchoolFilesTests {
    let school = SchoolGenerator().generate()

    @Test func ONDEsExtractionsImportWithoutAnOptionAndTheirReportReads() throws {
        let cli = try CLI()
        let result = try cli.run(
            "import", try cli.write(school.exportFile(), to: "export-comptes.csv"),
            "--addresses", try cli.write(school.responsablesExtraction(), to: "CSVExtraction-responsables.csv"),
            "--pupils", try cli.write(school.pupilsExtraction(), to: "CSVExtraction-eleves.csv"))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Adresses des familles : CSVExtraction-responsables.csv (ISO-8859-1)"))
        #expect(result.stdout.contains("Élèves d’ONDE : CSVExtraction-eleves.csv (ISO-8859-1)"))
        #expect(result.stdout.contains("1 élève sans compte ENT, 1 compte élève absent d’ONDE, 1 classe différente"))
        #expect(result.stdout.contains("inscrit dans ONDE mais sans compte dans l’ENT"))
        // The two Jade Petit of one class, told apart on their class roster by their birth dates.
        #expect(try cli.run("init", "--ent-name", "e-primO", "--ent-url", "https://www.e-primo.fr", "--director", "Anne Roux",
                            "--city", "Nantes", "--address", "12 rue des Tilleuls").status == 0)
        #expect(try cli.run("plan", "--profile", "student").status == 0)
        #expect(try cli.run("print", "--out", "paquets").status == 0)
        let jades = school.people(.student).filter { $0.displayName == "Jade Petit" }
        #expect(jades.count == 2)
        let roster = try FileManager.default.contentsOfDirectory(atPath: cli.path("paquets"))
            .filter { $0.hasPrefix(jades[0].classes[0].replacingOccurrences(of: " ", with: "-")) && $0.hasSuffix(".pdf") }
        #expect(roster.count == 1)
        let text = Tools.pdfPages(cli.folder.appendingPathComponent("paquets/\(roster[0])")).joined(separator: "\n")
        let registry = school.registry
        for jade in jades {
            let index = school.people.firstIndex(of: jade)!
            let parts = registry[index].birthDate!.split(separator: "-")
            #expect(text.contains("\(parts[2])/\(parts[1])/\(parts[0])"), "birth date of \(jade.login) missing")
        }
        // Nobody else's birth date is printed.
        #expect(text.components(separatedBy: "née le").count + text.components(separatedBy: "né le").count - 2 <= 4)
        // The follow-up lists tell them apart too.
        #expect(try cli.run("followup", "--out", "relance").status == 0)
        let lists = try FileManager.default.contentsOfDirectory(atPath: cli.path("relance")).filter { $0.hasSuffix(".pdf") }
        let listed = lists.map { Tools.pdfPages(cli.folder.appendingPathComponent("relance/\($0)")).joined(separator: "\n") }
        for jade in jades {
            let index = school.people.firstIndex(of: jade)!
            let parts = registry[index].birthDate!.split(separator: "-")
            #expect(listed.contains { $0.contains("\(parts[2])/\(parts[1])/\(parts[0])") }, "\(jade.login) not told apart on the lists")
        }
    }

    @Test func entcoresLastLoginIsReadAndGivenAsISO8601() throws {
        let cli = try CLI()
        let export = school.exportFile()
        #expect(String(decoding: export, as: UTF8.self).range(of: #""\d\d-\d\d-2026 \d\d:\d\d""#, options: .regularExpression) != nil)
        let imported = try cli.run("import", try cli.write(export, to: "e.csv"))
        #expect(imported.status == 0)
        #expect(!imported.stdout.contains("illisible"))
        let json = try #require(try cli.run("accounts", "--activation", "activated", "--format", "json").json as? [[String: Any]])
        let activated = try #require(json.first { ($0["profile"] as? String) == "parent" })
        let person = try #require(school.person(login: activated["login"] as! String))
        let lastLogin = try #require(activated["lastLogin"] as? String)
        let parsed = try #require(try? Date(lastLogin, strategy: .iso8601))
        // entcore writes minutes: the same instant, to the minute.
        #expect(abs(parsed.timeIntervalSince(person.lastLogin!)) < 60)
        let pending = try #require(try cli.run("accounts", "--activation", "pending", "--format", "json").json as? [[String: Any]])
        #expect(pending.allSatisfy { $0["lastLogin"] is NSNull })
    }

    @Test func aCreationDateFilterSaysWhichDateStandsInForIt() throws {
        let cli = try CLI()
        #expect(try cli.run("import", try cli.write(school.exportFile(), to: "e.csv")).status == 0)
        let result = try cli.run("accounts", "--created-since", "2026-01-01", "--format", "csv")
        #expect(result.status == 0)
        #expect(result.stderr.contains("ne donne pas la date de création des comptes"))
        #expect(result.stderr.contains("connue de Sésame depuis le"))
        #expect(!result.stdout.contains("Remarque"))
        // An export that carries the date needs no such note.
        let older = try CLI()
        #expect(try older.run("import", try older.write(school.exportFile(format: .withCreationDate), to: "e.csv")).status == 0)
        #expect(!(try older.run("accounts", "--created-since", "2026-01-01")).stderr.contains("Remarque"))
    }

    @Test func aFileWithABadByteOrAControlCharacterIsRefusedWithItsPlaceAndChangesNothing() throws {
        let cli = try CLI()
        var bad = school.exportFile(encoding: .utf8)
        let line3 = bad.indices.filter { bad[$0] == 0x0A }[1] + 1
        bad[line3 + 2] = 0xE9
        let result = try cli.run("import", try cli.write(bad, to: "abime.csv"))
        #expect(result.status != 0)
        #expect(result.stderr.contains("abime.csv, ligne 3, colonne 3"))
        #expect(result.stderr.contains("0xE9"))
        var escaped = school.exportFile(encoding: .utf8)
        escaped[line3 + 2] = 0x1B
        let refused = try cli.run("import", try cli.write(escaped, to: "echap.csv"))
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("echap.csv, ligne 3, colonne 3 : caractère de contrôle U+001B"))
        #expect(!refused.stderr.contains("\u{1B}"))
        #expect(try cli.run("accounts", "--format", "json").json as? [Any] == nil || (try cli.run("accounts", "--format", "json").json as? [Any])?.isEmpty == true)
    }
}
