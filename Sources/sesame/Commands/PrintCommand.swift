import ArgumentParser
import Foundation
import SesameCore
import SesameDocuments
import SesameImport
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

    @Option(help: ArgumentHelp("Qui imprime, pour l’historique (sinon l’utilisateur du système).", valueName: "nom"))
    var by: String?

    func execute() throws {
        let store = try store.open()
        let settingsFile = SettingsFile.location(forStore: store.path)
        let settings = try SettingsFile.read(settingsFile)
        let templates = try DocumentTemplates.load(try Templates.folder(templatesFolder))
        let planID = try plan ?? store.latestPlanID()
        let paper = Set(Channel.allCases.filter(\.isPaper))
        let batches = try store.letterBatches(plan: planID, channels: paper, logins: accounts)
        guard !batches.isEmpty else {
            throw PrintError.nothingToPrint(plan: planID, logins: accounts)
        }
        let missing = settings.missingForPrinting(schools: Array(Set(batches.map(\.school))).sorted())
        guard missing.isEmpty else { throw DocumentError.missingSetting(names: missing, file: settingsFile.path) }

        let now = Date()
        let overview = try store.planOverview(planID)
        let options = PrintOptions(
            layout: layout, folder: URL(fileURLWithPath: out, isDirectory: true), sort: sort, date: now,
            returnBy: returnBy?.date ?? now.addingTimeInterval(7 * 86_400), planID: planID, planName: overview.name)
        let job = PrintJob(templates: templates, settings: settings, options: options)
        let progress = ProgressLine(unit: "lettres")
        let files = accounts.isEmpty
            ? try job.run(batches) { progress.update(done: $0.letters, total: $0.totalLetters, label: "\($0.files)/\($0.totalFiles) fichiers — \($0.lastFile)") }
            : try job.reprint(batches, name: accounts.joined(separator: "_"))
        progress.finish()

        let printed = files.flatMap(\.deliveryIDs)
        let issued = Dictionary(batches.flatMap(\.letters).map { ($0.deliveryID, $0.issued) }, uniquingKeysWith: { a, _ in a })
        try store.recordPrinted(printed.compactMap { issued[$0] }, actor: by ?? Actor.current, reprint: !accounts.isEmpty, at: now)
        var table = TextTable(headers: ["Fichier", "Lettres", "Pages", "Pour"])
        for file in files {
            table.add([file.url.path.replacingOccurrences(of: options.folder.path + "/", with: ""), "\(file.letters)", "\(file.pages)", file.recipients.joined(separator: ", ")])
        }
        var output = Console.Output()
        table.render(into: &output)
        output.line()
        output.line("\(plural(printed.count, "lettre imprimée", "lettres imprimées")) dans \(plural(files.count, "fichier")) ; index : \(options.folder.appendingPathComponent("index.html").path)")
        if files.contains(where: { $0.signOff != nil }) {
            output.line("Feuilles d’émargement à compléter (colonne « Remis » : oui, absent, retour, perdu, refus) : …emargement.csv à côté de chaque paquet.")
        }
        output.flush()
    }
}

extension Layout: ExpressibleByArgument {}

enum PrintError: UserFacingError {
    case nothingToPrint(plan: Int64, logins: [String])

    var userMessage: String {
        switch self {
        case let .nothingToPrint(plan, logins):
            logins.isEmpty
                ? "le plan \(plan) n’a aucune lettre papier à imprimer (tout part par courriel, ou tout est déjà clos)"
                : "aucune lettre papier en cours pour \(logins.joined(separator: ", ")) dans le plan \(plan)"
        }
    }
}

/// Where the document templates are.
enum Templates {
    static func folder(_ flag: String?) throws -> URL {
        guard let folder = Resources.directory("Reports", flag: flag, environment: "SESAME_REPORTS") else {
            throw TemplateError.missing(file: "lettre.mustache", folder: "Reports (ni --templates ni $SESAME_REPORTS)")
        }
        return folder
    }
}
