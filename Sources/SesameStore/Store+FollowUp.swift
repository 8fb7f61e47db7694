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
    /// One school's letters only (a director following up their school); nil: every school.
    public var school: String?

    public init(plan: Int64, name: String, actor: String, now: Date = Date(), escalate: Bool = true, school: String? = nil) {
        self.plan = plan
        self.name = name
        self.actor = actor
        self.now = now
        self.escalate = escalate
        self.school = school
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
            return (row["strategy"], row["strategy_source"])
        }
    }

    /// Follows up a plan and its follow-ups, school by school, in one transaction.
    ///
    /// Every letter under way is looked at with its account as it is now and the follow-up's
    /// rules say what to do. Escalations become the letters of one new plan following
    /// `request.plan`, each pointing to the letter it escalates, which becomes `escalated`: a
    /// miss is escalated once. `visit` receives the items school by school (a school once per
    /// plan of the chain that has letters for it), with the escalations the planner could
    /// not make turned into `noChannelLeft`. Returns the follow-up plan, if one was made.
    public func followUp(
        _ request: FollowUpRequest, strategy: Strategy, strategySource: String,
        visit: ([FollowUpItem]) throws -> Void
    ) throws -> Int64? {
        // A dry run only reads: it never waits for, nor holds up, the writers (ticks, sends).
        guard request.escalate else {
            try pool.read { db in
                try FollowUpReader(db, request: request, strategy: strategy, escalating: false).read { try visit($0.items) }
            }
            return nil
        }
        let planRequest = PlanRequest(
            name: request.name, strategy: strategy, strategySource: strategySource,
            selection: "{\"relance\":\(request.plan)}", actor: request.actor, now: request.now, follows: request.plan)
        return try pool.writeWithoutTransaction { db in
            // Foreign keys are not checked (they were 6 % of the CPU): the new letters and
            // events reference the plan and batches just written, and accounts and letters
            // read under the write lock this transaction holds.
            try LargeTransaction.run(db, checkingForeignKeys: false) {
                // Reading the letters and what planning their escalations needs, more than half
                // the work, runs alongside the planning and the writing. The escalations only
                // touch letters already read and a plan not followed up.
                var writer = EscalationWriter(db: db, request: planRequest)
                try readingAhead(
                    whileWriting: db,
                    read: { db, emit in try FollowUpReader(db, request: request, strategy: strategy, escalating: true).read(emit) },
                    write: { (school: SchoolFollowUp) in
                        var school = school
                        school.planEscalations(strategy: strategy)
                        try writer.write(school)
                        try visit(school.items)
                    })
                return try writer.finish()
            }
        }
    }
}

/// One school's letters in one plan of the chain, each with what to do, and the escalations
/// planned for them.
private struct SchoolFollowUp: Sendable {
    var items: [FollowUpItem]
    /// What planning the escalations needs, read with the letters: the accounts to escalate,
    /// as they are now, and where each resumes.
    var toPlan: (accounts: [Account], context: PlanningContext)?
    /// The new letters; nil when none could be planned.
    var draft: PlanDraft?
    /// The letters escalated: those the new letters follow.
    var escalated: [TrackedDelivery] = []

    /// Plans the escalations, on the writing thread (the reading one is the busier): the
    /// planner resumes each escalated account's channels, and what it could not plan
    /// becomes `noChannelLeft`.
    mutating func planEscalations(strategy: Strategy) {
        guard let (accounts, context) = toPlan else { return }
        toPlan = nil
        let draft = Planner.plan(accounts, strategy: strategy, context: context)
        var followed: Set<Int64> = []
        for batch in draft.batches {
            for d in batch.deliveries { if let letter = d.follows { followed.insert(letter) } }
        }
        if !followed.isEmpty { self.draft = draft }
        let left = Dictionary(draft.leftOut.map { ($0.accountID, $0.message) }, uniquingKeysWith: { a, _ in a })
        for index in items.indices where items[index].action.escalation != nil {
            let d = items[index].delivery
            if followed.contains(d.deliveryID) {
                escalated.append(d)
            } else {
                items[index].action = .noChannelLeft([left[d.accountID] ?? "aucun canal possible"])
            }
        }
    }
}

/// Reads the letters under way school by school, decides what to do about each and, when
/// escalating, gathers what planning their escalations needs (`SchoolFollowUp.planEscalations`).
private struct FollowUpReader {
    let db: Database
    let strategy: Strategy
    let escalating: Bool
    private let letters: TrackedReader

