import Foundation
import GRDB
import SesameCore

extension Store {
    /// Makes and records a plan school by school, in one transaction: the accounts a filter
    /// selects in each school, with what the planner needs to know of them (the teachers
    /// of their classes, the deliveries they already have under way), are handed to
    /// `planner`, and its draft is written. Memory follows the size of one school. If
    /// nothing at all is planned, nothing is recorded and the reasons are thrown.
    public func createPlan(
        _ request: PlanRequest, selecting filter: AccountFilter,
        planner: (_ accounts: [Account], _ context: PlanningContext) throws -> PlanDraft
    ) throws -> Int64 {
        try pool.writeWithoutTransaction { db in
            try LargeTransaction.run(db) {
                var writer = try PlanWriter(db: db, request: request)
                for schoolID in try AccountSelection.schoolIDs(filter, db: db) {
                    let selection = try AccountSelection(filter, db: db, schoolID: schoolID)
                    let accounts = try AccountReader.read(selection, ordering: nil, db: db)
                    guard !accounts.isEmpty else { continue }
                    try writer.write(try planner(accounts, try Self.context(db, schoolID: schoolID, accounts: accounts)))
                }
                return try writer.finish()
            }
        }
    }

    /// The teachers of a school's classes, and the deliveries under way of these accounts.
    private static func context(_ db: Database, schoolID: Int64, accounts: [Account]) throws -> PlanningContext {
        var context = PlanningContext()
        context.teachers = try teachers(db, schoolID: schoolID, school: accounts[0].school)
        var active = try BulkStatement(db, sql: """
            SELECT d.account_id, d.plan_id, d.channel, d.state FROM delivery d JOIN account a ON a.id = d.account_id
            WHERE a.school_id = ? AND d.is_copy = 0 AND d.state IN \(SQLFragment.openStates)
            ORDER BY d.id
            """)
        active.bind(schoolID)
        try active.forEach { r in
            context.activeElsewhere[r.int64(0)!] = ActiveDelivery(
                planID: r.int64(1)!, channel: try Channel.stored(r.string(2), column: "batch.channel"),
                state: try DeliveryState.stored(r.string(3), column: "delivery.state"))
        }
        return context
    }

    /// The teachers of each class of a school ("Prénom Nom"), the recipients of its packets.
    static func teachers(_ db: Database, schoolID: Int64, school: String) throws -> [ClassRef: [String]] {
        var teachers: [ClassRef: [String]] = [:]
        var rows = try BulkStatement(db, sql: """
            SELECT c.name, a.first_name, a.last_name
            FROM class_teacher ct JOIN class c ON c.id = ct.class_id JOIN account a ON a.id = ct.teacher_id
            WHERE c.school_id = ? ORDER BY a.name_sort
            """, cached: true)
        rows.bind(schoolID)
        try rows.forEach { r in
            teachers[ClassRef(school: school, name: r.string(0)!), default: []].append("\(r.string(1)!) \(r.string(2)!)")
        }
        return teachers
    }

