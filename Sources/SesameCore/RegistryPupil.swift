/// A pupil as the school registry (ONDE) lists them in its pupils extraction.
public struct RegistryPupil: Sendable, Hashable {
    public var line: Int
    public var name: RegistryName
    /// "2017-03-12", when the registry gives it.
    public var birthDate: String?
    public var sex: Sex?
    public var level: String?
    public var className: String
    /// The homes the registry gives (Adresse1/Cp1, Adresse2/Cp2; the town is not compared).
    public var homes: [PostalAddress] = []

    public enum Sex: String, Sendable, Hashable {
        case female = "F", male = "M"
    }

    public init(line: Int, name: RegistryName, birthDate: String?, sex: Sex?, level: String?, className: String) {
        self.line = line
        self.name = name
        self.birthDate = birthDate
        self.sex = sex
        self.level = level
        self.className = className
    }
}

/// What the registry's pupils say of the ENT's: which account is which pupil, and what the
/// two disagree on. No ENT console gives this.
public struct PupilReconciliation: Sendable {
    /// ENT pupils identified in the registry, with the registry's row.
    public var matches: [(account: Account.ID, pupil: RegistryPupil)]
    public var problems: [ImportProblem]

    /// Matches registry pupils to the ENT pupils of one school by name (usage or birth
    /// name), homonyms told apart by class, then by home: the registry's address of the
    /// pupil against those of the parents the ENT links them to (`parentHomes`), then by
    /// elimination (an account another row alone designates is not this row's). Two pupils
    /// nothing tells apart stay unmatched, and are reported.
    public static func reconcile(
        _ pupils: [RegistryPupil], students: [FamilyMember], parentHomes: [Account.ID: [PostalAddress]] = [:],
        file: String
    ) -> PupilReconciliation {
        var index = PersonIndex()
        for (i, s) in students.enumerated() { index.insert(i, firstName: s.firstName, lastName: s.lastName) }
        var claims: [Int: [Int]] = [:]  // student → registry rows naming it
        var problems: [ImportProblem] = []
        var chosen: [(student: Int, pupil: Int)] = []
        var undecided: [(pupil: Int, candidates: [Int])] = []
        for (p, pupil) in pupils.enumerated() {
            var named: [Int] = []
            for spelling in pupil.name.spellings {
                for i in index.candidates(for: spelling) where !named.contains(i) { named.append(i) }
            }
            let sameClass = named.filter { students[$0].classes.contains { NameKey.exact($0) == NameKey.exact(pupil.className) } }
            var candidates = sameClass.isEmpty ? named : sameClass
            if candidates.count > 1 {
                let atHome = candidates.filter { c in
                    (parentHomes[students[c].id] ?? []).contains { home in pupil.homes.contains { isSameHome($0, home) } }
                }
                if atHome.count == 1 { candidates = atHome }
            }
            guard !candidates.isEmpty else {
                problems.append(ImportProblem(
                    kind: .pupilWithoutAccount, file: file, line: pupil.line,
                    message: "élève « \(pupil.name.displayName) » (\(pupil.className)) inscrit dans ONDE mais sans compte dans l’ENT ; à créer ou à rattacher dans l’ENT"))
                continue
            }
            guard candidates.count == 1 else {
                undecided.append((p, candidates))
                continue
            }
            claims[candidates[0], default: []].append(p)
            chosen.append((candidates[0], p))
        }
        // Each account is one pupil: an account another row alone designates is not this one's.
        for (p, candidates) in undecided {
            let pupil = pupils[p]
            let free = candidates.filter { claims[$0] == nil }
            if free.count == 1 {
                claims[free[0], default: []].append(p)
                chosen.append((free[0], p))
                continue
            }
            problems.append(ImportProblem(
                kind: .ambiguousPupil, file: file, line: pupil.line,
                message: "élève « \(pupil.name.displayName) » (\(pupil.className)) : \(candidates.count) comptes de l’ENT portent ce nom (\(candidates.map { students[$0].login }.joined(separator: ", "))) ; ni la classe ni l’adresse ne permettent de savoir lequel est cet élève ; sa date de naissance n’est pas reprise"))
            for c in candidates { claims[c, default: []].append(-1) }
        }
        var matches: [(account: Account.ID, pupil: RegistryPupil)] = []
        for (student, p) in chosen {
            let pupil = pupils[p]
            guard claims[student]!.count == 1 else {
                problems.append(ImportProblem(
                    kind: .ambiguousPupil, file: file, line: pupil.line,
                    message: "élève « \(pupil.name.displayName) » (\(pupil.className)) : plusieurs lignes d’ONDE désignent le compte \(students[student].login) ; sa date de naissance n’est pas reprise"))
                continue
            }
            let account = students[student]
            if !account.classes.contains(where: { NameKey.exact($0) == NameKey.exact(pupil.className) }) {
                problems.append(ImportProblem(
                    kind: .pupilClassDiffers, file: file, line: pupil.line,
                    message: "élève « \(pupil.name.displayName) » (\(account.login)) : classe « \(pupil.className) » dans ONDE, « \(account.classes.joined(separator: ", ")) » dans l’ENT ; à mettre à jour dans l’ENT"))
            }
            matches.append((account.id, pupil))
        }
        for (i, student) in students.enumerated() where claims[i] == nil {
            problems.append(ImportProblem(
                kind: .pupilNotInRegistry, file: file, line: nil,
                message: "élève « \(student.displayName) » (\(student.login), \(student.classes.joined(separator: ", "))) a un compte dans l’ENT mais n’est plus dans ONDE ; départ de l’école à vérifier"))
        }
        return PupilReconciliation(matches: matches, problems: problems)
    }

    private static func isSameHome(_ a: PostalAddress, _ b: PostalAddress) -> Bool {
        NameKey.loose(a.postcode) == NameKey.loose(b.postcode) && NameKey.loose(a.street) == NameKey.loose(b.street)
    }
}
