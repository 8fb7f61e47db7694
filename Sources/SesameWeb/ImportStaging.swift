import Foundation
import SesameFiles
import SesameSeason

/// The files uploaded for an import, kept between its report and its confirmation, and only
/// that long: confirmed, cancelled or an hour old, they are deleted (they name families and
/// hold codes). Each is 0600 in a 0700 folder beside the store; only the person who
/// uploaded them can confirm or cancel.
actor ImportStaging {
    struct Staged: Sendable {
        let token: String
        let personID: Int64
        let folder: URL
        let files: ImportFiles
        let at: Date
    }

    let root: URL
    private var staged: [String: Staged] = [:]

    init(root: URL) {
        self.root = root
    }

    /// Keeps `uploads` (by role: export, responsables, eleves) under a new token.
    func stage(_ uploads: [String: Upload], personID: Int64, now: Date = Date()) throws -> Staged {
        for old in staged.values where now.timeIntervalSince(old.at) > 3600 { discard(old.token) }
        let token = Season.secret()
        let folder = root.appendingPathComponent(token, isDirectory: true)
        try Folder.create(folder, permissions: 0o700)
        func keep(_ role: String) throws -> URL? {
            guard let upload = uploads[role] else { return nil }
            // Each role in its own folder: two files of the same name stay apart.
            let place = folder.appendingPathComponent(role, isDirectory: true)
            try Folder.create(place, permissions: 0o700)
            let url = place.appendingPathComponent(upload.fileName)
            try AtomicFile.write(upload.data, to: url)
            return url
        }
        let files = ImportFiles(export: try keep("export"), addresses: try keep("responsables"), pupils: try keep("eleves"))
        let entry = Staged(token: token, personID: personID, folder: folder, files: files, at: now)
        staged[token] = entry
        return entry
    }

    /// The files staged under `token` by this person, taken out of the staging (their folder
    /// stays until `discard`); nil for anyone else or an unknown token.
    func take(_ token: String, personID: Int64) -> Staged? {
        guard let entry = staged[token], entry.personID == personID else { return nil }
        staged[token] = nil
        return entry
    }

    /// Deletes what was staged under `token`.
    func discard(_ token: String) {
        try? FileManager.default.removeItem(at: root.appendingPathComponent(token, isDirectory: true))
        staged[token] = nil
    }
}
