import ArgumentParser
import Foundation
import SesameCore
import SesameSeason
import SesameStore

struct PlansCommand: SesameCommand {
    static let configuration = CommandConfiguration(
        commandName: "plans", abstract: "Lister les plans de distribution.")

    @OptionGroup var store: StoreOptions

    func execute() throws {
        let plans = try store.season().plans()
        guard !plans.isEmpty else {
            print("Aucun plan : créez-en un avec « sesame plan ».")
            return
        }
        var out = Console.Output()
        var table = TextTable(headers: ["N°", "Nom", "Stratégie", "Créé le", "Lettres", "États", "Laissés de côté"])
        for plan in plans {
            let states = DeliveryState.allCases.compactMap { s in plan.byState[s].map { "\($0) \(s.frenchName)" } }
            table.add([
                "\(plan.id)", plan.name + (plan.follows.map { " (suite du plan \($0))" } ?? ""), plan.strategy,
                SchoolCalendar.frenchDate(plan.createdAt), "\(plan.deliveries)", states.joined(separator: ", "), "\(plan.leftOut)",
            ])
        }
        table.render(into: &out)
        out.flush()
    }
}
