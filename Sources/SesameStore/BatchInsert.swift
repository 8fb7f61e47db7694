import GRDB

/// Rows inserted many per statement: for tables that take a row per account, where
/// running one statement per row was most of the cost.
struct BatchInsert {
    private let db: Database
    private let columnCount: Int
    private let rowsPerStatement: Int
    private let prefix: String
    private let row: String
    /// Compiled when a first batch fills up: a few rows (one event) never pay for it.
    private var full: BulkStatement?
    private var single: BulkStatement
    private var pending: [BulkValue] = []

    /// `orIgnore`: a row that breaks a constraint (a link already there) is skipped; otherwise
    /// it fails the statement, and the transaction every caller writes in is rolled back. Not
    /// SQLite's default ABORT: to undo a statement's own rows, SQLite keeps a statement journal
    /// of every page a statement of many rows touches, and wrote it to a temporary file.
    init(_ db: Database, table: String, columns: [String], orIgnore: Bool = true) throws {
        self.db = db
        columnCount = columns.count
        // SQLite allows 32,766 bound values per statement.
        rowsPerStatement = min(128, 32_766 / columns.count)
        row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        prefix = "INSERT OR \(orIgnore ? "IGNORE" : "FAIL") INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        single = try BulkStatement(db, sql: prefix + row, cached: true)
    }

    /// The rows added and not yet in the table.
    var pendingRows: Int { pending.count / columnCount }

    mutating func add(_ values: [BulkValue]) throws {
        pending.append(contentsOf: values)
        guard pending.count == rowsPerStatement * columnCount else { return }
        if full == nil {
            full = try BulkStatement(db, sql: prefix + Array(repeating: row, count: rowsPerStatement).joined(separator: ", "), cached: true)
        }
        for value in pending { full!.bind(value) }
        try full!.execute()
        pending.removeAll(keepingCapacity: true)
    }

    mutating func add(_ values: [Int64]) throws {
        try add(values.map(BulkValue.int))
    }

    /// Writes what is still pending: before anything reads the table.
    mutating func flush() throws {
        for start in stride(from: 0, to: pending.count, by: columnCount) {
            for value in pending[start..<start + columnCount] { single.bind(value) }
            try single.execute()
        }
        pending.removeAll(keepingCapacity: true)
    }
}
