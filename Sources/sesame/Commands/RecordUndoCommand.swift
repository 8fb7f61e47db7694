import ArgumentParser
import SesameCore
import SesameSeason
import SesameStore

struct RecordUndoCommand: SesameCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "Annuler un enregistrement fait par erreur : la lettre revient à l’état d’avant.",
        discussion: """
            Rien n’est effacé de l’historique : l’annulation y est écrite, avec qui l’a faite et pourquoi.

            Exemples :
              sesame record undo --account lea.martin --note "cochée par erreur"
              sesame record undo --last            (montre ce que la dernière commande record a enregistré)
              sesame record undo --last --yes      (et l’annule)
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp("Numéro du plan (sinon la lettre de chaque compte, où qu’elle soit).", valueName: "plan"))
    var plan: Int64?

    @Option(name: .customLong("account"), parsing: .upToNextOption, help: ArgumentHelp("Identifiants (ou alias) des comptes.", valueName: "identifiant"))
    var accounts: [String] = []

    @Flag(help: "Ce qu’a enregistré la dernière commande « sesame record ».")
    var last = false

    @Flag(help: "Avec --last : annuler sans demander.")
    var yes = false

    @Option(help: ArgumentHelp("Pourquoi, pour l’historique.", valueName: "texte"))
    var note: String?

    @Option(help: ArgumentHelp("Qui annule, pour l’historique (sinon l’utilisateur du système).", valueName: "nom"))
    var by: String?

    func validate() throws {
        guard last != !accounts.isEmpty else { throw ValidationError("dites quoi annuler : --account ou --last (un seul des deux)") }
        if yes && !last { throw ValidationError("--yes va avec --last") }
    }

    func execute() throws {
        let season = try store.season()
        let target: UndoTarget = last ? .lastRecord : .accounts(accounts)
        var out = Console.Output()
        if last && !yes {
            let found = try season.outcomesToUndo(target, plan: plan)
            out.line("La dernière commande « sesame record » a enregistré :")
            for item in found { out.line("  \(describe(item))") }
            out.line("Pour l’annuler : sesame record undo --last --yes")
            out.flush()
            return
        }
        let undone = try season.undo(target, plan: plan, actor: by ?? ActingUser.current, reason: note)
        out.line("\(French.plural(undone.count, "enregistrement annulé", "enregistrements annulés")) :")
        for item in undone { out.line("  \(describe(item)) → de nouveau « \(item.before.frenchName) »") }
        out.flush()
    }

    private func describe(_ item: RecordedOutcome) -> String {
        "\(item.login) : « \(item.recorded.frenchName) », enregistré par \(item.recordedBy) le \(SchoolCalendar.frenchDate(item.recordedAt)) à \(SchoolCalendar.time(item.recordedAt))"
    }
}
