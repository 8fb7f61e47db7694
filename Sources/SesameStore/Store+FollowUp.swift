import Foundation
import GRDB
import SesameCore

/// What `followup` asks of the store.
public struct FollowUpRequest: Sendable {
    /// The plan followed up, with every plan that follows it.
    public var plan: Int64
    /// The follow-up plan's name, if one is made.
    public var name: String
    public var actor: String
    public var now: Date
    /// False: the lists only, nothing escalated (a dry run).
    public var escalate: Bool

    public init(plan: Int64, name: String, actor: String, now: Date = Date(), escalate: Bool = true) {
        self.plan = plan
        self.name = name
        self.actor = actor
        self.now = now
        self.escalate = escalate
    }
}

extension Store {
    /// The plan and the plans that follow it, in order: a season's first plan and its follow-ups.
    public func planChain(_ plan: Int64) throws -> [Int64] {
        try pool.read { try Self.chain(plan, db: $0) }
    }

    static func chain(_ plan: Int64, db: Database) throws -> [Int64] {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM plan WHERE id = ?", arguments: [plan]) != nil else { throw PlanError.unknownPlan(plan) }
        return try Int64.fetchAll(db, sql: """
            WITH RECURSIVE chain(id) AS (SELECT ? UNION SELECT p.id FROM plan p JOIN chain c ON p.follows_plan_id = c.id)
            SELECT id FROM chain ORDER BY id
            """, arguments: [plan])
    }

    /// The first plan of the chain a plan belongs to: the season's plan.
    public func rootPlan(of plan: Int64) throws -> Int64 {
        try pool.read { db in
            var id = plan
            while let parent = try Int64.fetchOne(db, sql: "SELECT follows_plan_id FROM plan WHERE id = ?", arguments: [id]) { id = parent }
            return id
        }
    }

