import Foundation
import SesameCore
import SesameDocuments
import SesameFiles
import SesameImport
import SesameStore

/// What a follow-up is asked to do.
public struct FollowUpOrder: Sendable {
    /// Any plan of the season; nil: the latest. The season's first plan and its follow-ups are looked at.
    public var plan: Int64?
    /// The follow-up plan's name; nil: "Relance du <date>".
    public var name: String?
    /// False: a dry run, the lists only, nothing escalated.
    public var escalate: Bool
    /// Where to write the lists (a PDF per class, one for the director); nil: none.
    public var listsFolder: URL?
    /// One school only (a director's follow-up); nil: every school of the plan.
    public var school: String?
    public var actor: String
    public var now: Date

    public init(
        plan: Int64? = nil, name: String? = nil, escalate: Bool = true, listsFolder: URL? = nil, school: String? = nil, actor: String,
        now: Date = Date()
    ) {
        self.plan = plan
        self.school = school
        self.name = name
        self.escalate = escalate
        self.listsFolder = listsFolder
        self.actor = actor
        self.now = now
    }
}

/// What a follow-up did.
public struct FollowUpResult: Sendable {
    /// The season's first plan.
    public var plan: Int64
    /// The plan of the new letters, if any was made.
    public var followUpPlan: Int64?
    /// The lists written.
    public var lists: [URL]
}

extension Season {
    /// The season's first plan: the first plan of the chain `plan` belongs to (nil: the latest
    /// plan's, or the latest with letters for `school`).
    public func seasonPlan(_ plan: Int64?, school: String? = nil) throws -> Int64 {
        try store.rootPlan(of: try plan ?? store.latestPlanID(school: school))
    }

    /// Follows up the season: each letter under way, with its account as it is now, gets the
    /// follow-up's action; misses and letters with a replaced code are escalated into one new
    /// plan following the season's (unless a dry run). `visit` receives the items school by
    /// school as they are decided, for a listing that starts at once.
    ///
    /// Throws when the plan is unknown or its strategy no longer reads. Writes the follow-up
    /// plan and the escalated letters' states in one transaction, then the lists (0600).
    public func followUp(_ order: FollowUpOrder, visit: @escaping ([FollowUpItem]) throws -> Void = { _ in }) throws -> FollowUpResult {
        let root = try seasonPlan(order.plan, school: order.school)
        let (strategyName, source) = try store.strategySource(ofPlan: root)
        let strategy = try StrategyReader.read(source, file: "stratégie « \(strategyName) » du plan \(root)", name: strategyName)
        let documents = try order.listsFolder.map { _ in try DocumentTemplates.load(try templates()) }
        // A school comes once per plan of the chain that has letters for it: lists gather them.
        var schools: [(name: String, items: [FollowUpItem])] = []
        let request = FollowUpRequest(
            plan: root, name: order.name ?? "Relance du \(SchoolCalendar.frenchDate(order.now))", actor: order.actor, now: order.now,
            escalate: order.escalate, school: order.school)
        let followUpPlan = try store.followUp(request, strategy: strategy, strategySource: source) { (items: [FollowUpItem]) throws -> Void in
            try visit(items)
            guard order.listsFolder != nil, let school = items.first?.delivery.school else { return }
            if let index = schools.firstIndex(where: { $0.name == school }) {
                schools[index].items += items
            } else {
                schools.append((name: school, items: items))
            }
        }
        var written: [URL] = []
        if let folder = order.listsFolder, let documents {
            let lists = FollowUpLists(templates: documents, settings: try settings(), date: order.now, plan: root, followUpPlan: followUpPlan)
            for (school, items) in schools {
                let parents = items.filter { $0.delivery.facts.profile == .parent && $0.action != .done }.map(\.delivery.accountID)
                written += try lists.write(
                    items, school: school, children: try store.children(ofParents: parents), to: folder, severalSchools: schools.count > 1)
            }
        }
        return FollowUpResult(plan: root, followUpPlan: followUpPlan, lists: written)
    }
}

extension Season {
    /// Who is still to reach in a school and what to do for each, class by class: the
    /// follow-up's lists, nothing escalated. Throws `forbidden` unless the person oversees the school.
    public func followUpPreview(school: String, for person: WebPerson) throws -> [FollowUpItem] {
        guard person.mayOversee(school: school) else { throw SeasonError.forbidden }
        var open: [FollowUpItem] = []
        _ = try followUp(FollowUpOrder(escalate: false, school: school, actor: person.name)) { items in
            open += items.filter { $0.action != .done }
        }
        return open
    }

    /// Follows up one school as `sesame followup --school` does, as the person's act. Throws
    /// `forbidden` unless the person oversees the school.
    public func followUp(school: String, by person: WebPerson, now: Date = Date()) throws -> (result: FollowUpResult, escalated: Int) {
        guard person.mayOversee(school: school) else { throw SeasonError.forbidden }
        var escalated = 0
        let result = try followUp(FollowUpOrder(school: school, actor: person.name, now: now)) { items in
            escalated += items.filter { $0.action.escalation != nil }.count
        }
        return (result, escalated)
    }

    /// One of a school's follow-up lists as PDF: a class's (`className`) or the director's (nil).
    /// Throws `forbidden` unless the person oversees the school, or for a class with nobody to reach.
    public func followUpList(school: String, className: String?, for person: WebPerson, now: Date = Date()) throws -> (name: String, data: Data) {
        guard person.mayOversee(school: school) else { throw SeasonError.forbidden }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sesame-relance-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try followUp(FollowUpOrder(escalate: false, listsFolder: folder, school: school, actor: person.name, now: now))
        let name = "relance_\(FileName.slug(className ?? "direction")).pdf"
        guard let file = result.lists.first(where: { $0.lastPathComponent == name }) else {
            throw SeasonError.noFollowUpList(className: className ?? "")
        }
        return (name, try Data(contentsOf: file))
    }
}
