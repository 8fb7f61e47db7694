import Foundation
import SesameFixtures
import Testing

@Suite struct ImportAndSelectionTests {
    let school = SchoolGenerator().generate()

    private func imported() throws -> CLI {
        let cli = try CLI()
        let export = try cli.write(school.exportFile(), to: "export-comptes.csv")
        let addresses = try cli.write(school.addressFile(), to: "adresses.csv")
        let result = try cli.run("import", export, "--addresses", addresses)
        #expect(result.status == 0, "\(result.stderr)")
        return cli
    }

    @Test func importPrintsAFrenchSummaryWithTheProblemsAndTheirLines() throws {
        let cli = try CLI()
        let export = try cli.write(school.exportFile(), to: "export-comptes.csv")
        let result = try cli.run("import", export)
        #expect(result.status == 0)
        let accounts = school.people.count { !$0.isGhost }
        #expect(result.stdout.contains("\(accounts) comptes"))
        #expect(result.stdout.contains("8 classes"))
        #expect(result.stdout.contains("1 administrateur local"))
        #expect(result.stdout.contains("export-comptes.csv:"))
        #expect(result.stdout.contains("doublon de la ligne"))
        #expect(result.stdout.contains("« Timéo "))
        #expect(FileManager.default.fileExists(atPath: cli.path("sesame.db")))
    }

    @Test func importJSONHasAPinnedShape() throws {
        let cli = try CLI()
        let export = try cli.write(school.exportFile(), to: "e.csv")
        let result = try cli.run("import", export, "--format", "json")
        let json = try #require(result.json as? [String: Any])
        for key in ["file", "encoding", "sha256", "schools", "accounts", "byProfile", "classes", "activated", "pending",
                    "withEmail", "localAdmins", "links", "changes", "problems"] {
            #expect(json[key] != nil, "missing \(key)")
        }
        let problems = try #require(json["problems"] as? [[String: Any]])
        #expect(problems.allSatisfy { $0["kind"] is String && $0["line"] is Int && $0["message"] is String })
        let changes = try #require(json["changes"] as? [String: Any])
        #expect(Set(changes.keys) == ["new", "activated", "codeChanged", "removed", "updated"])
        let byProfile = try #require(json["byProfile"] as? [String: Int])
        #expect(byProfile["parent"] == school.people(.parent).count)
    }

