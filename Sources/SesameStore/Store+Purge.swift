import Foundation
import GRDB
import SesameCore

/// What `purge` erased.
public struct PurgeResult: Sendable, Equatable {
    /// Accounts whose code was erased.
    public var erased: [String] = []
    /// Accounts in scope whose code is still needed: a letter still to print, send or hand over.
    public var stillNeeded = 0
    /// Accounts in scope known to be activated: the ENT took their code away, so the store has none.
    public var activatedWithoutCode = 0
}

extension Store {
    /// Erases the activation codes the plans no longer need: those of accounts whose letters
    /// were all handed over, refused or closed. `activatedOnly` limits it to accounts known
    /// activated; `plan` to the accounts of a plan and its follow-ups. The code is replaced by
    /// an empty one (still not activated, code unknown), with SQLite's secure delete so the
    /// old bytes do not stay in the file, and the WAL is emptied. `school`: that school's
    /// accounts only; `dryRun`: what would be erased, nothing erased.
    public func purgeCodes(activatedOnly: Bool, plan: Int64?, school: String? = nil, dryRun: Bool = false) throws -> PurgeResult {
        let result = try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            defer { try? db.execute(sql: "PRAGMA secure_delete = OFF") }
            var result = PurgeResult()
            try db.inTransaction {
                var scope = "EXISTS (SELECT 1 FROM delivery d WHERE d.account_id = a.id)"
                if let plan {
                    let plans = try Self.chain(plan, db: db).map(String.init).joined(separator: ",")
                    scope = "a.id IN (SELECT d.account_id FROM delivery d JOIN batch b ON b.id = d.batch_id WHERE b.plan_id IN (\(plans)))"
                }
                if let school { scope += " AND a.school_id = \(try SchoolDirectory.ids(of: [school], db: db)[0])" }
                if activatedOnly { scope += " AND EXISTS (SELECT 1 FROM delivery d WHERE d.account_id = a.id AND d.state = '\(DeliveryState.activated.rawValue)')" }
                let needed = "EXISTS (SELECT 1 FROM delivery d WHERE d.account_id = a.id AND d.state IN \(SQLFragment.codeNeededStates))"
                result.erased = try String.fetchAll(db, sql: """
                    SELECT \(SQLFragment.printedLogin("a")) FROM account a
                    WHERE \(scope) AND a.activation_code <> '' AND NOT \(needed) ORDER BY a.name_sort
                    """)
                result.stillNeeded = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account a WHERE \(scope) AND a.activation_code <> '' AND \(needed)") ?? 0
                result.activatedWithoutCode = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account a WHERE \(scope) AND a.activation_code IS NULL") ?? 0
                guard !dryRun else { return .rollback }
                try db.execute(sql: "UPDATE account SET activation_code = '' WHERE id IN (SELECT a.id FROM account a WHERE \(scope) AND a.activation_code <> '' AND NOT \(needed))")
                return .commit
            }
            return result
        }
        if !dryRun { try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") } }
        return result
    }
}
