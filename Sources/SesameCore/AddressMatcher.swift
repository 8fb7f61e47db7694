/// A person as the school registry (ONDE) names them: a last name, sometimes a usage name
/// that differs from it (the name the ENT may know them by), and a first name.
public struct RegistryName: Sendable, Hashable {
    public var lastName: String
    public var usageName: String?
    public var firstName: String

    public init(lastName: String, usageName: String? = nil, firstName: String) {
        self.lastName = lastName
        self.usageName = usageName
        self.firstName = firstName
    }

    /// "Prénom Nom" for each last name the person may go by, usage name first.
    var spellings: [String] {
        var names = [usageName, lastName].compactMap { $0 }.map { "\(firstName) \($0)" }
        if names.count == 2, NameKey.exact(names[0]) == NameKey.exact(names[1]) { names.removeLast() }
        return names
    }

    public var displayName: String { "\(firstName) \(usageName ?? lastName)" }
}

/// A child named on a row of the family file, with the class the registry gives.
public struct AddressChild: Sendable, Hashable {
    public var name: RegistryName
    public var className: String

    public init(name: RegistryName, className: String) {
        self.name = name
        self.className = className
    }
}

/// One row of a family file: a parent, their postal address and contacts, and the children
/// the row names (one in the simple format, one group per child in ONDE's extraction).
public struct AddressRecord: Sendable, Hashable {
    public var line: Int
    public var parent: RegistryName
    public var address: PostalAddress?
    public var children: [AddressChild]
    /// The email the school collected at the start of the year, when valid.
    public var email: EmailAddress?
    public var phone: String?

    public init(
        line: Int, parent: RegistryName, address: PostalAddress?, children: [AddressChild],
        email: EmailAddress? = nil, phone: String? = nil
    ) {
        self.line = line
        self.parent = parent
        self.address = address
        self.children = children
        self.email = email
        self.phone = phone
    }

    /// A row of the simple format: one parent, one child.
    public init(
        line: Int, parentLastName: String, parentFirstName: String, address: PostalAddress?,
        childLastName: String, childFirstName: String, className: String, email: EmailAddress? = nil,
        phone: String? = nil
    ) {
        self.init(
            line: line, parent: RegistryName(lastName: parentLastName, firstName: parentFirstName), address: address,
            children: [AddressChild(name: RegistryName(lastName: childLastName, firstName: childFirstName), className: className)],
            email: email, phone: phone)
    }

    var parentName: String { parent.displayName }
    var childrenDescription: String {
        children.map { "« \($0.name.displayName) »\($0.className.isEmpty ? "" : " (\($0.className))")" }
            .joined(separator: ", ")
    }
}

/// Parents and the children linked to them, each child once however many parents it has:
/// an académie links 750,000 children to 600,000 parents through 1,200,000 links, and a
/// copy of a child per link took 150 MiB.
public struct LinkedFamilies: Sendable {
    public var parents: [FamilyMember]
    public var children: [FamilyMember]
    /// Positions in `parents` and `children`.
    public var links: [(parent: Int32, child: Int32)]

    public init(parents: [FamilyMember], children: [FamilyMember], links: [(parent: Int32, child: Int32)]) {
        self.parents = parents
        self.children = children
        self.links = links
    }
}

/// The contact details found for one person, and every account row they apply to.
public struct ContactAssignment: Sendable, Hashable {
    public var accounts: [Account.ID]
    public var address: PostalAddress?
    public var email: EmailAddress?
    public var phone: String?
    public var lines: [Int]
}

/// Matches address rows to parent accounts by the parent's name and a child's name.
///
/// Both names must match: a parent name alone is too common to trust with a postal
/// address. A row naming several children matches through any one of them; usage and
/// birth names are both tried. Homonyms are told apart by the child's class; what stays
/// ambiguous or finds nobody is reported with its line.
///
/// Rows are matched one at a time as the file is read (`add`): the parents are indexed once,
/// the rows never held together.
public struct AddressMatcher {
    private let parents: [FamilyMember]
    private let children: [FamilyMember]
    private let file: String
    private var index = PersonIndex()
    /// Accounts of one person share the ENT's key: numbered once, compared as integers.
    private let personKeys: [Int]
    private var childIndex = PersonIndex()
    /// The links, as positions in `parents` and `children`.
    private let pairs: [(parent: Int, child: Int)]
    /// Nearly every row names a parent and a child as the ENT spells them: found at once.
    private let byExactPair: SortedKeys
    /// Assignments in the order their person was first found, and where each person's is.
    private var assignments: [ContactAssignment] = []
    private var byPerson: [Int: Int] = [:]
    private var problems: [ImportProblem] = []
    /// The rows matched so far.
    public private(set) var rows = 0

