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
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM plan WHERE id = ?", arguments: [plan]) != nil else {
                throw PlanError.unknownPlan(plan)
            }
            var batches: [LetterBatch] = []
            let schoolID = try school.map { try SchoolDirectory.ids(of: [$0], db: db)[0] }
            for b in try BatchRow.all(db, plan: plan, school: schoolID) where channels.contains(b.channel) {
                let batchID = b.id
                var condition = "a.removed_import_id IS NULL AND a.id IN (SELECT account_id FROM delivery WHERE batch_id = ?)"
                var arguments: StatementArguments = [batchID]
                if !logins.isEmpty {
                    condition += " AND (a.login IN (\(logins.map { _ in "?" }.joined(separator: ","))) OR a.alias IN (\(logins.map { _ in "?" }.joined(separator: ","))))"
                    arguments += StatementArguments(logins + logins)
                }
                let accounts = Dictionary(
                    uniqueKeysWithValues: try AccountReader.read(AccountSelection(condition: condition, arguments: arguments), ordering: nil, db: db).map { ($0.id, $0) })
                guard !accounts.isEmpty else { continue }
                var letters: [Letter] = []
                for d in try Row.fetchAll(db, sql: """
                    SELECT id, account_id, letter, state FROM delivery
                    WHERE batch_id = ? AND state IN \(SQLFragment.openStates) ORDER BY position
                    """, arguments: [batchID]) {
                    guard let account = accounts[d["account_id"]] else { continue }
                    let planned = try LetterKind.stored(d["letter"], column: "delivery.letter")
                    letters.append(Letter(
                        deliveryID: d["id"], account: account, channel: b.channel,
                        kind: planned == .activation && account.isActivated ? .reminder : planned, packetClass: b.className,
                        state: try DeliveryState.stored(d["state"], column: "delivery.state")))
                }
                guard !letters.isEmpty else { continue }
                batches.append(LetterBatch(
                    batchID: batchID, channel: b.channel, school: b.school, className: b.className, recipients: b.recipients,
                    meeting: b.meeting, letters: letters))
            }
            return batches
        }
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

    /// `school`: that school's batches only.
    static func all(_ db: Database, plan: Int64, school: Int64? = nil) throws -> [BatchRow] {
        try Row.fetchAll(db, sql: """
            SELECT b.id, b.channel, s.name AS school, b.class_name, b.recipients, b.meeting_at
            FROM batch b JOIN school s ON s.id = b.school_id WHERE b.plan_id = ? \(school == nil ? "" : "AND b.school_id = ?")
            ORDER BY b.position
            """, arguments: StatementArguments([plan] + (school.map { [$0] } ?? []))).map { b in
            BatchRow(
                id: b["id"], channel: try Channel.stored(b["channel"], column: "batch.channel"), school: b["school"],
                className: b["class_name"], recipients: ListColumn.split(b["recipients"]),
                meeting: (b["meeting_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
        }
    }
}
