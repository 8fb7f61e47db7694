import Foundation
import GRDB
import SesameCore

extension Store {
    /// Where the accounts of a plan and its follow-ups stand: each account once, at its
    /// letter under way or its last one (an escalated letter is superseded by the one that
    /// follows it; cancelled letters do not count). A letter's class is its packet's, else
    /// the account's first class.
    ///
    /// One pass over the letters in batch order, counted in Swift: grouping a million rows
    /// in SQL sorted them all. `school`: that school's letters only (a director's dashboard
    /// reads its school, not the académie).
    public func stageCounts(ofPlan plan: Int64, school: String? = nil) throws -> [StageCount] {
        try pool.read { db in
            var counts: [StageCount] = []
            let schoolID = try school.map { try SchoolDirectory.ids(of: [$0], db: db)[0] }
            for plan in try Self.chain(plan, db: db) {
                let batches = Dictionary(try BatchRow.all(db, plan: plan, school: schoolID).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
                var rows = try BulkStatement(db, sql: """
                    SELECT \(CountedColumn.selectList)
                    FROM batch b JOIN delivery d ON d.batch_id = b.id JOIN account a ON a.id = d.account_id
                    WHERE b.plan_id = ? AND d.is_copy = 0 AND d.state IN \(SQLFragment.countedStates)
                    \(schoolID == nil ? "" : "AND b.school_id = ?")
                    ORDER BY b.position
                    """)
                rows.bind(plan)
                if let schoolID { rows.bind(schoolID) }
                // Counts of the batch being read, by stage, profile and (for classless batches) class.
                var current: Int64 = -1
                var tally: [Tally: Int] = [:]
                func flush() {
                    guard let batch = batches[current] else { return }
                    for (key, count) in tally {
                        counts.append(StageCount(
                            school: batch.school, className: batch.className ?? key.className, profile: key.profile,
                            channel: batch.channel, stage: key.stage, count: count))
                    }
                    tally.removeAll(keepingCapacity: true)
                }
                try rows.forEach { r in
                    let batch = r.int64(CountedColumn.batch)!
                    if batch != current {
                        flush()
                        current = batch
                    }
                    let stage = Stage(
                        state: try DeliveryColumns.state.value(r.int64(CountedColumn.state)),
                        letter: try DeliveryColumns.letter.value(r.int64(CountedColumn.letter)), accountActivated: r.bool(CountedColumn.isActivated))
                    let className = r.string(CountedColumn.classes).flatMap { ListColumn.split($0).first }
                    let profile = try DeliveryColumns.profile.value(r.int64(CountedColumn.profile))
                    tally[Tally(stage: stage, profile: profile, className: className), default: 0] += 1
                }
                flush()
            }
            return counts
        }
    }
}

private struct Tally: Hashable {
    var stage: Stage
    var profile: Profile
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
