import Foundation
import GRDB
import SesameCore

/// Applies an export's rows to the store, inside the caller's transaction.
///
/// Rows stream through: each is compared with what is stored for the same person in the
/// same school and written only if it changed, so importing the same data twice changes
/// nothing. A school's families are resolved once all its rows are in (a parent may come
/// before their children), school by school, so memory follows the size of one school: a
/// school new in this import as soon as the file moves past it, on a second thread; the
/// others after the load, from what was stored, once a full export has marked the
/// accounts it no longer lists as removed.
struct AccountImporter {
    private let db: Database
    private let input: ExportInput
    let importID: Int64
    private let now: Double
    private(set) var summary = ImportSummary()
    /// Schools the file has rows for.
    private(set) var covered: Set<Int64> = []
    /// The line each account was read from in this file.
    private var seen: [Int64: Int] = [:]
    /// People the export places in several schools, and the same keys in the order met.
    private var multiSchoolKeys: Set<String> = []
    private var multiSchoolOrder: [String] = []
    private var schoolIDs: [String: Int64] = [:]
    /// What the file has no column for: kept as stored.
    private let absentDetails: Set<ExportDetail>
    private var schoolsBefore: Set<Int64> = []
    /// Accounts whose stored last login this file does not know: it was exported before the
    /// export already imported (`OlderExport`).
    private var olderThanStored = OlderExport()
    /// An export lists a school's accounts together: the last school looked up, and its
    /// classes, answer nearly every row without hashing its name.
    private var lastSchool: (name: String, id: Int64)?
    private var schoolClasses: (schoolID: Int64, ids: [String: Int64]) = (0, [:])  // 0: none yet (ids start at 1)
    /// The classes of the other schools met so far, by name and by `NameKey.exact`.
    private var classIDs: [Int64: [String: Int64]] = [:]
    private var classSorts: [String: String] = [:]
    /// Accounts of this file with an email (from the ENT or collected before), and classes of its pupils.
    private(set) var withEmail: Set<Int64> = []
    private var pupilClasses: Set<Int64> = []
    private var select, selectByLogin, updateAccount, deleteAccountClasses: BulkStatement
    private var accountClasses: BatchInsert
    /// New accounts waiting to be inserted, many per statement, with the ids given here.
    private var newAccounts: [NewAccount] = []
    private var nextID: Int64
    private var insertMany, insertOne, insertedIDs: BulkStatement
    private static let accountsPerInsert = 32
    /// Resolves schools' families and homonyms while this thread writes.
    private let resolving = DispatchQueue(label: "sesame.families")
    /// A school this import creates is settled as soon as the file moves past it (an export
    /// lists a school's accounts together), from what was just written, while the rest loads.
    /// `loading` is the school being written; a school the file comes back to is settled
    /// again after the load, from what is stored (`revisited`).
    private var loading: (schoolID: Int64, people: [SchoolPeople.Person])?
    private var settledEarly: [Int64: (result: Pending<SettledSchool>, multiSchoolCount: Int)] = [:]
    private var revisited: Set<Int64> = []

    private struct NewAccount {
        var id: Int64
        var record: ExportRecord
        var schoolID: Int64
        var row: AccountRow

        func bind(to statement: inout BulkStatement, importID: Int64, now: Double) {
            statement.bind(id)
            statement.bind(schoolID)
            statement.bind(record.entKey)
            row.bind(to: &statement)
            statement.bind(now)
            statement.bind(importID)
            statement.bind(importID)
            statement.bind(record.line)
        }
    }

    /// The line of each account the file lists (a million for an académie: not copied into a set).
    var seenLines: [Int64: Int] { seen }
    /// Accounts whose code this import took away (activated), changed, or that it no longer lists.
    private(set) var activatedIDs: [Int64] = []
    private(set) var codeChangedIDs: [Int64] = []
    private(set) var removedIDs: [Int64] = []

    /// Changes to these do not count as an account update (a login changes the last one).
    private static let quietColumns: Set<String> = ["last_login", "name_sort", "class_sort", "profile_rank"]

