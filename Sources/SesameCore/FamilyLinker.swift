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
///
/// Schools are resolved one at a time (`resolveSchool`), so memory follows the size of a
/// school, not of the export. A person in several schools (`multiSchoolKeys`) may name a
/// child of another school: that name is reported only if no school resolves it.
public struct FamilyLinker: Sendable {
    public let file: String
    private let multiSchoolKeys: Set<String>
    private var settled: [ImportProblem] = []
    private var deferred: [(key: String, problem: ImportProblem)] = []
    private var resolvedElsewhere: Set<String> = []

    public init(file: String, multiSchoolKeys: Set<String> = []) {
        self.file = file
        self.multiSchoolKeys = multiSchoolKeys
    }

    /// Resolves the families of one school, given all its students and parents. Pure, so
    /// that schools can be resolved on another thread; hand the result to `add`.
    public func resolveSchool(_ members: [FamilyMember]) -> SchoolFamilies {
        var resolver = Resolver(members: members, file: file, multiSchoolKeys: multiSchoolKeys)
        let links = resolver.run()
        return SchoolFamilies(
            links: links, problems: resolver.problems, deferred: resolver.deferred, resolvedNames: resolver.resolvedNames)
    }

    /// Takes in a school's problems.
    public mutating func add(_ school: SchoolFamilies) {
        settled += school.problems
        deferred += school.deferred
        resolvedElsewhere.formUnion(school.resolvedNames)
    }

    /// Everything reported so far, in line order; call once every school is added.
    public func problems() -> [ImportProblem] {
        let crossSchool = deferred.filter { !resolvedElsewhere.contains($0.key) }.map(\.problem)
        return (settled + crossSchool).sorted { ($0.line ?? 0, $0.message) < ($1.line ?? 0, $1.message) }
    }

    /// Resolves members of any number of schools at once.
    public static func resolve(_ members: [FamilyMember], file: String) -> FamilyResolution {
        var schools: [String: [FamilyMember]] = [:]
        var order: [String] = []
        var seen: [String: Set<String>] = [:]
        for member in members {
            if schools[member.school] == nil { order.append(member.school) }
            schools[member.school, default: []].append(member)
            seen[member.entKey, default: []].insert(member.school)
        }
        var linker = FamilyLinker(file: file, multiSchoolKeys: Set(seen.filter { $0.value.count > 1 }.keys))
        var links: [ParentChildLink] = []
        for school in order {
            let families = linker.resolveSchool(schools[school]!)
            linker.add(families)
            links += families.links
        }
        return FamilyResolution(links: links.sorted(), problems: linker.problems())
    }
}

/// One school's families: its links, and what it found wrong.
public struct SchoolFamilies: Sendable {
    public let links: [ParentChildLink]
    let problems: [ImportProblem]
    let deferred: [(key: String, problem: ImportProblem)]
    let resolvedNames: Set<String>
}

private struct Resolver {
    let members: [FamilyMember]
    let file: String
    let multiSchoolKeys: Set<String>
    var indexes: [Profile: PersonIndex] = [:]
    var links: Set<ParentChildLink> = []
    var problems: [ImportProblem] = []
    var deferred: [(key: String, problem: ImportProblem)] = []
    /// Names resolved for people in several schools (entKey + name).
    var resolvedNames: Set<String> = []
    var ambiguous: [(asker: Int, name: String, candidates: [Int])] = []

    init(members: [FamilyMember], file: String, multiSchoolKeys: Set<String>) {
        self.members = members
        self.file = file
        self.multiSchoolKeys = multiSchoolKeys
        for (i, member) in members.enumerated() where member.profile == .student || member.profile == .parent {
            indexes[member.profile, default: PersonIndex()].insert(i, firstName: member.firstName, lastName: member.lastName)
        }
    }

    mutating func run() -> [ParentChildLink] {
        for (i, member) in members.enumerated() {
            let target: Profile
            switch member.profile {
            case .parent: target = .student
            case .student: target = .parent
            default: continue
            }
            for name in member.namedRelatives { resolve(name, namedBy: i, among: target) }
        }
        for (asker, name, candidates) in ambiguous {
            // The other side's column may have settled it since.
            if candidates.contains(where: { links.contains(link(asker, $0)) }) { continue }
            problems.append(ambiguousProblem(asker: asker, name: name, candidates: candidates))
        }
        return links.sorted()
    }

    private mutating func resolve(_ name: String, namedBy asker: Int, among profile: Profile) {
        let candidates = narrow(indexes[profile]?.candidates(for: name) ?? [], for: asker)
        let inSeveralSchools = multiSchoolKeys.contains(members[asker].entKey)
        switch candidates.count {
        case 0:
            let problem = unresolvedProblem(asker: asker, name: name)
            if inSeveralSchools { deferred.append((nameKey(asker, name), problem)) } else { problems.append(problem) }
        case 1:
            links.insert(link(asker, candidates[0]))
            if inSeveralSchools { resolvedNames.insert(nameKey(asker, name)) }
        default:
            ambiguous.append((asker, name, candidates))
        }
    }

    /// Homonyms: keep those whose own column names the asker, then those sharing a class.
    private func narrow(_ candidates: [Int], for asker: Int) -> [Int] {
        guard candidates.count > 1 else { return candidates }
        let askerKeys = PersonNameKeys(firstName: members[asker].firstName, lastName: members[asker].lastName)
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
