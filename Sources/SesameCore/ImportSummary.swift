import Foundation

/// What an import did, for the director (text) and for scripts (JSON: a pinned shape).
public struct ImportSummary: Sendable, Codable, Equatable {
    public struct Changes: Sendable, Codable, Equatable {
        /// Accounts this export added to a school imported before.
        public var new: [String] = []
        /// Accounts whose activation code disappeared: activated since the last import.
        public var activated: [String] = []
        /// Accounts whose activation code changed: letters printed before are stale.
        public var codeChanged: [String] = []
        /// Accounts of a school no longer in its export.
        public var removed: [String] = []
        /// Accounts whose other details (name, classes, email…) changed.
        public var updated: [String] = []

        public init() {}

        public var isEmpty: Bool {
            new.isEmpty && activated.isEmpty && codeChanged.isEmpty && removed.isEmpty && updated.isEmpty
        }
    }

    /// What the import changed in the plans.
    public struct Deliveries: Sendable, Codable, Equatable {
        /// Letters closed because their account was activated.
        public var closedByActivation = 0
        /// Accounts whose printed or sent letter carries a code that no longer works.
        public var toRemake: [String] = []
        /// Letters cancelled because their account left the export.
        public var cancelled = 0
        public init() {}
    }

    public struct Links: Sendable, Codable, Equatable {
        public var resolved = 0
        public var unresolved = 0
        public var ambiguous = 0
        public init() {}
    }

    public struct Addresses: Sendable, Codable, Equatable {
        public var file: String
        public var encoding: String
        public var sha256: String
        public var alreadyImportedAt: Date?
        public var rows = 0
        /// Parents (people, not account rows) the file gave details for.
        public var matchedParents = 0
        public var withAddress = 0
        public var withEmail = 0
        public var unmatched = 0
        public var ambiguous = 0

        public init(file: String, encoding: String, sha256: String) {
            self.file = file
            self.encoding = encoding
            self.sha256 = sha256
        }
    }

    /// What ONDE's pupils extraction says of the ENT's pupils.
    public struct Pupils: Sendable, Codable, Equatable {
        public var file: String
        public var encoding: String
        public var sha256: String
        public var school: String
        public var alreadyImportedAt: Date?
        public var rows = 0
        /// Registry pupils identified as one ENT pupil each.
        public var matched = 0
        /// In ONDE, without an ENT account.
        public var withoutAccount = 0
        /// With an ENT account, no longer in ONDE.
        public var notInRegistry = 0
        public var classDiffers = 0
        public var ambiguous = 0

        public init(file: String, encoding: String, sha256: String, school: String = "") {
            self.file = file
            self.encoding = encoding
            self.sha256 = sha256
            self.school = school
        }
    }

    public var file: String?
    public var encoding: String?
    public var sha256: String?
    /// Set when this very file was imported before: nothing was changed.
    public var alreadyImportedAt: Date?
    public var schools: [String] = []
    public var accounts = 0
    public var byProfile: [String: Int] = [:]
    public var classes = 0
    public var activated = 0
    public var pending = 0
    public var withEmail = 0
    public var localAdmins = 0
    public var links = Links()
    public var changes = Changes()
    public var deliveries = Deliveries()
    public var addresses: Addresses?
    public var pupils: Pupils?
    public var problems: [ImportProblem] = []

    public init() {}
}
