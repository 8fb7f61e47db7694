import Foundation
import SesameCore
import SesameFixtures
import SesameTestSupport
import Testing

@Suite struct PrintTests {
    let school = SchoolGenerator().generate()

    /// Imported, settings written, planned: ready to print.
    private func planned(_ extra: [String] = []) throws -> CLI {
        let cli = try CLI()
        #expect(try cli.run("import", try cli.write(school.exportFile(), to: "e.csv"), "--addresses", try cli.write(school.addressFile(), to: "a.csv")).status == 0)
        let init_ = try cli.run("init", "--ent-name", "e-primO", "--ent-url", "https://www.e-primo.fr", "--director", "Anne Roux", "--city", "Nantes", "--address", "12 rue des Tilleuls")
        #expect(init_.status == 0, "\(init_.stderr)")
        #expect(init_.stdout.contains("Tout ce qu’il faut pour imprimer est renseigné"))
        #expect(try cli.run(["plan", "--meeting", "CP A=2026-09-15 18:00"] + extra).status == 0)
        return cli
    }

    private func files(_ folder: URL, _ ext: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil).filter { $0.pathExtension == ext }.sorted { $0.path < $1.path }
    }

    @Test func everyPlannedLetterIsPrintedOnceAndIssued() throws {
        let cli = try planned()
        let result = try cli.run("print", "--out", "paquets")
        #expect(result.status == 0, "\(result.stderr)")
        let folder = cli.folder.appendingPathComponent("paquets")
        let pdfs = try files(folder, "pdf")
        #expect(pdfs.map(\.lastPathComponent).contains("CP-A_reunion-2026-09-15.pdf"))
        #expect(pdfs.map(\.lastPathComponent).contains("bureau-du-directeur.pdf"))
        #expect(pdfs.contains { $0.lastPathComponent.hasPrefix("CP-A_") && $0.lastPathComponent.hasSuffix("_remise-en-classe.pdf") })
        let plan = try #require(try cli.run("plan", "show", "--format", "json").json as? [String: Any])
        let deliveries = (plan["batches"] as! [[String: Any]]).flatMap { $0["deliveries"] as! [[String: Any]] }
        #expect(deliveries.allSatisfy { $0["state"] as? String == "issued" })
        let texts = pdfs.map { Tools.pdfPages($0).joined(separator: " ") }
        // Two pupils (or parents) share a name and their classes, and no pupils file gave birth
        // dates: the sheets tell them apart by their logins.
        let homonyms = Set([Profile.student, .parent].flatMap { profile in
            school.people(profile).filter { p in
                school.people(profile).count { $0.displayName == p.displayName && Set($0.classes) == Set(p.classes) } > 1
            }
        }.map(\.printedLogin))
        #expect(homonyms.count >= 2)
        for d in deliveries {
            let login = d["login"] as! String
            // A login appears on its letter only (sheets name people, not logins), but for homonyms.
            let hits = texts.reduce(0) { $0 + $1.components(separatedBy: " \(login) ").count - 1 + $1.components(separatedBy: " \(login)\n").count - 1 }
            if homonyms.contains(login) {
                #expect(hits > 1, "\(login) not told apart on its roster")
            } else {
                #expect(hits == 1, "\(login) printed \(hits) times")
            }
        }
        let index = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        for pdf in pdfs { #expect(index.contains(pdf.lastPathComponent)) }
        // The office's packet is the direction's: the listing and the index say so.
        let officeRow = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("bureau-du-directeur.pdf ") })
        #expect(officeRow.hasSuffix("  la direction"))
        #expect(index.contains("<td>la direction</td>"))
        let csvs = try files(folder, "csv")
        #expect(csvs.count == pdfs.count)
        let csv = try Data(contentsOf: csvs[0])
        #expect(csv.starts(with: [0xEF, 0xBB, 0xBF] + Array("Identifiant;Nom;Prénom;Profil;Classe;Enfants;Remis;Date;Remarque\r\n".utf8)))
        #expect(result.stdout.contains("\(deliveries.count) lettres imprimées"))
    }

    @Test func theZIPHoldsEveryPacketAndSheetAndThePurgeDryRunErasesNothing() throws {
        let cli = try planned()
        let result = try cli.run("print", "--out", "paquets", "--school", "Tilleuls", "--zip")
        #expect(result.status == 0 && result.stdout.contains("archive :"), "\(result.stderr)")
        let folder = cli.folder.appendingPathComponent("paquets")
        let zip = folder.appendingPathComponent("paquets.zip")
        let attributes = try FileManager.default.attributesOfItem(atPath: zip.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let listing = try #require(Tools.run("/usr/bin/python3", ["-m", "zipfile", "-l", zip.path]))
        let expected = try files(folder, "pdf").map(\.lastPathComponent) + FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".csv") }
        #expect(!expected.isEmpty && expected.allSatisfy { listing.contains($0) })
        let unknown = try cli.run("print", "--out", "autre", "--school", "Nulle Part")
        #expect(unknown.status != 0 && unknown.stderr.contains("Nulle Part"))

        #expect(try cli.run("record", "received", "--class", "CP A", "--channel", "in-class").status == 0)
        let dry = try cli.run("purge", "--dry-run", "--school", "Tilleuls")
        #expect(dry.status == 0 && dry.stdout.contains("seraient effacés"), "\(dry.stdout)\(dry.stderr)")
        let accounts = try #require(try cli.run("accounts", "--class", "CP A", "--profile", "student", "--activation", "pending", "--show-codes", "--format", "json").json as? [[String: Any]])
        #expect(!accounts.isEmpty && accounts.allSatisfy { ($0["activationCode"] as? String)?.isEmpty == false })
    }

    @Test func printingAgainChangesNoStateAndWritesNoEvent() throws {
        let cli = try planned()
        #expect(try cli.run("print", "--out", "p1").status == 0)
        let events = try cli.run("plan", "show").stdout
        #expect(try cli.run("print", "--out", "p2").status == 0)
        #expect(try cli.run("plan", "show").stdout == events)
        let one = try files(cli.folder.appendingPathComponent("p1"), "pdf"), two = try files(cli.folder.appendingPathComponent("p2"), "pdf")
        #expect(one.map(\.lastPathComponent) == two.map(\.lastPathComponent))
        for (a, b) in zip(one, two) { #expect(Tools.pdfPages(a) == Tools.pdfPages(b)) }
    }

    @Test func aLostLetterIsReprintedAlone() throws {
        let cli = try planned()
        #expect(try cli.run("print", "--out", "p").status == 0)
        let pupil = school.people(.student).first { $0.activationCode != nil }!
        let result = try cli.run("print", "--out", "p", "--account", pupil.printedLogin)
        #expect(result.status == 0, "\(result.stderr)")
        let reprint = cli.folder.appendingPathComponent("p/\(pupil.printedLogin.replacingOccurrences(of: ".", with: "-"))_reimpression.pdf")
        let pages = Tools.pdfPages(reprint)
        #expect(pages.count == 1)
        #expect(pages[0].contains(pupil.activationCode!))
        // A login mistyped is said so; an account with no paper letter under way, so.
        #expect(try cli.run("print", "--account", "personne.inconnue").stderr.contains("aucun compte « personne.inconnue » (identifiant ou alias) dans la base"))
        let teacher = try #require(school.people(.teacher).first).printedLogin
        #expect(try cli.run("print", "--account", teacher).stderr.contains("aucune lettre papier en cours pour \(teacher)"))
    }

    /// A folder that cannot be made (a file in the way, a read-only stick) is said in French,
    /// and no letter becomes issued.
    @Test func aFolderThatCannotBeMadeIsSaidAndNothingIsIssued() throws {
        let cli = try planned()
        let file = try cli.write(Data("x".utf8), to: "paquets")
        for arguments in [["print", "--out", file + "/rentree"], ["print", "--zip", "--out", file + "/rentree"], ["followup", "--dry-run", "--out", file + "/listes"]] {
            let result = try cli.run(arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr == "erreur : impossible d’écrire \(arguments[arguments.count - 1]) : impossible de créer le dossier (le chemin passe par un fichier qui n’est pas un dossier) (aucun fichier incomplet n’a été laissé)\n", "\(arguments)")
        }
        let plan = try #require(try cli.run("plan", "show", "--format", "json").json as? [String: Any])
        let deliveries = (plan["batches"] as! [[String: Any]]).flatMap { $0["deliveries"] as! [[String: Any]] }
        #expect(!deliveries.isEmpty && deliveries.allSatisfy { $0["state"] as? String == "planned" })
    }

    @Test func layoutsAndSortAreHonoured() throws {
        let cli = try planned(["--profile", "student", "--class", "CE1"])
        #expect(try cli.run("print", "--out", "a5", "--layout", "2").status == 0)
        let pdf = try #require(try files(cli.folder.appendingPathComponent("a5"), "pdf").first)
        let pupils = school.people(.student).count { $0.classes == ["CE1"] && $0.activationCode != nil }
        #expect(Tools.pdfPageCount(pdf) == 2 + (pupils + 1) / 2)
        #expect(try cli.run("print", "--layout", "3").status != 0)
    }

    @Test func missingSettingsAreNamedAndNothingIsPrinted() throws {
        let cli = try CLI()
        #expect(try cli.run("import", try cli.write(school.exportFile(), to: "e.csv")).status == 0)
        #expect(try cli.run("plan").status == 0)
        let result = try cli.run("print", "--out", "p")
        #expect(result.status == 1)
        #expect(result.stderr.contains("ent.url") && result.stderr.contains("director"))
        #expect(!FileManager.default.fileExists(atPath: cli.path("p")))
        // Values that cannot be their setting: refused, said with the setting's name, nothing written.
        let settings = cli.path("sesame.reglages.yaml")
        let before = try? Data(contentsOf: URL(fileURLWithPath: settings))
        for (arguments, message) in [
            (["--ent-url", "www.e-primo.fr"], "adresse de l’ENT « www.e-primo.fr » : une adresse commençant par https:// est attendue"),
            (["--phone", "le matin"], "téléphone de l’école « le matin » : un numéro de téléphone est attendu"),
            (["--email", "ecole.fr"], "courriel de l’école « ecole.fr » : une adresse électronique est attendue"),
            (["--city", "Nantes", "--director-title", "Directrice d’école"], "signature des lettres « Directrice d’école » : directrice ou directeur est attendu"),
        ] {
            let refused = try cli.run(["init"] + arguments)
            #expect(refused.status == 1 && refused.stderr.contains("erreur : \(message)"), "\(arguments): \(refused.stderr)")
        }
        #expect((try? Data(contentsOf: URL(fileURLWithPath: settings))) == before)
        #expect(try cli.run("init", "--phone", "+33 2 40 12 34 56").status == 0)
    }

    @Test func aBrokenTemplateIsReportedBeforeAnythingIsWritten() throws {
        let cli = try planned()
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let own = cli.folder.appendingPathComponent("modeles")
        try FileManager.default.copyItem(at: repository.appendingPathComponent("Reports"), to: own)
        let letter = own.appendingPathComponent("lettre.mustache")
        try (try String(contentsOf: letter, encoding: .utf8)).replacingOccurrences(of: "{{ecole.ville}}, le {{date}}", with: "{{ecole.ville}}, le {{#date}}").write(to: letter, atomically: true, encoding: .utf8)
        let result = try cli.run("print", "--out", "p", "--templates", own.path)
        #expect(result.status == 1)
        #expect(result.stderr.contains("lettre.mustache, ligne"))
        #expect(!FileManager.default.fileExists(atPath: cli.path("p")))
        // A school's own wording is used when it is valid.
        try (try String(contentsOf: letter, encoding: .utf8)).replacingOccurrences(of: "{{#date}}", with: "{{date}} (modèle de l’école)").write(to: letter, atomically: true, encoding: .utf8)
        #expect(try cli.run("print", "--out", "p", "--templates", own.path).status == 0)
        let pdf = try #require(try files(cli.folder.appendingPathComponent("p"), "pdf").first)
        #expect(Tools.pdfPages(pdf).joined().contains("(modèle de l’école)"))
    }
}