    init(_ db: Database, request: FollowUpRequest, strategy: Strategy, escalating: Bool) throws {
        self.db = db
        self.strategy = strategy
        self.escalating = escalating
        let schoolID = try request.school.map { try SchoolDirectory.ids(of: [$0], db: db)[0] }
        letters = try TrackedReader(db, plans: try Store.chain(request.plan, db: db), school: schoolID, withAccounts: escalating)
        // The parents' children go through a temporary table: the same SQL for every school, compiled once.
        if escalating { try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS escalating (id INTEGER PRIMARY KEY)") }
    }

    func read(_ each: (SchoolFollowUp) throws -> Void) throws {
        var rows = letters
        // The accounts to escalate come with their letters, from the same rows: read again
        // afterwards, by id, they were a quarter of this thread's time.
        try rows.read(
            school: { schoolID, items, accounts in
                var school = SchoolFollowUp(items: items)
                if escalating { try gather(&school, schoolID: schoolID, accounts: accounts) }
                try each(school)
            },
            making: { letter in
                let action = FollowUp.action(for: letter, steps: strategy.steps(for: letter.facts.profile))
                return (FollowUpItem(delivery: letter, action: action), escalating && action.escalation != nil)
            })
    }

    /// `accounts`: the accounts of the letters to escalate, as they are now.
    private func gather(_ school: inout SchoolFollowUp, schoolID: Int64, accounts: consuming [Account]) throws {
        var context = PlanningContext()
        for index in school.items.indices where school.items[index].action.escalation != nil {
            let item = school.items[index]
            if let resume = FollowUp.resume(for: item.delivery, item.action) { context.resume[item.delivery.accountID] = resume }
        }
        guard !context.resume.isEmpty else { return }
        // In the order the store gives them by id, as the planner always had them; in place:
        // a sorted copy retained every string of every account.
        var accounts = accounts
        accounts.sort { $0.id < $1.id }
        let parents = accounts.lazy.filter { $0.profile == .parent }.map(\.id)
        if !parents.isEmpty {
            try db.execute(sql: "DELETE FROM temp.escalating")
            var insert = try BulkStatement(db, sql: "INSERT INTO temp.escalating (id) VALUES (?)", cached: true)
            for id in parents {
                insert.bind(id)
                try insert.execute()
            }
            try AccountReader.addChildren(
                to: &accounts, of: AccountSelection(condition: "a.id IN (SELECT id FROM temp.escalating)", arguments: []), db: db, cached: true)
        }
        context.teachers = try Store.teachers(db, schoolID: schoolID, school: school.items[0].delivery.school)
        school.toPlan = (accounts, context)
    }
}

/// Writes the follow-up plan, school by school: its letters, and the letters they follow
/// become `escalated`.
private struct EscalationWriter {
    let db: Database
    let request: PlanRequest
    private var writer: PlanWriter?

    init(db: Database, request: PlanRequest) {
        self.db = db
        self.request = request
    }

    mutating func write(_ school: SchoolFollowUp) throws {
        guard let draft = school.draft else { return }
        try DeliveryLedger.check(school.escalated.lazy.map { d in
            DeliveryLedger.Move(deliveryID: d.deliveryID, login: d.login, channel: d.channel, from: d.state, to: .escalated, note: nil)
        })
        if writer == nil { writer = try PlanWriter(db: db, request: request) }
        try writer!.write(draft)
        try escalateFollowed(by: writer!.justStored)
    }

    /// Escalates the letters that these new letters, just stored, follow: as they are
    /// written, not all at the end, where nothing else would run alongside.
    private func escalateFollowed(by letters: Range<Int64>) throws {
        try DeliveryLedger(db: db).escalateFollowed(by: letters, actor: request.actor, at: request.now)
    }

    /// The follow-up plan, if anything was escalated.
    mutating func finish() throws -> Int64? {
        guard writer?.hasDeliveries == true else { return nil }
        let plan = try writer!.finish()
        try escalateFollowed(by: writer!.justStored)
        return plan
    }
}

/// Reads the letters under way of a plan and its follow-ups with their accounts' facts, in
/// one pass in plan, batch and packet order (plans are written school by school, so a
/// school's letters come together), and hands them over school by school, a school once per
/// plan that has letters for it.
private struct TrackedReader {
    private enum Column: Int32, SelectedColumn {
        case school, delivery, plan, account, login, firstName, lastName, channel, step, state, letter, staleCode, profile
        case isActivated, hasEmail, hasAddress, isLocalAdmin, classes, distinction

