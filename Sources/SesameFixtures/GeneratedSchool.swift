import Foundation
import SesameCore

/// One person of a fictional school, with everything the ENT and the registry know.
public struct GeneratedPerson: Sendable, Hashable {
    public var id: String
    public var profile: Profile
    public var firstName: String
    public var lastName: String
    public var login: String
    public var alias: String?
    public var activationCode: String?
    public var functions: [String] = []
    public var classes: [String] = []
    /// Indices into `GeneratedSchool.people`.
    public var children: [Int] = []
    public var parents: [Int] = []
    /// As the export writes it: may be invalid on purpose.
    public var email: String?
    public var phone: String?
    public var lastLogin: Date?
    public var createdAt: Date
    public var address: PostalAddress?
    /// The email the school collected, as the registry file writes it (may be invalid).
    public var collectedEmail: String?
    /// Named in the export but absent from it: a child who left the school.
    public var isGhost = false

    public var printedLogin: String { alias ?? login }
    public var displayName: String { "\(firstName) \(lastName)" }
}

/// A fictional school: its people, and its files in the ENT's and the registry's formats.
public struct GeneratedSchool: Sendable {
    public var name: String
    public var city: String
    public var people: [GeneratedPerson]
    /// Export rows in file order (indices into `people`; one is repeated when the school has oddities).
    public var exportOrder: [Int]
    /// Address rows: (parent, child) pairs, plus rows for parents the ENT does not know (-1).
    public var addressRows: [(parent: Int, child: Int)]
    /// Names written decomposed (NFD) in the export, as some tools write accents.
    public var decomposed: Set<Int>
    public var exportDate: Date

    public var classes: [String] {
        var seen: [String] = []
        for p in people where p.profile == .student { for c in p.classes where !seen.contains(c) { seen.append(c) } }
        return seen.sorted { ClassLevel.sortKey(forClass: $0) < ClassLevel.sortKey(forClass: $1) }
    }

    public func people(_ profile: Profile) -> [GeneratedPerson] {
        people.filter { $0.profile == profile && !$0.isGhost }
    }

    public func person(login: String) -> GeneratedPerson? {
        people.first { $0.printedLogin == login || $0.login == login }
    }
}
