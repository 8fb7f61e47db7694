import Foundation

/// Issue 3's target: planning 1,000,000 accounts with the default strategy, stored, in ≤ 10 s.
/// Runs on the store `sesame-bench import` leaves in the work folder.
struct PlanBench {
    let options: Options

    init(_ options: Options) {
        self.options = options
    }

    func run() throws {
        // Each run plans a fresh copy of the imported store, as a first plan.
        let db = try options.freshCopy(of: "academie.db", as: "academie-plan.db", leftBy: "`sesame-bench import`")
        // --activation all: every account of the académie, activated ones getting a reminder.
        let run = try Measure.sesame(["plan", "--db", db, "--strategy", "ecole", "--activation", "all", "--name", "bench"])
        guard run.status == 0 else { throw BenchError.failed("plan") }
        let show = try Measure.sesame(["plans", "--db", db], output: options.work.appendingPathComponent("plans.txt"))
        guard show.status == 0 else { throw BenchError.failed("plans") }
        let listing = try String(contentsOf: options.work.appendingPathComponent("plans.txt"), encoding: .utf8)
        print("plan (ecole, every account, stored): \(Measure.format(run.seconds)), peak \(Int(run.peakMiB)) MiB")
        print(listing.split(separator: "\n").suffix(1).joined())
    }
}
