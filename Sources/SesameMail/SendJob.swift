import Foundation
import Synchronization
import SesameCore

/// One email to send: the delivery it belongs to, its recipient, and how to render it.
/// Rendering happens on the connection's own thread, just before the message goes out:
/// the connections compose in parallel and the first message leaves at once.
public struct OutgoingMail: Sendable {
    /// The letter and the code its message carries, checked when it is claimed.
    public var letter: IssuedLetter
    public var login: String
    public var to: EmailAddress
    public var render: @Sendable () throws -> Data

    public init(letter: IssuedLetter, login: String, to: EmailAddress, render: @escaping @Sendable () throws -> Data) {
        self.letter = letter
        self.login = login
        self.to = to
        self.render = render
    }

    public var deliveryID: Int64 { letter.deliveryID }
}

/// What became of a message, for the store.
public enum SendOutcome: Sendable, Equatable {
    /// The server accepted it (250…).
    case accepted(reply: String)
    /// Put off (4xx) every time it was tried.
    case deferred(reply: String)
    /// Refused (5xx): the server's reply goes in the event.
    case bounced(reply: String)
    /// Not sent after all (the run stopped): back to where it was.
    case notSent(reason: String)
    /// Sent, but the server's reply to its end never came (the connection dropped, or ten
    /// minutes passed): it may have been accepted. Left as being sent, never sent again
    /// unless told (`--resend-uncertain`).
    case uncertain(reason: String)
}

/// Where the job writes each step, so that nothing is lost and nothing sent twice.
///
/// A message is marked as being sent, and that mark is written, before it goes out; its
/// outcome is written with the next message's mark, in the same transaction. A run killed
/// in between leaves the message marked as being sent: uncertain, which it is.
public protocol SendLedger: Sendable {
    /// Writes `outcomes` and claims `next` for sending, all or nothing; `next` goes out only
    /// if the claim answers `.claimed`.
    func record(_ outcomes: [(deliveryID: Int64, outcome: SendOutcome)], thenSending next: IssuedLetter?) throws -> SendingClaim?
}

public struct SendSummary: Sendable, Equatable {
    public var sent = 0
    public var deferred = 0
    public var bounced = 0
    public var bounces: [(login: String, reply: String)] = []
    /// Sent without a reply to their end: maybe received, not sent again.
    public var uncertain: [String] = []
    /// Messages that could not be written (a name that would break a header): left as they were.
    public var unwritable: [String] = []
    /// Taken by another run of the same plan at the same time.
    public var takenElsewhere = 0
    /// Not sent: the ENT gave a new code while this run was under way.
    public var codeChanged: [String] = []

    public init() {}

    public static func == (a: SendSummary, b: SendSummary) -> Bool {
        (a.sent, a.deferred, a.bounced) == (b.sent, b.deferred, b.bounced)
    }
}

/// Sends messages over one or more SMTP connections, at most `rate` per second.
///
/// 4xx replies are retried with a doubling delay and end as deferred; 5xx replies are
/// bounces; a connection dropped before a message went out is made again, one dropped after
/// leaves that message uncertain. If the server cannot be reached, refuses the account or
/// its certificate, or refuses the first recipients all for one reason that is not theirs
/// (relay denied), the job stops: the messages in hand go back to where they were, the rest
/// stays to send, and the error says why.
public struct SendJob: Sendable {
    public var smtp: SMTPSettings
    public var envelopeFrom: EmailAddress
    public var connections: Int
    /// Messages per second, all connections together; nil: as fast as the server takes them.
    public var rate: Double?
    public var retries: Int
    public var retryDelay: TimeInterval

    public init(smtp: SMTPSettings, envelopeFrom: EmailAddress, connections: Int = 2, rate: Double? = nil, retries: Int = 3, retryDelay: TimeInterval = 2) {
        self.smtp = smtp
        self.envelopeFrom = envelopeFrom
        self.connections = max(1, connections)
        self.rate = rate
        self.retries = retries
        self.retryDelay = retryDelay
    }

