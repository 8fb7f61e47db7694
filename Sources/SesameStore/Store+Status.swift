import Foundation
import GRDB
import SesameCore

extension Store {
    /// Where the accounts of a plan and its follow-ups stand: each account once, at its
    /// letter under way or its last one (an escalated letter is superseded by the one that
    /// follows it; cancelled letters do not count). A letter's class is its packet's, else
    /// the account's first class.
    ///
    /// One pass over the letters (`PlanLetters`), counted in Swift: grouping a million rows
    /// in SQL sorted them all. `school`: that school's letters only (a director's dashboard
    /// reads its school, not the académie).
    public func stageCounts(ofPlan plan: Int64, school: String? = nil) throws -> [StageCount] {
        try pool.read { db in
            var counts: [StageCount] = []
            let schoolID = try school.map { try SchoolDirectory.ids(of: [$0], db: db)[0] }
            // The plan and its follow-ups in one pass, in no particular order.
            let chain = try Self.chain(plan, db: db)
            var rows = try BulkStatement(db, sql: """
                SELECT \(CountedColumn.selectList) FROM \(try PlanLetters(plans: chain, school: schoolID, db: db).source)
                AND d.is_copy = 0 AND d.state NOT IN \(SQLFragment.supersededStates)
                """)
            var batches: [Int64: BatchRow] = [:]
            for plan in chain {
                for batch in try BatchRow.all(db, plan: plan, school: schoolID) { batches[batch.id] = batch }
            }
            // Counts of the batch being read (its letters come in a run; a batch met again
            // is counted again, the report adds them up) by what a letter's stage is made
            // of, its profile and (for classless batches) its class, as the indexes read:
            // stages are made once per count, not per letter.
            var current: Int64 = -1
            var tally: [Tally: Int] = [:]
            func flush() throws {
                defer { tally.removeAll(keepingCapacity: true) }
                guard let batch = batches[current] else { return }
                for (key, count) in tally {
                    counts.append(StageCount(
                        school: batch.school, className: batch.className ?? key.className,
                        profile: try DeliveryColumns.profile.value(key.profile), channel: batch.channel,
                        stage: Stage(
                            state: try DeliveryColumns.state.value(key.state), letter: try DeliveryColumns.letter.value(key.letter),
                            accountActivated: key.activated),
                        count: count))
                }
            }
            try rows.forEach { r in
                let batch = r.int64(CountedColumn.batch)!
                if batch != current {
                    try flush()
                    current = batch
                }
                let key = Tally(
                    state: r.int64(CountedColumn.state) ?? -1, letter: r.int64(CountedColumn.letter) ?? -1,
                    activated: r.bool(CountedColumn.isActivated), profile: r.int64(CountedColumn.profile) ?? -1,
                    className: r.string(CountedColumn.classes).flatMap { ListColumn.split($0).first })
                tally[key, default: 0] += 1
            }
            try flush()
            return counts
        }
    }
}

/// A letter as counted: its columns as read (`EnumColumn` indexes, -1 for NULL).
private struct Tally: Hashable {
    var state: Int64
    var letter: Int64
    var activated: Bool
    var profile: Int64
    var className: String?
}

/// The columns `stageCounts` reads of each letter counted.
private enum CountedColumn: Int32, SelectedColumn {
    case batch, state, letter, isActivated, profile, classes

    var expression: String {
        switch self {
        case .batch: "d.batch_id"
        case .state: DeliveryColumns.state.sql
        case .letter: DeliveryColumns.letter.sql
        case .isActivated: "a.activation_code IS NULL"
        case .profile: DeliveryColumns.profile.sql
        // The class of a letter counts only where its batch has none (the office, the post).
        case .classes: "CASE WHEN b.class_name IS NULL THEN a.classes END"
        }
    }
}
