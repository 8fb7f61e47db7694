import ArgumentParser
import Foundation
import SesameCore
import SesameImport
import SesameStore

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
        let store = try store.open()
        let exportInput = try export.map { try readExport($0, store: store) }
        let addressInput = try addresses.map(readAddresses)
        let pupilInput = try pupils.map(readPupils)
        let summary = try store.importFiles(export: exportInput, addresses: addressInput, pupils: pupilInput)
        switch format {
        case .json: print(try JSONOutput.string(summary))
        case .text: print(ImportReport(summary).text, terminator: "")
        }
    }

    private func readExport(_ path: String, store: Store) throws -> ExportInput {
        let data = try FileLoading.load(URL(fileURLWithPath: path))
        let reader = try ENTExportReader(data: data, fileName: (path as NSString).lastPathComponent)
        var defaultSchool: String?
        if reader.hasSchoolColumn {
            if school != nil {
                throw ValidationError("\(reader.fileName) indique déjà l’établissement de chaque compte : --school ne s’applique pas")
            }
        } else if let school {
            defaultSchool = (try? store.resolveSchool(school)) ?? school
        } else {
            let known = try store.schools()
            guard known.count == 1 else { throw StoreError.schoolRequired(known: known.map(\.name)) }
            defaultSchool = known[0].name
        }
        return reader.input(data: data, defaultSchool: defaultSchool)
    }

    /// The school of an ONDE extraction (one file per school): `--school`, else the store's only one.
    private func readPupils(_ path: String) throws -> PupilInput {
        let data = try FileLoading.load(URL(fileURLWithPath: path))
        let reader = try PupilFileReader(data: data, fileName: (path as NSString).lastPathComponent)
        return reader.input(data: data, school: school)
    }

    private func readAddresses(_ path: String) throws -> AddressInput {
        let data = try FileLoading.load(URL(fileURLWithPath: path))
        return try AddressFileReader(data: data, fileName: (path as NSString).lastPathComponent).input(data: data)
    }
}
