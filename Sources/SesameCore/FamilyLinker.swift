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

/// Which of the export's relative columns a file has, by field number (from 1), for the
/// rules that confirm a link and for the columns problems point at.
public struct RelativeColumns: Sendable, Hashable {
    /// The parents' "Enfants" column.
    public var children: Int?
    /// The pupils' "Parents" column.
    public var parents: Int?

    public init(children: Int?, parents: Int?) {
        self.children = children
        self.parents = parents
    }

    /// Both columns, as entcore's "Exporter des comptes" writes them.
    public static let both = RelativeColumns(children: 12, parents: 13)
}

/// Turns the names of the export's Enfants and Parents columns into links between accounts.
///
/// A parent's letter carries the code of the parent's account and travels in a child's
/// packet: a wrong link hands it to another family. The ENT names relatives, it does not
/// identify them, so a link is made only when everything the file says of it agrees:
///
/// 1. **Name.** The written name designates the person within the school, among pupils
///    (for a child) or parents (for a parent): exact spellings first (case, composed or
///    decomposed accents, typographic apostrophes, "Nom Prénom" order do not matter),
///    then loose ones (no accents, no punctuation, "?" standing for a letter a
///    spreadsheet's encoding lost) only when no exact spelling is confirmed.
/// 2. **The other column.** When the file has both the Enfants and the Parents column,
///    the person found must name the asker back in theirs. A name match the other column
///    does not confirm is reported (`contradictedLink`) and not linked.
/// 3. **Class.** When both have classes (a parent's Classes are their children's), they
///    must share one; otherwise the match is contradicted.
///    A damaged name in the other column confirms only a person it alone fits.
/// 4. **One person.** Exactly one person must remain after these checks; two or more are
///    reported as ambiguous, none as unresolved or contradicted. A link found through a
///    damaged name ("Nguy?n") is kept only then, and is reported (`linkThroughDamagedName`)
///    so that the director can check it.
///
/// Schools are resolved one at a time (`resolveSchool`), so memory follows the size of a
/// school, not of the export. A person in several schools (`multiSchoolKeys`) may name a
/// child of another school: that name is reported only if no school resolves it.
public struct FamilyLinker: Sendable {
    public let file: String
    public let columns: RelativeColumns
    private let multiSchoolKeys: Set<String>
    private var settled: [ImportProblem] = []
    private var deferred: [(key: String, problem: ImportProblem)] = []
    private var resolvedElsewhere: Set<String> = []

    public init(file: String, columns: RelativeColumns = .both, multiSchoolKeys: Set<String> = []) {
        self.file = file
        self.columns = columns
        self.multiSchoolKeys = multiSchoolKeys
    }

