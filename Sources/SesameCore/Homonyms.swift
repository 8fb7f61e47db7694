/// What tells apart people of one school who share a first and a last name.
///
/// Two "Jade Petit" in one school must not look alike on paper: each place that names one
/// adds what tells her apart, and no more (data minimisation): her class; then her birth
/// date, when the registry's pupils file gave it and the class is not enough; else her
/// login. People with a name of their own get nothing added.
public enum Homonyms {
    public struct Person: Sendable, Hashable {
        public var id: Account.ID
        public var profile: Profile
        public var firstName: String
        public var lastName: String
        public var login: String
        public var classes: [String]
        /// "2017-03-12"
        public var birthDate: String?
        public var sex: RegistryPupil.Sex?

        public init(
            id: Account.ID, profile: Profile, firstName: String, lastName: String, login: String, classes: [String],
            birthDate: String? = nil, sex: RegistryPupil.Sex? = nil
        ) {
            self.id = id
            self.profile = profile
            self.firstName = firstName
            self.lastName = lastName
            self.login = login
            self.classes = classes
            self.birthDate = birthDate
            self.sex = sex
        }
    }

    /// The distinction of each person who has a homonym of the same profile in the list
    /// (which should be one school): "CM1", "CM1, née le 12/03/2017", "CM1, jade.petit2".
    public static func distinctions(_ people: [Person]) -> [Account.ID: String] {
        var result: [Account.ID: String] = [:]
        for members in groupsOfHomonyms(people) {
            var labels = members.map { people[$0].classes.joined(separator: ", ") }
            func collides(_ k: Int) -> Bool { labels.enumerated().contains { $0.offset != k && $0.element == labels[k] } }
            let needBirth = labels.indices.filter(collides)
            for k in needBirth {
                if let birth = people[members[k]].birthDate.flatMap(SchoolCalendar.parse).map(SchoolCalendar.frenchDate) {
                    labels[k] = join(labels[k], bornLabel(people[members[k]].sex) + birth)
                }
            }
            for k in labels.indices.filter(collides) { labels[k] = join(labels[k], people[members[k]].login) }
            for (k, i) in members.enumerated() { result[people[i].id] = labels[k] }
        }
        return result
    }

    /// The people sharing a profile and a name (`NameKey.exact`), in groups of two or more.
    ///
    /// An académie has a million people and tens of thousands of homonyms: the first person
    /// of each name is kept, and a group made only when a second one comes (a list per name
    /// was a million small arrays, a third of telling homonyms apart).
    private static func groupsOfHomonyms(_ people: [Person]) -> [[Int]] {
        var firstByName: [Profile: [String: Int]] = [:]
        var groups: [[Int]] = []
        var groupOfFirst: [Int: Int] = [:]
        for (i, p) in people.enumerated() {
            let name = NameKey.exact(p.firstName + " " + p.lastName)
            guard let first = firstByName[p.profile]?[name] else {
                firstByName[p.profile, default: Dictionary(minimumCapacity: people.count)][name] = i
                continue
            }
            if let group = groupOfFirst[first] {
                groups[group].append(i)
            } else {
                groupOfFirst[first] = groups.count
                groups.append([first, i])
            }
        }
        return groups
    }

    private static func join(_ a: String, _ b: String) -> String { a.isEmpty ? b : a + ", " + b }

    private static func bornLabel(_ sex: RegistryPupil.Sex?) -> String {
        switch sex {
        case .female: "née le "
        case .male: "né le "
        case nil: "date de naissance : "
        }
    }
}
