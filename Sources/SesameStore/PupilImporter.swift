import Foundation
import GRDB
import SesameCore

/// Applies ONDE's pupils extraction to the pupils of one school already in the store.
enum PupilImporter {
    /// Reconciles the registry's pupils with the school's ENT pupils, keeps the birth date and
    /// sex of each pupil identified (to tell homonyms apart), and reports what differs.
    static func apply(
        _ input: PupilInput, db: Database, now: Date, into result: inout ImportSummary.Pupils
    ) throws -> [ImportProblem] {
        try db.execute(
            sql: "INSERT INTO import (kind, file_name, sha256, encoding, imported_at) VALUES ('pupils', ?, ?, ?, ?)",
            arguments: [input.fileName, input.sha256, input.encoding, now.timeIntervalSince1970])
        let importID = db.lastInsertedRowID
        let schoolID: Int64
        if let school = input.school {
            schoolID = try SchoolDirectory.ids(of: [school], db: db)[0]
        } else {
            let schools = try Row.fetchAll(db, sql: "SELECT id, name FROM school ORDER BY name")
            guard schools.count == 1 else { throw StoreError.schoolRequired(known: schools.map { $0["name"] }) }
            schoolID = schools[0]["id"]
        }
        result.school = try String.fetchOne(db, sql: "SELECT name FROM school WHERE id = ?", arguments: [schoolID])!
        let students = try Row.fetchAll(db, sql: """
            SELECT id, ent_key, first_name, last_name, \(SQLFragment.printedLogin("account")) AS login, classes, source_line FROM account
            WHERE school_id = ? AND profile = 'student' AND removed_import_id IS NULL ORDER BY name_sort
            """, arguments: [schoolID]).map { row in
            FamilyMember(
                id: row["id"], school: result.school, entKey: row["ent_key"], profile: .student, firstName: row["first_name"],
                lastName: row["last_name"], login: row["login"], classes: ListColumn.split(row["classes"]), namedRelatives: [],
                line: row["source_line"])
        }
        var parentHomes: [Account.ID: [PostalAddress]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT pc.child_id, p.street, p.postcode FROM parent_child pc
            JOIN account c ON c.id = pc.child_id JOIN account p ON p.id = pc.parent_id
            WHERE c.school_id = ? AND p.street IS NOT NULL AND p.removed_import_id IS NULL
            """, arguments: [schoolID]) {
            parentHomes[row["child_id"], default: []].append(PostalAddress(street: row["street"], postcode: row["postcode"], city: ""))
        }
        let reconciliation = PupilReconciliation.reconcile(
            input.pupils, students: students, parentHomes: parentHomes, file: input.fileName)
        let update = try db.makeStatement(sql: "UPDATE account SET birth_date = ?, sex = ? WHERE id = ?")
        for (account, pupil) in reconciliation.matches {
            try update.execute(arguments: [pupil.birthDate, pupil.sex?.rawValue, account])
        }
        try HomonymWriter.refresh(db, schools: [schoolID])
        let problems = reconciliation.problems
        result.rows = input.pupils.count
        result.matched = reconciliation.matches.count
        result.withoutAccount = problems.count { $0.kind == .pupilWithoutAccount }
        result.notInRegistry = problems.count { $0.kind == .pupilNotInRegistry }
        result.classDiffers = problems.count { $0.kind == .pupilClassDiffers }
        result.ambiguous = problems.count { $0.kind == .ambiguousPupil }
        try db.execute(
            sql: "UPDATE import SET summary = ? WHERE id = ?", arguments: [try SummaryJSON.encode(result), importID])
        return (input.problems + problems).sorted { ($0.line ?? Int.max) < ($1.line ?? Int.max) }
    }
}
