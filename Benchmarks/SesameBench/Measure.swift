import Foundation

/// Runs the `sesame` binary built next to this benchmark and measures it.
enum Measure {
    struct Run {
        var seconds: Double
        var peakMiB: Double
        var status: Int32
    }

    static let sesame: URL = {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("sesame")
    }()

    /// Runs `sesame` with stdout to `output` (or /dev/null), returning wall time and peak RSS.
    static func sesame(_ arguments: [String], output: URL? = nil) throws -> Run {
        let process = Process()
        process.executableURL = sesame
        process.arguments = arguments
        process.standardOutput = try output.map { url in
            try Data().write(to: url)
            return try FileHandle(forWritingTo: url)
        } ?? FileHandle.nullDevice
        let start = Date()
        try process.run()
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(start)
        return Run(seconds: seconds, peakMiB: childPeakMiB(), status: process.terminationStatus)
    }

    /// The largest resident set of any child so far; children run one at a time here, and
    /// each step's figure is read right after it (the first steps are the largest).
    static func childPeakMiB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    static func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = Date()
        let value = try body()
        return (value, Date().timeIntervalSince(start))
    }

    static func format(_ seconds: Double) -> String { String(format: "%.2f s", seconds) }
}
