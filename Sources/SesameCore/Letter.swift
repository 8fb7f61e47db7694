import Foundation

/// One letter: an account, through a channel, with the kind the plan decided.
public struct Letter: Sendable, Hashable {
    public var deliveryID: Int64
    public var account: Account
    public var channel: Channel
    public var kind: LetterKind
    /// The class of the packet carrying it, for class packets and meetings.
    public var packetClass: String?
    /// Where its delivery stands.
    public var state: DeliveryState

    public init(deliveryID: Int64, account: Account, channel: Channel, kind: LetterKind, packetClass: String?, state: DeliveryState = .planned) {
        self.deliveryID = deliveryID
        self.account = account
        self.channel = channel
        self.kind = kind
        self.packetClass = packetClass
        self.state = state
    }

    /// A first-connection letter whose code the store no longer has (erased by `sesame purge`).
    public var lacksCode: Bool { kind == .activation && (account.activationCode ?? "").isEmpty }
}

/// A batch of a plan (a packet, a sending) with the letters it carries.
public struct LetterBatch: Sendable {
    public var batchID: Int64
    public var channel: Channel
    public var school: String
    public var className: String?
    public var recipients: [String]
    public var meeting: Date?
    public var letters: [Letter]

    public init(batchID: Int64, channel: Channel, school: String, className: String?, recipients: [String], meeting: Date?, letters: [Letter]) {
        self.batchID = batchID
        self.channel = channel
        self.school = school
        self.className = className
        self.recipients = recipients
        self.meeting = meeting
        self.letters = letters
    }
}
