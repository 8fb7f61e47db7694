import Foundation
import GRDB

/// Issue 6's targets: `status` and `followup` over 1,000,000 letters in ≤ 2 s each.
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

        let status = try Measure.sesame(["status", "--db", db])
        guard status.status == 0 else { throw BenchError.failed("status") }
        print("status over \(letters) letters: \(Measure.format(status.seconds)), peak \(Int(status.peakMiB)) MiB")
        let listing = try Measure.sesame(["followup", "--db", db, "--dry-run", "--format", "csv"])
        guard listing.status == 0 else { throw BenchError.failed("followup --dry-run") }
        print("followup --dry-run --format csv (every letter looked at, the lists written, nothing escalated): \(Measure.format(listing.seconds)), peak \(Int(listing.peakMiB)) MiB")
        let escalating = try Measure.sesame(["followup", "--db", db, "--format", "csv"])
        guard escalating.status == 0 else { throw BenchError.failed("followup") }
        let escalated = try DatabaseQueue(path: db).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM delivery WHERE follows_delivery_id IS NOT NULL") ?? 0 }
        print("followup --format csv escalating \(escalated) misses into a follow-up plan: \(Measure.format(escalating.seconds)), peak \(Int(escalating.peakMiB)) MiB")
        let again = try Measure.sesame(["followup", "--db", db, "--format", "csv"])
        guard again.status == 0 else { throw BenchError.failed("followup again") }
        print("followup again (nothing new to escalate), over the plan and its follow-up: \(Measure.format(again.seconds)), peak \(Int(again.peakMiB)) MiB")
        let statusAfter = try Measure.sesame(["status", "--db", db])
        // Peaks are the children's largest so far: this one's would repeat the follow-up's.
        print("status over the plan and its follow-up: \(Measure.format(statusAfter.seconds))")
    }
}
