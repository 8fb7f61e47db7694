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
        // GNU time tells this child's own peak (getrusage only tells the largest child's so far).
        let peakFile = FileManager.default.temporaryDirectory.appendingPathComponent("sesame-bench-peak-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: peakFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
        process.arguments = ["-f", "%M", "-o", peakFile.path, sesame.path] + arguments
        process.standardOutput = try output.map { url in
            try Data().write(to: url)
            return try FileHandle(forWritingTo: url)
        } ?? FileHandle.nullDevice
        let start = Date()
        do {
            try process.run()
        } catch {
            throw BenchError.failed("/usr/bin/time (scripts/install-packages --bench installs time)")
        }
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(start)
        // "Command exited with non-zero status N" comes first when it failed: the figure is last.
        let kib = (try? String(contentsOf: peakFile, encoding: .utf8))?.split(separator: "\n").last.flatMap { Double($0) } ?? 0
        return Run(seconds: seconds, peakMiB: kib / 1024, status: process.terminationStatus)
    }

    /// Runs a reference program (what a user would pick instead of Sésame) and returns its wall
    /// time and what it printed; throws when it fails, naming the Debian package it needs.
    static func reference(_ executable: String, _ arguments: [String], package: String, environment: [String: String] = [:]) throws -> (seconds: Double, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        let start = Date()
        do {
            try process.run()
        } catch {
            throw BenchError.failed("\(executable) (scripts/install-packages --bench installs \(package))")
        }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(start)
        guard process.terminationStatus == 0 else { throw BenchError.failed("\(executable) \(arguments.first ?? "") (\(package))") }
        return (seconds, output)
    }

    /// "ratio: 2.4× (target ≤ 3×): met": Sésame's time over the reference's (`lowerIsBetter`:
    /// a cost ratio, Sésame ÷ reference) or the reference's over Sésame's (a speed-up).
    static func ratio(_ label: String, ours: Double, reference: Double, target: Double, speedUp: Bool) -> String {
        let value = speedUp ? reference / ours : ours / reference
        let met = speedUp ? value >= target : value <= target
        return String(format: "  %@: %.2f× (target %@ %.1f×): %@", label, value, speedUp ? "≥" : "≤", target, met ? "met" : "NOT MET")
    }

    /// Runs each measure in turn, `rounds` times, and gives each one's median time: on this
    /// shared machine one run moves by a tenth from minute to minute, and taking turns puts
    /// both sides through the same moments.
    static func medians(rounds: Int, _ measures: [() throws -> Double]) throws -> [Double] {
        var times = Array(repeating: [Double](), count: measures.count)
        for _ in 0..<rounds {
            for (index, measure) in measures.enumerated() { times[index].append(try measure()) }
        }
        return times.map { $0.sorted()[$0.count / 2] }
    }

    static func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = Date()
        let value = try body()
        return (value, Date().timeIntervalSince(start))
    }

    static func format(_ seconds: Double) -> String { String(format: "%.2f s", seconds) }
}
