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

    /// The letter as it leaves, with the code it carries.
    public var issued: IssuedLetter {
        IssuedLetter(deliveryID: deliveryID, code: kind == .activation ? account.activationCode : nil)
    }
}

/// A letter leaving (printed, or handed to the mail server) with the activation code it
/// carries, nil for a reminder. The store checks the code against the account's current one
/// in the transaction that marks the letter issued: an export imported meanwhile with a new
/// code cannot leave an old code unflagged.
public struct IssuedLetter: Sendable, Hashable {
    public var deliveryID: Int64
    public var code: String?

    public init(deliveryID: Int64, code: String?) {
        self.deliveryID = deliveryID
        self.code = code
    }
}

/// Whether a message may go out, as the store answers when the sender claims it.
public enum SendingClaim: Sendable, Equatable {
    /// Marked as being sent: it goes.
    case claimed
    /// Another run took it (or it is no longer to send): this run leaves it alone.
    case takenElsewhere
    /// The ENT gave the account a new code since the message was written: not sent, to be
    /// sent by the next run with the new code.
    case codeChanged
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

/// A batch whose letters are read when its file is drawn, not before: a plan of 100,000
/// letters is printed without holding them all.
public struct PendingBatch: Sendable {
    /// The batch, without its letters.
    public var batch: LetterBatch
    /// How many letters it carries.
    public var count: Int
    /// Reads its letters.
    public var letters: @Sendable () throws -> [Letter]

    public init(batch: LetterBatch, count: Int, letters: @escaping @Sendable () throws -> [Letter]) {
        self.batch = batch
        self.count = count
        self.letters = letters
    }

    /// A batch already read.
    public init(_ batch: LetterBatch) {
        var outline = batch
        outline.letters = []
        self.init(batch: outline, count: batch.letters.count) { batch.letters }
    }
}