    @Test func accountsJSONHasAPinnedShapeAndHidesCodes() throws {
        let cli = try imported()
        let result = try cli.run("accounts", "--format", "json", "--profile", "parent")
        let accounts = try #require(result.json as? [[String: Any]])
        #expect(accounts.count == school.people(.parent).count)
        let required = ["login", "profile", "firstName", "lastName", "school", "classes", "activated", "email",
                        "emailSource", "hasAddress", "children", "localAdmin"]
        for account in accounts {
            for key in required { #expect(account.keys.contains(key), "missing \(key)") }
            #expect(account["activationCode"] == nil)
            #expect(account["profile"] as? String == "parent")
        }
        #expect(accounts.contains { $0["emailSource"] as? String == "collected" })
        #expect(accounts.contains { $0["email"] is NSNull })
        let withChildren = try #require(accounts.first { ($0["children"] as? [String])?.isEmpty == false })
        let parent = try #require(school.person(login: withChildren["login"] as! String))
        #expect(Set(withChildren["children"] as! [String]).isSubset(of: Set(parent.children.map { school.people[$0].printedLogin })))
        #expect(!result.stdout.contains(school.people(.parent).first { $0.activationCode != nil }!.activationCode!))
    }

    @Test func showCodesRevealsThem() throws {
        let cli = try imported()
        let pending = school.people(.student).first { $0.activationCode != nil }!
        let json = try #require(try cli.run("accounts", "--format", "json", "--show-codes").json as? [[String: Any]])
        let row = try #require(json.first { $0["login"] as? String == pending.printedLogin })
        #expect(row["activationCode"] as? String == pending.activationCode)
        let table = try cli.run("accounts", "--show-codes").stdout
        #expect(table.contains(pending.activationCode!))
        let masked = try cli.run("accounts").stdout
        #expect(!masked.contains(pending.activationCode!))
        #expect(masked.contains("••••••••"))
        let csv = try cli.run("accounts", "--format", "csv").stdout
        #expect(!csv.contains(pending.activationCode!))
        #expect(csv.hasPrefix("\u{FEFF}Établissement;Nom;Prénom"))
    }

    @Test func tableEndsWithTheSeedsTotals() throws {
        let cli = try imported()
        let result = try cli.run("accounts", "--profile", "student", "--class", "CP A")
        let pupils = school.people(.student).filter { $0.classes == ["CP A"] }
        let activated = pupils.count { $0.activationCode == nil }
        #expect(result.stdout.contains("\(pupils.count) comptes sélectionnés — \(activated) déjà activé"))
        #expect(result.stdout.contains("sans adresse électronique"))
    }

    @Test func sortByClassListsClassesInSchoolOrder() throws {
        let cli = try imported()
        let json = try #require(try cli.run("accounts", "--format", "json", "--profile", "student", "--sort", "class").json as? [[String: Any]])
        let firstClasses = json.map { ($0["classes"] as! [String])[0] }
        var seen: [String] = []
        for c in firstClasses where seen.last != c { seen.append(c) }
        #expect(seen == school.classes)
    }

    @Test func theDatabaseComesFromTheEnvironmentWhenNotGiven() throws {
        var cli = try CLI()
        cli.environment["SESAME_DB"] = cli.path("autre.db")
        let export = try cli.write(school.exportFile(), to: "e.csv")
        #expect(try cli.run("import", export).status == 0)
        #expect(FileManager.default.fileExists(atPath: cli.path("autre.db")))
        #expect(!FileManager.default.fileExists(atPath: cli.path("sesame.db")))
        #expect(try cli.run("accounts", "--format", "json").status == 0)
    }

    /// The families' file given first, before any export: refused, no store made. Imported
    /// once, it is not read again, until a newer export brings accounts it may match.
    @Test func aFamilyFileIsMatchedAgainAfterEachNewExport() throws {
        let cli = try CLI()
        let addresses = try cli.write(school.addressFile(), to: "CSVExtraction-responsables.csv")
        let first = try cli.run("import", "--addresses", addresses)
        #expect(first.status == 1)
        #expect(first.stderr.contains("importez d’abord l’export de l’ENT"), "\(first.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("sesame.db")))
        // The same on a store that exists with no account yet (settings written first).
        #expect(try cli.run("init", "--ent-name", "e-primO").status == 0)
        let early = try cli.run("import", "--addresses", addresses)
        #expect(early.status == 1 && early.stderr.contains("la base ne contient encore aucun compte : importez d’abord l’export de l’ENT"), "\(early.stderr)")
        #expect(try cli.run("import", try cli.write(school.exportFile(), to: "export.csv")).status == 0)
        let matched = try cli.run("import", "--addresses", addresses, "--format", "json")
        let found = try #require((matched.json as? [String: Any])?["addresses"] as? [String: Any])
        #expect((found["matchedParents"] as? Int ?? 0) > 0, "\(found)")
        #expect(try cli.run("import", "--addresses", addresses).stdout.contains("a déjà été importé"))
        #expect(try cli.run("import", try cli.write(school.later(activated: 0.3, newCodes: 1).exportFile(), to: "octobre.csv")).status == 0)
        let again = try cli.run("import", "--addresses", addresses, "--format", "json")
        let rematched = try #require((again.json as? [String: Any])?["addresses"] as? [String: Any])
        #expect(rematched["alreadyImportedAt"] == nil && rematched["matchedParents"] as? Int == found["matchedParents"] as? Int, "\(rematched)")
    }

    /// A mistyped `--db`, or a command run from another folder, is told so, and leaves no
    /// empty store behind for the next command to answer from.
    @Test func aCommandOnAStoreThatIsNotThereCreatesNone() throws {
        let cli = try CLI()
        let typo = cli.path("sesmae.db")
        for command in [["accounts"], ["status"], ["plan"], ["plans"], ["followup"], ["print"], ["send"], ["record", "received", "--account", "x"], ["history", "x"], ["purge"]] {
            let result = try cli.run(command + ["--db", typo])
            #expect(result.status == 1, "\(command)")
            #expect(result.stderr.contains("erreur : aucune base Sésame n’existe à \(typo) : importez d’abord l’export de l’ENT"), "\(command): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: typo), "\(command)")
        }
        // The commands that start a season make the store.
        let set = try cli.run("init", "--db", typo, "--ent-name", "e-primO")
        #expect(set.status == 0, "\(set.stderr)")
        #expect(FileManager.default.fileExists(atPath: typo))
        // A store with no account yet: the listing says to import, as `plan` does.
        let empty = try cli.run("accounts", "--db", typo)
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("la base ne contient encore aucun compte : importez d’abord"))
        #expect(empty.stdout.isEmpty)
    }
}

@Suite struct BadInputTests {
    let school = SchoolGenerator().generate()

    @Test func anUnreadableExportChangesNothingAndSaysWhere() throws {
        let cli = try CLI()
        let good = try cli.write(school.exportFile(), to: "e.csv")
        try cli.run("import", good)
        let before = try cli.run("accounts", "--format", "json", "--show-codes").stdout
        var bad = school.exportFile(encoding: .utf8)
        bad.append(Data("\"x\";\"\";\"Élève\";\"Roux\";\"Léa\";\"lea.roux\";\"\";\"abc\";\"\";\"E\";\"CP\";\"\";\"\";\"\";\"\"\n".utf8))
        let result = try cli.run("import", try cli.write(bad, to: "bad.csv"))
        #expect(result.status != 0)
        #expect(result.stderr.contains("bad.csv, ligne \(school.exportOrder.count + 2) : 15 champs au lieu de 16"))
        #expect(result.stdout.isEmpty)
        #expect(try cli.run("accounts", "--format", "json", "--show-codes").stdout == before)
    }

