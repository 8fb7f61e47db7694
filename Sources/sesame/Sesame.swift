import ArgumentParser

@main
struct Sesame: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sesame",
        abstract: "Planifier, produire et suivre la distribution des identifiants ENT d’une école.",
        discussion: """
            Sésame importe l’export des comptes de l’ENT (e-primO, ONE, NEO…), sélectionne les comptes \
            comme la console d’administration (profil, classe, activation, courriel, ADML, date de création), \
            et garde tout dans une base SQLite (--db, sinon $SESAME_DB, sinon ./sesame.db).

            Pour essayer sur une école fictive : sesame demo
            """,
        version: "0.1.0",
        subcommands: [InitCommand.self, ImportCommand.self, AccountsCommand.self, PlanCommand.self, PlansCommand.self, PrintCommand.self, SendCommand.self, RecordCommand.self, FollowupCommand.self, StatusCommand.self, HistoryCommand.self, PurgeCommand.self, DemoCommand.self])
}