    public func run(_ mails: [OutgoingMail], ledger: SendLedger, progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) throws -> SendSummary {
        let queue = WorkQueue(mails, rate: rate)
        let workers = min(connections, max(1, mails.count))
        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                work(queue, ledger: ledger, progress: progress)
            }
            thread.start()
        }
        group.wait()
        return try queue.result()
    }

    private func work(_ queue: WorkQueue, ledger: SendLedger, progress: @Sendable (Int, Int) -> Void) {
        let connection: SMTPConnection
        do { connection = try SMTPConnection(smtp) } catch { queue.stop(error); return }
        var known: [(deliveryID: Int64, outcome: SendOutcome)] = []
        while let mail = queue.next() {
            let data: Data
            do {
                data = try mail.render()
            } catch {
                queue.unwritable((error as? UserFacingError)?.userMessage ?? "\(mail.login) : \(error)")
                continue
            }
            do {
                let claim = try ledger.record(known, thenSending: mail.letter)
                known = []
                guard claim == .claimed else {
                    queue.skipped(mail, claim)
                    continue
                }
            } catch {
                queue.stop(error)
                return
            }
            do {
                let outcome = try deliver(mail, data: data, over: connection)
                known += queue.settle(mail, outcome)
                progress(queue.finished, queue.total)
            } catch {
                known.append((mail.deliveryID, .notSent(reason: "envoi interrompu : \((error as? UserFacingError)?.userMessage ?? "\(error)")")))
                queue.stop(error)
                break
            }
        }
        known += queue.releaseHeld()
        do {
            _ = try ledger.record(known, thenSending: nil)
        } catch {
            queue.stop(error)
        }
    }

    private func deliver(_ mail: OutgoingMail, data: Data, over connection: SMTPConnection) throws -> SendOutcome {
        var attempt = 0
        while true {
            let reply = connection.send(from: envelopeFrom.value, to: mail.to.value, message: data)
            if reply.isAuthenticationFailure { throw MailError.authentication(reply: reply.text) }
            switch reply {
            case .accepted(let text): return .accepted(reply: text)
            case .permanent(_, let text): return .bounced(reply: text)
            case .replyLost(let text): return .uncertain(reason: "envoyé, mais la réponse du serveur n’est pas arrivée (\(text)) : peut-être reçu")
            case .tlsFailure(let error): throw error
            case .temporary(_, let text):
                guard attempt < retries else { return .deferred(reply: text) }
            case .noConnection(let text):
                // libcurl connects again on the next attempt; a server that stays away stops the job.
                guard attempt < retries else { throw MailError.unreachable(reply: text) }
            }
            Thread.sleep(forTimeInterval: retryDelay * pow(2, Double(attempt)))
            attempt += 1
        }
    }
}

/// The messages still to send, shared by the connections, with the rate limit and the tally.
///
/// The first refusals of a run are held back while they all give one reason that is not
/// the recipient's: if `refusalStreak` of them come in a row, the server refuses everyone
/// (relay denied), the run stops and they go back to planned instead of being bounced.
private final class WorkQueue: Sendable {
    private struct State {
        var position = 0
        var summary = SendSummary()
        var failure: Error?
        var nextSlot = Date()
        var finished = 0
        /// Refusals held back, and the reason they share; nil once the streak is broken.
        var held: [(OutgoingMail, String)]? = []
        var streakReason: String?
        var stoppedByRefusals = false

        mutating func count(_ mail: OutgoingMail, _ outcome: SendOutcome) {
            switch outcome {
            case .accepted: summary.sent += 1
            case .deferred: summary.deferred += 1
            case .bounced(let reply):
                summary.bounced += 1
                summary.bounces.append((mail.login, reply))
            case .uncertain: summary.uncertain.append(mail.login)
            case .notSent: break
            }
        }

        /// The held refusals, as the bounces they are after all.
        mutating func release() -> [(deliveryID: Int64, outcome: SendOutcome)] {
            guard let pending = held else { return [] }
            held = nil
            return pending.map { mail, reply in
                count(mail, .bounced(reply: reply))
                return (mail.deliveryID, .bounced(reply: reply))
            }
        }
    }

