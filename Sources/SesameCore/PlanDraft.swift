import Foundation

/// The seed's two letters: first connection (login + activation code), or a reminder of
/// the login and of how to get a new password for an account already activated.
public enum LetterKind: String, Sendable, Hashable, Codable, CaseIterable {
    case activation, reminder

    public init(for account: Account) {
        self = account.isActivated ? .reminder : .activation
    }
}

/// A class of a school, the unit of class packets.
public struct ClassRef: Sendable, Hashable {
    public var school: String
    public var name: String

    public init(school: String, name: String) {
        self.school = school
        self.name = name
    }
}

/// A delivery an account already has in another plan.
public struct ActiveDelivery: Sendable, Hashable {
    public var planID: Int64
    public var channel: Channel
    public var state: DeliveryState

    public init(planID: Int64, channel: Channel, state: DeliveryState) {
        self.planID = planID
        self.channel = channel
        self.state = state
    }
}

/// What the planner needs to know besides the accounts and the strategy.
public struct PlanningContext: Sendable {
    /// Teachers of each class ("Prénom Nom"), the recipients of its packets.
    public var teachers: [ClassRef: [String]] = [:]
    /// The start-of-year meeting of each class.
    public var meetings: [ClassRef: Date] = [:]
    /// Accounts with a delivery still under way in another plan.
    public var activeElsewhere: [Account.ID: ActiveDelivery] = [:]
    /// Plan them anyway (their other deliveries are then cancelled).
    public var replan = false
    /// The classes the selection was limited to: a parent's letter goes to one of those.
    public var classScope: [String] = []
    /// For a follow-up: where each escalated account's list of channels resumes.
    public var resume: [Account.ID: Resume] = [:]

    public init() {}
}

/// Where an escalated account's channels resume, and the delivery its new letter follows.
public struct Resume: Sendable, Hashable {
    public var fromStep: Int
    public var skipping: Set<Channel>
    public var follows: Int64

    public init(fromStep: Int, skipping: Set<Channel>, follows: Int64) {
        self.fromStep = fromStep
        self.skipping = skipping
        self.follows = follows
    }
}

/// One letter planned for one account through one channel.
public struct PlannedDelivery: Sendable, Hashable {
    public var accountID: Account.ID
    public var login: String
    public var profile: Profile
    public var letter: LetterKind
    public var channel: Channel
    /// The position of the channel in the profile's list: what follows is the escalation path.
    public var step: Int
    /// An extra copy asked for by the strategy (`also`), not the account's main letter.
    public var isCopy: Bool
    /// The order letters come in within their batch.
    public var sortKey: String
    /// The delivery this letter escalates, in a follow-up plan.
    public var follows: Int64?
}

/// A packet or a sending: the letters of one channel for one school (and class).
public struct PlannedBatch: Sendable, Hashable {
    public var channel: Channel
    public var school: String
    public var className: String?
    /// For class packets, the class's teachers.
    public var recipients: [String]
    public var meeting: Date?
    public var deliveries: [PlannedDelivery]
}

/// An account the plan does not reach, and why.
public struct LeftOut: Sendable, Hashable {
    public enum Reason: Sendable, Hashable {
        case excludedProfile(String)
        case noRule
        case noChannel([String])
        case alreadyPlanned(ActiveDelivery)

        /// A stable identifier, for JSON output and tests.
        public var code: String {
            switch self {
            case .excludedProfile: "excluded-profile"
            case .noRule: "no-rule"
            case .noChannel: "no-channel"
            case .alreadyPlanned: "already-planned"
            }
        }
    }

    public var accountID: Account.ID
    public var login: String
    public var profile: Profile
    public var reason: Reason

    /// The reason in French.
    public var message: String {
        switch reason {
        case .excludedProfile(let why): why
        case .noRule: "la stratégie ne prévoit rien pour ce profil (\(profile.frenchName.lowercased()))"
        case .noChannel(let why): "aucun canal possible : \(why.joined(separator: " ; "))"
        case .alreadyPlanned(let other):
            "déjà prévu dans le plan \(other.planID) (\(other.channel.frenchName), \(other.state.frenchName)) ; --replan pour le replanifier"
        }
    }
}

/// What the planner decided, before it is stored.
public struct PlanDraft: Sendable {
    public var batches: [PlannedBatch]
    public var leftOut: [LeftOut]
    /// Accounts planned again with --replan: their other deliveries are to be cancelled.
    public var replanned: [Account.ID]

    public init(batches: [PlannedBatch], leftOut: [LeftOut], replanned: [Account.ID]) {
        self.batches = batches
        self.leftOut = leftOut
        self.replanned = replanned
    }

    public var deliveryCount: Int { batches.reduce(0) { $0 + $1.deliveries.count } }
}
