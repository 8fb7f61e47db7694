import GRDB
import SesameCore

/// The pupils and parents of one school still listed, as they are stored: what resolving
/// the school's families and telling its homonyms apart both read, read once.
struct SchoolPeople: Sendable {
    struct Person: Sendable {
        var id: Account.ID
        var entKey: String
        var profile: Profile
        var firstName: String
        var lastName: String
        var login: String
        /// The lists as stored (`ListColumn`): split by the thread that resolves the school.
        var classes: String
        /// The export's Enfants column (for a parent) or Parents column (for a pupil).
        var namedRelatives: String
        var birthDate: String?
        var sex: RegistryPupil.Sex?
        var distinction: String?
        /// The line of the file being imported that lists the person, if it does.
        var line: Int?
    }

    let schoolID: Int64
    let people: [Person]

    /// The people the file being imported lists (a partial export says nothing of the
    /// others), as family resolution sees them.
    func familyMembers() -> [FamilyMember] {
        people.compactMap { p in
            guard let line = p.line else { return nil }
            return FamilyMember(
                id: p.id, school: String(schoolID), entKey: p.entKey, profile: p.profile, firstName: p.firstName,
                lastName: p.lastName, login: p.login, classes: ListColumn.split(p.classes),
                namedRelatives: ListColumn.split(p.namedRelatives), line: line)
        }
    }

    /// The distinctions to write: each person whose distinction (`Homonyms`) is not the one stored.
    func changedDistinctions() -> [(id: Account.ID, distinction: String?)] {
        let fresh = Homonyms.distinctions(people.map {
            Homonyms.Person(
                id: $0.id, profile: $0.profile, firstName: $0.firstName, lastName: $0.lastName, login: $0.login,
                classes: ListColumn.split($0.classes), birthDate: $0.birthDate, sex: $0.sex)
        })
        return people.compactMap { p in fresh[p.id] == p.distinction ? nil : (p.id, fresh[p.id]) }
    }

    /// Reads schools one after the other with one compiled statement.
    struct Reader {
        private var statement: BulkStatement

        init(_ db: Database) throws {
            statement = try BulkStatement(db, sql: """
                SELECT \(Column.selectList)
                FROM account WHERE school_id = ? AND profile IN ('student', 'parent') AND removed_import_id IS NULL
                ORDER BY id
                """)
        }

        /// `lines`: the line of the file being imported each account was read from.
        mutating func read(school schoolID: Int64, lines: [Int64: Int]) throws -> SchoolPeople {
            var people: [Person] = []
            statement.bind(schoolID)
            try statement.forEach { r in
                let id = r.int64(Column.id)!
                let profile = try Profile.stored(r.string(Column.profile), column: "account.profile")
                people.append(Person(
                    id: id, entKey: r.string(Column.entKey)!, profile: profile,
                    firstName: r.string(Column.firstName)!, lastName: r.string(Column.lastName)!, login: r.string(Column.login)!,
                    classes: r.string(Column.classes)!,
                    namedRelatives: r.string(profile == .parent ? Column.children : Column.parents)!,
                    birthDate: r.string(Column.birthDate), sex: r.string(Column.sex).flatMap(RegistryPupil.Sex.init(rawValue:)),
                    distinction: r.string(Column.distinction), line: lines[id]))
            }
            return SchoolPeople(schoolID: schoolID, people: people)
        }
    }

    private enum Column: Int32, SelectedColumn {
        case id, entKey, profile, firstName, lastName, login, classes, children, parents, birthDate, sex, distinction

        var expression: String {
            switch self {
            case .id: "id"
            case .entKey: "ent_key"
            case .profile: "profile"
            case .firstName: "first_name"
            case .lastName: "last_name"
            case .login: SQLFragment.printedLogin("account")
            case .classes: "classes"
            case .children: "children_names"
            case .parents: "parent_names"
            case .birthDate: "birth_date"
            case .sex: "sex"
            case .distinction: "distinction"
            }
        }
    }
}
