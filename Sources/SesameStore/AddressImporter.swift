import Foundation
import GRDB
import SesameCore

/// Applies a family address file to the parents already in the store.
enum AddressImporter {
    /// Matches the rows to parent accounts and stores their address and collected
    /// contacts; a row that matches no one, or several people, changes nothing.
    /// Returns the problems, and the accounts that have an email address now.
    static func apply(
        _ input: AddressInput, db: Database, now: Date, into result: inout ImportSummary.Addresses
    ) throws -> (problems: [ImportProblem], withEmail: Set<Int64>) {
        try db.execute(
            sql: "INSERT INTO import (kind, file_name, sha256, encoding, imported_at) VALUES ('addresses', ?, ?, ?, ?)",
            arguments: [input.fileName, input.sha256, input.encoding, now.timeIntervalSince1970])
        let importID = db.lastInsertedRowID
        let (assignments, problems) = AddressMatcher.match(
            input.records, parents: try parentsWithChildren(db), file: input.fileName)
        let update = try db.makeStatement(sql: """
            UPDATE account SET
                street = COALESCE(?, street), postcode = COALESCE(?, postcode), city = COALESCE(?, city),
                collected_email = COALESCE(?, collected_email), collected_phone = COALESCE(?, collected_phone)
            WHERE id = ?
            """)
        var withEmail: Set<Int64> = []
        for assignment in assignments {
            let a = assignment.address
            if assignment.email != nil { withEmail.formUnion(assignment.accounts) }
            for id in assignment.accounts {
                try update.execute(arguments: [a?.street, a?.postcode, a?.city, assignment.email?.value, assignment.phone, id])
            }
        }
        result.rows = input.records.count
        result.matchedParents = assignments.count
        result.withAddress = assignments.count { $0.address != nil }
        result.withEmail = assignments.count { $0.email != nil }
        result.unmatched = problems.count { $0.kind == .unmatchedAddress }
        result.ambiguous = problems.count { $0.kind == .ambiguousAddress }
        try db.execute(
            sql: "UPDATE import SET summary = ? WHERE id = ?", arguments: [try SummaryJSON.encode(result), importID])
        return ((input.problems + problems).sorted { ($0.line ?? 0) < ($1.line ?? 0) }, withEmail)
    }

    private static func parentsWithChildren(_ db: Database) throws -> [ParentWithChildren] {
        // Parent and child columns are read by their table's name: p_id, c_login…
        func member(_ row: Row, _ table: String) throws -> FamilyMember {
            FamilyMember(
                id: row["\(table)_id"], school: String(row["\(table)_school_id"] as Int64), entKey: row["\(table)_ent_key"],
                profile: try Profile.stored(row["\(table)_profile"], column: "account.profile"), firstName: row["\(table)_first_name"],
                lastName: row["\(table)_last_name"], login: row["\(table)_login"], classes: ListColumn.split(row["\(table)_classes"]),
                namedRelatives: [], line: 0)
        }
        func fields(_ table: String) -> String {
            (["id", "school_id", "ent_key", "profile", "first_name", "last_name", "classes"].map { "\(table).\($0) AS \(table)_\($0)" }
                + ["\(SQLFragment.printedLogin(table)) AS \(table)_login"]).joined(separator: ", ")
        }
        // Cursors, not arrays of rows: an académie has 600,000 parents.
        var parents: [Int64: ParentWithChildren] = [:]
        let parentRows = try Row.fetchCursor(db, sql: """
            SELECT \(fields("p")) FROM account p WHERE p.profile = 'parent' AND p.removed_import_id IS NULL ORDER BY p.id
            """)
        while let row = try parentRows.next() {
            let parent = try member(row, "p")
            parents[parent.id] = ParentWithChildren(parent: parent, children: [])
        }
        // A child is read once and shared by its parents' lists (its strings are not copied).
        var children: [Int64: FamilyMember] = [:]
        let childRows = try Row.fetchCursor(db, sql: """
            SELECT \(fields("c")) FROM account c
            WHERE c.id IN (SELECT child_id FROM parent_child) AND c.removed_import_id IS NULL
            """)
        while let row = try childRows.next() {
            let child = try member(row, "c")
            children[child.id] = child
        }
        let links = try Row.fetchCursor(db, sql: "SELECT parent_id, child_id FROM parent_child ORDER BY parent_id, child_id")
        while let row = try links.next() {
            guard let child = children[row["child_id"]] else { continue }
            parents[row["parent_id"]]?.children.append(child)
        }
        return parents.keys.sorted().compactMap { parents[$0] }
    }
}
