import Foundation
import SesameFixtures
import Testing

@Suite struct PlanTests {
    let school = SchoolGenerator().generate()

    private func imported() throws -> CLI {
        let cli = try CLI()
        let export = try cli.write(school.exportFile(), to: "export.csv")
        let addresses = try cli.write(school.addressFile(), to: "adresses.csv")
        #expect(try cli.run("import", export, "--addresses", addresses).status == 0)
        return cli
    }

    @Test func planPrintsWhatItPlannedPerChannelAndClass() throws {
        let cli = try imported()
        let result = try cli.run("plan", "--name", "Rentrée", "--meeting", "CP A=2026-09-15 18:00")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Plan n° 1 « Rentrée » — stratégie ecole"))
        #expect(result.stdout.contains("Remise en classe"))
        #expect(result.stdout.contains("Réunion de rentrée"))
        #expect(result.stdout.contains("CP A (") && result.stdout.contains("le 15/09/2026 à 18:00"))
        #expect(result.stdout.contains("date à fixer (--meeting \"GS=AAAA-MM-JJ HH:MM\")"))
        let pending = school.people.count { !$0.isGhost && $0.activationCode != nil && $0.profile != .teacher }
        #expect(result.stdout.contains("Total : \(pending) lettres prévues (\(pending) de première connexion, 0 rappel)"))
    }

    @Test func planShowJSONHasThePinnedShape() throws {
        let cli = try imported()
        #expect(try cli.run("plan", "--activation", "all", "--meeting", "GS=2026-09-16 17:30").status == 0)
        let json = try #require(try cli.run("plan", "show", "1", "--format", "json").json as? [String: Any])
        for key in ["id", "name", "strategy", "createdAt", "batches", "leftOut"] { #expect(json[key] != nil, "missing \(key)") }
        #expect(json["strategy"] as? String == "ecole")
        let batches = try #require(json["batches"] as? [[String: Any]])
        for batch in batches {
            for key in ["id", "channel", "school", "class", "recipients", "meeting", "deliveries"] {
                #expect(batch.keys.contains(key), "batch missing \(key)")
            }
        }
        let meeting = try #require(batches.first { $0["channel"] as? String == "meeting" && $0["class"] as? String == "GS" })
        #expect(meeting["meeting"] as? String == "2026-09-16T15:30:00Z")
        let office = try #require(batches.first { $0["channel"] as? String == "office" })
        #expect(office["class"] is NSNull && office["meeting"] is NSNull)
        let deliveries = batches.flatMap { $0["deliveries"] as! [[String: Any]] }
        for d in deliveries {
            for key in ["login", "profile", "letter", "state", "children"] { #expect(d.keys.contains(key), "delivery missing \(key)") }
        }
        #expect(Set(deliveries.compactMap { $0["letter"] as? String }) == ["activation", "reminder"])
        #expect(deliveries.contains { ($0["children"] as? [String])?.isEmpty == false })
        let leftOut = try #require(json["leftOut"] as? [[String: Any]])
        #expect(leftOut.count == school.people(.teacher).count)
        #expect(leftOut.allSatisfy { ($0["reason"] as? String)?.contains("enseignante") == true && $0["login"] is String })
    }

    @Test func planningTwiceLeavesOutAndReplanCancels() throws {
        let cli = try imported()
        #expect(try cli.run("plan").status == 0)
        let again = try cli.run("plan", "--strategy", "via-eleve")
        #expect(again.status == 1)
        #expect(again.stderr.contains("aucune lettre à prévoir"))
        #expect(again.stderr.contains("déjà prévu dans le plan 1"))
        let replan = try cli.run("plan", "--strategy", "via-eleve", "--replan", "--profile", "parent")
        #expect(replan.status == 0, "\(replan.stderr)")
        #expect(replan.stdout.contains("Via l’élève (carnet de liaison)"))
        let plans = try cli.run("plans")
        #expect(plans.stdout.contains("annulée"))
        #expect(plans.stdout.split(separator: "\n").count == 4)
    }

    @Test func filtersLimitThePlan() throws {
        let cli = try imported()
        let result = try cli.run("plan", "--class", "CP A", "--profile", "student", "--format", "json")
        let json = try #require(result.json as? [String: Any])
        let batches = try #require(json["batches"] as? [[String: Any]])
        #expect(batches.count == 1)
        #expect(batches[0]["class"] as? String == "CP A")
        let expected = school.people(.student).count { $0.classes == ["CP A"] && $0.activationCode != nil }
        #expect((batches[0]["deliveries"] as? [Any])?.count == expected)
    }

    @Test func badStrategiesAndMeetingsAreRefused() throws {
        let cli = try imported()
        let unknown = try cli.run("plan", "--strategy", "poste")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("aucune stratégie « poste »") && unknown.stderr.contains("ecole"))
        let file = try cli.write(Data("profiles:\n  parent:\n    - pigeon\n".utf8), to: "maison.yaml")
        let broken = try cli.run("plan", "--strategy", file)
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("maison.yaml, ligne 3, colonne 7 : canal « pigeon » inconnu"))
        #expect(try cli.run("plan", "--meeting", "CP Z=2026-09-15 18:00").stderr.contains("aucune classe « CP Z »"))
        #expect(try cli.run("plan", "--meeting", "CP A=demain").status != 0)
        #expect(try cli.run("plans").stdout.contains("Aucun plan"))
    }

