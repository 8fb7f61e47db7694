import GRDB
import SesameCore

/// Keeps `account.distinction` up to date: what documents add to the name of someone who
/// shares it with another pupil or parent of the school (see `Homonyms`).
enum HomonymWriter {
    /// Recomputes the distinctions of the pupils and parents of these schools, and writes
    /// those that changed.
    static func refresh(_ db: Database, schools: some Sequence<Int64>) throws {
        var people = try BulkStatement(db, sql: """
            SELECT \(PersonColumn.selectList)
            FROM account WHERE school_id = ? AND profile IN ('student', 'parent') AND removed_import_id IS NULL
            """)
        var update = try BulkStatement(db, sql: "UPDATE account SET distinction = ? WHERE id = ?")
        for schoolID in schools {
            var school: [Homonyms.Person] = []
            var stored: [Account.ID: String] = [:]
            people.bind(schoolID)
            try people.forEach { r in
                let id = r.int64(PersonColumn.id)!
                school.append(Homonyms.Person(
                    id: id, profile: try Profile.stored(r.string(PersonColumn.profile), column: "account.profile"),
                    firstName: r.string(PersonColumn.firstName)!, lastName: r.string(PersonColumn.lastName)!,
                    login: r.string(PersonColumn.login)!, classes: ListColumn.split(r.string(PersonColumn.classes)!),
                    birthDate: r.string(PersonColumn.birthDate), sex: r.string(PersonColumn.sex).flatMap(RegistryPupil.Sex.init(rawValue:))))
                if let distinction = r.string(PersonColumn.distinction) { stored[id] = distinction }
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

/// What telling homonyms apart reads of each pupil and parent.
private enum PersonColumn: Int32, SelectedColumn {
    case id, profile, firstName, lastName, login, classes, birthDate, sex, distinction

    var expression: String {
        switch self {
        case .id: "id"
        case .profile: "profile"
        case .firstName: "first_name"
        case .lastName: "last_name"
        case .login: SQLFragment.printedLogin("account")
        case .classes: "classes"
        case .birthDate: "birth_date"
        case .sex: "sex"
        case .distinction: "distinction"
        }
    }
}