    /// The export saved as a workbook by a spreadsheet, or cut after its header: refused for
    /// what it is, and the accounts stay as they were.
    @Test func aWorkbookOrAHeaderAloneIsRefusedAndChangesNothing() throws {
        let cli = try CLI()
        try cli.run("import", try cli.write(school.exportFile(), to: "e.csv"))
        let before = try cli.run("accounts", "--format", "json", "--show-codes").stdout
        let workbook = try cli.run("import", try cli.write(Data([0x50, 0x4B, 0x03, 0x04]) + school.exportFile(), to: "export.xlsx"))
        #expect(workbook.status == 1)
        #expect(workbook.stderr.contains("export.xlsx est un classeur de tableur") && workbook.stderr.contains("CSV (séparateur : point-virgule)"))
        let header = String(decoding: school.exportFile(encoding: .utf8), as: UTF8.self).split(separator: "\n")[0]
        let headerOnly = try cli.run("import", try cli.write(Data((header + "\r\n\r\n").utf8), to: "coupe.csv"))
        #expect(headerOnly.status == 1)
        #expect(headerOnly.stderr.contains("coupe.csv : le fichier n’a que sa ligne d’en-tête"))
        let addresses = try cli.run("import", "--addresses", try cli.write(Data("Nom responsable;Prénom responsable;Nom élève;Prénom élève\n".utf8), to: "a.csv"))
        #expect(addresses.status == 1 && addresses.stderr.contains("a.csv : le fichier n’a que sa ligne d’en-tête"))
        #expect(try cli.run("accounts", "--format", "json", "--show-codes").stdout == before)
    }

    @Test func anUnknownHeaderNamesLineAndColumn() throws {
        let cli = try CLI()
        let file = try cli.write(Data("Type;Nom;Prénom;Identifiant;Date de naissance\n".utf8), to: "x.csv")
        let result = try cli.run("import", file)
        #expect(result.status == 1)
        #expect(result.stderr.contains("erreur : x.csv, ligne 1, colonne 5 : en-tête « Date de naissance » inconnu"))
    }

    @Test func aMissingFileIsSaidSo() throws {
        let cli = try CLI()
        let result = try cli.run("import", "absent.csv")
        #expect(result.status == 1)
        #expect(result.stderr.contains("fichier introuvable"))
    }

    @Test func aClassExportWithoutSchoolAsksForOne() throws {
        let cli = try CLI()
        let file = try cli.write(school.exportFile(format: .classLevel), to: "classe.csv")
        let result = try cli.run("import", file)
        #expect(result.status == 1)
        #expect(result.stderr.contains("--school"))
        let ok = try cli.run("import", file, "--school", "École Test")
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("École Test"))
        // The file names no relatives: no "0 établi" to make a director think families were lost.
        #expect(!ok.stdout.contains("Liens parent"))
        let full = try cli.run("import", try cli.write(school.exportFile(), to: "e.csv"))
        #expect(full.stdout.contains("Liens parent–enfant : "))
    }

    @Test func anUnknownClassOrSchoolIsAClearError() throws {
        let cli = try CLI()
        try cli.run("import", try cli.write(school.exportFile(), to: "e.csv"))
        let cls = try cli.run("accounts", "--class", "CP Z")
        #expect(cls.status == 1)
        #expect(cls.stderr.contains("aucune classe « CP Z »"))
        let sch = try cli.run("accounts", "--school", "Jules Ferry")
        #expect(sch.status == 1)
        #expect(sch.stderr.contains(school.name))
    }

    @Test func badOptionValuesAreRefused() throws {
        let cli = try CLI()
        #expect(try cli.run("accounts", "--activation", "bientôt").status != 0)
        #expect(try cli.run("accounts", "--created-before", "31/02/2026").status != 0)
        #expect(try cli.run("accounts", "--profile", "tuteur").status != 0)
        #expect(try cli.run("import").status != 0)
    }
}

@Suite struct DemoTests {
    @Test func theDemoRunsOnTheFictionalSchool() throws {
        let cli = try CLI()
        let result = try cli.run("demo", "--out", cli.path("demo"))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Import de export-comptes.csv"))
        #expect(result.stdout.contains("comptes sélectionnés"))
        #expect(result.stdout.contains("Élèves d’ONDE : CSVExtraction-eleves.csv"))
        for file in ["export-comptes.csv", "CSVExtraction-responsables.csv", "CSVExtraction-eleves.csv", "sesame.db"] {
            #expect(FileManager.default.fileExists(atPath: cli.path("demo/\(file)")))
        }
        // Running it again starts afresh rather than piling up.
        let again = try cli.run("demo", "--out", cli.path("demo"))
        #expect(again.status == 0)
        #expect(!again.stdout.contains("déjà été importé"))
    }
}
