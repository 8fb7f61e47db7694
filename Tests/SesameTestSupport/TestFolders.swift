import Foundation

/// Where tests write their files: one folder per test run (`$TMPDIR/sesame-test-runs/<pid>`).
///
/// A full run writes about a gigabyte (stores, PDFs, screenshots) and used to leave it all
/// behind. Each run now removes the folders of earlier runs whose process has ended: what a
/// run made stays to look at until the next run, and two runs at once leave each other alone.
public enum TestFolders {
    public static let root: URL = {
        let runs = FileManager.default.temporaryDirectory.appendingPathComponent("sesame-test-runs", isDirectory: true)
        try? FileManager.default.createDirectory(at: runs, withIntermediateDirectories: true)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: runs.path)) ?? [] {
            guard let pid = Int32(name), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(at: runs.appendingPathComponent(name))
        }
        let mine = runs.appendingPathComponent(String(getpid()), isDirectory: true)
        try? FileManager.default.createDirectory(at: mine, withIntermediateDirectories: true)
        return mine
    }()

    /// A new, empty folder for one test, named `prefix-<UUID>`.
    public static func make(_ prefix: String) throws -> URL {
        let folder = root.appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A path for one file of a test, named `prefix-<UUID>.ext`, in this run's folder.
    public static func file(_ prefix: String, extension ext: String) -> URL {
        root.appendingPathComponent("\(prefix)-\(UUID().uuidString).\(ext)")
    }
}
