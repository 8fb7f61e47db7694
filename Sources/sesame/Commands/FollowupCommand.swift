import ArgumentParser
import Foundation
import SesameCore
import SesameSeason


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
              sesame followup --school "École Jules Ferry" --out relance
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

    @Option(help: ArgumentHelp("Une seule école (sinon toutes celles du plan).", valueName: "école"))
    var school: String?

    @Option(help: ArgumentHelp("Nom du plan de relance.", valueName: "nom"))
    var name: String?

    @Option(help: ArgumentHelp("Qui relance, pour l’historique (sinon l’utilisateur du système).", valueName: "nom"))
    var by: String?

    @Option(name: .customLong("templates"), help: ArgumentHelp("Dossier des modèles (sinon ceux livrés avec Sésame).", valueName: "dossier"))
    var templatesFolder: String?

    func execute() throws {
        let season = try store.season(templates: templatesFolder)
        let root = try season.seasonPlan(plan, school: school)
        let output = BackgroundWriter(FollowUpOutput(format: format, plan: root))
        defer { output.wait() }
        let order = FollowUpOrder(
            plan: root, name: name, escalate: !dryRun, listsFolder: out.map { URL(fileURLWithPath: $0, isDirectory: true) },
            school: school, actor: by ?? ActingUser.current)
        let result = try season.followUp(order) { items in output.async { $0.add(items) } }
        output.finish { $0.finish(followUpPlan: result.followUpPlan, dryRun: dryRun, lists: result.lists.map(\.path)) }
    }
}
