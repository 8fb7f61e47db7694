import Foundation
import GRDB
import SesameCore

/// Applies an export's rows to the store, inside the caller's transaction.
///
/// Rows stream through: each is compared with what is stored for the same person in the
/// same school and written only if it changed, so importing the same data twice changes
/// nothing. Families are resolved once every row is in (a parent may come before their
/// children), and a full export marks the accounts it no longer lists as removed.
struct AccountImporter {
    private let db: Database
    private let input: ExportInput
    let importID: Int64
    private let now: Double
    private(set) var summary = ImportSummary()
    /// Schools the file has rows for.
    private(set) var covered: Set<Int64> = []
    private var seen: [Int64: Int] = [:]
    private var schoolIDs: [String: Int64] = [:]
    private var schoolsBefore: Set<Int64> = []
    private var classIDs: [Int64: [String: Int64]] = [:]
    private var members: [FamilyMember] = []
    private let select, selectByLogin, insert, update, insertClass, insertAccountClass, deleteAccountClasses: Statement

    var seenIDs: Set<Int64> { Set(seen.keys) }

    /// The columns an export sets, in the order of `values(of:)`.
    private static let columns = [
        "siecle_id", "profile", "profile_rank", "last_name", "first_name", "name_sort", "login", "alias",
        "activation_code", "functions", "is_local_admin", "classes", "class_sort", "children_names",
        "parent_names", "ent_email", "phone", "created_at", "last_login",
    ]
    /// Changes to these do not count as an account update (a login changes the last one).
    private static let quietColumns: Set<String> = ["last_login", "name_sort", "class_sort", "profile_rank"]

    init(db: Database, input: ExportInput, now: Date) throws {
        self.db = db
        self.input = input
        self.now = now.timeIntervalSince1970
        try db.execute(
            sql: "INSERT INTO import (kind, file_name, sha256, encoding, imported_at) VALUES ('accounts', ?, ?, ?, ?)",
            arguments: [input.fileName, input.sha256, input.encoding, self.now])
        importID = db.lastInsertedRowID
        for row in try Row.fetchAll(db, sql: "SELECT id, name FROM school") {
            schoolIDs[NameKey.exact(row[1])] = row[0]
            schoolsBefore.insert(row[0])
        }
        let columns = Self.columns
        select = try db.makeStatement(sql: """
            SELECT id, ent_key, removed_import_id, \(columns.joined(separator: ", "))
            FROM account WHERE school_id = ? AND ent_key = ?
            """)
        selectByLogin = try db.makeStatement(sql: """
            SELECT id, ent_key, removed_import_id, \(columns.joined(separator: ", "))
            FROM account WHERE school_id = ? AND login = ?
            """)
        insert = try db.makeStatement(sql: """
            INSERT INTO account (school_id, ent_key, \(columns.joined(separator: ", ")),
                first_seen_at, first_import_id, changed_import_id, source_line)
            VALUES (?, ?, \(Array(repeating: "?", count: columns.count).joined(separator: ", ")), ?, ?, ?, ?)
            """)
        update = try db.makeStatement(sql: """
            UPDATE account SET ent_key = ?, \(columns.map { "\($0) = ?" }.joined(separator: ", ")),
                changed_import_id = ?, removed_import_id = NULL, source_line = ?
            WHERE id = ?
            """)
        insertClass = try db.makeStatement(
            sql: "INSERT INTO class (school_id, name, name_key, sort_key) VALUES (?, ?, ?, ?)")
        insertAccountClass = try db.makeStatement(
            sql: "INSERT OR IGNORE INTO account_class (account_id, class_id) VALUES (?, ?)")
        deleteAccountClasses = try db.makeStatement(sql: "DELETE FROM account_class WHERE account_id = ?")
        summary.file = input.fileName
        summary.encoding = input.encoding
        summary.sha256 = input.sha256
    }

    mutating func consume(_ item: ExportItem) throws {
        switch item {
        case .problem(let problem):
            summary.problems.append(problem)
        case .record(let record):
            for school in record.schools {
                try store(record, in: try schoolID(school))
            }
        }
    }

