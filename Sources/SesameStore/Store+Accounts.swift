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

    /// The seed's steps 1 and 2: the accounts a filter selects, in the requested order,
    /// parents with the children they are linked to.
    public func accounts(matching filter: AccountFilter, sortedBy keys: [AccountSortKey] = []) throws -> [Account] {
        try pool.read { db in
            let selection = try AccountSelection(filter, db: db)
            var accounts: [Account] = []
            var positions: [Account.ID: Int] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT a.id, a.ent_key, s.name, a.profile, a.last_name, a.first_name, COALESCE(a.alias, a.login),
                       a.login, a.activation_code, a.classes, a.ent_email, a.collected_email, a.street, a.postcode,
                       a.city, COALESCE(a.phone, a.collected_phone), a.is_local_admin,
                       COALESCE(a.created_at, a.first_seen_at)
                FROM account a JOIN school s ON s.id = a.school_id
                WHERE \(selection.condition)
                ORDER BY \(AccountSelection.ordering(keys))
                """, arguments: selection.arguments)
            while let row = try rows.next() {
                let entEmail = (row[10] as String?).flatMap(EmailAddress.init)
                let collected = (row[11] as String?).flatMap(EmailAddress.init)
                let street: String? = row[12]
                positions[row[0]] = accounts.count
                accounts.append(Account(
                    id: row[0], entKey: row[1], school: row[2], profile: Profile(rawValue: row[3]) ?? .guest,
                    lastName: row[4], firstName: row[5], login: row[6], originalLogin: row[7],
                    activationCode: row[8], classes: ListColumn.split(row[9]),
                    email: entEmail.map { ContactEmail(address: $0, source: .ent) }
                        ?? collected.map { ContactEmail(address: $0, source: .collected) },
                    postalAddress: street.map { PostalAddress(street: $0, postcode: row[13] ?? "", city: row[14] ?? "") },
                    phone: row[15], isLocalAdmin: row[16],
                    createdAt: (row[17] as Double?).map(Date.init(timeIntervalSince1970:))))
            }
            guard filter.profiles.isEmpty || filter.profiles.contains(.parent) else { return accounts }
            let children = try Row.fetchCursor(db, sql: """
                SELECT pc.parent_id, c.id, COALESCE(c.alias, c.login), c.first_name, c.last_name, c.classes
                FROM parent_child pc
                JOIN account a ON a.id = pc.parent_id
                JOIN account c ON c.id = pc.child_id
                WHERE \(selection.condition) AND a.profile = 'parent' AND c.removed_import_id IS NULL
                ORDER BY c.name_sort
                """, arguments: selection.arguments)
            while let row = try children.next() {
                guard let position = positions[row[0]] else { continue }
                accounts[position].children.append(Relative(
                    id: row[1], login: row[2], firstName: row[3], lastName: row[4], classes: ListColumn.split(row[5])))
            }
            return accounts
        }
    }
}
