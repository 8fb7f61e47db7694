import GRDB

/// A transaction that writes up to a million rows (a plan, a follow-up, an import): a page
/// cache of 32 MiB holds the indexes of a million accounts, which do not fit in SQLite's
/// default 2 MiB. Not more: the pages a transaction changes wait in the cache and are all
/// written at its commit, when the threads reading ahead have nothing left to do (against
/// 128 MiB, the follow-up's escalation took 5 % less time, the import and the plan the same,
/// the import of ONDE's families 7 % less in one run). Foreign keys are checked, as on every
/// write, unless the writer only references rows it has itself read or written in the
/// transaction.
enum LargeTransaction {
    /// `commit` false: everything is rolled back once `body` has returned (a dry run).
    /// `checkingForeignKeys` false: see `ImportTransaction`, and the follow-up.
    static func run<T>(_ db: Database, commit: Bool = true, checkingForeignKeys: Bool = true, _ body: () throws -> T) throws -> T {
        // PRAGMA foreign_keys cannot change inside a transaction: set around it.
        if !checkingForeignKeys { try db.execute(sql: "PRAGMA foreign_keys = OFF") }
        defer { if !checkingForeignKeys { try? db.execute(sql: "PRAGMA foreign_keys = ON") } }
        try db.execute(sql: "PRAGMA cache_size = -32768")
        defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
        var result: T?
        try db.inTransaction(.immediate) {
            result = try body()
            return commit ? .commit : .rollback
        }
        return result!
    }
}

/// The transaction an import runs in: a large one with foreign keys not checked. The importer
/// references only schools, classes, imports and accounts it has just read or created in the
/// same transaction, and checking them doubled the cost of every row. They stay declared, and
/// enforced on every write but the import's and the follow-up's escalations. A store's first
/// import writes through a rollback journal (`FirstLoadJournal`).
enum ImportTransaction {
    static func run<T>(_ db: Database, commit: Bool = true, _ body: () throws -> T) throws -> T {
        try FirstLoadJournal.run(db, firstLoad: commit) {
            try LargeTransaction.run(db, commit: commit, checkingForeignKeys: false, body)
        }
    }
}