    private let mails: [OutgoingMail]
    private let state = Mutex(State())
    private let interval: TimeInterval?
    private let refusalStreak: Int
    let total: Int

    init(_ mails: [OutgoingMail], rate: Double?) {
        self.mails = mails
        total = mails.count
        interval = rate.map { 1 / $0 }
        refusalStreak = min(5, max(2, mails.count))
    }

    var finished: Int { state.withLock { $0.finished } }

    /// The next message, once the rate allows; nil when all are taken or the job stopped.
    func next() -> OutgoingMail? {
        let (mail, wait): (OutgoingMail?, TimeInterval) = state.withLock { s in
            guard s.failure == nil, s.position < mails.count else { return (nil, 0) }
            let mail = mails[s.position]
            s.position += 1
            guard let interval else { return (mail, 0) }
            let slot = max(s.nextSlot, Date())
            s.nextSlot = slot.addingTimeInterval(interval)
            return (mail, slot.timeIntervalSinceNow)
        }
        if wait > 0 { Thread.sleep(forTimeInterval: wait) }
        return mail
    }

    /// Counts a message's outcome and returns the outcomes to write now: none while a
    /// refusal is held, the held ones with it once the streak breaks.
    func settle(_ mail: OutgoingMail, _ outcome: SendOutcome) -> [(deliveryID: Int64, outcome: SendOutcome)] {
        state.withLock { s in
            s.finished += 1
            if case .bounced(let reply) = outcome, let reason = Self.serverReason(reply, recipient: mail.to.value) {
                if s.stoppedByRefusals, reason == s.streakReason {
                    // Refused for the reason that stopped the run: not the recipient's doing.
                    return [(mail.deliveryID, .notSent(reason: "non envoyé : le serveur refuse tous les destinataires (\(reply))"))]
                }
                if s.held != nil, s.streakReason == nil || s.streakReason == reason {
                    s.streakReason = reason
                    s.held!.append((mail, reply))
                    guard s.held!.count == refusalStreak else { return [] }
                    s.failure = s.failure ?? MailError.everyRecipientRefused(count: refusalStreak, reply: reply)
                    s.stoppedByRefusals = true
                    let back = s.held!.map { ($0.0.deliveryID, SendOutcome.notSent(reason: "non envoyé : le serveur refuse tous les destinataires (\($0.1))")) }
                    s.held = nil
                    return back
                }
            }
            var out = s.release()
            s.count(mail, outcome)
            out.append((mail.deliveryID, outcome))
            return out
        }
    }

    /// At the end of a connection's work: refusals still held are bounces after all.
    func releaseHeld() -> [(deliveryID: Int64, outcome: SendOutcome)] {
        state.withLock { $0.release() }
    }

    /// The reason of a refusal with the recipient's address taken out, nil when the refusal
    /// is about the mailbox itself (RFC 3463 5.1.x bad address, 5.2.x mailbox), which many
    /// recipients in a row may well deserve.
    static func serverReason(_ reply: String, recipient: String) -> String? {
        let words = reply.split(separator: " ")
        if words.count > 1, words[1].hasPrefix("5.1.") || words[1].hasPrefix("5.2.") { return nil }
        return reply.replacingOccurrences(of: recipient, with: "").replacingOccurrences(of: "<>", with: "")
    }

    func skipped(_ mail: OutgoingMail, _ claim: SendingClaim?) {
        state.withLock { s in
            s.finished += 1
            if claim == .codeChanged { s.summary.codeChanged.append(mail.login) } else { s.summary.takenElsewhere += 1 }
        }
    }

    func unwritable(_ reason: String) {
        state.withLock { s in
            s.finished += 1
            s.summary.unwritable.append(reason)
        }
    }

    func stop(_ error: Error) {
        state.withLock { $0.failure = $0.failure ?? error }
    }

    func result() throws -> SendSummary {
        try state.withLock { s in
            if let failure = s.failure { throw failure }
            return s.summary
        }
    }
}