    init(db: Database, input: ExportInput, now: Date) throws {
        self.db = db
        self.input = input
        self.now = now.timeIntervalSince1970
        absentDetails = Set(ExportDetail.allCases).subtracting(input.details)
        try db.execute(
            sql: "INSERT INTO import (kind, file_name, sha256, encoding, imported_at) VALUES ('accounts', ?, ?, ?, ?)",
            arguments: [input.fileName, input.sha256, input.encoding, self.now])
        importID = db.lastInsertedRowID
        for row in try Row.fetchAll(db, sql: "SELECT id, name FROM school") {
            schoolIDs[NameKey.exact(row["name"])] = row["id"]
            schoolsBefore.insert(row["id"])
        }
        let columns = AccountRow.columns.joined(separator: ", ")
        select = try BulkStatement(db, sql: """
            SELECT \(StoredColumn.selectList), \(columns) FROM account WHERE school_id = ? AND ent_key = ?
            """)
        // Without INDEXED BY, SQLite may walk the whole school through the (school_id, ent_key) index.
        selectByLogin = try BulkStatement(db, sql: """
            SELECT \(StoredColumn.selectList), \(columns) FROM account INDEXED BY account_login
            WHERE school_id = ? AND login = ?
            """)
        // A duplicate row of the file conflicts instead of failing; `flushAccounts` reports it.
        // OR FAIL rather than the default ABORT, which kept a statement journal of every page
        // each statement touched (540 MB written to a temporary file for 150,000 accounts, a
        // 53 MB store: 5 to 8 % of the import's CPU): any failure rolls the whole import back.
        let values = "(?, ?, ?, \(Array(repeating: "?", count: AccountRow.columns.count).joined(separator: ", ")), ?, ?, ?, ?)"
        func insertSQL(rows: Int) -> String {
            """
            INSERT OR FAIL INTO account (id, school_id, ent_key, \(columns), first_seen_at, first_import_id, changed_import_id, source_line)
            VALUES \(Array(repeating: values, count: rows).joined(separator: ", "))
            ON CONFLICT (school_id, ent_key) DO NOTHING
            """
        }
        insertMany = try BulkStatement(db, sql: insertSQL(rows: Self.accountsPerInsert))
        insertOne = try BulkStatement(db, sql: insertSQL(rows: 1))
        insertedIDs = try BulkStatement(db, sql: "SELECT id FROM account WHERE id BETWEEN ? AND ?")
        nextID = (try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM account") ?? 0) + 1
        updateAccount = try BulkStatement(db, sql: """
            UPDATE account SET ent_key = ?, \(AccountRow.columns.map { "\($0) = ?" }.joined(separator: ", ")),
                changed_import_id = ?, removed_import_id = NULL, source_line = ?
            WHERE id = ?
            """)
        accountClasses = try BatchInsert(db, table: "account_class", columns: ["account_id", "class_id"])
        deleteAccountClasses = try BulkStatement(db, sql: "DELETE FROM account_class WHERE account_id = ?")
        summary.file = input.fileName
        summary.encoding = input.encoding
        summary.sha256 = input.sha256
    }

    mutating func consume(_ item: consuming ExportItem) throws {
        switch consume item {
        case .problem(let problem):
            summary.problems.append(problem)
        case .record(let record):
            let schools = record.schools
            if schools.count > 1 {
                if multiSchoolKeys.insert(record.entKey).inserted { multiSchoolOrder.append(record.entKey) }
                for school in schools.dropLast() { try store(record, in: try schoolID(school)) }
            }
            // The record's last use: moved into the account waiting to be inserted, not copied.
            try store(record, in: try schoolID(schools[schools.count - 1]))
        }
    }

    mutating func finish() throws {
        try flushAccounts()
        if let example = olderThanStored.example {
            throw StoreError.olderExport(file: input.fileName, accounts: olderThanStored.count, example: example.login, lastLogin: example.lastLogin)
        }
        try flushClasses()
        settleLoadedSchool()
        summary.accounts = seen.count
        summary.pending = summary.accounts - summary.activated
        summary.withEmail = withEmail.count
        summary.classes = pupilClasses.count
        if input.isFullExport { try markRemoved() }
        try settleSchools()
        summary.schools = try String.fetchAll(
            db, sql: "SELECT name FROM school WHERE id IN (\(covered.map(String.init).joined(separator: ","))) ORDER BY name")
        summary.problems.sort { ($0.line ?? 0) < ($1.line ?? 0) }
    }

    // MARK: - Accounts

    private struct Stored {
        var id: Int64
        var entKey: String
        var removed: Bool
        var hasCollectedEmail: Bool
        var row: AccountRow
    }

    private mutating func store(_ record: consuming ExportRecord, in schoolID: Int64) throws {
        let row = AccountRow(record, classSort: classSort(record.classes))
        let schoolExisted = schoolsBefore.contains(schoolID)
        // A school new in this import has nothing to compare with: insert straight away.
        // The login identifies a person too: the class-level export has no Id column, and
        // an account first seen in one keeps its login as key until a full export names its Id.
        var old = schoolExisted ? try Self.find(&select, schoolID, record.entKey) : nil
        if old == nil, schoolExisted { old = try Self.find(&selectByLogin, schoolID, record.login) }
        guard let old else {
            newAccounts.append(NewAccount(id: nextID, record: record, schoolID: schoolID, row: row))
            nextID += 1
            if newAccounts.count == Self.accountsPerInsert { try flushAccounts() }
            return
        }
        try update(old, with: record, row: row, in: schoolID)
    }

    /// Inserts the new accounts waiting, then does for each what follows its insertion.
    /// A row that conflicts with one already stored is a duplicate of the file.
    private mutating func flushAccounts() throws {
        guard !newAccounts.isEmpty else { return }
        var batch: [NewAccount] = []
        swap(&batch, &newAccounts)
        newAccounts.reserveCapacity(Self.accountsPerInsert)
        // Read in place through the buffer: an array's subscript hands out a copy of each
        // account, counting its record's and row's two dozen strings up and down again.
        try batch.withUnsafeBufferPointer { batch in
            if batch.count == Self.accountsPerInsert {
                for i in batch.indices { batch[i].bind(to: &insertMany, importID: importID, now: now) }
                try insertMany.execute()
            } else {
                for i in batch.indices {
                    batch[i].bind(to: &insertOne, importID: importID, now: now)
                    try insertOne.execute()
                }
            }
            // The ids were given here: those missing are of rows that conflicted.
            var inserted: Set<Int64>?
            if batch.count != Self.accountsPerInsert || db.changesCount != batch.count {
                var ids = Set<Int64>()
                insertedIDs.bind(batch[0].id)
                insertedIDs.bind(batch[batch.count - 1].id)
                try insertedIDs.forEach { ids.insert($0.int64(0)!) }
                inserted = ids
            }
            for i in batch.indices {
                let (id, schoolID) = (batch[i].id, batch[i].schoolID)
                if let inserted, !inserted.contains(id), let stored = try Self.find(&select, schoolID, batch[i].record.entKey) {
                    try update(stored, with: batch[i].record, row: batch[i].row, in: schoolID)
                    continue
                }
                seen[id] = batch[i].record.line
                try count(batch[i].row, id: id, in: schoolID, hasCollectedEmail: false)
                try addClasses(of: id, batch[i].record.classes, in: schoolID)
                if schoolsBefore.contains(schoolID) {
                    summary.changes.new.append(batch[i].record.printedLogin)
                } else {
                    keepForSettling(batch[i])
                }
            }
        }
    }

    /// An account already stored: a duplicate row of this file, or an update.
    private mutating func update(_ old: Stored, with record: ExportRecord, row: AccountRow, in schoolID: Int64) throws {
        var row = row
        row.keep(old.row, absent: absentDetails)
        if let firstLine = seen[old.id] {
            reportDuplicate(record, of: firstLine, differs: row != old.row)
            return
        }
        seen[old.id] = record.line
        if !absentDetails.contains(.lastLogin) { olderThanStored.compare(row.lastLogin, stored: old.row.lastLogin, login: record.printedLogin) }
        try count(row, id: old.id, in: schoolID, hasCollectedEmail: old.hasCollectedEmail)
        keepStoredSpellings(of: &row, from: old.row, line: record.line)
        let changed = row.changes(from: old.row)
        let rekeyed = record.entID != nil && old.entKey != record.entKey
        guard !changed.isEmpty || old.removed || rekeyed else { return }
        updateAccount.bind(record.entID != nil ? record.entKey : old.entKey)
        row.bind(to: &updateAccount)
        updateAccount.bind(importID)
        updateAccount.bind(record.line)
        updateAccount.bind(old.id)
        try updateAccount.execute()
        if changed.contains("classes") || old.removed { try setClasses(of: old.id, to: ListColumn.split(row.classes), in: schoolID) }
        noteChanges(row, id: old.id, old: old.row, changed: changed, reappeared: old.removed)
    }

    /// A file re-saved by a spreadsheet turns letters it cannot hold into "?": such a
    /// spelling never replaces the good one stored for the same name.
    private mutating func keepStoredSpellings(of row: inout AccountRow, from old: AccountRow, line: Int) {
        func kept(_ new: String, _ stored: String) -> String {
            guard new != stored, NameKey.isDamaged(new), !NameKey.isDamaged(stored),
                  NameKey.looseEqual(NameKey.loose(new), NameKey.loose(stored))
            else { return new }
            summary.problems.append(ImportProblem(
                kind: .keptStoredName, file: input.fileName, line: line,
                message: "« \(new) » a perdu des lettres dans ce fichier : l’orthographe déjà enregistrée « \(stored) » est conservée"))
            return stored
        }
        let (lastName, firstName) = (kept(row.lastName, old.lastName), kept(row.firstName, old.firstName))
        if lastName != row.lastName || firstName != row.firstName {
            (row.lastName, row.firstName, row.nameSort) = (lastName, firstName, old.nameSort)
        }
        for keyPath in [\AccountRow.childrenNames, \AccountRow.parentNames] {
            let storedNames = ListColumn.split(old[keyPath: keyPath])
            let names = ListColumn.split(row[keyPath: keyPath]).map { name in
                let matches = storedNames.filter { NameKey.looseEqual(NameKey.loose(name), NameKey.loose($0)) }
                return matches.count == 1 ? kept(name, matches[0]) : name
            }
            row[keyPath: keyPath] = ListColumn.join(names)
        }
    }

    /// The summary's figures, for each account of the file once, as it is stored.
    private mutating func count(_ row: AccountRow, id: Int64, in schoolID: Int64, hasCollectedEmail: Bool) throws {
        summary.byProfile[row.profile, default: 0] += 1
        if row.activationCode == nil { summary.activated += 1 }
        if row.isLocalAdmin != 0 { summary.localAdmins += 1 }
        if row.entEmail != nil || hasCollectedEmail { withEmail.insert(id) }
        if row.profile == Profile.student.rawValue {
            for name in ListColumn.split(row.classes) { pupilClasses.insert(try classID(name, in: schoolID)) }
        }
    }

    // Static, as is `NewAccount.bind`: a method of the importer handed one of its own
    // statements would copy the whole importer at each call.
    private static func find(_ statement: inout BulkStatement, _ schoolID: Int64, _ key: String) throws -> Stored? {
        statement.bind(schoolID)
        statement.bind(key)
        return try statement.first { r in
            Stored(
                id: r.int64(StoredColumn.id)!, entKey: r.string(StoredColumn.entKey)!, removed: r.int64(StoredColumn.removed) != nil,
                hasCollectedEmail: r.string(StoredColumn.collectedEmail) != nil, row: AccountRow(reader: r, from: Int32(StoredColumn.allCases.count)))
        }
    }

    private mutating func noteChanges(_ row: AccountRow, id: Int64, old: AccountRow, changed: Set<String>, reappeared: Bool) {
        let login = row.alias ?? row.login
        if reappeared { summary.changes.new.append(login); return }
        if changed.contains("activation_code") {
            if old.activationCode != nil && row.activationCode == nil {
                summary.changes.activated.append(login)
                activatedIDs.append(id)
            } else if old.activationCode != "" {
                // A purged code comes back with the export: whether it changed is not known.
                summary.changes.codeChanged.append(login)
                codeChangedIDs.append(id)
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

    // MARK: - Schools and classes

    private mutating func schoolID(_ name: String) throws -> Int64 {
        if let last = lastSchool, last.name == name { return last.id }
        let id = try lookUpSchool(name)
        lastSchool = (name, id)
        return id
    }

    private mutating func lookUpSchool(_ name: String) throws -> Int64 {
        if let id = schoolIDs[name] {
            covered.insert(id)
            return id
        }
        let key = NameKey.exact(name)
        if let id = schoolIDs[key] {
            schoolIDs[name] = id
            covered.insert(id)
            return id
        }
        // Statements compiled once: compiling them for each of an académie's 3,337 schools
        // and 33,000 classes took 0.6 s of CPU on the writing thread.
        try db.cachedStatement(sql: "INSERT INTO school (name) VALUES (?)").execute(arguments: [name])
        let id = db.lastInsertedRowID
        schoolIDs[key] = id
        schoolIDs[name] = id
        covered.insert(id)
        return id
    }

    /// Class sort keys, computed once per distinct list of classes.
    private mutating func classSort(_ classes: [String]) -> String {
        let list = ListColumn.join(classes)
        if let key = classSorts[list] { return key }
        let key = ClassLevel.sortKey(forClasses: classes)
        classSorts[list] = key
        return key
    }

    private mutating func setClasses(of accountID: Int64, to classes: [String], in schoolID: Int64) throws {
        try flushClasses()
        deleteAccountClasses.bind(accountID)
        try deleteAccountClasses.execute()
        try addClasses(of: accountID, classes, in: schoolID)
    }

    private mutating func addClasses(of accountID: Int64, _ classes: [String], in schoolID: Int64) throws {
        for name in classes {
            try accountClasses.add([accountID, try classID(name, in: schoolID)])
        }
    }

    private mutating func flushClasses() throws {
        try accountClasses.flush()
    }

    private mutating func classID(_ name: String, in schoolID: Int64) throws -> Int64 {
        if schoolClasses.schoolID != schoolID {
            classIDs[schoolClasses.schoolID] = schoolClasses.ids
            let ids = try classIDs.removeValue(forKey: schoolID) ?? Dictionary(
                try Row.fetchAll(db.cachedStatement(sql: "SELECT name_key, id FROM class WHERE school_id = ?"), arguments: [schoolID])
                    .map { ($0["name_key"], $0["id"]) },
                uniquingKeysWith: { a, _ in a })
            schoolClasses = (schoolID, ids)
        }
        if let id = schoolClasses.ids[name] { return id }
        let key = NameKey.exact(name)
        if let id = schoolClasses.ids[key] {
            schoolClasses.ids[name] = id
            return id
        }
        try db.cachedStatement(sql: "INSERT INTO class (school_id, name, name_key, sort_key) VALUES (?, ?, ?, ?)")
            .execute(arguments: [schoolID, name, key, ClassLevel.sortKey(forClass: name)])
        let id = db.lastInsertedRowID
        schoolClasses.ids[key] = id
        schoolClasses.ids[name] = id
        return id
    }

    // MARK: - Families and departures

    /// Keeps a pupil or parent just written in a school this import creates, as settling
    /// the school will read it; settles the previous school when the file moves past it.
    private mutating func keepForSettling(_ account: NewAccount) {
        if loading?.schoolID != account.schoolID {
            settleLoadedSchool()
            if settledEarly.removeValue(forKey: account.schoolID) != nil { revisited.insert(account.schoolID) }
            guard !revisited.contains(account.schoolID) else { return }
            loading = (account.schoolID, [])
        }
        guard account.record.profile == .student || account.record.profile == .parent else { return }
        loading?.people.append(SchoolPeople.Person(
            id: account.id, entKey: account.record.entKey, profile: account.record.profile,
            firstName: account.row.firstName, lastName: account.row.lastName,
            login: account.row.alias ?? account.row.login, classes: account.row.classes,
            namedRelatives: account.record.profile == .parent ? account.row.childrenNames : account.row.parentNames,
            line: account.record.line))
    }

    private mutating func settleLoadedSchool() {
        guard let school = loading else { return }
        loading = nil
        settledEarly[school.schoolID] = (
            settle(SchoolPeople(schoolID: school.schoolID, people: school.people)), multiSchoolOrder.count)
    }

    /// Returns once the second thread has nothing left to do: a failed import must not leave
    /// it working while the command exits.
    func waitForSettling() {
        resolving.sync {}
    }

    /// Resolves a school's families (when the file names relatives) and tells its homonyms
    /// apart, on the second thread.
    private func settle(_ people: SchoolPeople) -> Pending<SettledSchool> {
        let result = Pending<SettledSchool>()
        let linker = input.hasRelativeColumns
            ? FamilyLinker(file: input.fileName, columns: input.relativeColumns, multiSchoolKeys: multiSchoolKeys) : nil
        resolving.async {
            result.fulfil(SettledSchool(families: linker?.resolveSchool(people.familyMembers()), distinctions: people.changedDistinctions()))
        }
        return result
    }

    /// Whether a row read after the school was settled placed one of its people in several
    /// schools: its family problems are then reported differently (`FamilyLinker`).
    private func placedInSeveralSchoolsLater(_ schoolID: Int64, after count: Int, _ statement: inout BulkStatement) throws -> Bool {
        for key in multiSchoolOrder[count...] {
            statement.bind(schoolID)
            statement.bind(key)
            if try statement.first({ _ in true }) == true { return true }
        }
        return false
    }

    /// Writes what settling found for each school: the schools settled while loading, and
    /// the others read back from the store, the next one read while the second thread
    /// resolves the previous. Runs after the accounts a full export no longer lists are
    /// marked removed: neither counts them.
    private mutating func settleSchools() throws {
        try flushClasses()
        var linker = input.hasRelativeColumns ? FamilyLinker(file: input.fileName, columns: input.relativeColumns) : nil
        var links = input.hasRelativeColumns ? try LinkWriter(db, replacing: input.isFullExport) : nil
        var homonyms = try HomonymWriter(db)
        var reader = try SchoolPeople.Reader(db)
        var isListed = try BulkStatement(db, sql: "SELECT 1 FROM account WHERE school_id = ? AND ent_key = ?")
        var pending: (schoolID: Int64, result: Pending<SettledSchool>)?
        for schoolID in covered.sorted() {
            let early = settledEarly.removeValue(forKey: schoolID)
            let settled = if let early, try !placedInSeveralSchoolsLater(schoolID, after: early.multiSchoolCount, &isListed) {
                early.result
            } else {
                try settle(reader.read(school: schoolID, lines: seen))
            }
            if let previous = pending {
                try write(previous.result.wait(), of: previous.schoolID, links: &links, homonyms: &homonyms, into: &linker)
            }
            pending = (schoolID, settled)
        }
        if let last = pending { try write(last.result.wait(), of: last.schoolID, links: &links, homonyms: &homonyms, into: &linker) }
        guard var links, let linker else { return }
        try links.finish()
        let problems = linker.problems()
        summary.problems += problems
        summary.links.unresolved = problems.count { $0.kind == .unresolvedChild || $0.kind == .unresolvedParent }
        summary.links.ambiguous = problems.count { $0.kind == .ambiguousChild || $0.kind == .ambiguousParent }
    }

    /// What the second thread found for one school.
    private struct SettledSchool: Sendable {
        var families: SchoolFamilies?
        var distinctions: [(id: Account.ID, distinction: String?)]
    }

    private mutating func write(
        _ settled: SettledSchool, of schoolID: Int64, links: inout LinkWriter?, homonyms: inout HomonymWriter,
        into linker: inout FamilyLinker?
    ) throws {
        if let families = settled.families {
            linker?.add(families)
            summary.links.resolved += families.links.count
            try links?.replace(links: families.links, ofSchool: schoolID, hadLinks: schoolsBefore.contains(schoolID))
        }
        try homonyms.write(settled.distinctions)
    }

    private mutating func markRemoved() throws {
        // A school this import created has no account from before to lose.
        let schools = covered.filter(schoolsBefore.contains)
        guard !schools.isEmpty else { return }
        var gone: [(id: Int64, login: String)] = []
        var accounts = try BulkStatement(db, sql: """
            SELECT \(RemovedColumn.selectList) FROM account WHERE school_id = ? AND removed_import_id IS NULL ORDER BY name_sort
            """)
        for schoolID in schools.sorted() {
            accounts.bind(schoolID)
            try accounts.forEach { r in
                let id = r.int64(RemovedColumn.id)!
                if seen[id] == nil { gone.append((id, r.string(RemovedColumn.login)!)) }
            }
        }
        var mark = try BulkStatement(db, sql: "UPDATE account SET removed_import_id = ? WHERE id = ?")
        for account in gone {
            mark.bind(importID)
            mark.bind(account.id)
            try mark.execute()
            summary.changes.removed.append(account.login)
            removedIDs.append(account.id)
        }
    }
}

/// The accounts a full export may have lost.
private enum RemovedColumn: Int32, SelectedColumn {
    case id, login

    var expression: String {
        switch self {
        case .id: "id"
        case .login: SQLFragment.printedLogin("account")
        }
    }
}

/// What matching an export row to the stored account reads before the account's own columns.
private enum StoredColumn: Int32, SelectedColumn {
    case id, entKey, removed, collectedEmail

    var expression: String {
        switch self {
        case .id: "id"
        case .entKey: "ent_key"
        case .removed: "removed_import_id"
        case .collectedEmail: "collected_email"
        }
    }
}
