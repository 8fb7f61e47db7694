import Foundation
import SesameCore

/// Makes fictional schools in the shape of real ENT exports.
///
/// With `oddities` on, a school carries what real files do (see DESIGN.md §3): accents
/// written decomposed, hyphenated and apostrophe names, a duplicated row, invalid emails,
/// homonym pupils in one class and homonym parents, a parent naming a child who left, a
/// teacher with two classes and a class with two teachers, aliases, and an address file
/// in ISO-8859-1 with an unknown parent and a collected email that is not one.
public struct SchoolGenerator: Sendable {
    public struct Options: Sendable {
        public var seed: UInt64 = 1
        public var schoolName = "École élémentaire publique Les Tilleuls"
        public var city = "Nantes"
        public var postcode = "44000"
        public var classNames = ["PS-MS", "GS", "CP A", "CP B", "CE1", "CE2", "CM1-CM2", "CM2"]
        public var studentsPerClass: ClosedRange<Int> = 18...24
        /// Share of students and parents who have already activated their account.
        public var activatedShare = 0.3
        /// Share of parents in the address file who gave the school an email.
        public var collectedEmailShare = 0.45
        public var oddities = true
        public var exportDate = SchoolCalendar.parse("2026-09-01T08:00:00+02:00")!

        public init() {}
    }

    public let options: Options

    public init(_ options: Options = Options()) {
        self.options = options
    }

    /// Generates the school; `logins` keeps logins unique across the schools of one ENT.
    public func generate(logins: inout LoginRegistry) -> GeneratedSchool {
        var builder = Builder(options: options)
        builder.build(logins: &logins)
        return builder.school
    }

    /// Two schools for one store, their logins unique across both: the default school and
    /// "École primaire Jules Ferry" (drawn with `secondSeed`).
    public static func twoSchools(secondSeed: UInt64 = 5) -> [GeneratedSchool] {
        var logins = LoginRegistry()
        var second = Options()
        second.seed = secondSeed
        second.schoolName = "École primaire Jules Ferry"
        return [SchoolGenerator().generate(logins: &logins), SchoolGenerator(second).generate(logins: &logins)]
    }

    public func generate() -> GeneratedSchool {
        var logins = LoginRegistry()
        return generate(logins: &logins)
    }
}

/// The logins an ENT has handed out: "prenom.nom", then "prenom.nom2"… for homonyms.
public struct LoginRegistry: Sendable {
    private var used: [String: Int] = [:]

    public init() {}

    mutating func login(firstName: String, lastName: String) -> String {
        let base = Self.ascii(firstName) + "." + Self.ascii(lastName)
        let count = (used[base] ?? 0) + 1
        used[base] = count
        return count == 1 ? base : base + String(count)
    }

    static func ascii(_ text: String) -> String {
        NameKey.loose(text).unicodeScalars.filter { $0.isASCII }.map(String.init).joined()
    }
}

struct Builder {
    let options: SchoolGenerator.Options
    var random: SeededRandom
    var people: [GeneratedPerson] = []
    var addressRows: [(parent: Int, child: Int)] = []
    var decomposed: Set<Int> = []
    var exportOrder: [Int] = []

    init(options: SchoolGenerator.Options) {
        self.options = options
        random = SeededRandom(seed: options.seed)
    }

    var school: GeneratedSchool {
        GeneratedSchool(
            name: options.schoolName, city: options.city, people: people, exportOrder: exportOrder,
            addressRows: addressRows, decomposed: decomposed, exportDate: options.exportDate)
    }

