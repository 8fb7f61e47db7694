/// A letter the follow-up looks at: where it stands, and its account as it is now.
public struct TrackedDelivery: Sendable, Hashable {
    public var deliveryID: Int64
    public var planID: Int64
    public var accountID: Account.ID
    public var login: String
    public var firstName: String
    public var lastName: String
    public var school: String
    public var channel: Channel
    /// Its position in the profile's list of channels.
    public var step: Int
    public var state: DeliveryState
    public var letter: LetterKind
    /// The ENT gave the account a new code after this letter was printed or sent.
    public var staleCode: Bool
    public var facts: AccountFacts
    /// What tells the person apart from a homonym of the school (`Account.distinction`).
    public var distinction: String?

    public init(
        deliveryID: Int64, planID: Int64, accountID: Account.ID, login: String, firstName: String, lastName: String,
        school: String, channel: Channel, step: Int, state: DeliveryState, letter: LetterKind, staleCode: Bool, facts: AccountFacts,
        distinction: String? = nil
    ) {
        self.deliveryID = deliveryID
        self.planID = planID
        self.accountID = accountID
        self.login = login
        self.firstName = firstName
        self.lastName = lastName
        self.school = school
        self.channel = channel
        self.step = step
        self.state = state
        self.letter = letter
        self.staleCode = staleCode
        self.facts = facts
        self.distinction = distinction
    }

    /// "Jade", or "Jade (CE1, née le 16/06/2018)" for one of two Jade Petit: lists give the
    /// last and the first name in two columns.
    public var identifyingFirstName: String { distinction.map { "\(firstName) (\($0))" } ?? firstName }
}

/// What the follow-up does about one letter.
public enum FollowUpAction: Sendable, Hashable {
    /// A new letter through the strategy's next channel (`step`), this one escalated to it.
    case escalate(step: Int, channel: Channel, because: EscalationCause)
    /// No channel left can reach them: the director decides.
    case noChannelLeft([String])
    /// Not printed or not sent yet.
    case notYetSent
    /// Printed for a class, a meeting or the office: the signed sheet is still to be recorded.
    case awaitingSheet
    /// They have their letter (handed over, posted, emailed) and have not activated yet.
    case remindToActivate
    /// They refused the letter: nothing more is sent.
    case refused
    /// Activated, or a reminder that arrived: nothing more to do.
    case done

    /// A stable identifier, for CSV and JSON.
    public var code: String {
        switch self {
        case .escalate(_, let channel, _): "relance-\(channel.rawValue)"
        case .noChannelLeft: "sans-canal"
        case .notYetSent: "a-envoyer"
        case .awaitingSheet: "emargement-attendu"
        case .remindToActivate: "rappel-activation"
        case .refused: "refus"
        case .done: "termine"
        }
    }

    /// What to do, in French, for the lists.
    public var advice: String {
        switch self {
        case let .escalate(_, channel, cause): "\(cause.frenchName) → nouvelle lettre : \(channel.frenchName)"
        case .noChannelLeft(let reasons): "aucun autre canal possible (\(reasons.joined(separator: " ; "))) : à voir par la direction"
        case .notYetSent: "lettre pas encore imprimée ou envoyée"
        case .awaitingSheet: "feuille d’émargement à rapporter"
        case .remindToActivate: "lettre reçue, compte pas encore activé : rappeler d’activer"
        case .refused: "a refusé la lettre : rien de plus"
        case .done: "terminé"
        }
    }

    /// What to do, in a few words, for a table cell.
    public var shortAdvice: String {
        switch self {
        case .escalate(_, let channel, .newCode): "nouveau code → \(channel.frenchName)"
        case .escalate(_, let channel, _): "→ \(channel.frenchName)"
        case .noChannelLeft: "à voir par la direction"
        case .notYetSent: "pas encore partie"
        case .awaitingSheet: "émargement attendu"
        case .remindToActivate: "rappeler d’activer"
        case .refused: "refus"
        case .done: "terminé"
        }
    }

    /// The order of the director's list: what needs doing first.
    public var rank: Int {
        switch self {
        case .escalate: 0
        case .noChannelLeft: 1
        case .awaitingSheet: 2
        case .notYetSent: 3
        case .remindToActivate: 4
        case .refused: 5
        case .done: 6
        }
    }

    /// An escalation's new channel, if it is one.
    public var escalation: (step: Int, channel: Channel)? {
        if case let .escalate(step, channel, _) = self { return (step, channel) }
        return nil
    }
}

/// Why a letter is escalated.
public enum EscalationCause: Sendable, Hashable {
    case missed(DeliveryState)
    case newCode

    public var frenchName: String {
        switch self {
        case .missed(let state): state.frenchName
        case .newCode: "code d’activation changé dans l’ENT"
        }
    }
}

/// The follow-up's rules (DESIGN.md §1 step 5): from a letter's state and its account as it
/// is now, what to do next. A miss moves on along the profile's list of channels, after the
/// step that missed and never back to a channel that failed; a letter whose code changed is
/// made again by the same channel if it still can.
public enum FollowUp {
    /// `steps`: the profile's channels in the plan's strategy (nil: the strategy has none now).
    public static func action(for d: TrackedDelivery, steps: [ChannelStep]?) -> FollowUpAction {
        if d.state.isClosed { return .done }
        if d.letter == .activation && d.facts.isActivated { return .done }
        let received = d.state == .handedOver || (d.state == .issued && (d.channel == .email || d.channel == .post))
        if d.staleCode && (received || d.state == .issued || d.state == .lost) && d.letter == .activation {
            return next(d, steps: steps, from: d.step, skipping: [], cause: .newCode)
        }
        switch d.state {
        case .absent, .returned, .bounced:
            return next(d, steps: steps, from: d.step + 1, skipping: [d.channel], cause: .missed(d.state))
        case .lost:
            return next(d, steps: steps, from: d.step + 1, skipping: [], cause: .missed(d.state))
        case .refused:
            return .refused
        case .planned, .sending, .deferred:
            return .notYetSent
        default:
            if received { return d.letter == .reminder ? .done : .remindToActivate }
            return .awaitingSheet
        }
    }

    /// Where the planner resumes the account's channels for an escalation: at the step the
    /// rule chose, never back to a channel that failed.
    public static func resume(for d: TrackedDelivery, _ action: FollowUpAction) -> Resume? {
        guard case let .escalate(step, _, cause) = action else { return nil }
        let skipping: Set<Channel> = cause == .newCode || d.state == .lost ? [] : [d.channel]
        return Resume(fromStep: step, skipping: skipping, follows: d.deliveryID)
    }

    private static func next(_ d: TrackedDelivery, steps: [ChannelStep]?, from start: Int, skipping: Set<Channel>, cause: EscalationCause) -> FollowUpAction {
        guard let steps else { return .noChannelLeft(["la stratégie du plan ne prévoit rien pour ce profil"]) }
        switch Planner.firstStep(steps, for: d.facts, packetClass: d.facts.classes.first, from: start, skipping: skipping) {
        case .step(let index, let step): return .escalate(step: index, channel: step.channel, because: cause)
        case .none(let reasons): return .noChannelLeft(reasons)
        }
    }
}

/// One letter of the follow-up and what is done about it.
public struct FollowUpItem: Sendable {
    public var delivery: TrackedDelivery
    public var action: FollowUpAction

    public init(delivery: TrackedDelivery, action: FollowUpAction) {
        self.delivery = delivery
        self.action = action
    }

    /// Lists go by name.
    public var nameSortKey: String {
        NameKey.person(lastName: delivery.lastName, firstName: delivery.firstName, tieBreaker: delivery.login)
    }
}