    /// The strategy file a plan was made with.
    public func strategySource(ofPlan plan: Int64) throws -> (name: String, source: String) {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT strategy, strategy_source FROM plan WHERE id = ?", arguments: [plan]) else {
                throw PlanError.unknownPlan(plan)
            }
            return (row[0], row[1])
        }
    }

    /// Follows up a plan and its follow-ups, school by school, in one transaction.
    ///
    /// Every letter under way is looked at with its account as it is now; `decide` says what
    /// to do. Escalations become the letters of one new plan following `request.plan`, each
    /// pointing to the letter it escalates, which becomes `escalated`: a miss is escalated
    /// once. `visit` receives each school's items, with the escalations the planner could not
    /// make turned into `noChannelLeft`. Returns the follow-up plan, if one was made.
    public func followUp(
        _ request: FollowUpRequest, strategy: Strategy, strategySource: String,
        visit: ([FollowUpItem]) throws -> Void
    ) throws -> Int64? {
        try pool.writeWithoutTransaction { db in
            try ImportTransaction.run(db) {
                let plans = try Self.chain(request.plan, db: db)
                let inPlans = plans.map(String.init).joined(separator: ",")
                var writer: PlanWriter?
                let planRequest = PlanRequest(
                    name: request.name, strategy: strategy, strategySource: strategySource,
                    selection: "{\"relance\":\(request.plan)}", actor: request.actor, now: request.now, follows: request.plan)
                let ledger = DeliveryLedger(db: db)
                for school in try Row.fetchAll(db, sql: """
                    SELECT DISTINCT s.id, s.name FROM batch b JOIN school s ON s.id = b.school_id WHERE b.plan_id IN (\(inPlans)) ORDER BY s.name
                    """) {
                    var items = try Self.tracked(db, plans: inPlans, schoolID: school[0], school: school[1]).map { d in
                        FollowUpItem(delivery: d, action: FollowUp.action(for: d, steps: strategy.steps(for: d.facts.profile)))
                    }
                    guard request.escalate else { try visit(items); continue }
                    var context: PlanningContext?
                    var accountIDs: [Int64] = []
                    for item in items {
                        guard let resume = FollowUp.resume(for: item.delivery, item.action) else { continue }
                        if context == nil { context = PlanningContext() }
                        context!.resume[item.delivery.accountID] = resume
                        accountIDs.append(item.delivery.accountID)
                    }
                    if var context {
                        let accounts = try AccountReader.read(
                            AccountSelection(condition: "a.id IN (\(accountIDs.map(String.init).joined(separator: ",")))", arguments: []),
                            ordering: nil, db: db)
                        context.teachers = try Self.context(db, schoolID: school[0], accounts: accounts).teachers
                        let draft = Planner.plan(accounts, strategy: strategy, context: context)
                        let left = Dictionary(draft.leftOut.map { ($0.accountID, $0.message) }, uniquingKeysWith: { a, _ in a })
                        var planned: [Int64: Channel] = [:]
                        for batch in draft.batches {
                            for d in batch.deliveries where !d.isCopy { planned[d.accountID] = d.channel }
                        }
                        if !planned.isEmpty {
                            if writer == nil { writer = try PlanWriter(db: db, request: planRequest) }
                            try writer!.write(draft)
                        }
                        var moves: [DeliveryLedger.Move] = []
                        let current = try ledger.current(items.filter { $0.action.escalation != nil }.map(\.delivery.deliveryID))
                        var byID = Dictionary(current.map { ($0.deliveryID, $0) }, uniquingKeysWith: { a, _ in a })
                        for index in items.indices where items[index].action.escalation != nil {
                            let d = items[index].delivery
                            if let channel = planned[d.accountID], let letter = byID.removeValue(forKey: d.deliveryID) {
                                moves.append(DeliveryLedger.Move(letter, to: .escalated, note: "relancée : \(channel.frenchName) (plan \(writer!.planID))"))
                            } else {
                                items[index].action = .noChannelLeft([left[d.accountID] ?? "aucun canal possible"])
                            }
                        }
                        try ledger.apply(moves, actor: request.actor, at: request.now)
                    }
                    try visit(items)
                }
                guard var writer, writer.hasDeliveries else { return nil }
                return try writer.finish()
            }
        }
    }

    /// The letters under way of some plans in one school, with their accounts' facts.
    private static func tracked(_ db: Database, plans: String, schoolID: Int64, school: String) throws -> [TrackedDelivery] {
        var rows = try BulkStatement(db, sql: """
            SELECT d.id, d.plan_id, d.account_id, COALESCE(a.alias, a.login), a.first_name, a.last_name, d.channel, d.step,
                   d.state, d.letter, d.stale_code, a.profile, a.activation_code IS NULL,
                   a.ent_email IS NOT NULL OR a.collected_email IS NOT NULL, a.street IS NOT NULL, a.is_local_admin, a.classes
            FROM batch b JOIN delivery d ON d.batch_id = b.id JOIN account a ON a.id = d.account_id
            WHERE b.plan_id IN (\(plans)) AND b.school_id = ? AND d.is_copy = 0 AND d.state NOT IN ('escalated', 'activated', 'cancelled')
            ORDER BY a.name_sort
            """)
        rows.bind(schoolID)
        var found: [TrackedDelivery] = []
        try rows.forEach { r in
            found.append(TrackedDelivery(
                deliveryID: r.int64(0)!, planID: r.int64(1)!, accountID: r.int64(2)!, login: r.string(3)!,
                firstName: r.string(4)!, lastName: r.string(5)!, school: school,
                channel: Channel(rawValue: r.string(6)!) ?? .office, step: Int(r.int64(7)!),
                state: DeliveryState(rawValue: r.string(8)!) ?? .planned, letter: LetterKind(rawValue: r.string(9)!) ?? .activation,
                staleCode: r.bool(10),
                facts: AccountFacts(
                    profile: Profile(rawValue: r.string(11)!) ?? .guest, isActivated: r.bool(12), hasEmail: r.bool(13),
                    hasAddress: r.bool(14), isLocalAdmin: r.bool(15), classes: ListColumn.split(r.string(16)!))))
        }
        return found
    }
}