    mutating func build(logins: inout LoginRegistry) {
        let classes = options.classNames
        // Teachers: one per class; the first is the director, a local administrator.
        for (i, className) in classes.enumerated() {
            var teacher = newPerson(.teacher, first: random.pick(NamePool.firstNames), last: random.pick(NamePool.lastNames), logins: &logins, activated: true)
            teacher.classes = [className]
            if i == 0 { teacher.functions = ["ADMIN_LOCAL"] }
            teacher.email = email(for: teacher)
            people.append(teacher)
        }
        if options.oddities && classes.count >= 3 {
            // A teacher with two classes, and a class with two teachers (a part-time colleague).
            people[1].classes.append(classes[2])
            var partTime = newPerson(.teacher, first: "Camille", last: "Roux", logins: &logins, activated: true)
            partTime.classes = [classes[classes.count - 1]]
            people.append(partTime)
        }
        for _ in 0..<2 {
            var staff = newPerson(.staff, first: random.pick(NamePool.firstNames), last: random.pick(NamePool.lastNames), logins: &logins, activated: false)
            staff.functions = []
            people.append(staff)
        }

        // Families: each pupil belongs to one; some families have a second child in another class.
        var families: [[Int]] = []  // pupils per family
        var familyNames: [String] = []
        for className in classes {
            for _ in 0..<random.int(options.studentsPerClass) {
                if !families.isEmpty && random.chance(0.12) {
                    // A younger or older sibling of a family already in the school.
                    let f = random.int(0...(families.count - 1))
                    if !families[f].contains(where: { people[$0].classes.contains(className) }) {
                        families[f].append(addPupil(first: random.pick(NamePool.firstNames), last: familyNames[f], className: className, logins: &logins))
                        continue
                    }
                }
                let last = random.pick(NamePool.lastNames)
                familyNames.append(last)
                families.append([addPupil(first: random.pick(NamePool.firstNames), last: last, className: className, logins: &logins)])
            }
        }
        if options.oddities, classes.count >= 2 {
            // Two pupils with the same name in one class, from different families.
            for _ in 0..<2 {
                familyNames.append("Petit")
                families.append([addPupil(first: "Jade", last: "Petit", className: classes[classes.count / 2], logins: &logins)])
            }
        }
        for (f, pupils) in families.enumerated() {
            let parentCount = random.chance(0.85) ? 2 : 1
            var firstNames: [String] = []
            for k in 0..<parentCount {
                let last = k == 0 || random.chance(0.7) ? familyNames[f] : random.pick(NamePool.lastNames)
                var first = random.pick(NamePool.firstNames)
                while firstNames.contains(first) { first = random.pick(NamePool.firstNames) }
                firstNames.append(first)
                addParent(first: first, last: last, children: pupils, logins: &logins)
            }
        }
        if options.oddities {
            addOddities(families: families, logins: &logins)
        }
        buildAddressRows()
        exportOrder = Array(people.indices.filter { !people[$0].isGhost })
        exportOrder.shuffle(using: &random)
        if options.oddities, let parent = exportOrder.first(where: { people[$0].profile == .parent }) {
            exportOrder.insert(parent, at: exportOrder.count * 2 / 3)  // an exact duplicate row
        }
    }

    private mutating func addPupil(first: String, last: String, className: String, logins: inout LoginRegistry) -> Int {
        var pupil = newPerson(.student, first: first, last: last, logins: &logins, activated: random.chance(options.activatedShare))
        pupil.classes = [className]
        people.append(pupil)
        return people.count - 1
    }

    private mutating func addParent(first: String, last: String, children: [Int], logins: inout LoginRegistry) {
        var parent = newPerson(.parent, first: first, last: last, logins: &logins, activated: random.chance(options.activatedShare))
        parent.children = children
        for c in children {
            for className in people[c].classes where !parent.classes.contains(className) { parent.classes.append(className) }
        }
        if parent.activationCode == nil && random.chance(0.8) { parent.email = email(for: parent) }
        parent.phone = random.chance(0.8) ? "06" + String(random.int(10_000_000...99_999_999)) : nil
        parent.address = PostalAddress(
            street: "\(random.int(1...120)) \(random.pick(NamePool.streets))", postcode: options.postcode, city: options.city)
        let index = people.count
        people.append(parent)
        for c in children { people[c].parents.append(index) }
    }

