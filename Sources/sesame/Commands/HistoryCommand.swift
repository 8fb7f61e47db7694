import ArgumentParser
import Foundation
import SesameCore
import SesameSeason
import SesameStore

struct HistoryCommand: SesameCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "L’historique des lettres d’un compte : qui, quand, quoi (jamais le code).",
        discussion: "Exemple : sesame history lea.martin")

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp("Identifiant ou alias du compte.", valueName: "identifiant"))
    var login: String

    @Option(help: ArgumentHelp("text ou json.", valueName: "format"))
    var format: ReportFormat = .text

    func execute() throws {
        let history = try store.season().history(of: login)
        var out = Console.Output()
        switch format {
        case .text:
            out.line("\(history.name) (\(history.login)) — \(history.profile.frenchName.lowercased()), \(history.school) — compte \(history.isActivated ? "activé" : "pas encore activé")")
            if history.entries.isEmpty { out.line("Aucune lettre prévue pour ce compte.") }
            var table = TextTable(headers: ["Date", "Par", "Plan", "Canal", "État", "Remarque"])
            for e in history.entries {
                let change = e.from.map { $0 == e.to ? "(\($0.frenchName))" : "\($0.frenchName) → \(e.to.frenchName)" } ?? e.to.frenchName
                table.add([SchoolCalendar.frenchDate(e.at) + " " + SchoolCalendar.time(e.at), e.actor, "\(e.planID)", e.channel.frenchName, change, e.note ?? ""])
            }
            if !history.entries.isEmpty { table.render(into: &out) }
        case .json:
            let entries = history.entries.map { e in
                JSONText.object([
                    "at": JSONText.string(ISO8601DateFormatter().string(from: e.at)), "actor": JSONText.string(e.actor), "plan": "\(e.planID)",
                    "planName": JSONText.string(e.planName), "channel": JSONText.string(e.channel.rawValue),
                    "from": e.from.map { JSONText.string($0.rawValue) } ?? "null", "to": JSONText.string(e.to.rawValue),
                    "note": e.note.map(JSONText.string) ?? "null",
                ])
            }
            out.line(JSONText.object([
                "login": JSONText.string(history.login), "name": JSONText.string(history.name), "school": JSONText.string(history.school),
                "profile": JSONText.string(history.profile.rawValue), "activated": "\(history.isActivated)", "events": JSONText.array(entries),
            ]))
        }
        out.flush()
    }
}
