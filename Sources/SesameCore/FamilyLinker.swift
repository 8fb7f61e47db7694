/// A student or a parent, as family link resolution sees them.
public struct FamilyMember: Sendable, Hashable {
    public var id: Account.ID
    public var school: String
    /// Same person across schools (see `Account.entKey`).
    public var entKey: String
    public var profile: Profile
    public var firstName: String
    public var lastName: String
    public var login: String
    public var classes: [String]
    /// The export's Enfants (for a parent) or Parents (for a student) column, as written.
    public var namedRelatives: [String]
    public var line: Int

    public init(
        id: Account.ID, school: String, entKey: String, profile: Profile, firstName: String, lastName: String,
        login: String, classes: [String], namedRelatives: [String], line: Int
    ) {
        self.id = id
        self.school = school
        self.entKey = entKey
        self.profile = profile
        self.firstName = firstName
        self.lastName = lastName
        self.login = login
        self.classes = classes
        self.namedRelatives = namedRelatives
        self.line = line
    }

    public var displayName: String { "\(firstName) \(lastName)" }
}

public struct ParentChildLink: Sendable, Hashable, Comparable {
    public var parent: Account.ID
    public var child: Account.ID

    public init(parent: Account.ID, child: Account.ID) {
        self.parent = parent
        self.child = child
    }

    public static func < (a: Self, b: Self) -> Bool { (a.parent, a.child) < (b.parent, b.child) }
}

public struct FamilyResolution: Sendable {
    public var links: [ParentChildLink]
    public var problems: [ImportProblem]
}

/// Turns the names of the export's Enfants and Parents columns into links between accounts.
///
/// The ENT names relatives, it does not identify them, so a name is resolved within the
/// school, among students (for a child) or parents (for a parent). Homonyms are told apart
/// by the reverse column (the child whose Parents column names this parent) and then by
/// class (a parent's Classes are their children's classes). A name that still designates
/// several people, or none, is reported and left unlinked: a wrong link would send a
/// child's credentials to another family.
public enum FamilyLinker {
    public static func resolve(_ members: [FamilyMember], file: String) -> FamilyResolution {
        var resolver = Resolver(members: members, file: file)
        return resolver.run()
    }
}

private struct Resolver {
    let members: [FamilyMember]
    let file: String
    let keys: [PersonNameKeys]
    /// Per school and profile, who can be named.
    var indexes: [String: [Profile: PersonIndex]] = [:]
    var links: Set<ParentChildLink> = []
    /// Names that resolved for some row of a person (entKey + name), so that a parent present
    /// in two schools is not reported for the child who is in the other one.
    var resolvedNames: Set<String> = []
    var unresolved: [(asker: Int, name: String)] = []
    var ambiguous: [(asker: Int, name: String, candidates: [Int])] = []

    init(members: [FamilyMember], file: String) {
        self.members = members
        self.file = file
        keys = members.map { PersonNameKeys(firstName: $0.firstName, lastName: $0.lastName) }
        for (i, member) in members.enumerated() where member.profile == .student || member.profile == .parent {
            indexes[member.school, default: [:]][member.profile, default: PersonIndex()].insert(i, keys: keys[i])
        }
    }

    mutating func run() -> FamilyResolution {
        for (i, member) in members.enumerated() {
            let target: Profile
            switch member.profile {
            case .parent: target = .student
            case .student: target = .parent
            default: continue
            }
            for name in member.namedRelatives { resolve(name, namedBy: i, among: target) }
        }
        var problems: [ImportProblem] = []
        for (asker, name) in unresolved where !resolvedNames.contains(nameKey(asker, name)) {
            problems.append(unresolvedProblem(asker: asker, name: name))
        }
        for (asker, name, candidates) in ambiguous {
            // The other side's column may have settled it since.
            if candidates.contains(where: { links.contains(link(asker, $0)) }) { continue }
            problems.append(ambiguousProblem(asker: asker, name: name, candidates: candidates))
        }
        problems.sort { ($0.line ?? 0, $0.message) < ($1.line ?? 0, $1.message) }
        return FamilyResolution(links: links.sorted(), problems: problems)
    }

    private mutating func resolve(_ name: String, namedBy asker: Int, among profile: Profile) {
        let index = indexes[members[asker].school]?[profile]
        let candidates = narrow(index?.candidates(for: name) ?? [], for: asker)
        switch candidates.count {
        case 0:
            unresolved.append((asker, name))
        case 1:
            links.insert(link(asker, candidates[0]))
            resolvedNames.insert(nameKey(asker, name))
        default:
            ambiguous.append((asker, name, candidates))
        }
    }

    /// Homonyms: keep those whose own column names the asker, then those sharing a class.
    private func narrow(_ candidates: [Int], for asker: Int) -> [Int] {
        guard candidates.count > 1 else { return candidates }
        let askerKeys = keys[asker]
        let namingAsker = candidates.filter { c in members[c].namedRelatives.contains(where: askerKeys.isNamed) }
        if namingAsker.count == 1 { return namingAsker }
        let pool = namingAsker.isEmpty ? candidates : namingAsker
        let askerClasses = Set(members[asker].classes.map(NameKey.exact))
        let sharingClass = pool.filter { c in members[c].classes.contains { askerClasses.contains(NameKey.exact($0)) } }
        return sharingClass.isEmpty ? pool : sharingClass
    }

    private func link(_ a: Int, _ b: Int) -> ParentChildLink {
        members[a].profile == .parent
            ? ParentChildLink(parent: members[a].id, child: members[b].id)
            : ParentChildLink(parent: members[b].id, child: members[a].id)
    }

    private func nameKey(_ asker: Int, _ name: String) -> String {
        members[asker].entKey + "\u{1}" + NameKey.loose(name)
    }

    private func unresolvedProblem(asker: Int, name: String) -> ImportProblem {
        let m = members[asker]
        if m.profile == .parent {
            return ImportProblem(
                kind: .unresolvedChild, file: file, line: m.line,
                message: "responsable « \(m.displayName) » (\(m.login)) : aucun élève « \(name) » dans l’établissement ; lien non créé")
        }
        return ImportProblem(
            kind: .unresolvedParent, file: file, line: m.line,
            message: "élève « \(m.displayName) » (\(m.login)) : aucun responsable « \(name) » dans l’établissement ; lien non créé")
    }

    private func ambiguousProblem(asker: Int, name: String, candidates: [Int]) -> ImportProblem {
        let m = members[asker]
        let who = candidates.map { "\(members[$0].login) ligne \(members[$0].line)" }.joined(separator: ", ")
        let (kind, role) = m.profile == .parent
            ? (ImportProblem.Kind.ambiguousChild, "responsable") : (.ambiguousParent, "élève")
        return ImportProblem(
            kind: kind, file: file, line: m.line,
            message: "\(role) « \(m.displayName) » (\(m.login)) : « \(name) » désigne \(candidates.count) comptes (\(who)) ; lien non créé, à vérifier dans l’ENT")
    }
}
