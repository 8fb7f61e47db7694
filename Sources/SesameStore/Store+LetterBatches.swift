import Foundation
import GRDB
import SesameCore

extension Store {
    /// A plan's batches of these channels, each with its letters in batch order: the
    /// deliveries still under way, with their accounts as they are now. An activation letter
    /// whose account has been activated since becomes a reminder. `logins` keeps only those
    /// accounts' letters (re-printing a lost letter).
    public func letterBatches(plan: Int64, channels: Set<Channel>, logins: [String] = [], school: String? = nil) throws -> [LetterBatch] {
        try pool.read { db in
            try Self.batchRows(db, plan: plan, channels: channels, school: school).compactMap { b in
                let letters = try Self.letters(db, of: b, logins: logins)
                return letters.isEmpty ? nil : b.letterBatch(letters)
            }
        }
    }

    /// The same batches, each to be read when its file is drawn (`PendingBatch.letters`, in a
    /// read transaction of its own): a plan's 100,000 letters are not held at once.
    public func pendingBatches(plan: Int64, channels: Set<Channel>, school: String? = nil) throws -> [PendingBatch] {
        try pool.read { db in
            let rows = try Self.batchRows(db, plan: plan, channels: channels, school: school)
            var counts: [Int64: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT d.batch_id, COUNT(*) FROM delivery d JOIN account a ON a.id = d.account_id
                WHERE d.plan_id = ? AND \(Self.letterCondition) GROUP BY d.batch_id
                """, arguments: [plan]) { counts[row[0]] = row[1] }
            return rows.compactMap { b in
                guard let count = counts[b.id] else { return nil }
                return PendingBatch(batch: b.letterBatch([]), count: count) { [pool] in
                    try pool.read { db in try Self.letters(db, of: b, logins: []) }
                }
            }
        }
    }

    private static func batchRows(_ db: Database, plan: Int64, channels: Set<Channel>, school: String?) throws -> [BatchRow] {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM plan WHERE id = ?", arguments: [plan]) != nil else {
            throw PlanError.unknownPlan(plan)
        }
        let schoolID = try school.map { try SchoolDirectory.ids(of: [$0], db: db)[0] }
        return try BatchRow.all(db, plan: plan, school: schoolID).filter { channels.contains($0.channel) }
    }

    /// The letters a batch carries: deliveries under way (`d`) of accounts still in the export (`a`).
    private static let letterCondition = "d.state IN \(SQLFragment.openStates) AND a.removed_import_id IS NULL"

    /// A batch's letters, in batch order; `logins`: those accounts' only.
    private static func letters(_ db: Database, of b: BatchRow, logins: [String]) throws -> [Letter] {
        var condition = "a.removed_import_id IS NULL AND a.id IN (SELECT account_id FROM delivery WHERE batch_id = ?)"
        var arguments: StatementArguments = [b.id]
        if !logins.isEmpty {
            condition += " AND (a.login IN (\(logins.map { _ in "?" }.joined(separator: ","))) OR a.alias IN (\(logins.map { _ in "?" }.joined(separator: ","))))"
            arguments += StatementArguments(logins + logins)
        }
        let accounts = Dictionary(
            uniqueKeysWithValues: try AccountReader.read(AccountSelection(condition: condition, arguments: arguments), ordering: nil, db: db).map { ($0.id, $0) })
        guard !accounts.isEmpty else { return [] }
        var letters: [Letter] = []
        for d in try Row.fetchAll(db, sql: """
            SELECT d.id, d.account_id, d.letter, d.state FROM delivery d JOIN account a ON a.id = d.account_id
            WHERE d.batch_id = ? AND \(letterCondition) ORDER BY d.position
            """, arguments: [b.id]) {
            guard let account = accounts[d["account_id"]] else { continue }
            let planned = try LetterKind.stored(d["letter"], column: "delivery.letter")
            letters.append(Letter(
                deliveryID: d["id"], account: account, channel: b.channel,
                kind: planned == .activation && account.isActivated ? .reminder : planned, packetClass: b.className,
                state: try DeliveryState.stored(d["state"], column: "delivery.state")))
        }
        return letters
    }
}

/// A plan's batch as stored, in plan order: what every reading of a plan starts from.
struct BatchRow {
    var id: Int64
    var channel: Channel
    var school: String
    var className: String?
    var recipients: [String]
    var meeting: Date?

    func letterBatch(_ letters: [Letter]) -> LetterBatch {
        LetterBatch(
            batchID: id, channel: channel, school: school, className: className, recipients: recipients, meeting: meeting, letters: letters)
    }

    /// `school`: that school's batches only. Read row by row without GRDB's `Row`: an
    /// académie's plan has tens of thousands of batches, and `status` reads them all.
    static func all(_ db: Database, plan: Int64, school: Int64? = nil) throws -> [BatchRow] {
        var statement = try BulkStatement(db, sql: """
            SELECT \(BatchColumn.selectList)
            FROM batch b JOIN school s ON s.id = b.school_id WHERE b.plan_id = ? \(school == nil ? "" : "AND b.school_id = ?")
            ORDER BY b.position
            """)
        statement.bind(plan)
        if let school { statement.bind(school) }
        var batches: [BatchRow] = []
        try statement.forEach { b in
            // A school's batches come together: its name is made once.
            let school = batches.last.flatMap { b.equals(BatchColumn.school, $0.school) ? $0.school : nil } ?? b.string(BatchColumn.school) ?? ""
            batches.append(BatchRow(
                id: b.int64(BatchColumn.id)!, channel: try BatchColumn.channels.value(b.int64(BatchColumn.channel)), school: school,
                className: b.string(BatchColumn.className), recipients: ListColumn.split(b.string(BatchColumn.recipients) ?? ""),
                meeting: b.double(BatchColumn.meeting).map(Date.init(timeIntervalSince1970:))))
        }
        return batches
    }
}

/// The columns `BatchRow.all` reads.
private enum BatchColumn: Int32, SelectedColumn {
    case id, channel, school, className, recipients, meeting

    static let channels = EnumColumn<Channel>("b.channel")

    var expression: String {
        switch self {
        case .id: "b.id"
        case .channel: Self.channels.sql
        case .school: "s.name"
        case .className: "b.class_name"
        case .recipients: "b.recipients"
        case .meeting: "b.meeting_at"
        }
    }
}
