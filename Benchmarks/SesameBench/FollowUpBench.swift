import Foundation
import GRDB

/// `status` and `followup` over 1,000,000 letters, side by side in one run: `status` against
/// one `sqlite3` GROUP BY query computing the same counts by class (target ≤ 1.5× the query),
/// and `followup` escalating a quarter of the académie against `status` on the same store
/// (target ≤ 1.5× status).
///
/// Runs on the plan `sesame-bench plan` leaves (976,711 letters of every account of the
/// académie). A season's outcomes are set directly in SQL, as a million `record` commands
/// would take hours: 55 % handed over, 20 % absent at the meeting or in class (returned for
/// post, bounced for email), 5 % lost, 10 % waiting for their sheet, 10 % still to print.
struct FollowUpBench {
    let options: Options

    init(_ options: Options) {
        self.options = options
    }

    func run() throws {
        let db = try options.freshCopy(of: "academie-plan.db", as: "academie-season.db", leftBy: "`sesame-bench import` then `sesame-bench plan`")
        // Opening once applies the store's migrations, outside the measures.
        guard try Measure.sesame(["plans", "--db", db]).status == 0 else { throw BenchError.failed("plans") }
        let queue = try DatabaseQueue(path: db)
        try queue.write { db in
            try db.execute(sql: """
                UPDATE delivery SET state = CASE
                    WHEN id % 20 < 11 THEN 'handed-over'
                    WHEN id % 20 < 15 THEN CASE channel WHEN 'email' THEN 'bounced' WHEN 'post' THEN 'returned' ELSE 'absent' END
                    WHEN id % 20 < 16 THEN CASE channel WHEN 'email' THEN 'issued' ELSE 'lost' END
                    WHEN id % 20 < 18 THEN 'issued'
                    ELSE 'planned' END
                """)
        }
        try queue.close()
        let letters = try DatabaseQueue(path: db).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM delivery") ?? 0 }

        // Status and the same counts by school, class and state computed by SQLite alone (the
        // letters a follow-up replaced are not counted, as status does not count them), five
        // times in turn, each one's median kept.
        var statusPeak = 0.0, groups = 0
        func status() throws -> Double {
            let status = try Measure.sesame(["status", "--db", db])
            guard status.status == 0 else { throw BenchError.failed("status") }
            statusPeak = max(statusPeak, status.peakMiB)
            return status.seconds
        }
        let times = try Measure.medians(rounds: 5, [
            status,
            {
                let query = try Measure.reference("/usr/bin/sqlite3", [db, """
                    SELECT a.school_id, a.classes, d.state, COUNT(*) FROM delivery d JOIN account a ON a.id = d.account_id
                    WHERE d.is_copy = 0 AND d.state NOT IN ('escalated', 'cancelled') GROUP BY a.school_id, a.classes, d.state
                    """], package: "sqlite3")
                groups = query.output.split(separator: "\n").count
                guard groups > 1_000 else { throw BenchError.failed("the GROUP BY query gave \(groups) rows") }
                return query.seconds
            },
        ])
        print("status over \(letters) letters (median of 5 runs in turn): \(Measure.format(times[0])), peak \(Int(statusPeak)) MiB")
        print("sqlite3 GROUP BY of the same counts (\(groups) rows), median of 5: \(Measure.format(times[1]))")
        print(Measure.ratio("status vs the GROUP BY query", ours: times[0], reference: times[1], target: 1.5, speedUp: false))
        let listing = try Measure.sesame(["followup", "--db", db, "--dry-run", "--format", "csv"])
        guard listing.status == 0 else { throw BenchError.failed("followup --dry-run") }
        print("followup --dry-run --format csv (every letter looked at, the lists written, nothing escalated): \(Measure.format(listing.seconds)), peak \(Int(listing.peakMiB)) MiB")
        // The escalation three times in turn with status, each time on a fresh copy of the
        // season (the copy is not timed): one run moved by a fifth from hour to hour here.
        var escalatingPeak = 0.0, escalated = 0, escalatedDB = ""
        let escalation = try Measure.medians(rounds: 3, [
            status,
            {
                escalatedDB = try options.freshCopy(of: "academie-season.db", as: "academie-escalated.db", leftBy: "this step")
                let escalating = try Measure.sesame(["followup", "--db", escalatedDB, "--format", "csv"])
                guard escalating.status == 0 else { throw BenchError.failed("followup") }
                escalatingPeak = max(escalatingPeak, escalating.peakMiB)
                escalated = try DatabaseQueue(path: escalatedDB).read {
                    try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM delivery WHERE follows_delivery_id IS NOT NULL") ?? 0
                }
                return escalating.seconds
            },
        ])
        print("followup --format csv escalating \(escalated) misses into a follow-up plan (median of 3 runs in turn with status, \(Measure.format(escalation[0]))): \(Measure.format(escalation[1])), peak \(Int(escalatingPeak)) MiB")
        print(Measure.ratio("followup escalating vs status", ours: escalation[1], reference: escalation[0], target: 1.5, speedUp: false))
        let floor = try options.freshCopy(of: "academie-season.db", as: "academie-floor-writes.db", leftBy: "this step")
        // The floor of the escalation's writes: each miss gets a new letter and its event, and
        // moves with its own event, in four set-based statements of the sqlite3 shell (no
        // reading, no planning, no lists).
        let writes = try Measure.reference("/usr/bin/sqlite3", [floor, """
            BEGIN;
            CREATE TEMP TABLE missed AS SELECT id FROM delivery
                WHERE is_copy = 0 AND state IN ('absent', 'returned', 'bounced', 'lost');
            INSERT INTO delivery (plan_id, batch_id, position, account_id, channel, letter, step, is_copy, state, state_at, follows_delivery_id)
                SELECT plan_id, batch_id, position, account_id, 'post', letter, step + 1, 0, 'planned', 0, id FROM delivery
                WHERE id IN (SELECT id FROM missed);
            INSERT INTO event (delivery_id, at, actor, to_state) SELECT id, 0, 'bench', 'planned' FROM delivery WHERE follows_delivery_id IS NOT NULL;
            INSERT INTO event (delivery_id, at, actor, from_state, to_state, note)
                SELECT d.id, 0, 'bench', d.state, 'escalated', 'relancée : courrier' FROM delivery d WHERE d.id IN (SELECT id FROM missed);
            UPDATE delivery SET state = 'escalated', state_at = 0 WHERE id IN (SELECT id FROM missed);
            COMMIT;
            SELECT COUNT(*) FROM missed;
            """], package: "sqlite3")
        let written = Int(writes.output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        guard written >= escalated else { throw BenchError.failed("the sqlite3 floor wrote \(written) letters for \(escalated)") }
        print("sqlite3 shell writing \(written) letters, their moves and events in four statements: \(Measure.format(writes.seconds)), \(String(format: "%.2f", writes.seconds / escalation[0]))× status")
        let again = try Measure.sesame(["followup", "--db", escalatedDB, "--format", "csv"])
        guard again.status == 0 else { throw BenchError.failed("followup again") }
        print("followup again (nothing new to escalate), over the plan and its follow-up: \(Measure.format(again.seconds)), peak \(Int(again.peakMiB)) MiB")
        let statusAfter = try Measure.sesame(["status", "--db", escalatedDB])
        print("status over the plan and its follow-up: \(Measure.format(statusAfter.seconds)), peak \(Int(statusAfter.peakMiB)) MiB")
    }
}
