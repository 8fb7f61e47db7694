import Foundation
import SesameCore

/// `sesame status` as a table, CSV or JSON: the funnel whole, by class, by profile, by channel.
enum StatusOutput {
    static let stages: [Stage] = [.planned, .issued, .handedOver, .missed, .activated]

    /// One row per group: its name, then per stage the count and its share.
    static func rows(_ report: StatusReport) -> [(section: String, name: String, funnel: Funnel)] {
        var rows: [(String, String, Funnel)] = []
        for c in report.byClass {
            let name = c.key.className ?? "sans classe"
            rows.append(("classe", report.isMultiSchool ? "\(c.key.school) — \(name)" : name, c.funnel))
        }
        if report.isMultiSchool { rows += report.bySchool.map { ("établissement", $0.school, $0.funnel) } }
        rows += report.byProfile.map { ("profil", $0.profile.frenchPlural, $0.funnel) }
        rows += report.byChannel.map { ("canal", $0.channel.frenchName, $0.funnel) }
        rows.append(("total", "Total", report.total))
        return rows
    }

    /// "12 %", to the nearest unit, without `String(format:)`'s cost, paid for every cell of
    /// an académie's status.
    static func percent(_ value: Double) -> String {
        "\(Int(value.rounded())) %"
    }

    static func table(_ report: StatusReport, plan: Int64, into out: inout Console.Output) {
        out.line("État de la distribution — plan \(plan) et ses relances — \(report.total.total) comptes, \(report.total.reached) atteints (\(percent(report.total.total == 0 ? 0 : Double(report.total.reached) * 100 / Double(report.total.total))))")
        var section = ""
        var table: TextTable?
        for row in rows(report) {
            if row.section != section {
                if let done = table {
                    done.render(into: &out)
                    out.line()
                }
                section = row.section
                table = TextTable(headers: [section == "total" ? "" : "Par \(section)", "Comptes"] + stages.map { $0.frenchName.prefix(1).uppercased() + $0.frenchName.dropFirst() })
            }
            table!.add([row.name, "\(row.funnel.total)"] + stages.map { "\(row.funnel[$0]) (\(percent(row.funnel.percent($0))))" })
        }
        table?.render(into: &out)
    }

    static func csv(_ report: StatusReport, into out: inout Console.Output) {
        out.line("\u{FEFF}" + CSVLine.make(["Regroupement", "Nom", "Comptes"] + stages.flatMap { [$0.frenchName, "% " + $0.frenchName] }))
        for row in rows(report) {
            out.csvLine([row.section, row.name, "\(row.funnel.total)"]
                + stages.flatMap { ["\(row.funnel[$0])", String(format: "%.1f", row.funnel.percent($0)).replacingOccurrences(of: ".", with: ",")] })
        }
    }

    static func json(_ report: StatusReport, plan: Int64, into out: inout Console.Output) {
        func funnel(_ f: Funnel) -> String {
            JSONText.object(["total": "\(f.total)", "planned": "\(f[.planned])", "issued": "\(f[.issued])", "handedOver": "\(f[.handedOver])",
                             "missed": "\(f[.missed])", "activated": "\(f[.activated])"])
        }
        let classes = report.byClass.map { c in
            JSONText.object(["school": JSONText.string(c.key.school), "class": c.key.className.map(JSONText.string) ?? "null", "funnel": funnel(c.funnel)])
        }
        out.line(JSONText.object([
            "plan": "\(plan)", "total": funnel(report.total), "classes": JSONText.array(classes),
            "schools": JSONText.array(report.bySchool.map { JSONText.object(["school": JSONText.string($0.school), "funnel": funnel($0.funnel)]) }),
            "profiles": JSONText.array(report.byProfile.map { JSONText.object(["profile": JSONText.string($0.profile.rawValue), "funnel": funnel($0.funnel)]) }),
            "channels": JSONText.array(report.byChannel.map { JSONText.object(["channel": JSONText.string($0.channel.rawValue), "funnel": funnel($0.funnel)]) }),
        ]))
    }
}
