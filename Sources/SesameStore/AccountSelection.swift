import GRDB
import SesameCore

/// The SQL condition for an `AccountFilter`, on `account` aliased `a`.
///
/// The filter's meaning lives in `SesameCore`; this is its translation, so that a
/// selection over a million accounts reads only the rows it returns.
struct AccountSelection {
    var condition: String
    var arguments: StatementArguments

    /// A selection the store writes itself (the accounts of a batch…).
    init(condition: String, arguments: StatementArguments) {
        self.condition = condition
        self.arguments = arguments
    }

    /// `schoolID` narrows the selection to one school (plans are made school by school).
    init(_ filter: AccountFilter, db: Database, schoolID: Int64? = nil) throws {
        var clauses = ["a.removed_import_id IS NULL"]
        var arguments = StatementArguments()
        func add(_ clause: String, _ values: [DatabaseValueConvertible?] = []) {
            clauses.append(clause)
            arguments += StatementArguments(values)
        }
        func placeholders(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }

        let schoolIDs = try SchoolDirectory.ids(of: filter.schools, db: db)
        if !filter.schools.isEmpty { add("a.school_id IN (\(placeholders(schoolIDs.count)))", schoolIDs) }
        if !filter.profiles.isEmpty {
            let profiles = filter.profiles.sorted().map(\.rawValue)
            add("a.profile IN (\(placeholders(profiles.count)))", profiles)
        }
        if !filter.classes.isEmpty {
            let classIDs = try SchoolDirectory.classIDs(named: filter.classes, schoolIDs: filter.schools.isEmpty ? nil : schoolIDs, db: db)
            add("a.id IN (SELECT account_id FROM account_class WHERE class_id IN (\(placeholders(classIDs.count))))", classIDs)
        }
        switch filter.activation {
        case .pending: add("a.activation_code IS NOT NULL")
        case .activated: add("a.activation_code IS NULL")
        case .all: break
        }
        switch filter.email {
        case .with: add("COALESCE(a.ent_email, a.collected_email) IS NOT NULL")
        case .without: add("COALESCE(a.ent_email, a.collected_email) IS NULL")
        case .any: break
        }
        switch filter.localAdmins {
        case .only: add("a.is_local_admin")
        case .exclude: add("NOT a.is_local_admin")
        case .any: break
        }
        if let before = filter.createdBefore {
            add("COALESCE(a.created_at, a.first_seen_at) < ?", [before.timeIntervalSince1970])
        }
        if let since = filter.createdSince {
            add("COALESCE(a.created_at, a.first_seen_at) >= ?", [since.timeIntervalSince1970])
        }
        if !filter.logins.isEmpty {
            let marks = placeholders(filter.logins.count)
            // Probing the per-school login indexes school by school beats scanning every account.
            let perSchool = "SELECT id FROM account WHERE school_id IN (SELECT id FROM school) AND"
            add("a.id IN (\(perSchool) login IN (\(marks)) UNION \(perSchool) alias IN (\(marks)))", filter.logins + filter.logins)
        }
        if let schoolID { add("a.school_id = ?", [schoolID]) }
        condition = clauses.joined(separator: " AND ")
        self.arguments = arguments
    }

    /// The schools a selection may reach, in name order.
    static func schoolIDs(_ filter: AccountFilter, db: Database) throws -> [Int64] {
        filter.schools.isEmpty
            ? try Int64.fetchAll(db, sql: "SELECT id FROM school ORDER BY name")
            : try SchoolDirectory.ids(of: filter.schools, db: db)
    }

    /// School first (documents are per school), then the requested keys, then the name.
    static func ordering(_ keys: [AccountSortKey]) -> String {
        var terms = ["s.name"]
        for key in keys {
            switch key {
            case .profile: terms.append("a.profile_rank")
            case .class: terms.append("a.class_sort")
            case .name: break
            }
        }
        return (terms + ["a.name_sort", "a.id"]).joined(separator: ", ")
    }
}
