import ArgumentParser
import Foundation
import SesameCore
import SesameSeason
import SesameStore

struct PlanCreateCommand: SesameCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Créer un plan : sélectionner les comptes (mêmes filtres que « accounts ») et leur appliquer une stratégie.",
        discussion: """
            Sans --activation, seuls les comptes pas encore activés sont prévus, comme le dit la fiche 5.1 ; \
            --activation all ajoute une lettre de rappel pour les comptes déjà activés. Un compte qui a déjà \
            une lettre en cours dans un autre plan est laissé de côté, sauf avec --replan.

            Exemple : sesame plan --strategy ecole --name "Rentrée 2026" --meeting "CP A=15/09/2026 18h"
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var selection: SelectionOptions
    @OptionGroup var strategyOptions: StrategyOptions

    @Option(help: ArgumentHelp("Nom du plan.", valueName: "texte"))
    var name: String?

    @Option(name: .customLong("meeting"), help: ArgumentHelp(
        "Réunion de rentrée d’une classe : \"CLASSE=JJ/MM/AAAA 17h30\" (ou AAAA-MM-JJ 17:30) ; répétable.", valueName: "classe=date"))
    var meetings: [MeetingArgument] = []

    @Flag(help: "Prévoir aussi les comptes qui ont déjà une lettre en cours dans un autre plan (celle-ci est annulée).")
    var replan = false

    @Option(help: ArgumentHelp("Qui crée le plan, pour l’historique (sinon l’utilisateur du système).", valueName: "nom"))
    var by: String?

    @Option(help: "Format : text ou json.")
    var format: ReportFormat = .text

    func execute() throws {
        let season = try store.season()
        let (strategy, source) = try strategyOptions.load()
        let filter = selection.filter(defaultActivation: .pending)
        CreationDateNote.show(try season.creationDateStandIn(for: filter))
        let id = try season.createPlan(PlanOrder(
            name: name, strategy: strategy, strategySource: source, filter: filter,
            selection: selection.recorded(defaultActivation: .pending), meetings: meetings.map { ($0.className, $0.date) },
            replan: replan, actor: by ?? ActingUser.current))
        switch format {
        case .json: print(try JSONOutput.string(PlanJSON(try season.planDetail(id))))
        case .text: print(PlanReport(try season.planOverview(id), strategyTitle: strategy.title).text, terminator: "")
        }
    }
}
