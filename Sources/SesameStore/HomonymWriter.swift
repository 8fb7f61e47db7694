import GRDB
import SesameCore

/// Keeps `account.distinction` up to date: what documents add to the name of someone who
/// shares it with another pupil or parent of the school (see `Homonyms`).
enum HomonymWriter {
    /// Recomputes the distinctions of the pupils and parents of these schools, and writes
    /// those that changed.
    static func refresh(_ db: Database, schools: some Sequence<Int64>) throws {
        var people = try BulkStatement(db, sql: """
            SELECT id, profile, first_name, last_name, \(SQLFragment.printedLogin("account")), classes, birth_date, sex, distinction
            FROM account WHERE school_id = ? AND profile IN ('student', 'parent') AND removed_import_id IS NULL
            """)
        var update = try BulkStatement(db, sql: "UPDATE account SET distinction = ? WHERE id = ?")
        for schoolID in schools {
            var school: [Homonyms.Person] = []
            var stored: [Account.ID: String] = [:]
            people.bind(schoolID)
            try people.forEach { r in
                let id = r.int64(0)!
                school.append(Homonyms.Person(
                    id: id, profile: r.string(1) == "parent" ? .parent : .student, firstName: r.string(2)!,
                    lastName: r.string(3)!, login: r.string(4)!, classes: ListColumn.split(r.string(5)!),
                    birthDate: r.string(6), sex: r.string(7).flatMap(RegistryPupil.Sex.init(rawValue:))))
                if let distinction = r.string(8) { stored[id] = distinction }
            }
            let fresh = Homonyms.distinctions(school)
            for id in Set(stored.keys).union(fresh.keys) where stored[id] != fresh[id] {
                update.bind(fresh[id])
                update.bind(id)
                try update.execute()
            }
        }
    }
}
