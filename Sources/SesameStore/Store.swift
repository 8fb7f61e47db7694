import Foundation
import GRDB
import SesameCore

/// The SQLite file that holds a school's accounts, plans, deliveries and their history.
///
/// It holds activation codes, so it is created readable by its owner only (0600), and
/// SQLite gives its WAL and shared-memory files the same permissions.
public final class Store: Sendable {
    public let path: String
    let pool: DatabasePool

    public init(path: String) throws {
        self.path = path
        let manager = FileManager.default
        if !manager.fileExists(atPath: path) {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty, !manager.fileExists(atPath: directory) {
                throw StoreError.cannotOpen(path: path, reason: "le dossier \(directory) n’existe pas")
            }
            guard manager.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw StoreError.cannotOpen(path: path, reason: "création du fichier refusée")
            }
        }
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            // 16 KiB pages for a new file (SQLite ignores this for an existing one, and GRDB
            // turns WAL on only after): account rows are wide text, and an académie import
            // runs about 10 % faster than with the default 4 KiB.
            try db.execute(sql: "PRAGMA page_size = 16384")
            // WAL makes NORMAL durable across application crashes; only a power cut
            // may lose the last transactions, never corrupt the file.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Schema.migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }
}
