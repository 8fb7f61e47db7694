import Foundation
import GRDB
import SesameTestSupport
import Testing
@testable import SesameStore

/// Rows inserted many per statement: a row that breaks a constraint either fails the whole
/// transaction (OR FAIL, not SQLite's statement-undoing ABORT) or is skipped (OR IGNORE).
@Suite struct BatchInsertTests {
    private func queue() throws -> DatabaseQueue {
        let queue = try DatabaseQueue(path: try TestFolders.make("batch-insert").appendingPathComponent("t.db").path)
        try queue.write { try $0.execute(sql: "CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT NOT NULL)") }
        return queue
    }

    private func count(_ queue: DatabaseQueue) throws -> Int {
        try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM t") ?? -1 }
    }

    /// 300 rows: two full statements of 128 rows, then 44 single ones; the bad one comes after
    /// rows already written.
    private func rows(breakingAt bad: Int, duplicate: Bool) -> [[BulkValue]] {
        (0..<300).map { i in
            if i == bad { return duplicate ? [.int(Int64(0)), .text("double")] : [.int(Int64(i)), .null] }
            return [.int(Int64(i)), .text("ligne \(i)")]
        }
    }

    /// Row 200 is in the second full statement; row 290 among the single rows at the end.
    @Test(arguments: [200, 290])
    func aRowBreakingAConstraintFailsAndNothingOfTheTransactionIsKept(bad: Int) throws {
        let queue = try queue()
        #expect(throws: DatabaseError.self) {
            try queue.write { db in
                var insert = try BatchInsert(db, table: "t", columns: ["a", "b"], orIgnore: false)
                for row in rows(breakingAt: bad, duplicate: false) { try insert.add(row) }
                try insert.flush()
            }
        }
        #expect(try count(queue) == 0)
    }

    @Test func orIgnoreSkipsOnlyTheRowThatConflicts() throws {
        let queue = try queue()
        try queue.write { db in
            var insert = try BatchInsert(db, table: "t", columns: ["a", "b"])
            for row in rows(breakingAt: 200, duplicate: true) { try insert.add(row) }
            try insert.flush()
        }
        #expect(try count(queue) == 299)
        #expect(try queue.read { try String.fetchOne($0, sql: "SELECT b FROM t WHERE a = 0") } == "ligne 0")
    }
}