    mutating func finish() throws {
        if input.hasRelativeColumns { try linkFamilies() }
        if input.isFullExport { try markRemoved() }
        summary.schools = try String.fetchAll(
            db, sql: "SELECT name FROM school WHERE id IN (\(covered.map(String.init).joined(separator: ","))) ORDER BY name")
        summary.problems.sort { ($0.line ?? 0) < ($1.line ?? 0) }
    }

    // MARK: - Accounts

    private mutating func store(_ record: ExportRecord, in schoolID: Int64) throws {
        let values = Self.values(of: record)
        // The login identifies a person too: the class-level export has no Id column, and
        // an account first seen in one keeps its login as key until a full export names its Id.
        if let old = try Row.fetchOne(select, arguments: [schoolID, record.entKey])
            ?? Row.fetchOne(selectByLogin, arguments: [schoolID, record.login]) {
            let id: Int64 = old["id"]
            if let firstLine = seen[id] {
                reportDuplicate(record, of: firstLine, differs: changedColumns(old, values).isEmpty == false)
                return
            }
            seen[id] = record.line
            let changed = changedColumns(old, values)
            let wasRemoved = !(old["removed_import_id"] as DatabaseValue).isNull
            let rekeyed = record.entID != nil && old["ent_key"] != record.entKey
            if !changed.isEmpty || wasRemoved || rekeyed {
                let key = record.entID != nil ? record.entKey : old["ent_key"] as String
                try update.execute(arguments: StatementArguments([key] + values + [importID, record.line, id]))
                if changed.contains("classes") || wasRemoved { try setClasses(of: id, to: record.classes, in: schoolID) }
                noteChanges(record, old: old, changed: changed, reappeared: wasRemoved)
            }
            remember(record, id: id, schoolID: schoolID)
        } else {
            try insert.execute(arguments: StatementArguments(
                [schoolID, record.entKey] + values + [now, importID, importID, record.line]))
            let id = db.lastInsertedRowID
            seen[id] = record.line
            try setClasses(of: id, to: record.classes, in: schoolID)
            if schoolsBefore.contains(schoolID) { summary.changes.new.append(record.printedLogin) }
            remember(record, id: id, schoolID: schoolID)
        }
    }

    private static func values(of r: ExportRecord) -> [DatabaseValueConvertible?] {
        [
            r.siecleID, r.profile.rawValue, r.profile.rank, r.lastName, r.firstName,
            NameKey.person(lastName: r.lastName, firstName: r.firstName, tieBreaker: r.printedLogin),
            r.login, r.alias, r.activationCode, ListColumn.join(r.functions), r.isLocalAdmin,
            ListColumn.join(r.classes), ClassLevel.sortKey(forClasses: r.classes),
            ListColumn.join(r.childrenNames), ListColumn.join(r.parentNames), r.email?.value, r.phone,
            r.createdAt?.timeIntervalSince1970, r.lastLogin?.timeIntervalSince1970,
        ]
    }

    /// The export columns whose stored value differs from the new one.
    private func changedColumns(_ old: Row, _ values: [DatabaseValueConvertible?]) -> [String] {
        zip(Self.columns, values).compactMap { column, value in
            old[column] as DatabaseValue == (value?.databaseValue ?? .null) ? nil : column
        }
    }

    private mutating func noteChanges(_ record: ExportRecord, old: Row, changed: [String], reappeared: Bool) {
        let login = record.printedLogin
        if reappeared { summary.changes.new.append(login); return }
        if changed.contains("activation_code") {
            let oldCode: String? = old["activation_code"]
            if oldCode != nil && record.activationCode == nil {
                summary.changes.activated.append(login)
            } else {
                summary.changes.codeChanged.append(login)
            }
        }
        if changed.contains(where: { $0 != "activation_code" && !Self.quietColumns.contains($0) }) {
            summary.changes.updated.append(login)
        }
    }

    private mutating func reportDuplicate(_ record: ExportRecord, of firstLine: Int, differs: Bool) {
        let who = "« \(record.firstName) \(record.lastName) » (\(record.printedLogin))"
        summary.problems.append(differs
            ? ImportProblem(
                kind: .conflictingRow, file: input.fileName, line: record.line,
                message: "\(who) figure déjà ligne \(firstLine) avec d’autres valeurs ; la ligne \(firstLine) est conservée, celle-ci ignorée")
            : ImportProblem(
                kind: .duplicateRow, file: input.fileName, line: record.line,
                message: "\(who) : doublon de la ligne \(firstLine) ; ignoré"))
    }