        var expression: String {
            switch self {
            case .school: "b.school_id"
            case .delivery: "d.id"
            case .plan: "d.plan_id"
            case .account: "d.account_id"
            case .login: SQLFragment.printedLogin("a")
            case .firstName: "a.first_name"
            case .lastName: "a.last_name"
            case .channel: DeliveryColumns.channel.sql
            case .step: "d.step"
            case .state: DeliveryColumns.state.sql
            case .letter: DeliveryColumns.letter.sql
            case .staleCode: "d.stale_code"
            case .profile: DeliveryColumns.profile.sql
            case .isActivated: "a.activation_code IS NULL"
            case .hasEmail: "a.ent_email IS NOT NULL OR a.collected_email IS NOT NULL"
            case .hasAddress: "a.street IS NOT NULL"
            case .isLocalAdmin: "a.is_local_admin"
            case .classes: "a.classes"
            case .distinction: "a.distinction"
            }
        }
    }

    private var rows: BulkStatement
    private var schools: [Int64: String] = [:]
    private let withAccounts: Bool

    /// `plans`: in the order they were made; `school`: one school's letters only, nil: every
    /// school's; `withAccounts`: the rows carry their accounts' columns too (`AccountReader`).
    init(_ db: Database, plans: [Int64], school: Int64?, withAccounts: Bool) throws {
        for row in try Row.fetchAll(db, sql: "SELECT id, name FROM school") { schools[row["id"]] = row["name"] }
        let letters = try PlanLetters(plans: plans, school: school, db: db)
        self.withAccounts = withAccounts
        rows = try BulkStatement(db, sql: """
            SELECT \(Column.selectList)\(withAccounts ? ", " + AccountReader.Column.selectList : "") FROM \(letters.source)
            AND d.is_copy = 0 AND d.state IN \(SQLFragment.openStates)
            ORDER BY \(letters.order)
            """)
    }

    /// Hands over each school's letters, as `making` made them, and the accounts of the letters
    /// it asked them for (each account once), read from the same rows when the reader was made
    /// `withAccounts`.
    mutating func read<Item>(
        school each: (Int64, [Item], consuming [Account]) throws -> Void,
        making: (TrackedDelivery) -> (item: Item, wantsAccount: Bool)
    ) throws {
        var current: (plan: Int64, school: Int64)?
        var items: [Item] = []
        var accounts: [Account] = [], accountIDs: Set<Account.ID> = []
        var name = ""
        // Letters come packet by packet, so a run of them names the same classes: split once
        // and shared.
        var classesText = "", classes: [String] = []
        try rows.forEach { r in
            let schoolID = r.int64(Column.school)!, planID = r.int64(Column.plan)!
            if !r.equals(Column.classes, classesText) {
                classesText = r.string(Column.classes)!
                classes = ListColumn.split(classesText)
            }
            if schoolID != current?.school || planID != current?.plan {
                if let current, !items.isEmpty { try each(current.school, handOver(&items), handOver(&accounts)) }
                accountIDs.removeAll(keepingCapacity: true)
                current = (planID, schoolID)
                name = schools[schoolID] ?? ""
            }
            let accountID = r.int64(Column.account)!
            let (item, wantsAccount) = making(TrackedDelivery(
                deliveryID: r.int64(Column.delivery)!, planID: planID, accountID: accountID,
                login: r.string(Column.login)!, firstName: r.string(Column.firstName)!, lastName: r.string(Column.lastName)!, school: name,
                channel: try DeliveryColumns.channel.value(r.int64(Column.channel)), step: Int(r.int64(Column.step)!),
                state: try DeliveryColumns.state.value(r.int64(Column.state)), letter: try DeliveryColumns.letter.value(r.int64(Column.letter)),
                staleCode: r.bool(Column.staleCode),
                facts: AccountFacts(
                    profile: try DeliveryColumns.profile.value(r.int64(Column.profile)), isActivated: r.bool(Column.isActivated),
                    hasEmail: r.bool(Column.hasEmail), hasAddress: r.bool(Column.hasAddress), isLocalAdmin: r.bool(Column.isLocalAdmin),
                    classes: classes),
                distinction: r.string(Column.distinction)))
            if withAccounts, wantsAccount, accountIDs.insert(accountID).inserted {
                let account = r.starting(at: Int32(Column.allCases.count))
                accounts.append(try AccountReader.account(account, school: schools[account.int64(AccountReader.Column.schoolID)!] ?? ""))
            }
            items.append(item)
        }
        if let current, !items.isEmpty { try each(current.school, handOver(&items), handOver(&accounts)) }
    }
}

/// The array's elements, leaving it empty with room for as many: handed over whole, their
/// reader sorts and keeps them without copying them.
private func handOver<T>(_ array: inout [T]) -> [T] {
    let handed = array
    array = []
    array.reserveCapacity(handed.count)
    return handed
}
