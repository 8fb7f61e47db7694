import ArgumentParser
import Foundation
import SesameCore
import SesameDocuments
import SesameSeason
import SesameStore

struct StatusCommand: SesameCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Où en est la distribution : par classe, par profil et par canal, avec un graphique.",
        discussion: """
            Chaque compte compte une fois, à sa dernière lettre (celle d’une relance remplace celle qu’elle \
            relance) : à émettre, émise, remise, absent/retour/rejet, compte activé.

            Exemples :
              sesame status
              sesame status --chart bilan.png      (ou .pdf, .svg, pour le conseil d’école)
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp("Numéro du plan (sinon le premier plan de la dernière rentrée et ses relances).", valueName: "plan"))
    var plan: Int64?

    @Option(help: ArgumentHelp("table, csv ou json.", valueName: "format"))
    var format: ListFormat = .table

    @Option(help: ArgumentHelp("Écrire aussi un graphique en barres (.pdf, .png ou .svg).", valueName: "fichier"))
    var chart: String?

    func validate() throws {
        if let chart, StatusChart.Format(rawValue: URL(fileURLWithPath: chart).pathExtension.lowercased()) == nil {
            throw ValidationError("--chart : un fichier .pdf, .png ou .svg est attendu")
        }
    }

    func execute() throws {
        let season = try store.season()
        let (root, report) = try season.status(plan: plan)
        var out = Console.Output()
        switch format {
        case .table: StatusOutput.table(report, plan: root, into: &out)
        case .csv: StatusOutput.csv(report, into: &out)
        case .json: StatusOutput.json(report, plan: root, into: &out)
        }
        out.flush()
        if let chart {
            try season.writeChart(report, plan: root, to: URL(fileURLWithPath: chart))
            Console.note("Graphique écrit : \(chart)")
        }
    }
}
