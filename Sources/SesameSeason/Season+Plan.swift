import Foundation
import SesameCore
import SesameImport
import SesameStore

/// A plan to make: which accounts, which strategy, the meetings.
public struct PlanOrder: Sendable {
    public var name: String?
    public var strategy: Strategy
    /// The strategy file's text, kept with the plan: the follow-up escalates by it.
    public var strategySource: String
    public var filter: AccountFilter
    /// The selection as the user gave it (JSON), for listings.
    public var selection: String
    /// Start-of-year meetings by class name, in every school that has such a class.
    public var meetings: [(className: String, date: Date)]
    /// Plan also the accounts that have a letter under way elsewhere (that letter is cancelled).
    public var replan: Bool
    public var actor: String
    public var now: Date

    public init(
        name: String? = nil, strategy: Strategy, strategySource: String, filter: AccountFilter, selection: String,
        meetings: [(className: String, date: Date)] = [], replan: Bool = false, actor: String, now: Date = Date()
    ) {
        self.name = name
        self.strategy = strategy
        self.strategySource = strategySource
        self.filter = filter
        self.selection = selection
        self.meetings = meetings
        self.replan = replan
        self.actor = actor
        self.now = now
    }
}

extension Season {
    /// Makes a plan: the accounts the filter selects, school by school, given their channels
    /// by the strategy, in one transaction.
    ///
    /// Throws when the store has no account yet (import first), a meeting names a class no
    /// school has, or nothing is left to plan. Writes the plan, its batches and deliveries,
    /// and the accounts left out with why.
    public func createPlan(_ order: PlanOrder) throws -> Int64 {
        guard try !store.schools().isEmpty else { throw SeasonError.nothingImported }
        try store.checkClasses(order.meetings.map(\.className), inSchools: order.filter.schools)
        let request = PlanRequest(
            name: order.name ?? "Plan du \(SchoolCalendar.frenchDate(order.now))", strategy: order.strategy,
            strategySource: order.strategySource, selection: order.selection, actor: order.actor, now: order.now)
        return try store.createPlan(request, selecting: order.filter, planner: order.planner)
    }

    /// The plan `createPlan` would make of the order, school by school, with who is left out
    /// and why; nothing is written. Throws what `createPlan` throws before planning.
    public func previewPlan(_ order: PlanOrder) throws -> [PlanDraft] {
        guard try !store.schools().isEmpty else { throw SeasonError.nothingImported }
        try store.checkClasses(order.meetings.map(\.className), inSchools: order.filter.schools)
        return try store.previewPlan(selecting: order.filter, planner: order.planner)
    }

    /// The plans, oldest first, with their counts by state. Reads only.
    public func plans() throws -> [PlanSummary] { try store.plans() }

    /// A plan (nil: the latest) whole: its batches with their letters and states, and its
    /// overview by channel and class. Reads only.
    public func plan(_ id: Int64?) throws -> (detail: PlanDetail, overview: PlanOverview) {
        let id = try id ?? store.latestPlanID()
        return (try store.plan(id), try store.planOverview(id))
    }

    /// A plan's letters, without the overview. Reads only.
    public func planDetail(_ id: Int64) throws -> PlanDetail { try store.plan(id) }

    /// A plan's overview by channel and class, without reading its letters one by one: what
    /// is shown once a plan is made (reading the académie's million letters back took longer
    /// than a third of making them). Reads only.
    public func planOverview(_ id: Int64) throws -> PlanOverview { try store.planOverview(id) }

    /// The strategies shipped with Sésame (or in the season's strategies folder), by name.
    public func strategies() throws -> [StrategyChoice] {
        guard let folder = strategiesFolder,
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path).filter({ $0.hasSuffix(".yaml") }) else { return [] }
        // The default first, then by name.
        return try names.sorted { ($0 != "ecole.yaml" ? 1 : 0, $0) < ($1 != "ecole.yaml" ? 1 : 0, $1) }.map { file in
            let (strategy, source) = try StrategyReader.loadWithSource(folder.appendingPathComponent(file))
            return StrategyChoice(strategy: strategy, source: source, explanation: StrategyReader.explanation(of: source))
        }
    }

    /// A school's own strategy file, read and checked as `plan --strategy FILE` reads it: a
    /// mistake is thrown with its line and column, in French.
    public func strategy(source: String, file: String) throws -> StrategyChoice {
        let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        return StrategyChoice(
            strategy: try StrategyReader.read(source, file: file, name: name), source: source, explanation: StrategyReader.explanation(of: source))
    }

    /// The same, from the file's bytes as a browser sends them, decoded as `plan --strategy
    /// FILE` decodes them (a Windows editor set to "ANSI" saves in its code page).
    public func strategy(data: Data, file: String) throws -> StrategyChoice {
        try strategy(source: TextDecoding.text(data, file: file), file: file)
    }

    /// The meetings of the classes the selected accounts are in (in every school that has such a class).
    static func meetings(_ meetings: [(className: String, date: Date)], among accounts: [Account]) -> [ClassRef: Date] {
        guard !meetings.isEmpty else { return [:] }
        var classes: [String: Set<ClassRef>] = [:]
        for account in accounts {
            for name in account.classes + account.children.flatMap(\.classes) {
                classes[NameKey.exact(name), default: []].insert(ClassRef(school: account.school, name: name))
            }
        }
        var result: [ClassRef: Date] = [:]
        for meeting in meetings {
            for ref in classes[NameKey.exact(meeting.className)] ?? [] { result[ref] = meeting.date }
        }
        return result
    }
}

extension PlanOrder {
    /// The planner run on each school's selected accounts: the same for a plan and its preview.
    func planner(_ accounts: [Account], _ found: PlanningContext) -> PlanDraft {
        var context = found
        context.replan = replan
        context.classScope = filter.classes
        context.meetings = Season.meetings(meetings, among: accounts)
        return Planner.plan(accounts, strategy: strategy, context: context)
    }
}

/// A strategy a director may choose, with what its file says of when to choose it.
public struct StrategyChoice: Sendable {
    public var strategy: Strategy
    /// The file's text, kept with the plan.
    public var source: String
    /// The file's "À choisir quand…" paragraph, in French.
    public var explanation: StrategyExplanation
}
