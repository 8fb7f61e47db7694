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
    /// in SQL sorted them all.
    public func stageCounts(ofPlan plan: Int64) throws -> [StageCount] {
        try pool.read { db in
            let state = EnumColumn<DeliveryState>("d.state"), letter = EnumColumn<LetterKind>("d.letter")
            let profile = EnumColumn<Profile>("a.profile")
            var counts: [StageCount] = []
            for plan in try Self.chain(plan, db: db) {
                let batches = Dictionary(try BatchRow.all(db, plan: plan).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
                var rows = try BulkStatement(db, sql: """
                    SELECT d.batch_id, \(state.sql), \(letter.sql), a.activation_code IS NULL, \(profile.sql),
                           CASE WHEN b.class_name IS NULL THEN a.classes END
                    FROM batch b JOIN delivery d ON d.batch_id = b.id JOIN account a ON a.id = d.account_id
                    WHERE b.plan_id = ? AND d.is_copy = 0 AND d.state IN \(SQLFragment.countedStates)
                    ORDER BY b.position
                    """)
                rows.bind(plan)
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
                    let batch = r.int64(0)!
                    if batch != current {
                        flush()
                        current = batch
                    }
                    let stage = Stage(
                        state: try state.value(r.int64(1)), letter: try letter.value(r.int64(2)), accountActivated: r.bool(3))
                    let className = r.string(5).flatMap { ListColumn.split($0).first }
                    tally[Tally(stage: stage, profile: try profile.value(r.int64(4)), className: className), default: 0] += 1
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
