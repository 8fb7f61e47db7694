import ArgumentParser
import Foundation

@main
struct Sesame: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sesame",
        abstract: "Planifier, produire et suivre la distribution des identifiants ENT d’une école.",
        discussion: """
            Sésame importe l’export des comptes de l’ENT (e-primO, ONE, NEO…), prévoit qui reçoit ses \
            identifiants par quel canal, imprime les paquets et envoie les courriels, enregistre ce qui a été \
            remis, relance les absents et ceux qui n’ont pas activé leur compte, et garde tout dans une base \
            SQLite (--db, sinon $SESAME_DB, sinon ./sesame.db).

            Une rentrée : import → accounts → plan → print / send → record → import (export plus récent) \
            → followup → status.

            Pour essayer sur une école fictive : sesame demo
            """,
        version: "0.1.0",
        subcommands: [InitCommand.self, ImportCommand.self, AccountsCommand.self, PlanCommand.self, PlansCommand.self, PrintCommand.self, SendCommand.self, RecordCommand.self, FollowupCommand.self, StatusCommand.self, HistoryCommand.self, PurgeCommand.self, ServeCommand.self, UserCommand.self, DemoCommand.self])

    /// ArgumentParser's `main`, with its messages about the command line in French.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var serving = command as? AsyncParsableCommand {
                try await serving.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(FrenchParserMessages.translate(message)) }
            } else if !message.isEmpty {
                Console.toStderr(FrenchParserMessages.translate(message))
            }
            Foundation.exit(code.rawValue)
        }
    }
}
