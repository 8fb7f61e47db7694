/// A distribution strategy: per profile, the channels to try in order.
///
/// The first channel whose conditions hold is planned; the following ones are the
/// escalation path the follow-up uses when a letter does not arrive.
public struct Strategy: Sendable, Hashable {
    public var name: String
    /// What the strategy is, in French, for listings.
    public var title: String
    public var rules: [Profile: ProfileRule]

    public init(name: String, title: String, rules: [Profile: ProfileRule]) {
        self.name = name
        self.title = title
        self.rules = rules
    }

    /// A profile's channels, nil when the strategy excludes it or says nothing of it.
    public func steps(for profile: Profile) -> [ChannelStep]? {
        if case .channels(let steps) = rules[profile] { return steps }
        return nil
    }

    public enum ProfileRule: Sendable, Hashable {
        /// Not distributed, with the reason given to the director.
        case excluded(reason: String)
        case channels([ChannelStep])
    }
}

/// One channel of a profile's list, with the conditions it needs.
public struct ChannelStep: Sendable, Hashable {
    public var channel: Channel
    /// All must hold for the channel to be used.
    public var conditions: [Condition]
    /// Channels used in addition when this one is planned (an email copy of a printed letter).
    public var also: [Channel]

    public init(_ channel: Channel, when conditions: [Condition] = [], also: [Channel] = []) {
        self.channel = channel
        self.conditions = conditions
        self.also = also
    }
}

/// What a channel can require of an account.
public enum Condition: Sendable, Hashable {
    case hasEmail
    case hasAddress
    case noEmail
    case noAddress
    case pending
    case activated
    case localAdmin
    case notLocalAdmin
    /// In one of these classes (a parent: a child in one of them).
    case classes([String])

    /// The identifiers of strategy files; `classes` is written as a mapping.
    public static let keywords: [String: Condition] = [
        "has-email": .hasEmail, "has-address": .hasAddress, "no-email": .noEmail, "no-address": .noAddress,
        "pending": .pending, "activated": .activated, "local-admin": .localAdmin, "not-local-admin": .notLocalAdmin,
    ]

    public func holds(for account: AccountFacts) -> Bool {
        switch self {
        case .hasEmail: account.hasEmail
        case .hasAddress: account.hasAddress
        case .noEmail: !account.hasEmail
        case .noAddress: !account.hasAddress
        case .pending: !account.isActivated
        case .activated: account.isActivated
        case .localAdmin: account.isLocalAdmin
        case .notLocalAdmin: !account.isLocalAdmin
        case .classes(let names):
            !Set(names.map(NameKey.exact)).isDisjoint(with: account.classes.map(NameKey.exact))
        }
    }

    /// Why it does not hold, in French.
    public var unmetReason: String {
        switch self {
        case .hasEmail: "pas d’adresse électronique"
        case .hasAddress: "pas d’adresse postale"
        case .noEmail: "a une adresse électronique"
        case .noAddress: "a une adresse postale"
        case .pending: "compte déjà activé"
        case .activated: "compte pas encore activé"
        case .localAdmin: "pas administrateur local"
        case .notLocalAdmin: "administrateur local"
        case .classes(let names): "hors des classes \(names.joined(separator: ", "))"
        }
    }
}
