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
                SELECT s.name, COUNT(a.id) AS accounts FROM school s
                LEFT JOIN account a ON a.school_id = s.id AND a.removed_import_id IS NULL
                GROUP BY s.id ORDER BY s.name
                """).map { SchoolInfo(name: $0["name"], accounts: $0["accounts"]) }
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

extension Store {
    /// The children linked to these parents (those still in the export), by parent: who
    /// carries a parent's reminder home. Reads only.
    public func children(ofParents parents: [Account.ID]) throws -> [Account.ID: [Relative]] {
        try pool.read { db in
            var found: [Account.ID: [Relative]] = [:]
            for chunk in stride(from: 0, to: parents.count, by: 500).map({ Array(parents[$0..<min(parents.count, $0 + 500)]) }) {
                for row in try Row.fetchAll(db, sql: """
                    SELECT pc.parent_id, c.id, \(SQLFragment.printedLogin("c")) AS login, c.first_name, c.last_name, c.classes,
                           c.name_sort, c.distinction
                    FROM parent_child pc JOIN account c ON c.id = pc.child_id
                    WHERE c.removed_import_id IS NULL AND pc.parent_id IN (\(chunk.map { _ in "?" }.joined(separator: ",")))
                    ORDER BY c.name_sort
                    """, arguments: StatementArguments(chunk)) {
                    found[row["parent_id"], default: []].append(Relative(
                        id: row["id"], login: row["login"], firstName: row["first_name"], lastName: row["last_name"],
                        classes: ListColumn.split(row["classes"]), nameSortKey: row["name_sort"], distinction: row["distinction"]))
                }
            }
            return found
        }
    }
}

/// Reads selected accounts, and their children for parents.
enum AccountReader {
    /// An account's columns, of `account a`, which another query may select after its own
    /// (`account(_:school:)` reads them from where they start).
    enum Column: Int32, SelectedColumn {
        case id, entKey, schoolID, profile, lastName, firstName, printedLogin, login, code, classes, entEmail, collectedEmail
        case street, postcode, city, phone, isLocalAdmin, createdAt, nameSort, distinction, lastLogin

        var expression: String {
            switch self {
            case .id: "a.id"
            case .entKey: "a.ent_key"
            case .schoolID: "a.school_id"
            case .profile: "a.profile"
            case .lastName: "a.last_name"
            case .firstName: "a.first_name"
            case .printedLogin: SQLFragment.printedLogin("a")
            case .login: "a.login"
            case .code: "a.activation_code"
            case .classes: "a.classes"
            case .entEmail: "a.ent_email"
            case .collectedEmail: "a.collected_email"
            case .street: "a.street"
            case .postcode: "a.postcode"
            case .city: "a.city"
            case .phone: "COALESCE(a.phone, a.collected_phone)"
            case .isLocalAdmin: "a.is_local_admin"
            case .createdAt: "COALESCE(a.created_at, a.first_seen_at)"
            case .nameSort: "a.name_sort"
            case .distinction: "a.distinction"
            case .lastLogin: "a.last_login"
            }
        }
    }

    private enum ChildColumn: Int32, SelectedColumn {
        case parent, id, printedLogin, firstName, lastName, classes, nameSort, distinction

        var expression: String {
            switch self {
            case .parent: "pc.parent_id"
            case .id: "c.id"
            case .printedLogin: SQLFragment.printedLogin("c")
            case .firstName: "c.first_name"
            case .lastName: "c.last_name"
            case .classes: "c.classes"
            case .nameSort: "c.name_sort"
            case .distinction: "c.distinction"
            }
        }
    }

    /// `ordering` is an SQL ORDER BY, or nil when any order will do (sorting a million rows costs seconds).
    /// `cached`: the selection's SQL is the same on every call (it reads a temporary table), so
    /// its statements are compiled once.
    static func read(_ selection: AccountSelection, ordering: String?, db: Database, cached: Bool = false) throws -> [Account] {
        var accounts: [Account] = []
        var rows = try BulkStatement(db, sql: """
            SELECT \(Column.selectList), s.name
            FROM account a JOIN school s ON s.id = a.school_id
            WHERE \(selection.condition)
            \(ordering.map { "ORDER BY " + $0 } ?? "")
            """, arguments: selection.arguments, cached: cached)
        // Schools repeat on every row: one string per school rather than one per row.
        let schoolColumn = Int32(Column.allCases.count)
        var school = ""
        try rows.forEach { r in
            if !r.equals(schoolColumn, school) { school = r.string(schoolColumn)! }
            accounts.append(try account(r, school: school))
        }
        try addChildren(to: &accounts, of: selection, db: db, cached: cached)
        return accounts
    }

    /// The account whose columns (`Column`) the row holds, from `r`'s first column on.
    static func account(_ r: RowReader, school: String) throws -> Account {
        // Emails were validated when imported.
        let email = r.string(Column.entEmail).map { ContactEmail(address: EmailAddress(stored: $0), source: .ent) }
            ?? r.string(Column.collectedEmail).map { ContactEmail(address: EmailAddress(stored: $0), source: .collected) }
        return Account(
            id: r.int64(Column.id)!, entKey: r.string(Column.entKey)!, school: school,
            profile: try Profile.stored(r.string(Column.profile), column: "account.profile"),
            lastName: r.string(Column.lastName)!, firstName: r.string(Column.firstName)!, login: r.string(Column.printedLogin)!,
            originalLogin: r.string(Column.login), activationCode: r.string(Column.code),
            classes: ListColumn.split(r.string(Column.classes)!), email: email,
            postalAddress: r.string(Column.street).map {
                PostalAddress(street: $0, postcode: r.string(Column.postcode) ?? "", city: r.string(Column.city) ?? "")
            },
            phone: r.string(Column.phone), isLocalAdmin: r.bool(Column.isLocalAdmin),
            createdAt: r.double(Column.createdAt).map(Date.init(timeIntervalSince1970:)), nameSortKey: r.string(Column.nameSort),
            distinction: r.string(Column.distinction), lastLogin: r.double(Column.lastLogin).map(Date.init(timeIntervalSince1970:)))
    }

    /// Gives the parents among `accounts`, all of `selection`, their children (as the store
    /// links them, in name order).
    static func addChildren(to accounts: inout [Account], of selection: AccountSelection, db: Database, cached: Bool) throws {
        guard accounts.contains(where: { $0.profile == .parent }) else { return }
        var positions: [Account.ID: Int] = [:]
        for position in accounts.indices where accounts[position].profile == .parent { positions[accounts[position].id] = position }
        var children = try BulkStatement(db, sql: """
            SELECT \(ChildColumn.selectList)
            FROM parent_child pc
            JOIN account a ON a.id = pc.parent_id
            JOIN account c ON c.id = pc.child_id
            WHERE \(selection.condition) AND a.profile = 'parent' AND c.removed_import_id IS NULL
            """, arguments: selection.arguments, cached: cached)
        try children.forEach { r in
            guard let position = positions[r.int64(ChildColumn.parent)!] else { return }
            accounts[position].children.append(Relative(
                id: r.int64(ChildColumn.id)!, login: r.string(ChildColumn.printedLogin)!, firstName: r.string(ChildColumn.firstName)!,
                lastName: r.string(ChildColumn.lastName)!, classes: ListColumn.split(r.string(ChildColumn.classes)!),
                nameSortKey: r.string(ChildColumn.nameSort), distinction: r.string(ChildColumn.distinction)))
        }
        for i in accounts.indices where accounts[i].children.count > 1 {
            accounts[i].children.sort { $0.nameSortKey < $1.nameSortKey }
        }
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

    /// The one line `accounts`, `plan` and the web pages say about it.
    public var frenchNote: String {
        let since = schools.map(\.knownSince).min()!
        let which = schools.count == 1
            ? "\(schools[0].name) est connue de Sésame depuis le \(SchoolCalendar.frenchDate(since))"
            : "\(schools.count) établissements, connus de Sésame depuis le \(SchoolCalendar.frenchDate(since)) au plus tôt"
        return "Remarque : l’export de l’ENT ne donne pas la date de création des comptes ; c’est la date à laquelle Sésame a vu chaque compte pour la première fois qui en tient lieu (\(which))."
    }
}

extension Store {
    /// Whether the filter's creation dates stand for "first seen by Sésame" for some of the
    /// accounts it looks at; nil when it has no creation date or every account has its own.
    public func creationDateStandIn(for filter: AccountFilter) throws -> CreationDateStandIn? {
        guard filter.createdBefore != nil || filter.createdSince != nil else { return nil }
        return try pool.read { db in
            let schoolIDs = filter.schools.isEmpty ? nil : try SchoolDirectory.ids(of: filter.schools, db: db)
            let rows = try Row.fetchAll(db, sql: """
                SELECT s.name, MIN(a.first_seen_at) AS known_since FROM account a JOIN school s ON s.id = a.school_id
                WHERE a.created_at IS NULL AND a.removed_import_id IS NULL
                \(schoolIDs.map { "AND a.school_id IN (\($0.map(String.init).joined(separator: ",")))" } ?? "")
                GROUP BY s.id ORDER BY s.name
                """)
            guard !rows.isEmpty else { return nil }
            return CreationDateStandIn(schools: rows.map { .init(name: $0["name"], knownSince: Date(timeIntervalSince1970: $0["known_since"])) })
        }
    }
}
