import Foundation

/// An ENT account as a school sees it: one person, in one school.
///
/// Someone who belongs to two schools (a parent with children in both) is two accounts,
/// one per school, sharing the same `entKey`: each school distributes its own letters.
public struct Account: Sendable, Hashable, Identifiable {
    public typealias ID = Int64

    /// The store's identifier of this account in this school.
    public var id: ID
    /// The ENT's identifier ("Id"), or the generated login when the export has no Id column.
    public var entKey: String
    public var school: String
    public var profile: Profile
    public var lastName: String
    public var firstName: String
    /// The login to print: the alias when there is one, else the generated login.
    public var login: String
    /// The login the ENT generated ("Identifiant").
    public var originalLogin: String
    /// Nil once the account is activated: the ENT clears the code at activation.
    public var activationCode: String?
    public var classes: [String]
    public var email: ContactEmail?
    public var postalAddress: PostalAddress?
    public var phone: String?
    public var isLocalAdmin: Bool
    /// When the ENT created the account, or when Sésame first saw it if the export does not say.
    public var createdAt: Date?
    /// For a parent: the children the export links them to, in this school.
    public var children: [Relative]
    /// The alphabetical sort key (`NameKey.person`), as the store keeps it.
    public var nameSortKey: String
    /// The last time the person logged in to the ENT, as the latest export says.
    public var lastLogin: Date?
    /// What tells this person apart from a homonym of the school ("CM1, née le 12/03/2017";
    /// see `Homonyms`), nil when their name is their own.
    public var distinction: String?

    public init(
        id: ID, entKey: String, school: String, profile: Profile, lastName: String, firstName: String,
        login: String, originalLogin: String? = nil, activationCode: String?, classes: [String] = [],
        email: ContactEmail? = nil, postalAddress: PostalAddress? = nil, phone: String? = nil,
        isLocalAdmin: Bool = false, createdAt: Date? = nil, children: [Relative] = [], nameSortKey: String? = nil,
        distinction: String? = nil, lastLogin: Date? = nil
    ) {
        self.id = id
        self.entKey = entKey
        self.school = school
        self.profile = profile
        self.lastName = lastName
        self.firstName = firstName
        self.login = login
        self.originalLogin = originalLogin ?? login
        self.activationCode = activationCode
        self.classes = classes
        self.email = email
        self.postalAddress = postalAddress
        self.phone = phone
        self.isLocalAdmin = isLocalAdmin
        self.createdAt = createdAt
        self.children = children
        self.nameSortKey = nameSortKey ?? NameKey.person(lastName: lastName, firstName: firstName, tieBreaker: login)
        self.distinction = distinction
        self.lastLogin = lastLogin
    }

    public var isActivated: Bool { activationCode == nil }

    /// Not activated, but its code was erased by `sesame purge`: no letter can carry it.
    public var isCodePurged: Bool { activationCode == "" }

    /// The seed's "code" column: the code, "(activé)" or "(effacé)" once purged.
    public var codeColumn: String {
        guard let activationCode else { return "(activé)" }
        return isCodePurged ? "(effacé)" : activationCode
    }

    /// The same column with the code masked, as listings show it unless asked otherwise and
    /// as the web pages always show it.
    public var maskedCodeColumn: String { isActivated || isCodePurged ? codeColumn : "••••••••" }

    /// What a strategy's conditions and the follow-up look at.
    public var facts: AccountFacts {
        AccountFacts(
            profile: profile, isActivated: isActivated, hasEmail: email != nil, hasAddress: postalAddress != nil,
            isLocalAdmin: isLocalAdmin, classes: classes)
    }

    /// "Prénom Nom", the way the ENT writes a person in its Enfants and Parents columns.
    public var displayName: String { "\(firstName) \(lastName)" }

    /// The name as documents print it: "Jade Petit", or "Jade Petit, CM1, née le 12/03/2017"
    /// for one of two Jade Petit.
    public var identifyingName: String { distinction.map { "\(displayName), \($0)" } ?? displayName }

}

/// A child named on a parent's account.
public struct Relative: Sendable, Hashable {
    public var id: Account.ID
    public var login: String
    public var firstName: String
    public var lastName: String
    public var classes: [String]
    public var nameSortKey: String
    /// As `Account.distinction`.
    public var distinction: String?

    public init(
        id: Account.ID, login: String, firstName: String, lastName: String, classes: [String], nameSortKey: String? = nil,
        distinction: String? = nil
    ) {
        self.id = id
        self.login = login
        self.firstName = firstName
        self.lastName = lastName
        self.classes = classes
        self.nameSortKey = nameSortKey ?? NameKey.person(lastName: lastName, firstName: firstName, tieBreaker: login)
        self.distinction = distinction
    }

    public var displayName: String { "\(firstName) \(lastName)" }

    /// "Jade Petit", or "Jade Petit (CM1, née le 12/03/2017)" for one of two Jade Petit.
    public var identifyingName: String { distinction.map { "\(displayName) (\($0))" } ?? displayName }

    /// "Léa Martin (CP A)", or "Jade Petit (CM1, née le 12/03/2017)" for one of two Jade Petit.
    public var nameWithClass: String {
        let detail = distinction ?? classes.joined(separator: ", ")
        return detail.isEmpty ? displayName : "\(displayName) (\(detail))"
    }
}

/// Where an email address came from: what the user typed in the ENT ("Mon compte"),
/// or what the school collected at the start of the year.
public enum EmailSource: String, Sendable, Hashable, Codable {
    case ent, collected
}

public struct ContactEmail: Sendable, Hashable {
    public var address: EmailAddress
    public var source: EmailSource

    public init(address: EmailAddress, source: EmailSource) {
        self.address = address
        self.source = source
    }
}

/// A family's postal address, as the school registry gives it.
public struct PostalAddress: Sendable, Hashable, Codable {
    public var street: String
    public var postcode: String
    public var city: String

    public init(street: String, postcode: String, city: String) {
        self.street = street
        self.postcode = postcode
        self.city = city
    }
}

extension PostalAddress {
    /// A French postcode a spreadsheet read as a number: « 01000 » came back « 1000 ». French
    /// postcodes have five digits, so four digits lost their leading zero; nil for any other.
    public static func frenchPostcodeMissingItsZero(_ postcode: String) -> String? {
        guard postcode.utf8.count == 4, postcode.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        return "0" + postcode
    }
}

/// The little of an account that decides which channels can reach it: enough to follow up a
/// million deliveries without reading whole accounts.
public struct AccountFacts: Sendable, Hashable {
    public var profile: Profile
    public var isActivated: Bool
    public var hasEmail: Bool
    public var hasAddress: Bool
    public var isLocalAdmin: Bool
    /// A pupil's class; a parent's children's classes (as the export gives them).
    public var classes: [String]

    public init(profile: Profile, isActivated: Bool, hasEmail: Bool, hasAddress: Bool, isLocalAdmin: Bool, classes: [String]) {
        self.profile = profile
        self.isActivated = isActivated
        self.hasEmail = hasEmail
        self.hasAddress = hasAddress
        self.isLocalAdmin = isLocalAdmin
        self.classes = classes
    }
}
