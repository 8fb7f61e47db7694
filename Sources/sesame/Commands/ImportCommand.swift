import ArgumentParser
import Foundation
import SesameCore
import SesameSeason

struct ImportCommand: SesameCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Importer l’export des comptes de l’ENT et, s’il y a lieu, le fichier des adresses des familles.",
        discussion: """
            L’import est tout ou rien : un fichier illisible ne change rien à la base. Réimporter le même \
            fichier ne change rien ; un export plus récent met les comptes à jour et dit ce qui a changé \
            (comptes activés, codes changés, comptes partis, nouveaux comptes).

            Exemple : sesame import export-comptes.csv --addresses CSVExtraction-responsables.csv --pupils CSVExtraction-eleves.csv
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp("Export des comptes de l’ENT (CSV).", valueName: "export.csv"))
    var export: String?

    @Option(help: ArgumentHelp(
        "Fichier des familles (adresses, courriels et téléphones recueillis).", valueName: "adresses.csv"))
    var addresses: String?

    @Option(help: ArgumentHelp(
        "Extraction des élèves d’ONDE : rapprochée des élèves de l’ENT, elle départage les homonymes par leur date de naissance.",
        valueName: "eleves.csv"))
    var pupils: String?

    @Option(help: ArgumentHelp(
        "Établissement des comptes d’un export qui ne l’indique pas (export d’une classe), ou de l’extraction des élèves.",
        valueName: "nom"))
    var school: String?

    @Option(help: "Format du compte rendu : text ou json.")
    var format: ReportFormat = .text

    func validate() throws {
        guard export != nil || addresses != nil || pupils != nil else {
            throw ValidationError("indiquez un export de l’ENT, un fichier des responsables (--addresses), une extraction des élèves (--pupils), ou plusieurs d’entre eux")
        }
    }

    func execute() throws {
        let files = ImportFiles(
            export: export.map { URL(fileURLWithPath: $0) }, addresses: addresses.map { URL(fileURLWithPath: $0) },
            pupils: pupils.map { URL(fileURLWithPath: $0) }, school: school)
        // Only an export starts a store: a family file alone has no account to go to.
        let summary = try store.season(creating: export != nil).importFiles(files)
        switch format {
        case .json: print(try JSONOutput.string(summary))
        case .text: print(ImportReport(summary).text, terminator: "")
        }
    }
}
