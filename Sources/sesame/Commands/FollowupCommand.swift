import ArgumentParser
import Foundation
import SesameCore
import SesameDocuments
import SesameImport
import SesameStore


struct FollowupCommand: SesameCommand {
    static let configuration = CommandConfiguration(
        commandName: "followup",
        abstract: "Relancer : qui n’a pas reçu sa lettre ou pas activé son compte, et par quel canal continuer.",
        discussion: """
            Regarde chaque lettre en cours du plan et de ses relances, avec le compte tel que le dernier \
            import le montre. Les absents, retours, perdus et courriels rejetés passent au canal suivant de \
            la stratégie du plan (absent à la réunion → bureau, puis courriel ou courrier…) : ces nouvelles \
            lettres forment un plan de relance, à imprimer (sesame print) ou envoyer (sesame send). Une \
            lettre n’est relancée qu’une fois. Les lettres reçues sans activation sont listées pour un rappel.

            --out écrit les listes : une par classe pour l’enseignant, une pour la direction (PDF).

            Exemples :
              sesame followup --out relance
              sesame followup 1 --dry-run --format csv > relance.csv
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp("Numéro du plan (sinon le premier plan de la dernière rentrée et ses relances).", valueName: "plan"))
    var plan: Int64?

    @Option(help: ArgumentHelp("Dossier où écrire les listes de relance (PDF par classe et pour la direction).", valueName: "dossier"))
    var out: String?

    @Option(help: ArgumentHelp("text, csv ou json.", valueName: "format"))
    var format: FollowUpOutput.Format = .text

    @Flag(name: .customLong("dry-run"), help: "Lister sans créer le plan de relance ni changer les lettres.")
    var dryRun = false

    @Option(help: ArgumentHelp("Nom du plan de relance.", valueName: "nom"))
    var name: String?

    @Option(help: ArgumentHelp("Qui relance, pour l’historique (sinon l’utilisateur du système).", valueName: "nom"))
    var by: String?

    @Option(name: .customLong("templates"), help: ArgumentHelp("Dossier des modèles (sinon ceux livrés avec Sésame).", valueName: "dossier"))
    var templatesFolder: String?

    func execute() throws {
        let store = try store.open()
        let root = try store.rootPlan(of: try plan ?? store.latestPlanID())
        let (strategyName, source) = try store.strategySource(ofPlan: root)
        let strategy = try StrategyReader.read(source, file: "stratégie « \(strategyName) » du plan \(root)", name: strategyName)
        let templates = try out.map { _ in try DocumentTemplates.load(try Templates.folder(templatesFolder)) }
        let now = Date()
        let output = BackgroundWriter(FollowUpOutput(format: format, plan: root))
        // A school comes once per plan of the chain that has letters for it: lists gather them.
        var schools: [(name: String, items: [FollowUpItem])] = []
        let request = FollowUpRequest(
            plan: root, name: name ?? "Relance du \(SchoolCalendar.frenchDate(now))", actor: by ?? Actor.current, now: now, escalate: !dryRun)
        let followUpPlan = try store.followUp(request, strategy: strategy, strategySource: source) { items in
            output.async { $0.add(items) }
            guard out != nil, let school = items.first?.delivery.school else { return }
            if let index = schools.firstIndex(where: { $0.name == school }) { schools[index].items += items } else { schools.append((school, items)) }
        }
        var written: [String] = []
        if let out, let templates {
            let settings = try SettingsFile.read(SettingsFile.location(forStore: store.path))
            let lists = FollowUpLists(templates: templates, settings: settings, date: now, plan: root, followUpPlan: followUpPlan)
            let folder = URL(fileURLWithPath: out, isDirectory: true)
            for (school, items) in schools {
                written += try lists.write(items, school: school, to: folder, severalSchools: schools.count > 1).map(\.path)
            }
        }
        output.finish { $0.finish(followUpPlan: followUpPlan, dryRun: dryRun, lists: written) }
    }
}
