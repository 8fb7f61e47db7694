/// One row of the family address file the school registry (ONDE) exports:
/// a parent, their postal address, and one of their children.
public struct AddressRecord: Sendable, Hashable {
    public var line: Int
    public var parentLastName: String
    public var parentFirstName: String
    public var address: PostalAddress?
    public var childLastName: String
    public var childFirstName: String
    public var className: String
    /// The email the school collected at the start of the year, when valid.
    public var email: EmailAddress?
    public var phone: String?

    public init(
        line: Int, parentLastName: String, parentFirstName: String, address: PostalAddress?,
        childLastName: String, childFirstName: String, className: String, email: EmailAddress? = nil,
        phone: String? = nil
    ) {
        self.line = line
        self.parentLastName = parentLastName
        self.parentFirstName = parentFirstName
        self.address = address
        self.childLastName = childLastName
        self.childFirstName = childFirstName
        self.className = className
        self.email = email
        self.phone = phone
    }

    var parentName: String { "\(parentFirstName) \(parentLastName)" }
    var childName: String { "\(childFirstName) \(childLastName)" }
}

/// A parent account with the children it is linked to, for address matching.
public struct ParentWithChildren: Sendable {
    public var parent: FamilyMember
    public var children: [FamilyMember]

    public init(parent: FamilyMember, children: [FamilyMember]) {
        self.parent = parent
        self.children = children
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
/// address. Homonyms are told apart by the child's class; what stays ambiguous or finds
/// nobody is reported with its line.
public enum AddressMatcher {
    public static func match(
        _ records: [AddressRecord], parents: [ParentWithChildren], file: String
    ) -> (assignments: [ContactAssignment], problems: [ImportProblem]) {
        var index = PersonIndex()
        for (i, p) in parents.enumerated() {
            index.insert(i, firstName: p.parent.firstName, lastName: p.parent.lastName)
        }
        var problems: [ImportProblem] = []
        var byPerson: [String: ContactAssignment] = [:]
        var order: [String] = []

        for record in records {
            let named = index.candidates(for: record.parentName)
            let withChild = named.filter { i in parents[i].children.contains { isChild($0, of: record) } }
            var people = Dictionary(grouping: withChild, by: { parents[$0].parent.entKey })
            if people.count > 1 {
                let sameClass = people.filter { _, rows in
                    rows.contains { i in
                        parents[i].children.contains {
                            isChild($0, of: record) && $0.classes.map(NameKey.exact).contains(NameKey.exact(record.className))
                        }
                    }
                }
                if !sameClass.isEmpty { people = sameClass }
            }
            guard people.count == 1, let (person, rows) = people.first else {
                problems.append(unmatched(record, file: file, ambiguousCount: people.count, parentKnown: !named.isEmpty))
                continue
            }
            var assignment = byPerson[person] ?? ContactAssignment(accounts: [], address: nil, email: nil, phone: nil, lines: [])
            if byPerson[person] == nil { order.append(person) }
            for row in rows where !assignment.accounts.contains(parents[row].parent.id) {
                assignment.accounts.append(parents[row].parent.id)
            }
            if let address = record.address {
                if let kept = assignment.address, kept != address {
                    problems.append(ImportProblem(
                        kind: .conflictingAddress, file: file, line: record.line,
                        message: "« \(record.parentName) » a déjà une autre adresse (ligne \(assignment.lines.first ?? 0)) ; celle-ci est ignorée"))
                } else {
                    assignment.address = address
                }
            }
            assignment.email = assignment.email ?? record.email
            assignment.phone = assignment.phone ?? record.phone
            assignment.lines.append(record.line)
            byPerson[person] = assignment
        }
        return (order.compactMap { byPerson[$0] }, problems)
    }

    private static func isChild(_ child: FamilyMember, of record: AddressRecord) -> Bool {
        PersonNameKeys(firstName: child.firstName, lastName: child.lastName).isNamed(record.childName)
    }

    private static func unmatched(
        _ record: AddressRecord, file: String, ambiguousCount: Int, parentKnown: Bool
    ) -> ImportProblem {
        if ambiguousCount > 1 {
            return ImportProblem(
                kind: .ambiguousAddress, file: file, line: record.line,
                message: "« \(record.parentName) », responsable de « \(record.childName) » (\(record.className)), correspond à \(ambiguousCount) comptes ; adresse non enregistrée")
        }
        let why = parentKnown
            ? "aucun compte de ce nom n’est lié à l’élève « \(record.childName) »"
            : "aucun compte responsable de ce nom"
        return ImportProblem(
            kind: .unmatchedAddress, file: file, line: record.line,
            message: "« \(record.parentName) » (\(record.className)) : \(why) ; adresse non enregistrée")
    }
}