    public init(families: LinkedFamilies, file: String) {
        parents = families.parents
        children = families.children
        self.file = file
        for (i, parent) in parents.enumerated() {
            index.insert(i, firstName: parent.firstName, lastName: parent.lastName)
        }
        var personNumbers: [String: Int] = [:]
        personKeys = parents.map { parent in
            if let n = personNumbers[parent.entKey] { return n }
            personNumbers[parent.entKey] = personNumbers.count
            return personNumbers.count - 1
        }
        // The linked children, indexed by name too, one entry per link: a common parent name
        // ("Gabriel Durand") names hundreds of accounts in an académie, and so does a common
        // child's name; the parents a row may be are those both names find.
        pairs = families.links.map { (Int($0.parent), Int($0.child)) }
        for (k, pair) in pairs.enumerated() {
            childIndex.insert(k, firstName: children[pair.child].firstName, lastName: children[pair.child].lastName)
        }
        let (parents, children) = (parents, children)
        byExactPair = SortedKeys(
            pairs.lazy.map { pair in
                NameKey.exact(parents[pair.parent].displayName) + "\u{1}" + NameKey.exact(children[pair.child].displayName)
            }, backwards: false)
    }

    /// The contacts found for each person, in the order they were first found, and the rows
    /// that matched no one or several people.
    public var result: (assignments: [ContactAssignment], problems: [ImportProblem]) { (assignments, problems) }

    /// Matches one row.
    public mutating func add(_ record: AddressRecord) {
        rows += 1
        // The (parent, child) pairs where the parent is named and the child is one the row
        // names: both spelt exactly first; else the parent's candidates (exact or loose),
        // and among their children exact spellings first, loose ones when none belongs to them.
        var found: [(parent: Int, child: Int, named: Int)] = []
        for parentSpelling in record.parent.spellings.map(NameKey.exact) {
            for (n, child) in record.children.enumerated() {
                for spelling in child.name.spellings {
                    for pair in byExactPair.positions(equalTo: parentSpelling + "\u{1}" + NameKey.exact(spelling)) {
                        found.append((pairs[pair].parent, pairs[pair].child, n))
                    }
                }
            }
        }
        var named: Set<Int> = []
        if found.isEmpty {
            for spelling in record.parent.spellings { named.formUnion(index.candidates(for: spelling)) }
            for (n, child) in record.children.enumerated() {
                for spelling in child.name.spellings {
                    for loose in [false, true] {
                        let hits = (loose ? childIndex.looseCandidates(for: spelling) : childIndex.exactCandidates(for: spelling))
                            .map { pairs[$0] }.filter { named.contains($0.parent) }
                        found += hits.map { ($0.parent, $0.child, n) }
                        if !hits.isEmpty { break }
                    }
                }
            }
        }
        // One person may be several accounts (a parent in two schools): grouped by the ENT's key.
        var people = Dictionary(grouping: Set(found.map(\.parent)).sorted(), by: { personKeys[$0] })
        if people.count > 1 {
            let sameClass = Set(found.filter { pair in
                let className = NameKey.exact(record.children[pair.named].className)
                return children[pair.child].classes.contains { NameKey.exact($0) == className }
            }.map(\.parent))
            let narrowed = people.filter { _, rows in rows.contains(where: sameClass.contains) }
            if !narrowed.isEmpty { people = narrowed }
        }
        guard people.count == 1, let (person, rows) = people.first else {
            problems.append(Self.unmatched(record, file: file, ambiguousCount: people.count, parentKnown: !found.isEmpty || !named.isEmpty))
            return
        }
        let position = byPerson[person] ?? assignments.count
        if position == assignments.count {
            byPerson[person] = position
            assignments.append(ContactAssignment(accounts: [], address: nil, email: nil, phone: nil, lines: []))
        }
        // Changed in place: a copy would copy its lists at the first change.
        for row in rows where !assignments[position].accounts.contains(parents[row].id) {
            assignments[position].accounts.append(parents[row].id)
        }
        if let address = record.address {
            if let kept = assignments[position].address, kept != address {
                problems.append(ImportProblem(
                    kind: .conflictingAddress, file: file, line: record.line,
                    message: "« \(record.parentName) » a déjà une autre adresse (ligne \(assignments[position].lines.first ?? 0)) ; celle-ci est ignorée"))
            } else {
                assignments[position].address = address
            }
        }
        assignments[position].email = assignments[position].email ?? record.email
        assignments[position].phone = assignments[position].phone ?? record.phone
        assignments[position].lines.append(record.line)
    }

    private static func unmatched(
        _ record: AddressRecord, file: String, ambiguousCount: Int, parentKnown: Bool
    ) -> ImportProblem {
        let children = record.childrenDescription
        if ambiguousCount > 1 {
            return ImportProblem(
                kind: .ambiguousAddress, file: file, line: record.line,
                message: "« \(record.parentName) », responsable de \(children), correspond à \(ambiguousCount) comptes ; adresse non enregistrée")
        }
        let why = parentKnown
            ? "aucun compte de ce nom n’est lié à \(record.children.count > 1 ? "l’un des élèves" : "l’élève") \(children)"
            : "aucun compte responsable de ce nom"
        return ImportProblem(
            kind: .unmatchedAddress, file: file, line: record.line,
            message: "« \(record.parentName) » : \(why) ; adresse non enregistrée")
    }
}
