/// Where one credential letter stands (DESIGN.md §6).
///
/// planned → issued (printed, or accepted by the mail server) → handed over, or absent /
/// returned / bounced / lost / refused → escalated to the next channel. An account that
/// activates closes its open deliveries.
public enum DeliveryState: String, Sendable, Hashable, CaseIterable, Codable {
    case planned
    /// An email handed to the server, not yet acknowledged: uncertain after a crash.
    case sending
    /// An email the server put off (4xx), to retry.
    case deferred
    case issued
    case handedOver = "handed-over"
    case absent
    case returned
    case bounced
    case lost
    case refused
    case escalated
    case activated
    case cancelled

    public var frenchName: String {
        switch self {
        case .planned: "prévue"
        case .sending: "envoi en cours"
        case .deferred: "différée"
        case .issued: "émise"
        case .handedOver: "remise"
        case .absent: "absent"
        case .returned: "retournée"
        case .bounced: "rejetée"
        case .lost: "perdue"
        case .refused: "refusée"
        case .escalated: "relancée"
        case .activated: "compte activé"
        case .cancelled: "annulée"
        }
    }

    /// A closed delivery asks for nothing more; the others count as the account's current letter.
    public var isClosed: Bool { self == .escalated || self == .activated || self == .cancelled }

    /// Replaced by the letter that escalates it, or cancelled: the status counts the letter
    /// that replaced it instead.
    public var isSuperseded: Bool { self == .escalated || self == .cancelled }

    /// The account's code may still be printed or sent in this letter (or its remaking):
    /// `sesame purge` keeps the code. A handed-over or refused letter no longer needs it.
    public var needsCode: Bool { !isClosed && self != .handedOver && self != .refused }

    /// The letter did not reach its recipient: the follow-up escalates it.
    public var isMiss: Bool { [.absent, .returned, .bounced, .lost, .refused].contains(self) }

    /// The states this one may move to.
    public var successors: Set<DeliveryState> {
        switch self {
        case .planned: [.sending, .issued, .cancelled, .activated]
        case .sending: [.issued, .deferred, .bounced, .planned, .activated]
        case .deferred: [.sending, .issued, .bounced, .cancelled, .activated]
        // Escalated from issued or handed over: the ENT changed the code, the letter is made again.
        case .issued: [.issued, .handedOver, .absent, .returned, .bounced, .lost, .refused, .escalated, .cancelled, .activated]
        case .handedOver: [.lost, .escalated, .activated]
        case .lost: [.issued, .handedOver, .escalated, .cancelled, .activated]
        case .absent, .returned, .refused: [.handedOver, .escalated, .cancelled, .activated]
        // A refused address stays refused: the follow-up moves on to the next channel.
        case .bounced: [.escalated, .cancelled, .activated]
        case .escalated, .activated, .cancelled: []
        }
    }

    public func canMove(to next: DeliveryState) -> Bool { successors.contains(next) }

    /// Also by way of `channel`: nobody is absent from an email, and only a post letter or
    /// one carried by the pupil comes back.
    public func canMove(to next: DeliveryState, on channel: Channel) -> Bool {
        canMove(to: next) && channel.canEnd(in: next)
    }
}

extension Channel {
    /// Whether a letter sent this way can end in `state`.
    public func canEnd(in state: DeliveryState) -> Bool {
        switch state {
        case .absent: isPaper && self != .post
        case .returned: self == .post || self == .viaStudent
        case .lost: isPaper
        case .bounced, .sending, .deferred: self == .email
        default: true
        }
    }
}

/// A transition the state machine refuses, in French.
public struct IllegalTransition: UserFacingError, Equatable {
    public var login: String
    public var from: DeliveryState
    public var to: DeliveryState
    public var channel: Channel?

    public init(login: String, from: DeliveryState, to: DeliveryState, channel: Channel? = nil) {
        self.login = login
        self.from = from
        self.to = to
        self.channel = channel
    }

    public var userMessage: String {
        let letter = channel.map { "une lettre « \(from.frenchName) » (\($0.frenchName))" } ?? "une lettre « \(from.frenchName) »"
        let hint = from == .planned && [.handedOver, .absent, .returned, .lost, .refused].contains(to)
            ? " ; elle n’a pas encore été imprimée : imprimez d’abord son paquet" : ""
        return "\(login) : \(letter) ne peut pas passer à « \(to.frenchName) »\(hint)"
    }
}
