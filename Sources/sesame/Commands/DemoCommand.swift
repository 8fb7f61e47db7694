import ArgumentParser
import Foundation
import SesameCore
import SesameFixtures
import SesameImport
import SesameStore

struct DemoCommand: SesameCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Dérouler Sésame sur une école fictive (fichiers, base et résultats dans un dossier).",
        discussion: """
            Crée l’export ENT et le fichier des familles d’une école fictive, les importe dans une base neuve, \
            montre la sélection des comptes à distribuer, prévoit leur distribution avec la stratégie \
            « courriel » (courriel pour qui a une adresse, sinon en classe, à la réunion ou au bureau), \
            imprime les paquets et écrit les courriels dans un dossier, sans rien envoyer. Rien n’est \
            écrit hors du dossier choisi.
            """)

    @Option(help: ArgumentHelp("Dossier de la démonstration.", valueName: "dossier"))
    var out = "sesame-demo"

    func execute() throws {
        let folder = URL(fileURLWithPath: out, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let school = SchoolGenerator().generate()
        let exportURL = folder.appendingPathComponent("export-comptes.csv")
        let addressURL = folder.appendingPathComponent("adresses-responsables.csv")
        try school.exportFile().write(to: exportURL, options: .atomic)
        try school.addressFile().write(to: addressURL, options: .atomic)
        let dbPath = folder.appendingPathComponent("sesame.db").path
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: dbPath + suffix) }

        section("1. Import de l’export ENT et du fichier des familles de « \(school.name) »")
        let importCommand = try ImportCommand.parse([exportURL.path, "--addresses", addressURL.path, "--db", dbPath])
        try importCommand.run()

        section("2. Vérification : parents non activés, par classe (codes masqués)")
        let accounts = try AccountsCommand.parse([
            "--db", dbPath, "--profile", "parent", "--activation", "pending", "--sort", "class",
        ])
        try accounts.run()

        section("3. Plan de distribution (stratégie « courriel », réunions de rentrée le 15 septembre)")
        let meetings = school.classes.enumerated().flatMap { index, className in
            ["--meeting", "\(className)=2026-09-15 \(String(format: "%02d", 17 + index / 4)):\(index % 4 == 0 ? "00" : "\(index % 4 * 15)")"]
        }
        let plan = try PlanCreateCommand.parse(["--db", dbPath, "--name", "Rentrée 2026", "--strategy", "courriel", "--by", "Direction"] + meetings)
        try plan.run()

        section("4. Impression des paquets (réglages de l’école fictive, puis un PDF par lot)")
        let settings = try InitCommand.parse([
            "--db", dbPath, "--ent-name", "e-primO", "--ent-url", "https://www.e-primo.fr", "--director", "Anne Roux",
            "--city", school.city, "--address", "12 rue des Tilleuls, 44000 Nantes",
            "--from", "direction.tilleuls@ecole.example", "--from-name", school.name,
        ])
        try settings.run()
        let printing = try PrintCommand.parse(["--db", dbPath, "--out", folder.appendingPathComponent("paquets").path, "--by", "Direction"])
        try printing.run()

        section("5. Courriels des familles qui ont une adresse (écrits en .eml, rien n’est envoyé)")
        let mail = try SendCommand.parse(["--db", dbPath, "--outbox", folder.appendingPathComponent("courriels").path])
        try mail.run()

        print("\nLes fichiers et la base de la démonstration sont dans \(folder.path)/.")
    }

    private func section(_ title: String) {
        print("\n\(title)\n\(String(repeating: "═", count: title.count))")
    }
}
