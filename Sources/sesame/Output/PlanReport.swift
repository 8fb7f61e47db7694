import Foundation
import SesameCore
import SesameStore

/// A plan as a director reads it: per school, channel and class, how many letters for whom,
/// and what was left out and why.
struct PlanReport {
    let plan: PlanDetail
    let strategyTitle: String?

    init(_ plan: PlanDetail, strategyTitle: String?) {
        self.plan = plan
        self.strategyTitle = strategyTitle
    }

    /// What `sesame plan` prints: counts per batch.
    var summary: String {
        render(detailed: false)
    }

    /// What `sesame plan show` prints: every letter of every batch.
    var detail: String {
        render(detailed: true)
    }

    private func render(detailed: Bool) -> String {
        var out = ""
        func line(_ text: String = "") { out += text + "\n" }
        line("Plan n° \(plan.id) « \(plan.name) » — stratégie \(plan.strategy)\(strategyTitle.map { " (\($0))" } ?? "")")
        line("Créé le \(SchoolCalendar.frenchDate(plan.createdAt)) par \(plan.createdBy)\(plan.follows.map { ", suite du plan \($0)" } ?? "")")
        var school = ""
        var channel: Channel?
        for batch in plan.batches {
            if batch.school != school {
                school = batch.school
                channel = nil
                line()
                line(school)
            }
            if batch.channel != channel {
                channel = batch.channel
                line("  \(batch.channel.frenchName.capitalizedFirst)")
            }
            line("    \(heading(batch)) : \(counts(batch.deliveries))")
            if detailed {
                for d in batch.deliveries {
                    let children = d.children.isEmpty ? "" : " — enfants : \(d.children.joined(separator: ", "))"
                    line("      \(d.displayName) (\(d.login), \(d.profile.frenchName.lowercased())) — \(d.letter == .activation ? "première connexion" : "rappel"), \(d.state.frenchName)\(d.isCopy ? ", copie" : "")\(children)")
                }
            }
        }
        let all = plan.batches.flatMap(\.deliveries)
        line()
        line("Total : \(plural(all.count, "lettre prévue", "lettres prévues")) (\(all.count { $0.letter == .activation }) de première connexion, \(plural(all.count { $0.letter == .reminder }, "rappel")))")
        leftOut(line)
        return out
    }

    private func heading(_ batch: BatchDetail) -> String {
        guard let className = batch.className else { return "tout l’établissement" }
        var text = className
        if !batch.recipients.isEmpty { text += " (\(batch.recipients.joined(separator: ", ")))" }
        if batch.channel == .meeting {
            text += batch.meeting.map { ", le \(SchoolCalendar.frenchDate($0)) à \(SchoolCalendar.time($0))" }
                ?? ", date à fixer (--meeting \"\(className)=AAAA-MM-JJ HH:MM\")"
        }
        return text
    }

    private func counts(_ deliveries: [DeliveryDetail]) -> String {
        let byProfile = Profile.allCases.compactMap { p -> String? in
            let n = deliveries.count { $0.profile == p }
            return n == 0 ? nil : "\(n) \((n > 1 ? p.frenchPlural : p.frenchName).lowercased())"
        }
        let copies = deliveries.count(where: \.isCopy)
        return plural(deliveries.count, "lettre") + " — " + byProfile.joined(separator: ", ") + (copies > 0 ? " (dont \(copies) en copie)" : "")
    }

    private func leftOut(_ line: (String) -> Void) {
        guard !plan.leftOut.isEmpty else { return }
        line("Laissés de côté : \(plan.leftOut.count)")
        var groups: [(reason: String, people: [LeftOutDetail])] = []
        for item in plan.leftOut {
            if let i = groups.firstIndex(where: { $0.reason == item.reason }) { groups[i].people.append(item) } else { groups.append((item.reason, [item])) }
        }
        for group in groups {
            let names = group.people.prefix(8).map { "\($0.firstName) \($0.lastName)" }.joined(separator: ", ")
            let more = group.people.count > 8 ? ", … (\(group.people.count - 8) de plus)" : ""
            line("  \(group.people.count) — \(group.reason) : \(names)\(more)")
        }
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
