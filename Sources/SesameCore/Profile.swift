/// The ENT profile of an account.
///
/// The raw values are the identifiers used in JSON output and in strategy files;
/// `frenchName` is what documents and the CLI show.
public enum Profile: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case student, parent, teacher, staff, guest

    /// Reads a profile as written in an ENT export or on the command line:
    /// the French label (`Élève`), entcore's internal name (`Relative`) or our identifier (`parent`).
    public init?(parsing text: String) {
        // The ENT's own spellings first: one comparison instead of building a key per row.
        switch text {
        case "Élève": self = .student; return
        case "Parent": self = .parent; return
        case "Enseignant": self = .teacher; return
        case "Personnel": self = .staff; return
        case "Invité": self = .guest; return
        default: break
        }
        let key = NameKey.loose(text)
        switch key {
        case "eleve", "eleves", "student", "students": self = .student
        case "parent", "parents", "relative", "relatives", "responsable", "responsables": self = .parent
        case "enseignant", "enseignants", "teacher", "teachers": self = .teacher
        case "personnel", "personnels", "staff": self = .staff
        case "invite", "invites", "guest", "guests": self = .guest
        default: return nil
        }
    }

    public var frenchName: String {
        switch self {
        case .student: "Élève"
        case .parent: "Parent"
        case .teacher: "Enseignant"
        case .staff: "Personnel"
        case .guest: "Invité"
        }
    }

    public var frenchPlural: String {
        switch self {
        case .student: "Élèves"
        case .parent: "Parents"
        case .teacher: "Enseignants"
        case .staff: "Personnels"
        case .guest: "Invités"
        }
    }

    /// "1 élève", "13 élèves": a count of accounts of this profile, in lower case, as a
    /// sentence or a table cell says it.
    public func counted(_ count: Int) -> String {
        French.plural(count, frenchName.lowercased(), frenchPlural.lowercased())
    }

    /// The order a director reads a distribution in: students, then their parents, then the adults of the school.
    public var rank: Int {
        switch self {
        case .student: 0
        case .parent: 1
        case .teacher: 2
        case .staff: 3
        case .guest: 4
        }
    }

    public static func < (lhs: Profile, rhs: Profile) -> Bool { lhs.rank < rhs.rank }

    /// Hashed by case: an enum with raw values hashes its raw string by default, and profiles
    /// key dictionaries on the import's hot paths (the summary's counts, a school's people).
    public func hash(into hasher: inout Hasher) { hasher.combine(rank) }
}