    private mutating func addOddities(families: [[Int]], logins: inout LoginRegistry) {
        let parents = people.indices.filter { people[$0].profile == .parent }
        guard parents.count >= 6 else { return }
        // Homonym parents, in two different families.
        let (a, b) = (parents[1], parents[parents.count - 2])
        for p in [a, b] { rename(p, first: "Gabriel", last: "Durand", logins: &logins) }
        // Invalid and upper-case emails, as typed by hand.
        people[parents[2]].email = "jean.dupont@"
        people[parents[3]].email = "martin chez orange"
        people[parents[4]].email = people[parents[4]].email.map { $0.uppercased() } ?? "FAMILLE.\(LoginRegistry.ascii(people[parents[4]].lastName).uppercased())@SFR.FR"
        // A child who left the school, still named by a parent.
        var ghost = newPerson(.student, first: "Timéo", last: people[parents[5]].lastName, logins: &logins, activated: false)
        ghost.isGhost = true
        ghost.classes = people[people[parents[5]].children[0]].classes
        people.append(ghost)
        people[parents[5]].children.append(people.count - 1)
        // Accents written decomposed for about one row in ten.
        for i in people.indices where random.chance(0.1) { decomposed.insert(i) }
    }

    private mutating func rename(_ index: Int, first: String, last: String, logins: inout LoginRegistry) {
        people[index].firstName = first
        people[index].lastName = last
        people[index].login = logins.login(firstName: first, lastName: last)
        people[index].alias = nil
    }

    private mutating func buildAddressRows() {
        for (p, person) in people.enumerated() where person.profile == .parent {
            for c in person.children where !people[c].isGhost {
                guard random.chance(0.92) else { continue }  // the registry does not list everyone
                addressRows.append((p, c))
            }
            if random.chance(options.collectedEmailShare) {
                people[p].collectedEmail = "\(LoginRegistry.ascii(person.firstName)).\(LoginRegistry.ascii(person.lastName)).famille@\(random.pick(NamePool.emailDomains))"
            }
        }
        if options.oddities, let firstParent = people.indices.first(where: { people[$0].profile == .parent }) {
            people[firstParent].collectedEmail = "à demander"
            addressRows.append((-1, addressRows.first?.child ?? 0))  // a parent the ENT does not know
        }
    }

    private mutating func newPerson(_ profile: Profile, first: String, last: String, logins: inout LoginRegistry, activated: Bool) -> GeneratedPerson {
        let login = logins.login(firstName: first, lastName: last)
        let created = options.exportDate.addingTimeInterval(-Double(random.int(2...90)) * 86_400)
        var person = GeneratedPerson(
            id: uuid(), profile: profile, firstName: first, lastName: last, login: login,
            activationCode: activated ? nil : activationCode(), createdAt: created)
        if activated {
            person.lastLogin = options.exportDate.addingTimeInterval(-Double(random.int(1...40)) * 86_400 + Double(random.int(0...36_000)))
            if random.chance(0.07) { person.alias = String(LoginRegistry.ascii(first).prefix(1)) + LoginRegistry.ascii(last) + String(random.int(1...99)) }
        }
        return person
    }

    private mutating func email(for person: GeneratedPerson) -> String {
        "\(LoginRegistry.ascii(person.firstName)).\(LoginRegistry.ascii(person.lastName))@\(random.pick(NamePool.emailDomains))"
    }

    /// entcore's alphabet: 28 symbols without the easily confused i, l, o, q, u, 0, 1, 2.
    private mutating func activationCode() -> String {
        Self.activationCode(using: &random)
    }

    static func activationCode(using random: inout SeededRandom) -> String {
        let alphabet = Array("abcdefghjkmnprstvwxyz3456789")
        return String((0..<8).map { _ in random.pick(alphabet) })
    }

    private mutating func uuid() -> String {
        let hex = Array("0123456789abcdef")
        let digits = (0..<32).map { _ in hex[Int(random.next() % 16)] }
        let groups = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(digits[$0]) }
        return groups.joined(separator: "-")
    }
}
