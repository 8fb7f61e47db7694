import ArgumentParser
import Foundation
import SesameCore
import SesameFiles
import SesameFixtures
import SesameImport
import SesameStore

struct DemoCommand: SesameCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Dérouler une rentrée entière sur une école fictive (fichiers, base et résultats dans un dossier).",
        discussion: """
            Crée l’export ENT et le fichier des familles d’une école fictive, puis déroule la rentrée : \
            import, vérification, plan (stratégie « ecole »), impression des paquets, retour des feuilles \
            d’émargement (quelques absents), nouvel export quatre semaines plus tard (des comptes activés), \
            relance vers le bureau du directeur, seconde relance par courriel (écrits dans un dossier, rien \
            n’est envoyé) et par courrier, et bilan avec son graphique. Rien n’est écrit hors du dossier choisi.
            """)

    @Option(help: ArgumentHelp("Dossier de la démonstration.", valueName: "dossier"))
    var out = "sesame-demo"

    func execute() throws {
        let folder = URL(fileURLWithPath: out, isDirectory: true)
        try Folder.create(folder)
        for previous in ["paquets", "retours", "relance-1", "relance-2", "courriels"] {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(previous))
        }
        let school = SchoolGenerator().generate()
        let exportURL = folder.appendingPathComponent("export-comptes.csv")
        let addressURL = folder.appendingPathComponent("CSVExtraction-responsables.csv")
        let pupilsURL = folder.appendingPathComponent("CSVExtraction-eleves.csv")
        try Self.write(school.exportFile(), to: exportURL)
        try Self.write(school.responsablesExtraction(), to: addressURL)
        try Self.write(school.pupilsExtraction(), to: pupilsURL)
        let dbPath = folder.appendingPathComponent("sesame.db").path
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: dbPath + suffix) }
        func run(_ command: any SesameCommand.Type, _ arguments: [String]) throws {
            var parsed = try command.parseAsRoot(arguments + ["--db", dbPath])
            try parsed.run()
        }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

        section("1. Import de l’export ENT et des extractions d’ONDE (responsables, élèves) de « \(school.name) »")
        try run(ImportCommand.self, [exportURL.path, "--addresses", addressURL.path, "--pupils", pupilsURL.path])

        section("2. Vérification : parents non activés, par classe (codes masqués)")
        try run(AccountsCommand.self, ["--profile", "parent", "--activation", "pending", "--sort", "class"])

        section("3. Plan de distribution (stratégie « ecole », réunions de rentrée le 15 septembre)")
        let meetings = school.classes.enumerated().flatMap { index, className in
            ["--meeting", "\(className)=2026-09-15 \(String(format: "%02d", 17 + index / 4)):\(index % 4 == 0 ? "00" : "\(index % 4 * 15)")"]
        }
        try run(PlanCreateCommand.self, ["--name", "Rentrée 2026", "--by", "Direction"] + meetings)

        section("4. Impression des paquets (réglages de l’école fictive, puis un PDF par lot)")
        try run(InitCommand.self, [
            "--ent-name", "e-primO", "--ent-url", "https://www.e-primo.fr", "--director", "Anne Roux", "--director-title", "directrice",
            "--phone", "02 40 12 34 56", "--email", "ce.0440999x@ac-nantes.fr",
            "--city", school.city, "--address", "12 rue des Tilleuls, 44000 Nantes",
            "--from", "direction.tilleuls@ecole.example", "--from-name", school.name,
        ])
        try run(PrintCommand.self, ["--out", path("paquets"), "--by", "Direction"])

        section("5. Retour des feuilles d’émargement (dans retours/, quelques absents)")
        let returned = try Self.fillSheets(in: folder.appendingPathComponent("paquets"), into: folder.appendingPathComponent("retours"))
        for sheet in returned { try run(RecordOutcomeCommand.self, ["--from", sheet.path, "--by", "Direction"]) }

        section("6. Quatre semaines plus tard : nouvel export de l’ENT (des comptes activés)")
        let laterURL = folder.appendingPathComponent("export-comptes-octobre.csv")
        try Self.write(school.later(activated: 0.45, newCodes: 2).exportFile(), to: laterURL)
        try run(ImportCommand.self, [laterURL.path])

        section("7. Relance : les absents passent au canal suivant (listes dans relance-1/)")
        try run(FollowupCommand.self, ["--out", path("relance-1"), "--by", "Direction", "--name", "Relance d’octobre"])
        try run(PrintCommand.self, ["--out", path("relance-1/paquets"), "--by", "Direction"])

        section("8. Au bureau : la moitié des absents vient chercher sa lettre")
        let office = try Store(path: dbPath).letterBatches(plan: try Store(path: dbPath).latestPlanID(), channels: [.office]).flatMap(\.letters)
        let came = office.enumerated().filter { $0.offset % 2 == 0 }.map(\.element.account.login)
        let stayed = office.enumerated().filter { $0.offset % 2 == 1 }.map(\.element.account.login)
        if !came.isEmpty { try run(RecordOutcomeCommand.self, ["received", "--by", "Direction"] + came.flatMap { ["--account", $0] }) }
        if !stayed.isEmpty { try run(RecordOutcomeCommand.self, ["absent", "--by", "Direction", "--note", "pas venu au bureau"] + stayed.flatMap { ["--account", $0] }) }

        section("9. Seconde relance : courriel ou courrier (courriels écrits dans courriels/, rien n’est envoyé)")
        try run(FollowupCommand.self, ["--out", path("relance-2"), "--by", "Direction", "--name", "Relance de novembre"])
        try run(SendCommand.self, ["--outbox", path("courriels")])
        try run(PrintCommand.self, ["--out", path("relance-2/paquets"), "--by", "Direction"])

        section("10. Bilan pour le conseil d’école (bilan.png, bilan.pdf)")
        try run(StatusCommand.self, ["--chart", path("bilan.png")])
        try run(StatusCommand.self, ["--chart", path("bilan.pdf"), "--format", "csv"])

        print("\nLes fichiers et la base de la démonstration sont dans \(folder.path)/.")
    }

    /// The sheets as the teachers give them back: every fifth person absent, the others ticked.
    /// The demo's files name (fictional) people and hold codes: owner only, like Sésame's own.
    private static func write(_ data: Data, to url: URL) throws {
        try AtomicFile.write(data, to: url)
    }

    private static func fillSheets(in packets: URL, into folder: URL) throws -> [URL] {
        try Folder.create(folder)
        let sheets = try FileManager.default.contentsOfDirectory(at: packets, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.hasSuffix(".emargement.csv") && !$0.lastPathComponent.hasPrefix("bureau") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        return try sheets.map { sheet in
            var lines = try String(contentsOf: sheet, encoding: .utf8).components(separatedBy: "\r\n")
            for i in lines.indices.dropFirst() where !lines[i].isEmpty {
                var fields = lines[i].components(separatedBy: ";")
                fields[6] = i % 5 == 0 ? "absent" : "oui"
                fields[7] = "15/09/2026"
                lines[i] = fields.joined(separator: ";")
            }
            let url = folder.appendingPathComponent(sheet.lastPathComponent)
            try write(Data(lines.joined(separator: "\r\n").utf8), to: url)
            return url
        }
    }

    private func section(_ title: String) {
        print("\n\(title)\n\(String(repeating: "═", count: title.count))")
    }
}