    /// Resolves the families of one school, given all its students and parents. Pure, so
    /// that schools can be resolved on another thread; hand the result to `add`.
    public func resolveSchool(_ members: [FamilyMember]) -> SchoolFamilies {
        var resolver = Resolver(members: members, file: file, columns: columns, multiSchoolKeys: multiSchoolKeys)
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
    public static func resolve(
        _ members: [FamilyMember], file: String, columns: RelativeColumns = .both
    ) -> FamilyResolution {
        var schools: [String: [FamilyMember]] = [:]
        var order: [String] = []
        var seen: [String: Set<String>] = [:]
        for member in members {
            if schools[member.school] == nil { order.append(member.school) }
            schools[member.school, default: []].append(member)
            seen[member.entKey, default: []].insert(member.school)
        }
        var linker = FamilyLinker(
            file: file, columns: columns, multiSchoolKeys: Set(seen.filter { $0.value.count > 1 }.keys))
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
    let columns: RelativeColumns
    let multiSchoolKeys: Set<String>
    var indexes: [Profile: PersonIndex] = [:]
    var links: Set<ParentChildLink> = []
    var problems: [ImportProblem] = []
    var deferred: [(key: String, problem: ImportProblem)] = []
    /// Names resolved for people in several schools (entKey + name).
    var resolvedNames: Set<String> = []
    var ambiguous: [(asker: Int, name: String, candidates: [Int])] = []
    /// Links made through a damaged name, reported once each.
    var throughDamage: [ParentChildLink: (asker: Int, name: String, other: Int)] = [:]
    /// Each member's name keys and class keys, made the first time a check needs them: a
    /// member is checked against every relative that names it.
    private var nameKeys: [Int: PersonNameKeys] = [:]
    /// Each member's classes, as numbers standing for their `NameKey.exact` keys in this school.
    private var classNumbers: [[Int32]] = []
    /// Each member's Enfants or Parents column, keyed once (`NameKey.exact`): it is read to
    /// resolve the member's own relatives, then each time the member is a candidate for
    /// someone else. Nearly every name is written as its person's row writes it, so the
    /// other keys (`PersonNameKeys`) are made only when this one confirms no one.
    private var writtenRelatives: [[String]?] = []
    /// Each member's own name, "Prénom Nom", keyed (`NameKey.exact`).
    private var ownKeys: [String] = []

    init(members: [FamilyMember], file: String, columns: RelativeColumns, multiSchoolKeys: Set<String>) {
        self.members = members
        self.file = file
        self.columns = columns
        self.multiSchoolKeys = multiSchoolKeys
        ownKeys = members.map { NameKey.exact($0.firstName + " " + $0.lastName) }
        writtenRelatives = Array(repeating: nil, count: members.count)
        for (i, member) in members.enumerated() where member.profile == .student || member.profile == .parent {
            indexes[member.profile, default: PersonIndex()].insert(
                i, firstName: member.firstName, lastName: member.lastName, exactKey: ownKeys[i])
        }
        // A school has a few classes, each written the same way on most rows: each spelling
        // is keyed once.
        var bySpelling: [String: Int32] = [:], byKey: [String: Int32] = [:]
        classNumbers = members.map { member in
            member.classes.map { name in
                if let number = bySpelling[name] { return number }
                let key = NameKey.exact(name)
                let number = byKey[key] ?? Int32(byKey.count)
                (byKey[key], bySpelling[name]) = (number, number)
                return number
            }
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
            for (name, key) in zip(member.namedRelatives, relativeKeys(of: i)) { resolve(name, key, namedBy: i, among: target) }
        }
        for (asker, name, candidates) in ambiguous {
            // The other side's column may have settled it since.
            if candidates.contains(where: { links.contains(link(asker, $0)) }) { continue }
            problems.append(ambiguousProblem(asker: asker, name: name, candidates: candidates))
        }
        for (link, how) in throughDamage.sorted(by: { $0.key < $1.key }) where links.contains(link) {
            problems.append(damagedLinkProblem(asker: how.asker, name: how.name, other: how.other))
        }
        return links.sorted()
    }

    private mutating func resolve(_ name: String, _ exactKey: String, namedBy asker: Int, among profile: Profile) {
        let inSeveralSchools = multiSchoolKeys.contains(members[asker].entKey)
        func report(_ problem: ImportProblem) {
            if inSeveralSchools { deferred.append((nameKey(asker, name), problem)) } else { problems.append(problem) }
        }
        // Exact spellings first; loose ones only when no exact spelling is confirmed.
        var found: [Int] = []
        var contradicted: [(candidate: Int, why: String)] = []
        for loose in [false, true] {
            // The loose tier (a scan of the school's damaged names) only when the exact one confirms no one.
            let tier = (loose ? indexes[profile]?.looseCandidates(for: name) : indexes[profile]?.exactCandidates(forKey: exactKey)) ?? []
            for candidate in tier where !found.contains(candidate) {
                if let why = contradiction(asker: asker, candidate: candidate) {
                    if !contradicted.contains(where: { $0.candidate == candidate }) { contradicted.append((candidate, why)) }
                } else {
                    found.append(candidate)
                }
            }
            if !found.isEmpty { break }
        }
        switch found.count {
        case 0:
            report(contradicted.isEmpty
                ? unresolvedProblem(asker: asker, name: name)
                : contradictedProblem(asker: asker, name: name, contradicted: contradicted))
        case 1:
            let made = link(asker, found[0])
            links.insert(made)
            if inSeveralSchools { resolvedNames.insert(nameKey(asker, name)) }
            if NameKey.isDamaged(name) || isDamaged(found[0]) || isDamaged(asker), throughDamage[made] == nil {
                throughDamage[made] = (asker, name, found[0])
            }
        default:
            ambiguous.append((asker, name, found))
        }
    }

    /// Why another column contradicts `candidate` as the relative `asker` names, if it does.
    /// A damaged name in the candidate's column confirms the asker only if it fits no one else.
    private mutating func contradiction(asker: Int, candidate: Int) -> String? {
        let reverseColumnExists = members[candidate].profile == .parent ? columns.children != nil : columns.parents != nil
        if reverseColumnExists {
            let askerProfile = members[asker].profile
            func confirms(_ name: String) -> Bool {
                !NameKey.isDamaged(name) || indexes[askerProfile]?.candidates(for: name) == [asker]
            }
            let ownKey = ownKeys[asker]
            var confirming = zip(members[candidate].namedRelatives, relativeKeys(of: candidate))
                .contains { name, key in key == ownKey && confirms(name) }
            if !confirming {
                let askerKeys = nameKeys[asker] ?? PersonNameKeys(firstName: members[asker].firstName, lastName: members[asker].lastName)
                if nameKeys[asker] == nil { nameKeys[asker] = askerKeys }
                confirming = members[candidate].namedRelatives.contains { askerKeys.isNamed($0) && confirms($0) }
            }
            if !confirming {
                let column = members[candidate].profile == .parent ? "Enfants" : "Parents"
                return "sa colonne \(column) ne nomme pas « \(members[asker].displayName) »"
            }
        }
        let (askerClasses, candidateClasses) = (classNumbers[asker], classNumbers[candidate])
        if !askerClasses.isEmpty, !candidateClasses.isEmpty, !askerClasses.contains(where: candidateClasses.contains) {
            let (a, c) = (members[asker].classes, members[candidate].classes)
            return "aucune classe en commun (\(a.joined(separator: ", ")) / \(c.joined(separator: ", ")))"
        }
        return nil
    }

    private mutating func relativeKeys(of member: Int) -> [String] {
        if let keys = writtenRelatives[member] { return keys }
        let keys = members[member].namedRelatives.map(NameKey.exact)
        writtenRelatives[member] = keys
        return keys
    }

    private func isDamaged(_ member: Int) -> Bool {
        NameKey.isDamaged(members[member].firstName) || NameKey.isDamaged(members[member].lastName)
    }

    private func link(_ a: Int, _ b: Int) -> ParentChildLink {
        members[a].profile == .parent
            ? ParentChildLink(parent: members[a].id, child: members[b].id)
            : ParentChildLink(parent: members[b].id, child: members[a].id)
    }

    private func nameKey(_ asker: Int, _ name: String) -> String {
        members[asker].entKey + "\u{1}" + NameKey.loose(name)
    }

    /// The column of the asker's row that named the relative.
    private func column(of asker: Int) -> Int? {
        members[asker].profile == .parent ? columns.children : columns.parents
    }

    private func who(_ i: Int) -> String {
        "« \(members[i].displayName) » (\(members[i].login))"
    }

    private func unresolvedProblem(asker: Int, name: String) -> ImportProblem {
        let m = members[asker]
        if m.profile == .parent {
            return ImportProblem(
                kind: .unresolvedChild, file: file, line: m.line, column: column(of: asker),
                message: "responsable \(who(asker)) : aucun élève « \(name) » dans l’établissement ; lien non créé")
        }
        return ImportProblem(
            kind: .unresolvedParent, file: file, line: m.line, column: column(of: asker),
            message: "élève \(who(asker)) : aucun responsable « \(name) » dans l’établissement ; lien non créé")
    }

    private func contradictedProblem(asker: Int, name: String, contradicted: [(candidate: Int, why: String)]) -> ImportProblem {
        let m = members[asker]
        let role = m.profile == .parent ? "responsable" : "élève"
        let reasons = contradicted.map { "\(members[$0.candidate].login) ligne \(members[$0.candidate].line) : \($0.why)" }
        return ImportProblem(
            kind: .contradictedLink, file: file, line: m.line, column: column(of: asker),
            message: "\(role) \(who(asker)) : « \(name) » ressemble à un compte que le fichier contredit (\(reasons.joined(separator: " ; "))) ; lien non créé, à vérifier dans l’ENT")
    }

    private func ambiguousProblem(asker: Int, name: String, candidates: [Int]) -> ImportProblem {
        let m = members[asker]
        let list = candidates.map { "\(members[$0].login) ligne \(members[$0].line)" }.joined(separator: ", ")
        let (kind, role) = m.profile == .parent
            ? (ImportProblem.Kind.ambiguousChild, "responsable") : (.ambiguousParent, "élève")
        return ImportProblem(
            kind: kind, file: file, line: m.line, column: column(of: asker),
            message: "\(role) \(who(asker)) : « \(name) » désigne \(candidates.count) comptes (\(list)) ; lien non créé, à vérifier dans l’ENT")
    }

    private func damagedLinkProblem(asker: Int, name: String, other: Int) -> ImportProblem {
        let m = members[asker]
        let role = m.profile == .parent ? "responsable" : "élève"
        return ImportProblem(
            kind: .linkThroughDamagedName, file: file, line: m.line, column: column(of: asker),
            message: "\(role) \(who(asker)) : « \(name) », dont des lettres ont été perdues, est relié à \(who(other)), ligne \(members[other].line), seul compte que toutes les colonnes confirment ; vérifiez ce lien")
    }
}
