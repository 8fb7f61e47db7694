import Foundation

/// The seed's selection filters (step 1); an empty filter selects everyone.
public struct AccountFilter: Sendable, Hashable {
    public var schools: [String] = []
    public var profiles: Set<Profile> = []
    public var classes: [String] = []
    public var activation: ActivationFilter = .all
    public var email: EmailFilter = .any
    public var localAdmins: LocalAdminFilter = .any
    /// Accounts created strictly before this instant.
    public var createdBefore: Date?
    /// Accounts created at or after this instant.
    public var createdSince: Date?
    /// Only these logins (printed login or generated login).
    public var logins: [String] = []

    public init() {}
}

public enum ActivationFilter: String, Sendable, Hashable, CaseIterable {
    /// Not activated yet: the account still has an activation code.
    case pending
    case activated
    case all
}

public enum EmailFilter: String, Sendable, Hashable, CaseIterable {
    /// Only accounts with a valid address, from the ENT or collected by the school.
    case with
    case without
    case any
}

public enum LocalAdminFilter: String, Sendable, Hashable, CaseIterable {
    case only, exclude, any
}

/// The seed's sort keys for printed output; name always comes last.
public enum AccountSortKey: String, Sendable, Hashable, CaseIterable {
    case profile
    case `class`
    case name
}