    public func plans() throws -> [PlanSummary] {
        try pool.read { db in
            var summaries: [Int64: PlanSummary] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, name, strategy, created_at, follows_plan_id FROM plan ORDER BY id") {
                summaries[row[0]] = PlanSummary(
                    id: row[0], name: row[1], strategy: row[2], createdAt: Date(timeIntervalSince1970: row[3]),
                    schools: [], deliveries: 0, byState: [:], leftOut: 0, follows: row[4])
            }
            for row in try Row.fetchAll(db, sql: "SELECT plan_id, state, COUNT(*) FROM delivery GROUP BY plan_id, state") {
                guard let state = DeliveryState(rawValue: row[1]) else { continue }
                summaries[row[0]]?.byState[state] = row[2]
                summaries[row[0]]?.deliveries += row[2] as Int
            }
            for row in try Row.fetchAll(db, sql: "SELECT plan_id, COUNT(*) FROM left_out GROUP BY plan_id") {
                summaries[row[0]]?.leftOut = row[1]
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT DISTINCT b.plan_id, s.name FROM batch b JOIN school s ON s.id = b.school_id ORDER BY s.name
                """) {
                summaries[row[0]]?.schools.append(row[1])
            }
            return summaries.keys.sorted().compactMap { summaries[$0] }
        }
    }

    /// The most recent plan, for commands that default to it.
    public func latestPlanID() throws -> Int64 {
        guard let id = try pool.read({ try Int64.fetchOne($0, sql: "SELECT MAX(id) FROM plan") }) else {
            throw PlanError.noPlan
        }
        return id
    }

    /// A plan's batches and their counts, computed by SQLite: cheap whatever the plan's size.
    public func planOverview(_ id: Int64) throws -> PlanOverview {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT name, strategy, created_at, created_by, follows_plan_id FROM plan WHERE id = ?
                """, arguments: [id]) else { throw PlanError.unknownPlan(id) }
            var batches: [BatchOverview] = []
            var positions: [Int64: Int] = [:]
            for b in try BatchRow.all(db, plan: id) {
                positions[b.id] = batches.count
                batches.append(BatchOverview(
                    id: b.id, channel: b.channel, school: b.school, className: b.className, recipients: b.recipients, meeting: b.meeting))
            }
            for c in try Row.fetchAll(db, sql: """
                SELECT d.batch_id, a.profile, d.letter, d.is_copy, COUNT(*) FROM delivery d JOIN account a ON a.id = d.account_id
                WHERE d.batch_id IN (SELECT id FROM batch WHERE plan_id = ?) GROUP BY d.batch_id, a.profile, d.letter, d.is_copy
                """, arguments: [id]) {
                guard let i = positions[c[0]], let profile = Profile(rawValue: c[1]) else { continue }
                let n: Int = c[4]
                batches[i].letters += n
                batches[i].byProfile[profile, default: 0] += n
                if c[2] == LetterKind.activation.rawValue { batches[i].activations += n }
                if c[3] as Bool { batches[i].copies += n }
            }
            return PlanOverview(
                id: id, name: row[0], strategy: row[1], createdAt: Date(timeIntervalSince1970: row[2]), createdBy: row[3],
                follows: row[4], batches: batches, leftOut: try leftOut(db, plan: id))
        }
    }

    private func leftOut(_ db: Database, plan id: Int64) throws -> [LeftOutDetail] {
        try Row.fetchAll(db, sql: """
            SELECT COALESCE(a.alias, a.login), a.first_name, a.last_name, a.profile, l.code, l.reason
            FROM left_out l JOIN account a ON a.id = l.account_id WHERE l.plan_id = ? ORDER BY a.profile_rank, a.name_sort
            """, arguments: [id]).map {
            LeftOutDetail(login: $0[0], firstName: $0[1], lastName: $0[2], profile: try Profile.stored($0[3], column: "left_out.profile"), code: $0[4], reason: $0[5])
        }
    }

    public func plan(_ id: Int64) throws -> PlanDetail {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT name, strategy, strategy_source, selection, created_at, created_by, follows_plan_id FROM plan WHERE id = ?
                """, arguments: [id]) else { throw PlanError.unknownPlan(id) }
            var batches: [BatchDetail] = []
            var positions: [Int64: Int] = [:]
            for b in try BatchRow.all(db, plan: id) {
                positions[b.id] = batches.count
                batches.append(BatchDetail(
                    id: b.id, channel: b.channel, school: b.school, className: b.className, recipients: b.recipients,
                    meeting: b.meeting, deliveries: []))
            }
            var children: [Int64: [String]] = [:]
            for c in try Row.fetchAll(db, sql: """
                SELECT pc.parent_id, COALESCE(k.alias, k.login) FROM parent_child pc
                JOIN account k ON k.id = pc.child_id
                WHERE k.removed_import_id IS NULL
                  AND pc.parent_id IN (SELECT account_id FROM delivery WHERE batch_id IN (SELECT id FROM batch WHERE plan_id = ?))
                ORDER BY k.name_sort
                """, arguments: [id]) {
                children[c[0], default: []].append(c[1])
            }
            let deliveries = try Row.fetchCursor(db, sql: """
                SELECT d.id, d.batch_id, d.account_id, COALESCE(a.alias, a.login), a.first_name, a.last_name, a.profile,
                       d.letter, d.state, d.step, d.is_copy
                FROM delivery d JOIN account a ON a.id = d.account_id
                WHERE d.batch_id IN (SELECT id FROM batch WHERE plan_id = ?) ORDER BY d.batch_id, d.position
                """, arguments: [id])
            while let d = try deliveries.next() {
                guard let position = positions[d[1]] else { continue }
                let accountID: Int64 = d[2]
                batches[position].deliveries.append(DeliveryDetail(
                    id: d[0], accountID: accountID, login: d[3], firstName: d[4], lastName: d[5],
                    profile: try Profile.stored(d[6], column: "account.profile"), letter: try LetterKind.stored(d[7], column: "delivery.letter"),
                    state: try DeliveryState.stored(d[8], column: "delivery.state"), step: d[9], isCopy: d[10],
                    children: children[accountID] ?? []))
            }
            let leftOut = try leftOut(db, plan: id)
            return PlanDetail(
                id: id, name: row[0], strategy: row[1], strategySource: row[2], selection: row[3],
                createdAt: Date(timeIntervalSince1970: row[4]), createdBy: row[5], follows: row[6],
                batches: batches, leftOut: leftOut)
        }
    }
}
