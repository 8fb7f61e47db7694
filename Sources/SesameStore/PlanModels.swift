import Foundation
import SesameCore

/// What `sesame plan` asks the store to record, besides the planner's draft.
public struct PlanRequest: Sendable {
    public var name: String
    public var strategy: Strategy
    /// The strategy file as it was when planned: the follow-up escalates by it.
    public var strategySource: String
    /// The selection, as the director gave it (JSON), for listings.
    public var selection: String
    public var actor: String
    public var now: Date
    /// A follow-up plan names the plan it follows.
    public var follows: Int64?

    public init(name: String, strategy: Strategy, strategySource: String, selection: String, actor: String, now: Date = Date(), follows: Int64? = nil) {
        self.name = name
        self.strategy = strategy
        self.strategySource = strategySource
        self.selection = selection
        self.actor = actor
        self.now = now
        self.follows = follows
    }
}

/// A plan in the list of plans.
public struct PlanSummary: Sendable, Hashable {
    public var id: Int64
    public var name: String
    public var strategy: String
    public var createdAt: Date
    public var schools: [String]
    public var deliveries: Int
    public var byState: [DeliveryState: Int]
    public var leftOut: Int
    public var follows: Int64?
}

/// A plan with its batches and their deliveries.
public struct PlanDetail: Sendable {
    public var id: Int64
    public var name: String
    public var strategy: String
    public var strategySource: String
    public var selection: String
    public var createdAt: Date
    public var createdBy: String
    public var follows: Int64?
    public var batches: [BatchDetail]
    public var leftOut: [LeftOutDetail]
}

public struct BatchDetail: Sendable, Hashable {
    public var id: Int64
    public var channel: Channel
    public var school: String
    public var className: String?
    public var recipients: [String]
    public var meeting: Date?
    public var deliveries: [DeliveryDetail]
}

public struct DeliveryDetail: Sendable, Hashable {
    public var id: Int64
    public var accountID: Int64
    public var login: String
    public var firstName: String
    public var lastName: String
    public var profile: Profile
    public var letter: LetterKind
    public var state: DeliveryState
    public var step: Int
    public var isCopy: Bool
    /// For a parent, the children's logins.
    public var children: [String]

    public var displayName: String { "\(firstName) \(lastName)" }
}

public struct LeftOutDetail: Sendable, Hashable {
    public var login: String
    public var firstName: String
    public var lastName: String
    public var profile: Profile
    public var code: String
    public var reason: String
}

/// What the store refuses about plans.
public enum PlanError: UserFacingError, Equatable {
    case unknownPlan(Int64)
    case noPlan
    case unknownClass(String)
    /// Nothing could be planned; the reasons the accounts were left out, with their counts.
    case nothingToPlan(selected: Int, reasons: [(String, Int)])

    public static func == (a: PlanError, b: PlanError) -> Bool { a.userMessage == b.userMessage }

    public var userMessage: String {
        switch self {
        case .unknownPlan(let id): "aucun plan n° \(id) ; « sesame plans » les liste"
        case .noPlan: "aucun plan : créez-en un avec « sesame plan »"
        case .unknownClass(let name): "aucune classe « \(name) » dans la sélection"
        case let .nothingToPlan(selected, reasons):
            selected == 0
                ? "aucun compte ne correspond à la sélection : aucun plan créé"
                : "aucune lettre à prévoir pour les \(selected) comptes sélectionnés, aucun plan créé : "
                    + reasons.map { "\($0.0) (\($0.1))" }.joined(separator: " ; ")
        }
    }
}

/// A plan's batches with their counts, without the letters: what a summary shows.
public struct PlanOverview: Sendable {
    public var id: Int64
    public var name: String
    public var strategy: String
    public var createdAt: Date
    public var createdBy: String
    public var follows: Int64?
    public var batches: [BatchOverview]
    public var leftOut: [LeftOutDetail]

    public var letters: Int { batches.reduce(0) { $0 + $1.letters } }
    public var activations: Int { batches.reduce(0) { $0 + $1.activations } }
}

public struct BatchOverview: Sendable, Hashable {
    public var id: Int64
    public var channel: Channel
    public var school: String
    public var className: String?
    public var recipients: [String]
    public var meeting: Date?
    public var letters = 0
    public var activations = 0
    public var copies = 0
    public var byProfile: [Profile: Int] = [:]
}
