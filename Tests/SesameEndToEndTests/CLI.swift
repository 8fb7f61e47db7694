import Foundation
import SesameTestSupport
import Testing

/// Runs the built `sesame` binary in a temporary folder, as a director would.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String

        var json: Any? { try? JSONSerialization.jsonObject(with: Data(stdout.utf8)) }
    }

    let folder: URL
    var environment: [String: String] = [:]

    init() throws {
        folder = try TestFolders.make("sesame-e2e")
    }

    static let binary: URL = {
        // The test bundle and the executable are built side by side.
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("sesame")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        fatalError("sesame binary not found next to \(CommandLine.arguments[0])")
    }()

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func write(_ data: Data, to name: String) throws -> String {
        try data.write(to: folder.appendingPathComponent(name))
        return path(name)
    }

    @discardableResult
    func run(_ arguments: String...) throws -> Result { try run(arguments) }

    func run(_ arguments: [String]) throws -> Result {
        try run(executable: Self.binary, arguments)
    }

    /// Starts the binary without waiting for it (to kill it mid-run).
    func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    func run(executable: URL, _ arguments: [String]) throws -> Result {
        try launch(executable: executable, arguments).wait()
    }

    /// A command started and not yet waited for: to run several at once on one store.
    struct Running {
        let process: Process
        let outURL: URL
        let errURL: URL

        func wait() throws -> Result {
            process.waitUntilExit()
            defer {
                try? FileManager.default.removeItem(at: outURL)
                try? FileManager.default.removeItem(at: errURL)
            }
            let stdout = try Data(contentsOf: outURL), stderr = try Data(contentsOf: errURL)
            return Result(
                status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                stderr: String(decoding: stderr, as: UTF8.self))
        }
    }

    func launch(_ arguments: String...) throws -> Running { try launch(executable: Self.binary, arguments) }

    /// Runs with stdout and stderr into one file, as `> out.txt 2>&1` does: the result's
    /// `stdout` holds both, in the order the file got them.
    func runIntoOneFile(_ arguments: String...) throws -> Result {
        try launch(executable: Self.binary, arguments, oneFile: true).wait()
    }

    func launch(executable: URL, _ arguments: [String], oneFile: Bool = false) throws -> Running {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var env = ProcessInfo.processInfo.environment
        env["SESAME_DB"] = nil
        env.merge(environment) { $1 }
        process.environment = env
        // Files rather than pipes: a long listing cannot block the process on a full pipe.
        let id = UUID().uuidString
        let outURL = folder.appendingPathComponent(".out-\(id)"), errURL = folder.appendingPathComponent(".err-\(id)")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let out = try FileHandle(forWritingTo: outURL)
        process.standardOutput = out
        process.standardError = oneFile ? out : try FileHandle(forWritingTo: errURL)
        try process.run()
        return Running(process: process, outURL: outURL, errURL: errURL)
    }
}
