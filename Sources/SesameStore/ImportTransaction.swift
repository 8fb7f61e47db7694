import GRDB

/// The transaction an import runs in, tuned for writing a million rows.
///
/// Foreign keys are not checked while it runs: the importer only references schools,
/// classes, imports and accounts it has just read or created in the same transaction,
/// and checking them doubled the cost of every row. They stay declared, and enforced on
/// every other write. A larger page cache holds the indexes of a million accounts,
/// which do not fit in SQLite's default 2,000 pages.
enum ImportTransaction {
    static func run<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        try db.execute(sql: "PRAGMA foreign_keys = OFF; PRAGMA cache_size = -131072")
        defer { try? db.execute(sql: "PRAGMA foreign_keys = ON; PRAGMA cache_size = -2000") }
        var result: T?
        try db.inTransaction(.immediate) {
            result = try body()
            return .commit
        }
        return result!
    }
}