    private mutating func remember(_ record: ExportRecord, id: Int64, schoolID: Int64) {
        guard record.profile == .student || record.profile == .parent else { return }
        members.append(FamilyMember(
            id: id, school: String(schoolID), entKey: record.entKey, profile: record.profile,
            firstName: record.firstName, lastName: record.lastName, login: record.printedLogin,
            classes: record.classes,
            namedRelatives: record.profile == .parent ? record.childrenNames : record.parentNames,
            line: record.line))
    }

    // MARK: - Schools and classes

    private mutating func schoolID(_ name: String) throws -> Int64 {
        let key = NameKey.exact(name)
        if let id = schoolIDs[key] {
            covered.insert(id)
            return id
        }
        try db.execute(sql: "INSERT INTO school (name) VALUES (?)", arguments: [name])
        let id = db.lastInsertedRowID
        schoolIDs[key] = id
        covered.insert(id)
        return id
    }

    private mutating func setClasses(of accountID: Int64, to classes: [String], in schoolID: Int64) throws {
        try deleteAccountClasses.execute(arguments: [accountID])
        for name in classes {
            try insertAccountClass.execute(arguments: [accountID, try classID(name, in: schoolID)])
        }
    }

    private mutating func classID(_ name: String, in schoolID: Int64) throws -> Int64 {
        if classIDs[schoolID] == nil {
            classIDs[schoolID] = Dictionary(
                try Row.fetchAll(db, sql: "SELECT name_key, id FROM class WHERE school_id = ?", arguments: [schoolID])
                    .map { ($0[0], $0[1]) },
                uniquingKeysWith: { a, _ in a })
        }
        let key = NameKey.exact(name)
        if let id = classIDs[schoolID]?[key] { return id }
        try insertClass.execute(arguments: [schoolID, name, key, ClassLevel.sortKey(forClass: name)])
        let id = db.lastInsertedRowID
        classIDs[schoolID]?[key] = id
        return id
    }

    // MARK: - Families and departures

    private mutating func linkFamilies() throws {
        let resolution = FamilyLinker.resolve(members, file: input.fileName)
        members = []
        summary.problems += resolution.problems
        summary.links.resolved = resolution.links.count
        summary.links.unresolved = resolution.problems.count { $0.kind == .unresolvedChild || $0.kind == .unresolvedParent }
        summary.links.ambiguous = resolution.problems.count { $0.kind == .ambiguousChild || $0.kind == .ambiguousParent }

        let schools = covered.map(String.init).joined(separator: ",")
        var stored = Set(try Row.fetchAll(db, sql: """
            SELECT pc.parent_id, pc.child_id FROM parent_child pc JOIN account p ON p.id = pc.parent_id
            WHERE p.school_id IN (\(schools))
            """).map { ParentChildLink(parent: $0[0], child: $0[1]) })
        let insertLink = try db.makeStatement(sql: "INSERT INTO parent_child (parent_id, child_id) VALUES (?, ?)")
        for link in resolution.links where stored.remove(link) == nil {
            try insertLink.execute(arguments: [link.parent, link.child])
        }
        // A partial export only adds links: it does not see the families it leaves out.
        guard input.isFullExport else { return }
        let deleteLink = try db.makeStatement(sql: "DELETE FROM parent_child WHERE parent_id = ? AND child_id = ?")
        for link in stored { try deleteLink.execute(arguments: [link.parent, link.child]) }
    }

    private mutating func markRemoved() throws {
        let schools = covered.map(String.init).joined(separator: ",")
        let mark = try db.makeStatement(sql: "UPDATE account SET removed_import_id = ? WHERE id = ?")
        for row in try Row.fetchAll(db, sql: """
            SELECT id, COALESCE(alias, login) FROM account
            WHERE school_id IN (\(schools)) AND removed_import_id IS NULL ORDER BY name_sort
            """) where seen[row[0]] == nil {
            try mark.execute(arguments: [importID, row[0] as Int64])
            summary.changes.removed.append(row[1])
        }
    }
}
