import GRDB

/// The journal a store's first import writes through.
///
/// Through the WAL, every page is written twice: into the WAL, then into the file by the
/// checkpoint at commit (0.4 s of the académie's import on one core, alone at the end).
/// Into an empty store, a rollback journal has next to nothing to save (the pages added
/// past the file's end need no copy), and each page is written once: the académie's
/// import is 6 % faster. The store is in WAL mode again once the transaction has ended,
/// committed or not.
///
/// SQLite leaves WAL only for a connection alone on the file: with a reader open (the web
/// server's, another command's), the import goes through the WAL as any other.
enum FirstLoadJournal {
    /// `firstLoad` false: through the WAL whatever the store holds (a dry run, rolled back).
    static func run<T>(_ db: Database, firstLoad: Bool, _ body: () throws -> T) throws -> T {
        guard firstLoad, try isFirstLoad(db), (try? String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")) == "delete" else {
            return try body()
        }
        // In a rollback journal, NORMAL may corrupt the file on a power cut; FULL never does,
        // which is what WAL with NORMAL promises (Store).
        try db.execute(sql: "PRAGMA synchronous = FULL")
        defer { backToWAL(db) }
        return try body()
    }

    private static func isFirstLoad(_ db: Database) throws -> Bool {
        try !Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM account)")!
    }

    /// WAL again, with a frame written into it: the state GRDB leaves a store in when it
    /// opens it, and relies on for the pool's readers, which open read-only.
    private static func backToWAL(_ db: Database) {
        _ = try? String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
        try? db.execute(sql: "PRAGMA synchronous = NORMAL")
        try? db.inTransaction {
            try db.execute(sql: "CREATE TABLE sesame_wal_start (id INTEGER PRIMARY KEY); DROP TABLE sesame_wal_start")
            return .commit
        }
    }
}
