import ArgumentParser
import Foundation
import SesameCore
import SesameSeason
import SesameStore

struct PlanShowCommand: SesameCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Montrer un plan : ses lots, et pour chacun les lettres et leur état.")

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp("Numéro du plan (sinon le plus récent).", valueName: "plan"))
    var id: Int64?

    @Option(help: "Format : text ou json.")
    var format: ReportFormat = .text

    func execute() throws {
        let (plan, overview) = try store.season().plan(id)
        switch format {
        case .json: print(try JSONOutput.string(PlanJSON(plan)))
        case .text: print(PlanReport(overview, detail: plan).text, terminator: "")
        }
    }
}
