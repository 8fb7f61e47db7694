import Foundation
import GRDB
import SesameCore

extension Store {
    /// Imports an export, an address file and ONDE's pupils extraction (any of them) in one
    /// transaction, in that order: if anything fails, the store is left exactly as it was.
    /// A file imported before (same SHA-256) is not read again, but for a family or pupils
    /// file imported before the latest export: its rows are matched again, to the accounts
    /// that export brought. `dryRun`: the report of what the import would do, everything
    /// rolled back.
    public func importFiles(
        export: ExportInput?, addresses: AddressInput?, pupils: PupilInput? = nil, dryRun: Bool = false, now: Date = Date()
    ) throws -> ImportSummary {
        try pool.writeWithoutTransaction { db in
            try ImportTransaction.run(db, commit: !dryRun) {
                var summary = ImportSummary()
                var accounts: (importID: Int64, seen: [Int64: Int], withEmail: Set<Int64>)?
                if let export {
                    summary.file = export.fileName
                    summary.encoding = export.encoding
                    summary.sha256 = export.sha256
                    if let earlier = try Self.previousImport(db, kind: "accounts", sha256: export.sha256) {
                        summary.alreadyImportedAt = earlier
                    } else {
                        var importer = try AccountImporter(db: db, input: export, now: now)
                        defer { importer.waitForSettling() }
                        try export.read { try importer.consume($0) }
                        try importer.finish()
                        summary = importer.summary
                        summary.deliveries = try ImportFollowThrough(db: db, file: export.fileName, now: now).apply(
                            activated: importer.activatedIDs, codeChanged: importer.codeChangedIDs, removed: importer.removedIDs)
                        accounts = (importer.importID, importer.seenLines, importer.withEmail)
                    }
                }
                if let addresses {
                    var result = ImportSummary.Addresses(
                        file: addresses.fileName, encoding: addresses.encoding, sha256: addresses.sha256)
                    if let earlier = try Self.previousImport(db, kind: "addresses", sha256: addresses.sha256) {
                        result.alreadyImportedAt = earlier
                    } else {
                        let (problems, reachable) = try AddressImporter.apply(addresses, db: db, now: now, into: &result)
                        summary.problems += problems
                        if let seen = accounts?.seen {
                            summary.withEmail = accounts!.withEmail.union(reachable.filter { seen[$0] != nil }).count
                        }
                    }
                    summary.addresses = result
                }
                if let pupils {
                    var result = ImportSummary.Pupils(file: pupils.fileName, encoding: pupils.encoding, sha256: pupils.sha256)
                    if let earlier = try Self.previousImport(db, kind: "pupils", sha256: pupils.sha256) {
                        result.alreadyImportedAt = earlier
                    } else {
                        summary.problems += try PupilImporter.apply(pupils, db: db, now: now, into: &result)
                    }
                    summary.pupils = result
                }
                if let accounts {
                    // The history keeps the counts and the first problems: an académie's family
                    // file reports 400,000 (homonyms), and encoding them all took 60 MiB more for
                    // a row nobody reads whole. The import's own report gives every one.
                    var kept = summary
                    kept.problems = Array(summary.problems.prefix(Self.problemsKept))
                    try db.execute(
                        sql: "UPDATE import SET summary = ? WHERE id = ?",
                        arguments: [try SummaryJSON.encode(kept), accounts.importID])
                }
                return summary
            }
        }
    }

    /// The problems an import's summary keeps in the store.
    static let problemsKept = 1_000

    /// When the file was imported, if it was and that import still holds: an export's for
    /// good, a family or pupils file's until the next export (imports are numbered in order).
    static func previousImport(_ db: Database, kind: String, sha256: String) throws -> Date? {
        try Double.fetchOne(
            db, sql: """
                SELECT imported_at FROM import WHERE kind = ? AND sha256 = ?
                    AND (kind = 'accounts' OR id > (SELECT coalesce(max(id), 0) FROM import WHERE kind = 'accounts'))
                ORDER BY id LIMIT 1
                """,
            arguments: [kind, sha256]
        ).map(Date.init(timeIntervalSince1970:))
    }
}
