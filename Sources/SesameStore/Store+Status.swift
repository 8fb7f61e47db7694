import Foundation
import GRDB
import SesameCore

extension Store {
    /// Where the accounts of a plan and its follow-ups stand, counted by SQLite: each account
    /// once, at its letter under way or its last one (an escalated letter is superseded by
    /// the one that follows it; cancelled letters do not count). A letter's class is its
    /// packet's, else the account's first class.
    public func stageCounts(ofPlan plan: Int64) throws -> [StageCount] {
        try pool.read { db in
            let plans = try Self.chain(plan, db: db).map(String.init).joined(separator: ",")
            var rows = try BulkStatement(db, sql: """
                SELECT s.name,
                       COALESCE(b.class_name, NULLIF(substr(a.classes, 1, instr(a.classes || char(31), char(31)) - 1), '')),
                       a.profile, d.channel, d.state, d.letter, a.activation_code IS NULL, COUNT(*)
                FROM batch b JOIN delivery d ON d.batch_id = b.id JOIN account a ON a.id = d.account_id JOIN school s ON s.id = b.school_id
                WHERE b.plan_id IN (\(plans)) AND d.is_copy = 0 AND d.state NOT IN ('escalated', 'cancelled')
                GROUP BY 1, 2, 3, 4, 5, 6, 7
                """)
            var counts: [StageCount] = []
            try rows.forEach { r in
                let state = DeliveryState(rawValue: r.string(4)!) ?? .planned
                counts.append(StageCount(
                    school: r.string(0)!, className: r.string(1), profile: Profile(rawValue: r.string(2)!) ?? .guest,
                    channel: Channel(rawValue: r.string(3)!) ?? .office,
                    stage: Stage(state: state, letter: LetterKind(rawValue: r.string(5)!) ?? .activation, accountActivated: r.bool(6)),
                    count: Int(r.int64(7)!)))
            }
            return counts
        }
    }
}
