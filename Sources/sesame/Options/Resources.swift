import Foundation

/// Where the shipped folders (`Strategies/`, `Reports/`) are, whether `sesame` runs from the
/// repository or is installed.
///
/// In order: the command's flag, the environment variable, the folder beside the
/// repository the binary was built in (walking up from the executable), then
/// `<prefix>/share/sesame/` for a binary installed in `<prefix>/bin` (see README).
enum Resources {
    static func directory(_ name: String, flag: String?, environment variable: String) -> URL? {
        if let flag { return URL(fileURLWithPath: flag, isDirectory: true) }
        if let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty {
            return URL(fileURLWithPath: value, isDirectory: true)
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        let installed = folder.deletingLastPathComponent().appendingPathComponent("share/sesame/\(name)")
        for _ in 0..<6 {
            let candidate = folder.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent(".").path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return FileManager.default.fileExists(atPath: installed.path) ? installed : nil
    }
}