    @Test func aSchoolsOwnStrategyFileCanBeUsed() throws {
        let cli = try imported()
        let file = try cli.write(Data("title: Tout au bureau\nprofiles:\n  parent:\n    - office\n".utf8), to: "bureau-parents.yaml")
        let result = try cli.run("plan", "--strategy", file)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("stratégie bureau-parents (Tout au bureau)"))
        #expect(result.stdout.contains("la stratégie ne prévoit rien pour ce profil (élève)"))
    }

    @Test func anInstalledBinaryFindsTheShippedStrategies() throws {
        let cli = try imported()
        let prefix = cli.folder.appendingPathComponent("prefix")
        let fm = FileManager.default
        try fm.createDirectory(at: prefix.appendingPathComponent("bin"), withIntermediateDirectories: true)
        try fm.createDirectory(at: prefix.appendingPathComponent("share/sesame"), withIntermediateDirectories: true)
        try fm.copyItem(at: CLI.binary, to: prefix.appendingPathComponent("bin/sesame"))
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        try fm.copyItem(at: repository.appendingPathComponent("Strategies"), to: prefix.appendingPathComponent("share/sesame/Strategies"))
        let installed = try cli.run(executable: prefix.appendingPathComponent("bin/sesame"), ["plan", "--strategy", "bureau"])
        #expect(installed.status == 0, "\(installed.stderr)")
        #expect(installed.stdout.contains("stratégie bureau"))
        // Elsewhere, the environment variable points to a school's own folder.
        try fm.removeItem(at: prefix.appendingPathComponent("share/sesame/Strategies"))
        let own = cli.folder.appendingPathComponent("mes-strategies")
        try fm.createDirectory(at: own, withIntermediateDirectories: true)
        try Data("profiles:\n  parent:\n    - office\n".utf8).write(to: own.appendingPathComponent("maison.yaml"))
        var withEnv = cli
        withEnv.environment["SESAME_STRATEGIES"] = own.path
        let result = try withEnv.run(executable: prefix.appendingPathComponent("bin/sesame"), ["plan", "--strategy", "maison", "--replan"])
        #expect(result.status == 0, "\(result.stderr)")
        let missing = try cli.run(executable: prefix.appendingPathComponent("bin/sesame"), ["plan", "--strategy", "ecole"])
        #expect(missing.stderr.contains("aucune stratégie « ecole »"))
    }
}
