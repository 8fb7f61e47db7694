import Foundation
import GRDB
import Synchronization
import SesameCore

/// The SQLite file that holds a school's accounts, plans, deliveries and their history.
///
/// It holds activation codes, so it is created readable by its owner only (0600), and
/// SQLite gives its WAL and shared-memory files the same permissions.
public final class Store: Sendable {
    public let path: String
    let pool: DatabasePool

    /// How long a command waits for another one that is writing to the same store (an
    /// import of an académie writes for about a minute) before it gives up, in French.
    public static let busyWait: TimeInterval = 300

    /// Opens the store at `path`, creating it unless `creating` is false (then a missing file
    /// is `StoreError.noStore`, and nothing is written). `waiting` is called once, the first
    /// time this store has to wait for another process writing to it, so that the user knows
    /// why nothing happens.
    public init(path: String, creating: Bool = true, waiting: @escaping @Sendable () -> Void = {}) throws {
        self.path = path
        let manager = FileManager.default
        if !manager.fileExists(atPath: path) {
            guard creating else { throw StoreError.noStore(path: path) }
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty, !manager.fileExists(atPath: directory) {
                throw StoreError.cannotOpen(path: path, reason: "le dossier \(directory) n’existe pas")
            }
            guard manager.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw StoreError.cannotOpen(path: path, reason: "création du fichier refusée")
            }
        }
        var configuration = Configuration()
        let backoff = Self.backoff(onFirstWait: waiting)
        configuration.busyMode = .callback(backoff)
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
            pool = try Self.open(path, configuration, backoff)
            // An older Sésame would write a newer store without knowing its rules. Asked on
            // the writer, as the migrations are: a reader left open would keep a first import
            // from writing the file directly (`FirstLoadJournal`).
            if try pool.writeWithoutTransaction(Schema.migrator.hasBeenSuperseded) { throw StoreError.newerStore(path: path) }
            try Schema.migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.userMessage)
        }
    }

    /// Opens the pool, waiting as for any write while another command holds the file in a
    /// rollback journal (a first import, `FirstLoadJournal`): putting it back in WAL mode
    /// fails at once, without SQLite's busy handler.
    private static func open(_ path: String, _ configuration: Configuration, _ backoff: Database.BusyCallback) throws -> DatabasePool {
        var tries = 0
        while true {
            do {
                return try DatabasePool(path: path, configuration: configuration)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && backoff(tries) {
                tries += 1
            }
        }
    }

    /// SQLite's busy handler: sleeps 5 ms, doubling up to 200 ms, until `busyWait` has
    /// passed, then lets SQLite report the store as busy.
    private static func backoff(onFirstWait: @escaping @Sendable () -> Void) -> Database.BusyCallback {
        let told = Mutex(false)
        return { tries in
            if tries == 0, !told.withLock({ was in defer { was = true }; return was }) { onFirstWait() }
            let delay = min(0.2, 0.005 * pow(2, Double(min(tries, 10))))
            // 5 ms doubling reaches the 200 ms steps after 6 tries and 0.32 s.
            let waited = tries < 6 ? 0.005 * (pow(2, Double(tries)) - 1) : 0.315 + Double(tries - 6) * 0.2
            guard waited < busyWait else { return false }
            Thread.sleep(forTimeInterval: delay)
            return true
        }
    }

    /// The store's random name, drawn when it was created (migration v5-identity).
    public func identity() throws -> String {
        try pool.read { db in
            guard let token = try String.fetchOne(db, sql: "SELECT token FROM store_identity") else {
                throw StoreError.cannotOpen(path: path, reason: "la base n’a pas d’identité (table store_identity vide)")
            }
            return token
        }
    }
}
