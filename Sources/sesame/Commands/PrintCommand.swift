import ArgumentParser
import Foundation
import SesameCore
import SesameDocuments
import SesameImport
import SesameSeason
import SesameStore
import SesameTemplates

struct PrintCommand: SesameCommand {
    static let configuration = CommandConfiguration(
        commandName: "print",
        abstract: "Imprimer les paquets d’un plan : un PDF par lot papier, prêt à remettre, et un index.",
        discussion: """
            Chaque paquet de classe commence par une page pour l’enseignant et une feuille d’émargement ; \
            la réunion a sa feuille d’émargement, le bureau sa liste de retrait. Une feuille d’émargement \
            à remplir est aussi écrite en CSV à côté de chaque paquet (…emargement.csv), pour « sesame record --from ». \
            Les lettres imprimées passent à l’état « émise ». Réimprimer le plan refait les mêmes documents.

            Exemples :
              sesame print --out paquets
              sesame print 2 --layout 8 --sort class
              sesame print --account lea.martin      (réimprimer une lettre perdue)
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp("Numéro du plan (sinon le plus récent).", valueName: "plan"))
    var plan: Int64?

    @Option(help: ArgumentHelp("Lettres par page : 1 (A4), 2 (deux A5) ou 8 (cartes).", valueName: "1|2|8"))
    var layout: Layout = .one

    @Option(help: ArgumentHelp("Dossier où écrire les documents.", valueName: "dossier"))
    var out = "impressions"

    @Option(name: .customLong("sort"), parsing: .upToNextOption, help: ArgumentHelp(
        "Ordre des lettres dans chaque fichier : profile et/ou class (puis nom).", valueName: "clés"))
    var sort: [AccountSortKey] = []

    @Option(name: .customLong("account"), help: ArgumentHelp("Réimprimer la lettre de ce compte seulement ; répétable.", valueName: "identifiant"))
    var accounts: [String] = []

    @Option(name: .customLong("return-by"), help: ArgumentHelp(
        "Date de retour des feuilles d’émargement (sinon dans une semaine).", valueName: "date"))
    var returnBy: DayArgument?

    @Option(name: .customLong("templates"), help: ArgumentHelp(
        "Dossier des modèles de documents (sinon $SESAME_REPORTS, sinon ceux livrés avec Sésame).", valueName: "dossier"))
    var templatesFolder: String?

    @Option(help: ArgumentHelp("Une seule école (sinon toutes celles du plan).", valueName: "école"))
    var school: String?

    @Flag(help: "Réunir aussi les paquets et les feuilles d’émargement dans paquets.zip.")
    var zip = false

    @Option(help: ArgumentHelp("Qui imprime, pour l’historique (sinon l’utilisateur du système).", valueName: "nom"))
    var by: String?

    func execute() throws {
        let request = PrintRequest(
            plan: plan, layout: layout, folder: URL(fileURLWithPath: out, isDirectory: true), sort: sort, accounts: accounts,
            returnBy: returnBy?.date, school: school, archive: zip, actor: by ?? ActingUser.current)
        let progress = ProgressLine(unit: "lettres")
        let result = try store.season(templates: templatesFolder).printPackets(request) {
            progress.update(done: $0.letters, total: $0.totalLetters, label: "\($0.files)/\($0.totalFiles) fichiers — \($0.lastFile)")
        }
        progress.finish()
        var table = TextTable(headers: ["Fichier", "Lettres", "Pages", "Pour"])
        for file in result.files {
            table.add([file.url.path.replacingOccurrences(of: result.folder.path + "/", with: ""), "\(file.letters)", "\(file.pages)", file.handedTo])
        }
        var output = Console.Output()
        table.render(into: &output)
        output.line()
        output.line("\(French.plural(result.letters, "lettre imprimée", "lettres imprimées")) dans \(French.plural(result.files.count, "fichier"))"
            + (result.index.map { " ; index : \($0.path)" } ?? "") + (result.archive.map { " ; archive : \($0.path)" } ?? ""))
        for note in result.notes { output.line(note) }
        if result.files.contains(where: { $0.signOff != nil }) {
            output.line("Feuilles d’émargement à compléter (colonne « Remis » : oui, absent, retour, perdu, refus) : …emargement.csv à côté de chaque paquet.")
        }
        output.flush()
    }
}

extension Layout: ExpressibleByArgument {}

/// Where the document templates are.
enum Templates {
    static func folder(_ flag: String?) throws -> URL {
        guard let folder = Resources.directory("Reports", flag: flag, environment: "SESAME_REPORTS") else {
            throw TemplateError.missing(file: "lettre.mustache", folder: "Reports (ni --templates ni $SESAME_REPORTS)")
        }
        return folder
    }
}
