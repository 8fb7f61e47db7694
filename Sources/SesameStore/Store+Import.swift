import Foundation
import GRDB
import SesameCore

extension Store {
    /// Imports an export and/or an address file in one transaction: if anything fails,
    /// the store is left exactly as it was. A file imported before (same SHA-256) is
    /// not read again.
    public func importFiles(export: ExportInput?, addresses: AddressInput?, now: Date = Date()) throws -> ImportSummary {
        try pool.write { db in
            var summary = ImportSummary()
            var counted: (importID: Int64, schools: Set<Int64>, seen: Set<Int64>?)?
            if let export {
                summary.file = export.fileName
                summary.encoding = export.encoding
                summary.sha256 = export.sha256
                if let earlier = try Self.previousImport(db, kind: "accounts", sha256: export.sha256) {
                    summary.alreadyImportedAt = earlier
                } else {
                    var importer = try AccountImporter(db: db, input: export, now: now)
                    try export.read { try importer.consume($0) }
                    try importer.finish()
                    summary = importer.summary
                    counted = (importer.importID, importer.covered, export.isFullExport ? nil : importer.seenIDs)
                }
            }
            if let addresses {
                var result = ImportSummary.Addresses(
                    file: addresses.fileName, encoding: addresses.encoding, sha256: addresses.sha256)
                if let earlier = try Self.previousImport(db, kind: "addresses", sha256: addresses.sha256) {
                    result.alreadyImportedAt = earlier
                } else {
                    summary.problems += try AddressImporter.apply(addresses, db: db, now: now, into: &result)
                }
                summary.addresses = result
            }
            if let counted {
                try Self.count(db, schools: counted.schools, seen: counted.seen, into: &summary)
                try db.execute(
                    sql: "UPDATE import SET summary = ? WHERE id = ?",
                    arguments: [try SummaryJSON.encode(summary), counted.importID])
            }
            return summary
        }
    }

    static func previousImport(_ db: Database, kind: String, sha256: String) throws -> Date? {
        try Double.fetchOne(
            db, sql: "SELECT imported_at FROM import WHERE kind = ? AND sha256 = ? ORDER BY id LIMIT 1",
            arguments: [kind, sha256]
        ).map(Date.init(timeIntervalSince1970:))
    }

    /// The figures of the summary, from what is now stored for the file's accounts.
    private static func count(_ db: Database, schools: Set<Int64>, seen: Set<Int64>?, into summary: inout ImportSummary) throws {
        guard !schools.isEmpty else { return }
        var scope = "a.school_id IN (\(schools.map(String.init).joined(separator: ","))) AND a.removed_import_id IS NULL"
        if let seen {
            try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS seen_account (id INTEGER PRIMARY KEY)")
            try db.execute(sql: "DELETE FROM seen_account")
            let insert = try db.makeStatement(sql: "INSERT INTO seen_account (id) VALUES (?)")
            for id in seen { try insert.execute(arguments: [id]) }
            scope += " AND a.id IN (SELECT id FROM seen_account)"
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT profile, COUNT(*), SUM(activation_code IS NULL), SUM(is_local_admin)
            FROM account a WHERE \(scope) GROUP BY profile
            """) {
            let count: Int = row[1]
            summary.byProfile[row[0]] = count
            summary.accounts += count
            summary.activated += row[2] as Int
            summary.localAdmins += row[3] as Int
        }
        summary.pending = summary.accounts - summary.activated
        summary.withEmail = try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM account a WHERE \(scope) AND COALESCE(ent_email, collected_email) IS NOT NULL
            """) ?? 0
        summary.classes = try Int.fetchOne(db, sql: """
            SELECT COUNT(DISTINCT ac.class_id) FROM account_class ac JOIN account a ON a.id = ac.account_id
            WHERE \(scope) AND a.profile = 'student'
            """) ?? 0
        if seen != nil { try db.execute(sql: "DROP TABLE seen_account") }
    }
}
