import Foundation
import Hummingbird
import SesameCore
import SesameSeason
import SesameStore

extension WebServer {
    /// Planifier: a strategy (each with what its file says of when to choose it), meeting
    /// dates per class, the plan shown before it is recorded (with who is left out and why),
    /// then recorded: the same use cases as `sesame plan`.
    func addPlan(to router: Router<WebContext>) {
        router.get("/plan") { request, context in
            let person = try context.person()
            let query = try SelectionQuery(SelectionQuery.parameters(request), person: person, defaultActivation: .pending)
            return pages.render("plan", try planForm(query, chosen: "ecole", meetings: [:], name: "", replan: false), context: context)
        }
        router.post("/plan/apercu") { _, context in
            let person = try context.person()
            var form = try PlanForm(context.form, person: person)
            if let upload = context.uploads["strategieFichier"] {
                // The school's own strategy: checked now, then carried by the preview's form.
                form.ownStrategy = (upload.fileName, try season.strategy(data: upload.data, file: upload.fileName).source)
                form.strategy = ""
            }
            let choices = try strategies(form)
            let drafts = try season.previewPlan(try form.order(choices, actor: person.name))
            var values = try planForm(form.query, chosen: form.strategy, meetings: form.meetings, name: form.name, replan: form.replan)
            if let own = form.ownStrategy {
                values["propre"] = ["fichier": own.file, "source": own.source, "titre": choices[0].strategy.title]
            }
            let batches = drafts.flatMap(\.batches)
            let leftOut = drafts.flatMap(\.leftOut)
            values.merge([
                "lots": batches.map { b in
                    Self.batchRow(channel: b.channel, className: b.className, meeting: b.meeting,
                                  byProfile: Dictionary(grouping: b.deliveries.filter { !$0.isCopy }, by: \.profile).mapValues(\.count))
                },
                "lettres": "\(batches.reduce(0) { $0 + $1.deliveries.filter { !$0.isCopy }.count })",
                "aLaisses": !leftOut.isEmpty, "nombreLaisses": "\(leftOut.count)",
                "laisses": leftOut.map { ["identifiant": $0.login, "profil": $0.profile.frenchName, "raison": $0.message] },
                "vide": batches.isEmpty,
            ]) { $1 }
            return pages.render("apercu", values, context: context)
        }
        router.post("/plan") { _, context in
            let person = try context.person()
            let form = try PlanForm(context.form, person: person)
            let id = try season.createPlan(try form.order(strategies(form), actor: person.name))
            let overview = try season.planOverview(id)
            return pages.render("plan-cree", [
                "id": "\(id)", "nom": overview.name, "lettres": "\(overview.letters)",
                "lots": overview.batches.map { b in Self.batchRow(channel: b.channel, className: b.className, meeting: b.meeting, byProfile: b.byProfile) },
                "nombreLaisses": "\(overview.leftOut.count)",
            ], context: context)
        }
    }

    /// The strategies to choose from: the shipped ones, or the school's own file of the form.
    private func strategies(_ form: PlanForm) throws -> [StrategyChoice] {
        guard let own = form.ownStrategy else { return try season.strategies() }
        return [try season.strategy(source: own.source, file: own.file)]
    }

    /// The plan's form: the selection it plans, the strategies, a meeting date per class.
    private func planForm(_ query: SelectionQuery, chosen: String, meetings: [String: String], name: String, replan: Bool) throws -> [String: Any] {
        guard let school = query.filter.schools.first else { throw WebInputError.missingField("École") }
        let classes = try season.classNames(school: school)
        let selected = try season.select(query.filter).accounts.count
        return [
            "ecole": school, "selection": query.query, "selectionnes": "\(selected)", "nom": name, "replan": replan,
            "strategies": try season.strategies().map { choice in
                [
                    "valeur": choice.strategy.name, "titre": choice.strategy.title, "explication": choice.explanation.text, "points": choice.explanation.points, "aDesPoints": !choice.explanation.points.isEmpty, "conclusion": choice.explanation.conclusion,
                    "coche": choice.strategy.name == chosen,
                ] as [String: Any]
            },
            "reunions": classes.enumerated().map { i, name in
                ["i": "\(i)", "classe": name, "date": meetings[name] ?? ""]
            },
        ]
    }

    /// A line of a plan's table: the channel, the class, the meeting, the letters by profile.
    static func batchRow(channel: Channel, className: String?, meeting: Date?, byProfile: [Profile: Int]) -> [String: Any] {
        [
            "canal": channel.frenchName, "classe": className ?? "—",
            "reunion": meeting.map { "\(SchoolCalendar.frenchDate($0)) à \(SchoolCalendar.time($0))" } ?? "",
            "lettres": "\(byProfile.values.reduce(0, +))",
            "profils": Profile.allCases.compactMap { p in byProfile[p].map(p.counted) }.joined(separator: ", "),
        ]
    }
}

/// The plan's form as posted: the selection (the selection page's query), the strategy, the
/// meetings (`classe-N` and `reunion-N` pairs, the date as the browser's date-time field gives it).
struct PlanForm {
    var query: SelectionQuery
    var strategy: String
    var meetings: [String: String] = [:]
    var name: String
    var replan: Bool
    /// A school's own strategy file, uploaded with the form (its name and text).
    var ownStrategy: (file: String, source: String)?

    init(_ form: [String: String], person: WebPerson) throws {
        var parameters: [String: [String]] = [:]
        for (name, value) in SessionCheck.pairs(form["selection"] ?? "") { parameters[name, default: []].append(value) }
        query = try SelectionQuery(parameters, person: person, defaultActivation: .pending)
        strategy = form["strategie"] ?? "ecole"
        // The school's own file, carried by the preview, unless a shipped strategy was chosen instead.
        if let source = form["strategieSource"], !source.isEmpty, strategy.isEmpty {
            ownStrategy = (form["strategieFichierNom"] ?? "strategie.yaml", source)
        }
        name = form["nom"] ?? ""
        replan = form["replan"] != nil
        for (key, value) in form where key.hasPrefix("classe-") {
            if let date = form["reunion-" + key.dropFirst(7)], !date.isEmpty { meetings[value] = date }
        }
    }

    /// The order for `previewPlan` and `createPlan`; throws for an unknown strategy or a meeting that is no date.
    func order(_ strategies: [StrategyChoice], actor: String) throws -> PlanOrder {
        guard let choice = ownStrategy == nil ? strategies.first(where: { $0.strategy.name == strategy }) : strategies.first else {
            throw WebInputError.missingField("Stratégie")
        }
        let dates = try meetings.sorted { $0.key < $1.key }.map { className, text in
            guard let date = SchoolCalendar.parse(text.replacingOccurrences(of: "T", with: " ")) ?? SchoolCalendar.parseMeeting(text) else {
                throw WebInputError.invalidMeeting(className: className, text: text)
            }
            return (className: className, date: date)
        }
        return PlanOrder(
            name: name.isEmpty ? nil : name, strategy: choice.strategy, strategySource: choice.source, filter: query.filter,
            selection: "{\"web\":\"\(query.query)\"}", meetings: dates, replan: replan, actor: actor)
    }
}
