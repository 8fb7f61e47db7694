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
        planner: @escaping @Sendable (_ accounts: [Account], _ context: PlanningContext) throws -> PlanDraft
    ) throws -> Int64 {
        try pool.writeWithoutTransaction { db in
            try LargeTransaction.run(db) {
                var writer = try PlanWriter(db: db, request: request)
                // A school's accounts and their letters under way are read before anything
                // is written for them.
                try readingAhead(
                    whileWriting: db, read: { db, emit in try Self.drafts(filter, db: db, planner: planner, each: emit) },
                    write: { try writer.write($0) })
                return try writer.finish()
            }
        }
    }

    /// What `createPlan` would write, school by school, without writing anything: a plan's
    /// preview. Reads only.
    public func previewPlan(
        selecting filter: AccountFilter, planner: (_ accounts: [Account], _ context: PlanningContext) throws -> PlanDraft
    ) throws -> [PlanDraft] {
        try pool.read { db in
            var drafts: [PlanDraft] = []
            try Self.drafts(filter, db: db, planner: planner) { drafts.append($0) }
            return drafts
        }
    }

    /// The planner's draft for each school the filter selects accounts in.
    private static func drafts(
        _ filter: AccountFilter, db: Database, planner: (_ accounts: [Account], _ context: PlanningContext) throws -> PlanDraft,
        each: (PlanDraft) throws -> Void
    ) throws {
        for schoolID in try AccountSelection.schoolIDs(filter, db: db) {
            let selection = try AccountSelection(filter, db: db, schoolID: schoolID)
            // The same SQL for every school (the school is an argument): compiled once. Compiled
            // for each of an académie's 3,337 schools, with the letters under way below, it took
            // 1.2 s of CPU.
            let accounts = try AccountReader.read(selection, ordering: nil, db: db, cached: true)
            guard !accounts.isEmpty else { continue }
            try each(try planner(accounts, try context(db, schoolID: schoolID, accounts: accounts)))
        }
    }

    /// The teachers of a school's classes, and the deliveries under way of these accounts.
    private static func context(_ db: Database, schoolID: Int64, accounts: [Account]) throws -> PlanningContext {
        var context = PlanningContext()
        context.teachers = try teachers(db, schoolID: schoolID, school: accounts[0].school)
        var active = try BulkStatement(db, sql: """
            SELECT \(ActiveColumn.selectList) FROM delivery d JOIN account a ON a.id = d.account_id
            WHERE a.school_id = ? AND d.is_copy = 0 AND d.state IN \(SQLFragment.openStates)
            ORDER BY d.id
            """, cached: true)
        active.bind(schoolID)
        try active.forEach { r in
            context.activeElsewhere[r.int64(ActiveColumn.account)!] = ActiveDelivery(
                planID: r.int64(ActiveColumn.plan)!, channel: try Channel.stored(r.string(ActiveColumn.channel), column: "delivery.channel"),
                state: try DeliveryState.stored(r.string(ActiveColumn.state), column: "delivery.state"))
        }
        return context
    }

    /// The teachers of each class of a school ("Prénom Nom"), the recipients of its packets.
    static func teachers(_ db: Database, schoolID: Int64, school: String) throws -> [ClassRef: [String]] {
        var teachers: [ClassRef: [String]] = [:]
        var rows = try BulkStatement(db, sql: """
            SELECT \(TeacherColumn.selectList)
            FROM class_teacher ct JOIN class c ON c.id = ct.class_id JOIN account a ON a.id = ct.teacher_id
            WHERE ct.school_id = ? ORDER BY a.name_sort
            """, cached: true)
        rows.bind(schoolID)
        try rows.forEach { r in
            teachers[ClassRef(school: school, name: r.string(TeacherColumn.className)!), default: []]
                .append("\(r.string(TeacherColumn.firstName)!) \(r.string(TeacherColumn.lastName)!)")
        }
        return teachers
    }

    public func plans() throws -> [PlanSummary] {
        try pool.read { db in
            var summaries: [Int64: PlanSummary] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, name, strategy, created_at, follows_plan_id FROM plan ORDER BY id") {
                summaries[row["id"]] = PlanSummary(
                    id: row["id"], name: row["name"], strategy: row["strategy"], createdAt: Date(timeIntervalSince1970: row["created_at"]),
                    schools: [], deliveries: 0, byState: [:], leftOut: 0, follows: row["follows_plan_id"])
            }
            for row in try Row.fetchAll(db, sql: "SELECT plan_id, state, COUNT(*) AS n FROM delivery GROUP BY plan_id, state") {
                let state = try DeliveryState.stored(row["state"], column: "delivery.state")
                summaries[row["plan_id"]]?.byState[state] = row["n"]
                summaries[row["plan_id"]]?.deliveries += row["n"] as Int
            }
            for row in try Row.fetchAll(db, sql: "SELECT plan_id, COUNT(*) AS n FROM left_out GROUP BY plan_id") {
                summaries[row["plan_id"]]?.leftOut = row["n"]
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT DISTINCT b.plan_id, s.name FROM batch b JOIN school s ON s.id = b.school_id ORDER BY s.name
                """) {
                summaries[row["plan_id"]]?.schools.append(row["name"])
            }
            return summaries.keys.sorted().compactMap { summaries[$0] }
        }
    }

    /// The most recent plan, for commands that default to it.
    /// `school`: the latest plan with letters for that school (schools of one store may plan apart).
    public func latestPlanID(school: String? = nil) throws -> Int64 {
        guard let id = try pool.read({ db in
            guard let school else { return try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM plan") }
            return try Int64.fetchOne(
                db, sql: "SELECT MAX(plan_id) FROM batch WHERE school_id = ?", arguments: [try SchoolDirectory.ids(of: [school], db: db)[0]])
        }) else {
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
                SELECT d.batch_id, a.profile, d.letter, d.is_copy, COUNT(*) AS n FROM delivery d JOIN account a ON a.id = d.account_id
                WHERE d.batch_id IN (SELECT id FROM batch WHERE plan_id = ?) GROUP BY d.batch_id, a.profile, d.letter, d.is_copy
                """, arguments: [id]) {
                guard let i = positions[c["batch_id"]] else { continue }
                let profile = try Profile.stored(c["profile"], column: "account.profile")
                let n: Int = c["n"]
                batches[i].letters += n
                batches[i].byProfile[profile, default: 0] += n
                if try LetterKind.stored(c["letter"], column: "delivery.letter") == .activation { batches[i].activations += n }
                if c["is_copy"] as Bool { batches[i].copies += n }
            }
            return PlanOverview(
                id: id, name: row["name"], strategy: row["strategy"], createdAt: Date(timeIntervalSince1970: row["created_at"]),
                createdBy: row["created_by"], follows: row["follows_plan_id"], batches: batches, leftOut: try leftOut(db, plan: id))
        }
    }

    private func leftOut(_ db: Database, plan id: Int64) throws -> [LeftOutDetail] {
        try Row.fetchAll(db, sql: """
            SELECT \(SQLFragment.printedLogin("a")) AS login, a.first_name, a.last_name, a.profile, l.code, l.reason
            FROM left_out l JOIN account a ON a.id = l.account_id WHERE l.plan_id = ? ORDER BY a.profile_rank, a.name_sort
            """, arguments: [id]).map {
            LeftOutDetail(
                login: $0["login"], firstName: $0["first_name"], lastName: $0["last_name"],
                profile: try Profile.stored($0["profile"], column: "account.profile"), code: $0["code"], reason: $0["reason"])
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
                SELECT pc.parent_id, \(SQLFragment.printedLogin("k")) AS login FROM parent_child pc
                JOIN account k ON k.id = pc.child_id
                WHERE k.removed_import_id IS NULL
                  AND pc.parent_id IN (SELECT account_id FROM delivery WHERE batch_id IN (SELECT id FROM batch WHERE plan_id = ?))
                ORDER BY k.name_sort
                """, arguments: [id]) {
                children[c["parent_id"], default: []].append(c["login"])
            }
            let deliveries = try Row.fetchCursor(db, sql: """
                SELECT d.id, d.batch_id, d.account_id, \(SQLFragment.printedLogin("a")) AS login, a.first_name, a.last_name,
                       a.profile, d.letter, d.state, d.step, d.is_copy
                FROM delivery d JOIN account a ON a.id = d.account_id
                WHERE d.batch_id IN (SELECT id FROM batch WHERE plan_id = ?) ORDER BY d.batch_id, d.position
                """, arguments: [id])
            while let d = try deliveries.next() {
                guard let position = positions[d["batch_id"]] else { continue }
                let accountID: Int64 = d["account_id"]
                batches[position].deliveries.append(DeliveryDetail(
                    id: d["id"], accountID: accountID, login: d["login"], firstName: d["first_name"], lastName: d["last_name"],
                    profile: try Profile.stored(d["profile"], column: "account.profile"),
                    letter: try LetterKind.stored(d["letter"], column: "delivery.letter"),
                    state: try DeliveryState.stored(d["state"], column: "delivery.state"), step: d["step"], isCopy: d["is_copy"],
                    children: children[accountID] ?? []))
            }
            let leftOut = try leftOut(db, plan: id)
            return PlanDetail(
                id: id, name: row["name"], strategy: row["strategy"], strategySource: row["strategy_source"], selection: row["selection"],
                createdAt: Date(timeIntervalSince1970: row["created_at"]), createdBy: row["created_by"], follows: row["follows_plan_id"],
                batches: batches, leftOut: leftOut)
        }
    }
}

/// The letters under way the planner is told of.
private enum ActiveColumn: Int32, SelectedColumn {
    case account, plan, channel, state

    var expression: String {
        switch self {
        case .account: "d.account_id"
        case .plan: "d.plan_id"
        case .channel: "d.channel"
        case .state: "d.state"
        }
    }
}

/// A class's teachers.
private enum TeacherColumn: Int32, SelectedColumn {
    case className, firstName, lastName

    var expression: String {
        switch self {
        case .className: "c.name"
        case .firstName: "a.first_name"
        case .lastName: "a.last_name"
        }
    }
}
