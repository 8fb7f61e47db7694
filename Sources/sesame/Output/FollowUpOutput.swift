import SesameCore

/// `sesame followup`'s listing, written school by school as the store hands them over.
struct FollowUpOutput {
    enum Format: String, CaseIterable {
        case text, csv, json
    }

    let format: Format
    let plan: Int64
    private var out = Console.Output()
    /// Counted by a small integer per kind of action (hashing each line's code cost a tenth
    /// of a million-line follow-up), named by its code at the end.
    private var tally: [Int: (code: String, count: Int)] = [:]
    private var counts: [String: Int] {
        Dictionary(tally.values.map { ($0.code, $0.count) }, uniquingKeysWith: +)
    }
    private var escalated: [Channel: [String]] = [:]
    private var stranded: [String] = []
    private var first = true

    init(format: Format, plan: Int64) {
        self.format = format
        self.plan = plan
        switch format {
        case .csv:
            out.line("\u{FEFF}" + CSVLine.make([
                "Établissement", "Classes", "Nom", "Prénom", "Identifiant", "Profil", "Canal", "Lettre", "Suite", "Code", "Courriel connu",
                "Adresse connue", "Plan",
            ]))
        case .json:
            out.line("{\"plan\":\(plan),\"items\":[")
        case .text: break
        }
    }

    /// One school's items.
    mutating func add(_ items: [FollowUpItem]) {
        for item in items {
            let key = item.action.rank * 8 + (item.action.escalation.map { Channel.allCases.firstIndex(of: $0.channel)! } ?? 0)
            if let known = tally[key] { tally[key] = (known.code, known.count + 1) } else { tally[key] = (item.action.code, 1) }
            guard item.action != .done else { continue }
            let d = item.delivery
            switch format {
            case .csv:
                out.csvLine([
                    d.school, d.facts.classes.joined(separator: ", "), d.lastName, d.firstName, d.login, d.facts.profile.frenchName,
                    d.channel.frenchName, d.state.frenchName, item.action.advice, item.action.code,
                    d.facts.hasEmail ? "oui" : "non", d.facts.hasAddress ? "oui" : "non", "\(d.planID)",
                ])
            case .json:
                out.line((first ? "" : ",") + JSONText.object([
                    "school": JSONText.string(d.school), "classes": JSONText.array(d.facts.classes.map(JSONText.string)),
                    "lastName": JSONText.string(d.lastName), "firstName": JSONText.string(d.firstName), "login": JSONText.string(d.login),
                    "profile": JSONText.string(d.facts.profile.rawValue), "channel": JSONText.string(d.channel.rawValue),
                    "state": JSONText.string(d.state.rawValue), "action": JSONText.string(item.action.code),
                    "nextChannel": item.action.escalation.map { JSONText.string($0.channel.rawValue) } ?? "null",
                    "advice": JSONText.string(item.action.advice), "hasEmail": "\(d.facts.hasEmail)", "hasAddress": "\(d.facts.hasAddress)",
                    "plan": "\(d.planID)",
                ]))
                first = false
            case .text:
                let who = "\(d.firstName) \(d.lastName) (\(d.login))"
                if let next = item.action.escalation {
                    escalated[next.channel, default: []].append(who)
                } else if case .noChannelLeft(let reasons) = item.action {
                    stranded.append("\(who) : \(reasons.joined(separator: " ; "))")
                }
            }
        }
    }

    /// Ends the listing; `followUpPlan` is the plan the escalations went to.
    mutating func finish(followUpPlan: Int64?, dryRun: Bool, lists: [String]) {
        switch format {
        case .csv: break
        case .json:
            out.line("],\"followUpPlan\":\(followUpPlan.map(String.init) ?? "null"),\"counts\":\(countsJSON)}")
        case .text:
            text(followUpPlan: followUpPlan, dryRun: dryRun, lists: lists)
        }
        out.flush()
    }

    private var countsJSON: String {
        let counts = counts
        return "{" + counts.keys.sorted().map { JSONText.string($0) + ":\(counts[$0]!)" }.joined(separator: ",") + "}"
    }

    private mutating func text(followUpPlan: Int64?, dryRun: Bool, lists: [String]) {
        let escalations = escalated.values.reduce(0) { $0 + $1.count }
        let counts = counts
        out.line("Relance du plan \(plan)\(dryRun ? " (essai : rien n’est enregistré)" : "")")
        if let followUpPlan {
            out.line("Plan de relance n° \(followUpPlan) créé : \(French.plural(escalations, "nouvelle lettre", "nouvelles lettres")).")
        } else if escalations > 0 {
            out.line("\(French.plural(escalations, "lettre serait relancée", "lettres seraient relancées")).")
        } else {
            out.line("Personne à relancer par un autre canal.")
        }
        let lines: [(String, [String])] = [
            ("à relancer par un autre canal", counts.filter { $0.key.hasPrefix("relance-") }.map(\.key)),
            ("sans autre canal possible, à voir par la direction", ["sans-canal"]),
            ("feuille d’émargement attendue", ["emargement-attendu"]),
            ("pas encore imprimées ou envoyées", ["a-envoyer"]),
            ("reçues, compte pas encore activé (rappeler d’activer)", ["rappel-activation"]),
            ("refus", ["refus"]),
            ("activés ou terminés", ["termine"]),
        ]
        for (label, codes) in lines {
            let n = codes.reduce(0) { $0 + (counts[$1] ?? 0) }
            if n > 0 { out.line("  \(label) : \(n)") }
        }
        for channel in Channel.allCases {
            guard let names = escalated[channel] else { continue }
            out.line("\(channel.frenchName.prefix(1).uppercased() + channel.frenchName.dropFirst()) (\(names.count)) : \(French.shortList(names, limit: 30))")
        }
        if !stranded.isEmpty {
            out.line("Sans autre canal (\(stranded.count)) :")
            for line in stranded.prefix(50) { out.line("  \(line)") }
            if stranded.count > 50 { out.line("  … et \(stranded.count - 50) de plus (--format csv les donne tous)") }
        }
        if !lists.isEmpty { out.line("Listes de relance : \(lists.joined(separator: ", "))") }
        if let followUpPlan { out.line("Nouvelles lettres : sesame print \(followUpPlan) ; courriels : sesame send \(followUpPlan).") }
    }
}
