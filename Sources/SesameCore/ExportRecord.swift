import Foundation

/// One account row of an ENT export, read and checked but not yet stored.
public struct ExportRecord: Sendable, Hashable {
    /// The line the row starts on in its file (1 is the header).
    public var line: Int
    public var entID: String?
    public var siecleID: String?
    public var profile: Profile
    public let lastName: String
    public let firstName: String
    public let login: String
    public let alias: String?
    public var activationCode: String?
    public var functions: [String]
    public var schools: [String]
    public var classes: [String]
    public var childrenNames: [String]
    public var parentNames: [String]
    public var lastLogin: Date?
    public var email: EmailAddress?
    public var phone: String?
    public var createdAt: Date?
    /// The alphabetical sort key of the person (`NameKey.person`), computed with the
    /// record: the import reads records on one thread and stores them on another.
    public private(set) var nameSortKey: String

    public init(
        line: Int, entID: String? = nil, siecleID: String? = nil, profile: Profile, lastName: String,
        firstName: String, login: String, alias: String? = nil, activationCode: String? = nil,
        functions: [String] = [], schools: [String] = [], classes: [String] = [], childrenNames: [String] = [],
        parentNames: [String] = [], lastLogin: Date? = nil, email: EmailAddress? = nil, phone: String? = nil,
        createdAt: Date? = nil
    ) {
        self.line = line
        self.entID = entID
        self.siecleID = siecleID
        self.profile = profile
        self.lastName = lastName
        self.firstName = firstName
        self.login = login
        self.alias = alias
        self.activationCode = activationCode
        self.functions = functions
        self.schools = schools
        self.classes = classes
        self.childrenNames = childrenNames
        self.parentNames = parentNames
        self.lastLogin = lastLogin
        self.email = email
        self.phone = phone
        self.createdAt = createdAt
        nameSortKey = NameKey.person(lastName: lastName, firstName: firstName, tieBreaker: alias ?? login)
    }

    /// What identifies the person across exports: the ENT's Id, else the generated login.
    public var entKey: String { entID ?? login }

    /// The login to print: the alias when there is one.
    public var printedLogin: String { alias ?? login }

    /// Local administrators carry ADMIN_LOCAL (or its French label) in Fonctions.
    public var isLocalAdmin: Bool {
        functions.contains { function in
            let key = NameKey.loose(function)
            return key.hasPrefix("adminlocal") || key.hasPrefix("administrateurlocal")
        }
    }
}

/// What reading an export yields, in file order: accounts, and problems with rows
/// that could be read but not used as they are.
public enum ExportItem: Sendable {
    case record(ExportRecord)
    case problem(ImportProblem)
}
