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
        var matcher = AddressMatcher(families: try linkedFamilies(db), file: input.fileName)
        let readingProblems = try input.read { matcher.add($0) }
        let (assignments, problems) = matcher.result
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
        result.rows = matcher.rows
        result.matchedParents = assignments.count
        result.withAddress = assignments.count { $0.address != nil }
        result.withEmail = assignments.count { $0.email != nil }
        result.unmatched = problems.count { $0.kind == .unmatchedAddress }
        result.ambiguous = problems.count { $0.kind == .ambiguousAddress }
        try db.execute(
            sql: "UPDATE import SET summary = ? WHERE id = ?", arguments: [try SummaryJSON.encode(result), importID])
        return ((readingProblems + problems).sorted { ($0.line ?? 0) < ($1.line ?? 0) }, withEmail)
    }

    private static func linkedFamilies(_ db: Database) throws -> LinkedFamilies {
        // Only what matching reads: names, a child's classes, a parent's ENT key (one person's
        // accounts share it). Logins, a parent's classes and a child's key are left empty:
        // an académie's 1,350,000 members would hold 100 MiB of them for nothing.
        func select(_ table: String, _ columns: [String]) -> String {
            (["id", "school_id", "profile", "first_name", "last_name"] + columns).map { "\(table).\($0)" }.joined(separator: ", ")
        }
        func member(_ row: Row, entKey: String = "", classes: [String] = []) throws -> FamilyMember {
            FamilyMember(
                id: row[0], school: String(row[1] as Int64), entKey: entKey, profile: try Profile.stored(row[2], column: "account.profile"),
                firstName: row[3], lastName: row[4], login: "", classes: classes, namedRelatives: [], line: 0)
        }
        // Cursors and arrays in id order at their exact size, not dictionaries: an académie
        // has 600,000 parents and 750,000 children.
        var families = LinkedFamilies(parents: [], children: [], links: [])
        families.children.reserveCapacity(try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT child_id) FROM parent_child") ?? 0)
        let childRows = try Row.fetchCursor(db, sql: """
            SELECT \(select("c", ["classes"])) FROM account c
            WHERE c.id IN (SELECT child_id FROM parent_child) AND c.removed_import_id IS NULL ORDER BY c.id
            """)
        while let row = try childRows.next() { families.children.append(try member(row, classes: ListColumn.split(row[5]))) }
        families.parents.reserveCapacity(
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account WHERE profile = 'parent' AND removed_import_id IS NULL") ?? 0)
        let parentRows = try Row.fetchCursor(db, sql: """
            SELECT \(select("p", ["ent_key"])) FROM account p WHERE p.profile = 'parent' AND p.removed_import_id IS NULL ORDER BY p.id
            """)
        while let row = try parentRows.next() { families.parents.append(try member(row, entKey: row[5])) }
        // Links in parent order, walked beside the parents; a child found by bisection.
        families.links.reserveCapacity(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM parent_child") ?? 0)
        var parent = 0
        let links = try Row.fetchCursor(db, sql: "SELECT parent_id, child_id FROM parent_child ORDER BY parent_id, child_id")
        while let row = try links.next() {
            let parentID: Int64 = row[0], childID: Int64 = row[1]
            while parent < families.parents.count, families.parents[parent].id < parentID { parent += 1 }
            guard parent < families.parents.count, families.parents[parent].id == parentID,
                  let child = families.children.position(of: childID) else { continue }
            families.links.append((Int32(parent), Int32(child)))
        }
        return families
    }
}

private extension [FamilyMember] {
    /// The position of the member with this id, in an array sorted by id.
    func position(of id: Int64) -> Int? {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle].id < id { low = middle + 1 } else { high = middle }
        }
        return low < count && self[low].id == id ? low : nil
    }
}
