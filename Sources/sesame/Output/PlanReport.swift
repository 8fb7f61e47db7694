import Foundation
import SesameCore
import SesameStore

/// A plan as a director reads it: per school, channel and class, how many letters for whom,
/// and what was left out and why; with `detail`, every letter of every batch.
struct PlanReport {
    let plan: PlanOverview
    let strategyTitle: String?
    let detail: PlanDetail?

    init(_ plan: PlanOverview, strategyTitle: String? = nil, detail: PlanDetail? = nil) {
        self.plan = plan
        self.strategyTitle = strategyTitle
        self.detail = detail
    }

    var text: String {
        var out = ""
        func line(_ text: String = "") { out += text + "\n" }
        line("Plan n° \(plan.id) « \(plan.name) » — stratégie \(plan.strategy)\(strategyTitle.map { " (\($0))" } ?? "")")
        line("Créé le \(SchoolCalendar.frenchDate(plan.createdAt)) par \(plan.createdBy)\(plan.follows.map { ", suite du plan \($0)" } ?? "")")
        let letters = Dictionary(uniqueKeysWithValues: (detail?.batches ?? []).map { ($0.id, $0.deliveries) })
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
            line("    \(heading(batch)) : \(counts(batch))")
            for d in letters[batch.id] ?? [] {
                let children = d.children.isEmpty ? "" : " — enfants : \(d.children.joined(separator: ", "))"
                line("      \(d.displayName) (\(d.login), \(d.profile.frenchName.lowercased())) — \(d.letter == .activation ? "première connexion" : "rappel"), \(d.state.frenchName)\(d.isCopy ? ", copie" : "")\(children)")
            }
        }
        line()
        line("Total : \(French.plural(plan.letters, "lettre prévue", "lettres prévues")) (\(plan.activations) de première connexion, \(French.plural(plan.letters - plan.activations, "rappel")))")
        leftOut(line)
        return out
    }

    private func heading(_ batch: BatchOverview) -> String {
        guard let className = batch.className else { return "tout l’établissement" }
        var text = className
        if !batch.recipients.isEmpty { text += " (\(batch.recipients.joined(separator: ", ")))" }
        if batch.channel == .meeting {
            text += batch.meeting.map { ", le \(SchoolCalendar.frenchDate($0)) à \(SchoolCalendar.time($0))" }
                ?? ", date à fixer (--meeting \"\(className)=AAAA-MM-JJ HH:MM\")"
        }
        return text
    }

    private func counts(_ batch: BatchOverview) -> String {
        let byProfile = Profile.allCases.compactMap { p -> String? in
            guard let n = batch.byProfile[p], n > 0 else { return nil }
            return p.counted(n)
        }
        return French.plural(batch.letters, "lettre") + " — " + byProfile.joined(separator: ", ")
            + (batch.copies > 0 ? " (dont \(batch.copies) en copie)" : "")
    }

    private func leftOut(_ line: (String) -> Void) {
        guard !plan.leftOut.isEmpty else { return }
        line("Laissés de côté : \(plan.leftOut.count)")
        var groups: [(reason: String, people: [LeftOutDetail])] = []
        var index: [String: Int] = [:]
        for item in plan.leftOut {
            if let i = index[item.reason] { groups[i].people.append(item) } else {
                index[item.reason] = groups.count
                groups.append((item.reason, [item]))
            }
        }
        for group in groups {
            line("  \(group.people.count) — \(group.reason) : \(French.shortList(group.people.map { "\($0.firstName) \($0.lastName)" }, limit: 8))")
        }
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
