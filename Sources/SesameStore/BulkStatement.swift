import Foundation
import GRDB
import GRDBSQLite

/// A prepared statement bound and stepped through the SQLite C API.
///
/// For the import's per-row statements only: binding each value directly avoids boxing
/// it into GRDB's `StatementArguments`, which was most of the time of a million-row
/// import. GRDB still prepares and owns the statement.
struct BulkStatement {
    private let statement: Statement
    private let handle: OpaquePointer
    private let db: Database
    private var index: Int32 = 0
    /// Text bound since the statement last ran, which SQLite reads in place (`SQLITE_STATIC`)
    /// rather than copying each value into a buffer of its own: those copies, and freeing
    /// them, were 6 % of an import's writing thread. Nil for a cached statement, which
    /// outlives this value.
    private let boundText: TextArena?

    /// `cached`: reuse the connection's compiled statement (for statements run by many small transactions).
    init(_ db: Database, sql: String, cached: Bool = false) throws {
        self.db = db
        statement = cached ? try db.cachedStatement(sql: sql) : try db.makeStatement(sql: sql)
        handle = statement.sqliteStatement
        boundText = cached ? nil : TextArena()
    }

    /// A query whose arguments are bound once, by GRDB, before it is read row by row.
    init(_ db: Database, sql: String, arguments: StatementArguments, cached: Bool = false) throws {
        try self.init(db, sql: sql, cached: cached)
        try statement.setArguments(arguments)
    }

    mutating func bind(_ value: String?) {
        index += 1
        guard let value else { sqlite3_bind_null(handle, index); return }
        // An empty buffer may have no address, which SQLite would take for NULL.
        guard !value.isEmpty else { sqlite3_bind_text(handle, index, "", 0, sqliteTransient); return }
        value.withUTF8Bytes { bind(utf8: $0) }
    }

    private func bind(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        if let kept = boundText?.keep(bytes) {
            sqlite3_bind_text(handle, index, kept, Int32(bytes.count), nil)
        } else {
            bytes.withMemoryRebound(to: CChar.self) { chars in
                _ = sqlite3_bind_text(handle, index, chars.baseAddress, Int32(chars.count), sqliteTransient)
            }
        }
    }

    mutating func bind(_ value: Int64?) {
        index += 1
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    mutating func bind(_ value: Int) { bind(Int64(value)) }

    mutating func bind(_ value: Bool) { bind(Int64(value ? 1 : 0)) }

    mutating func bind(_ value: Double?) {
        index += 1
        if let value { sqlite3_bind_double(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    /// Runs a statement that returns no row, and makes it ready to bind again.
    mutating func execute() throws {
        defer { reset() }
        let code = step()
        guard code == SQLITE_DONE else { throw error(code) }
    }

    /// Runs a query and reads its first row, if any, with `read`.
    mutating func first<T>(_ read: (RowReader) throws -> T) throws -> T? {
        defer { reset() }
        let code = step()
        switch code {
        case SQLITE_ROW: return try read(RowReader(handle: handle))
        case SQLITE_DONE: return nil
        default: throw error(code)
        }
    }

    /// Runs a query and reads every row with `read`.
    mutating func forEach(_ read: (RowReader) throws -> Void) throws {
        defer { reset() }
        while true {
            let code = step()
            switch code {
            case SQLITE_ROW: try read(RowReader(handle: handle))
            case SQLITE_DONE: return
            default: throw error(code)
            }
        }
    }

    private func step() -> Int32 {
        // Text kept from an earlier run is written over by this one's values: a parameter
        // left unbound would read someone else's.
        precondition(boundText?.used ?? 0 == 0 || index == sqlite3_bind_parameter_count(handle), "every parameter bound")
        return sqlite3_step(handle)
    }

    private mutating func reset() {
        sqlite3_reset(handle)
        index = 0
        boundText?.used = 0
    }

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
    }
}

/// The columns of the current row of a `BulkStatement`.
struct RowReader {
    let handle: OpaquePointer
    /// Where column 0 is in the row: a query may select another's columns after its own.
    private var first: Int32 = 0

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    /// The same row, read from `column` on: its column 0 is this reader's `column`.
    func starting(at column: Int32) -> RowReader {
        var reader = self
        reader.first += column
        return reader
    }

    func string(_ column: Int32) -> String? {
        guard let text = sqlite3_column_text(handle, first + column) else { return nil }
        return String(cString: text)
    }

    /// Whether a text column holds exactly `text`, compared as bytes, without making a string.
    func equals(_ column: Int32, _ text: String) -> Bool {
        let column = first + column
        guard let bytes = sqlite3_column_text(handle, column) else { return false }
        let count = Int(sqlite3_column_bytes(handle, column))
        return text.withUTF8Bytes { mine in
            guard mine.count == count else { return false }
            return count == 0 || memcmp(mine.baseAddress!, bytes, count) == 0
        }
    }

    func bool(_ column: Int32) -> Bool {
        sqlite3_column_int64(handle, first + column) != 0
    }

    func int64(_ column: Int32) -> Int64? {
        let column = first + column
        return sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, column)
    }

    func double(_ column: Int32) -> Double? {
        let column = first + column
        return sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_double(handle, column)
    }
}

/// Bytes kept for a statement's text parameters until it runs.
private final class TextArena {
    private static let capacity = 1 << 16
    private let base = UnsafeMutablePointer<CChar>.allocate(capacity: capacity)
    var used = 0

    deinit { base.deallocate() }

    /// A copy of `bytes` that stays put until the statement runs, or nil when full (the
    /// caller then lets SQLite copy them).
    func keep(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafePointer<CChar>? {
        guard used + bytes.count <= Self.capacity else { return nil }
        let start = base + used
        bytes.withMemoryRebound(to: CChar.self) { start.update(from: $0.baseAddress!, count: $0.count) }
        used += bytes.count
        return UnsafePointer(start)
    }
}

/// SQLite's "copy the value now" destructor, a macro Swift cannot import.
private let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// The columns of one query, in SELECT order: the SELECT list is generated from the cases
/// and rows are read by case, so that the two cannot drift apart and no reader counts
/// columns. The raw value is the column's index.
protocol SelectedColumn: RawRepresentable, CaseIterable where RawValue == Int32 {
    /// The SQL expression the column selects.
    var expression: String { get }
}

extension SelectedColumn {
    static var selectList: String { allCases.map(\.expression).joined(separator: ", ") }
}

extension RowReader {
    func string<C: SelectedColumn>(_ column: C) -> String? { string(column.rawValue) }
    func equals<C: SelectedColumn>(_ column: C, _ text: String) -> Bool { equals(column.rawValue, text) }
    func bool<C: SelectedColumn>(_ column: C) -> Bool { bool(column.rawValue) }
    func int64<C: SelectedColumn>(_ column: C) -> Int64? { int64(column.rawValue) }
    func double<C: SelectedColumn>(_ column: C) -> Double? { double(column.rawValue) }
}
