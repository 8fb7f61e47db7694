import Foundation
import GRDB
import SesameCore

/// A school as the store knows it, for listings and for choosing one.
public struct SchoolInfo: Sendable, Hashable {
    public var name: String
    public var accounts: Int
}

extension Store {
    public func schools() throws -> [SchoolInfo] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.name, COUNT(a.id) FROM school s
                LEFT JOIN account a ON a.school_id = s.id AND a.removed_import_id IS NULL
                GROUP BY s.id ORDER BY s.name
                """).map { SchoolInfo(name: $0[0], accounts: $0[1]) }
        }
    }

    /// The full name of the school a person typed ("Tilleuls"), or an error listing the schools.
    public func resolveSchool(_ typed: String) throws -> String {
        try pool.read { db in
            let id = try SchoolDirectory.ids(of: [typed], db: db)[0]
            return try String.fetchOne(db, sql: "SELECT name FROM school WHERE id = ?", arguments: [id])!
        }
    }

    /// Checks that classes exist (in these schools, or in any): an error lists the known ones.
    public func checkClasses(_ names: [String], inSchools schools: [String] = []) throws {
        guard !names.isEmpty else { return }
        try pool.read { db in
            let schoolIDs = schools.isEmpty ? nil : try SchoolDirectory.ids(of: schools, db: db)
            _ = try SchoolDirectory.classIDs(named: names, schoolIDs: schoolIDs, db: db)
        }
    }

    /// The seed's steps 1 and 2: the accounts a filter selects, in the requested order,
    /// parents with the children they are linked to.
    public func accounts(matching filter: AccountFilter, sortedBy keys: [AccountSortKey] = []) throws -> [Account] {
        try pool.read { db in
            try AccountReader.read(try AccountSelection(filter, db: db), ordering: AccountSelection.ordering(keys), db: db)
        }
    }
}

/// Reads selected accounts, and their children for parents.
enum AccountReader {
    /// `ordering` is an SQL ORDER BY, or nil when any order will do (sorting a million rows costs seconds).
    /// `cached`: the selection's SQL is the same on every call (it reads a temporary table), so
    /// its statements are compiled once.
    static func read(_ selection: AccountSelection, ordering: String?, db: Database, cached: Bool = false) throws -> [Account] {
        var accounts: [Account] = []
        var positions: [Account.ID: Int] = [:]
        var rows = try BulkStatement(db, sql: """
            SELECT a.id, a.ent_key, s.name, a.profile, a.last_name, a.first_name, \(SQLFragment.printedLogin("a")),
                   a.login, a.activation_code, a.classes, a.ent_email, a.collected_email, a.street, a.postcode,
                   a.city, COALESCE(a.phone, a.collected_phone), a.is_local_admin,
                   COALESCE(a.created_at, a.first_seen_at), a.name_sort, a.distinction, a.last_login
            FROM account a JOIN school s ON s.id = a.school_id
            WHERE \(selection.condition)
            \(ordering.map { "ORDER BY " + $0 } ?? "")
            """, arguments: selection.arguments, cached: cached)
        // Schools repeat on every row: one string per school rather than one per row.
        var school = ""
        try rows.forEach { r in
            let id = r.int64(0)!
            if !r.equals(2, school) { school = r.string(2)! }
            // Emails were validated when imported.
            let email = r.string(10).map { ContactEmail(address: EmailAddress(stored: $0), source: .ent) }
                ?? r.string(11).map { ContactEmail(address: EmailAddress(stored: $0), source: .collected) }
            positions[id] = accounts.count
            accounts.append(Account(
                id: id, entKey: r.string(1)!, school: school, profile: try Profile.stored(r.string(3), column: "account.profile"),
                lastName: r.string(4)!, firstName: r.string(5)!, login: r.string(6)!, originalLogin: r.string(7),
                activationCode: r.string(8), classes: ListColumn.split(r.string(9)!), email: email,
                postalAddress: r.string(12).map { PostalAddress(street: $0, postcode: r.string(13) ?? "", city: r.string(14) ?? "") },
                phone: r.string(15), isLocalAdmin: r.bool(16),
                createdAt: r.double(17).map(Date.init(timeIntervalSince1970:)), nameSortKey: r.string(18),
                distinction: r.string(19), lastLogin: r.double(20).map(Date.init(timeIntervalSince1970:))))
        }
        guard accounts.contains(where: { $0.profile == .parent }) else { return accounts }
        var children = try BulkStatement(db, sql: """
            SELECT pc.parent_id, c.id, \(SQLFragment.printedLogin("c")), c.first_name, c.last_name, c.classes, c.name_sort,
                   c.distinction
            FROM parent_child pc
            JOIN account a ON a.id = pc.parent_id
            JOIN account c ON c.id = pc.child_id
            WHERE \(selection.condition) AND a.profile = 'parent' AND c.removed_import_id IS NULL
            """, arguments: selection.arguments, cached: cached)
        try children.forEach { r in
            guard let position = positions[r.int64(0)!] else { return }
            accounts[position].children.append(Relative(
                id: r.int64(1)!, login: r.string(2)!, firstName: r.string(3)!, lastName: r.string(4)!,
                classes: ListColumn.split(r.string(5)!), nameSortKey: r.string(6), distinction: r.string(7)))
        }
        for i in accounts.indices where accounts[i].children.count > 1 {
            accounts[i].children.sort { $0.nameSortKey < $1.nameSortKey }
        }
        return accounts
    }
}

/// When a creation-date filter falls back on the day Sésame first saw each account, because
/// the export does not carry a creation date (the ENT console's export does not).
public struct CreationDateStandIn: Sendable, Hashable {
    /// A school whose accounts lack a creation date, and the day the store first saw any of them.
    public struct School: Sendable, Hashable {
        public var name: String
        public var knownSince: Date
    }

    public var schools: [School]
}

extension Store {
    /// Whether the filter's creation dates stand for "first seen by Sésame" for some of the
    /// accounts it looks at; nil when it has no creation date or every account has its own.
    public func creationDateStandIn(for filter: AccountFilter) throws -> CreationDateStandIn? {
        guard filter.createdBefore != nil || filter.createdSince != nil else { return nil }
        return try pool.read { db in
            let schoolIDs = filter.schools.isEmpty ? nil : try SchoolDirectory.ids(of: filter.schools, db: db)
            let rows = try Row.fetchAll(db, sql: """
                SELECT s.name, MIN(a.first_seen_at) FROM account a JOIN school s ON s.id = a.school_id
                WHERE a.created_at IS NULL AND a.removed_import_id IS NULL
                \(schoolIDs.map { "AND a.school_id IN (\($0.map(String.init).joined(separator: ",")))" } ?? "")
                GROUP BY s.id ORDER BY s.name
                """)
            guard !rows.isEmpty else { return nil }
            return CreationDateStandIn(schools: rows.map { .init(name: $0[0], knownSince: Date(timeIntervalSince1970: $0[1])) })
        }
    }
}
