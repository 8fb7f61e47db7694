import ArgumentParser
import Foundation
import SesameCore
import SesameSeason
import SesameStore

struct PurgeCommand: SesameCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Effacer de la base les codes d’activation qui ne servent plus.",
        discussion: """
            Un code ne sert plus quand toutes les lettres du compte sont remises, refusées ou closes (compte \
            activé, lettre annulée). Les codes encore utiles (lettre à imprimer, à envoyer, à remettre, \
            absent…) sont gardés. Imprimer ou envoyer ensuite la lettre d’un code effacé est refusé : \
            demandez un nouveau code dans l’ENT, puis réimportez l’export (qui rapporte aussi les codes).

            Exemples :
              sesame purge                  (tous les codes qui ne servent plus)
              sesame purge --plan 1         (ceux des comptes du plan 1 et de ses relances)
              sesame purge --activated      (ceux des comptes activés)
            """)

    @OptionGroup var store: StoreOptions

    @Flag(help: "Seulement les comptes activés.")
    var activated = false

    @Option(help: ArgumentHelp("Seulement les comptes de ce plan et de ses relances.", valueName: "plan"))
    var plan: Int64?

    @Option(help: ArgumentHelp("Seulement les comptes de cette école.", valueName: "école"))
    var school: String?

    @Flag(name: .customLong("dry-run"), help: "Dire ce qui serait effacé, sans rien effacer.")
    var dryRun = false

    func execute() throws {
        let result = try store.season().purgeCodes(activatedOnly: activated, plan: plan, school: school, dryRun: dryRun)
        var out = Console.Output()
        out.line("\(French.plural(result.erased.count, dryRun ? "code serait effacé" : "code effacé", dryRun ? "codes seraient effacés" : "codes effacés"))\(result.erased.isEmpty ? "." : " : " + French.shortList(result.erased, limit: 30))")
        if result.stillNeeded > 0 { out.line("\(French.plural(result.stillNeeded, "code gardé", "codes gardés")) : une lettre est encore à imprimer, envoyer ou remettre.") }
        if result.activatedWithoutCode > 0 { out.line("\(French.plural(result.activatedWithoutCode, "compte activé", "comptes activés")) : l’ENT a déjà retiré leur code, la base n’en a pas.") }
        out.flush()
    }
}
