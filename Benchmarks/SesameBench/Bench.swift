import Foundation
import SesameFixtures

/// Benchmarks of the real `sesame` binary on académie-scale data (release build):
///
///     swift build -c release && .build/release/sesame-bench import [--accounts 1000000]
///     .build/release/sesame-bench plan       # on the store the import left
///     .build/release/sesame-bench print [--letters 1000]   # against ReportLab and wkhtmltopdf, then 100,000 letters
///     .build/release/sesame-bench send        # 10,000 emails, against Python's smtplib
///     .build/release/sesame-bench followup    # status against a GROUP BY, followup against status
///     .build/release/sesame-bench web         # 200 teachers ticking at once on sesame serve
///
/// Each step runs `sesame` as a child process; wall time is measured around it and peak
/// memory is the child's maximum resident set size (getrusage).
@main
struct Bench {
    static func main() {
        do {
            try run()
        } catch {
            print("benchmark failed: \(error)")
            exit(1)
        }
    }

    static func run() throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        let command = arguments.isEmpty ? "import" : arguments.removeFirst()
        let options = Options(arguments)
        switch command {
        case "import": try ImportBench(options).run()
        case "plan": try PlanBench(options).run()
        case "print": try PrintBench(options).run()
        case "send": try SendBench(options).run()
        case "followup": try FollowUpBench(options).run()
        case "web": try WebBench(options).run()
        case "sink":
            // A loopback SMTP sink on its own, to measure other clients against it.
            let sink = try SMTPSink()
            FileHandle.standardError.write(Data("sink listening on port \(sink.port)\n".utf8))
            while true {
                Thread.sleep(forTimeInterval: 5)
                FileHandle.standardError.write(Data("received: \(sink.count)\n".utf8))
            }
        default:
            print("usage: sesame-bench import|plan|print|send|followup|web [--accounts N] [--letters N] [--work DIR]")
            exit(2)
        }
    }
}

struct Options {
    var accounts = 1_000_000
    var letters = 1_000
    var work = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sesame-bench")

    /// A fresh copy of a store an earlier benchmark left in the work folder, to measure on.
    func freshCopy(of name: String, as copy: String, leftBy earlier: String) throws -> String {
        let source = work.appendingPathComponent(name).path
        guard FileManager.default.fileExists(atPath: source) else {
            print("run \(earlier) first: it leaves \(name) in \(work.path)")
            throw BenchError.failed("no \(name)")
        }
        let path = work.appendingPathComponent(copy).path
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        try FileManager.default.copyItem(atPath: source, toPath: path)
        // On disk before the clock starts: a step that commits right after a copy of 600 MB
        // otherwise waited behind its write-back (an escalation measured 5.5–6.4 s instead of
        // 4.6 s), and a step that only reads did not.
        let copied = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        try copied.synchronize()
        try copied.close()
        return path
    }

    init(_ arguments: [String]) {
        var i = 0
        while i < arguments.count {
            let value = i + 1 < arguments.count ? arguments[i + 1] : ""
            switch arguments[i] {
            case "--accounts": accounts = Int(value) ?? accounts; i += 1
            case "--letters": letters = Int(value) ?? letters; i += 1
            case "--work": work = URL(fileURLWithPath: value); i += 1
            default: break
            }
            i += 1
        }
    }
}
