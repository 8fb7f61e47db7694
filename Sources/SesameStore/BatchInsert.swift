import GRDB

/// Rows of integers inserted many per statement: for the import's link tables, whose
/// rows are small enough that running one statement per row was most of their cost.
struct BatchInsert {
    private let columnCount: Int
    private var full: BulkStatement
    private var single: BulkStatement
    private var pending: [Int64] = []
    private let rowsPerStatement = 128

    init(_ db: Database, table: String, columns: [String]) throws {
        columnCount = columns.count
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        let prefix = "INSERT OR IGNORE INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        full = try BulkStatement(db, sql: prefix + Array(repeating: row, count: rowsPerStatement).joined(separator: ", "))
        single = try BulkStatement(db, sql: prefix + row)
    }

    mutating func add(_ values: [Int64]) throws {
        pending.append(contentsOf: values)
        guard pending.count == rowsPerStatement * columnCount else { return }
        for value in pending { full.bind(value) }
        try full.execute()
        pending.removeAll(keepingCapacity: true)
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
