import Foundation

/// A real SMTP server on loopback (Debian's python3-aiosmtpd), started and stopped by a test.
public final class SMTPTestServer: @unchecked Sendable {
    public let port: Int
    public let folder: URL
    private let process: Process
    private let input: Pipe

    private static let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Resources")

    /// `options`: the script's failure modes (`--refuse`, `--tempfail`, `--auth`…).
    public init(_ options: [String] = []) throws {
        folder = try TestFolders.make("smtp")
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [Self.resources.appendingPathComponent("smtp_server.py").path, "--dir", folder.path] + options
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        while !text.contains("\n") {
            let data = output.fileHandleForReading.availableData
            guard !data.isEmpty else { break }
            text += String(decoding: data, as: UTF8.self)
        }
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("READY ") }), let port = Int(line.dropFirst(6)) else {
            process.terminate()
            throw ServerError.notStarted(text)
        }
        self.port = port
    }

    public var url: String { "smtp://127.0.0.1:\(port)" }

    public func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    deinit { if process.isRunning { stop() } }

    /// The messages received so far, parsed by Python's own MIME parser.
    public func messages() -> [[String: Any]] {
        guard let json = Tools.run("/usr/bin/python3", [Self.resources.appendingPathComponent("read_mail.py").path, folder.path]),
              let list = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
        else { return [] }
        return list
    }

    /// How many messages arrived so far (without parsing them).
    public var count: Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).count { $0.hasSuffix(".eml") }
    }

    /// A self-signed certificate for 127.0.0.1 (cert, key), for STARTTLS.
    public static func certificate(in folder: URL) throws -> (cert: String, key: String) {
        let cert = folder.appendingPathComponent("cert.pem").path, key = folder.appendingPathComponent("key.pem").path
        guard Tools.run("/usr/bin/openssl", [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
            "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1",
        ]) != nil else { throw ServerError.notStarted("openssl") }
        return (cert, key)
    }

    public enum ServerError: Error { case notStarted(String) }
}
