import Foundation
import SesameCore

/// One email to send: the delivery it belongs to, its recipient, and how to render it.
/// Rendering happens on the connection's own thread, just before the message goes out:
/// the connections compose in parallel and the first message leaves at once.
public struct OutgoingMail: Sendable {
    public var deliveryID: Int64
    public var login: String
    public var to: EmailAddress
    public var render: @Sendable () throws -> Data

    public init(deliveryID: Int64, login: String, to: EmailAddress, render: @escaping @Sendable () throws -> Data) {
        self.deliveryID = deliveryID
        self.login = login
        self.to = to
        self.render = render
    }
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
}

/// Where the job writes each step, so that nothing is lost and nothing sent twice.
///
/// A message is marked as being sent, and that mark is written, before it goes out; its
/// outcome is written with the next message's mark, in the same transaction. A run killed
/// in between leaves the message marked as being sent: uncertain, which it is.
public protocol SendLedger: Sendable {
    /// Writes `outcomes` and marks `next` as being sent, all or nothing.
    func record(_ outcomes: [(deliveryID: Int64, outcome: SendOutcome)], thenSending next: Int64?) throws
}

public struct SendSummary: Sendable, Equatable {
    public var sent = 0
    public var deferred = 0
    public var bounced = 0
    public var bounces: [(login: String, reply: String)] = []
    /// Messages that could not be written (a name that would break a header): left as they were.
    public var unwritable: [String] = []

    public init() {}

    public static func == (a: SendSummary, b: SendSummary) -> Bool {
        (a.sent, a.deferred, a.bounced) == (b.sent, b.deferred, b.bounced)
    }
}

/// Sends messages over one or more SMTP connections, at most `rate` per second.
///
/// 4xx replies are retried with a doubling delay and end as deferred; 5xx replies are
/// bounces; a dropped connection is made again. If the server cannot be reached or refuses
/// the account, the job stops: the message in hand goes back to where it was, the rest
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
                try ledger.record(known, thenSending: mail.deliveryID)
                known = []
            } catch {
                queue.stop(error)
                return
            }
            do {
                let outcome = try deliver(mail, data: data, over: connection)
                known.append((mail.deliveryID, outcome))
                queue.done(mail, outcome)
                progress(queue.finished, queue.total)
            } catch {
                known.append((mail.deliveryID, .notSent(reason: "envoi interrompu : \((error as? UserFacingError)?.userMessage ?? "\(error)")")))
                queue.stop(error)
                break
            }
        }
        do {
            try ledger.record(known, thenSending: nil)
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
private final class WorkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var mails: [OutgoingMail]
    private var position = 0
    private var summary = SendSummary()
    private var failure: Error?
    private let interval: TimeInterval?
    private var nextSlot = Date()
    let total: Int
    private(set) var finished = 0

    init(_ mails: [OutgoingMail], rate: Double?) {
        self.mails = mails
        total = mails.count
        interval = rate.map { 1 / $0 }
    }

    /// The next message, once the rate allows; nil when all are taken or the job stopped.
    func next() -> OutgoingMail? {
        let (mail, wait): (OutgoingMail?, TimeInterval) = lock.withLock {
            guard failure == nil, position < mails.count else { return (nil, 0) }
            let mail = mails[position]
            position += 1
            guard let interval else { return (mail, 0) }
            let slot = max(nextSlot, Date())
            nextSlot = slot.addingTimeInterval(interval)
            return (mail, slot.timeIntervalSinceNow)
        }
        if wait > 0 { Thread.sleep(forTimeInterval: wait) }
        return mail
    }

    func done(_ mail: OutgoingMail, _ outcome: SendOutcome) {
        lock.withLock {
            finished += 1
            switch outcome {
            case .accepted: summary.sent += 1
            case .deferred: summary.deferred += 1
            case .bounced(let reply):
                summary.bounced += 1
                summary.bounces.append((mail.login, reply))
            case .notSent: break
            }
        }
    }

    func unwritable(_ reason: String) {
        lock.withLock {
            finished += 1
            summary.unwritable.append(reason)
        }
    }

    func stop(_ error: Error) {
        lock.withLock { failure = failure ?? error }
    }

    func result() throws -> SendSummary {
        try lock.withLock {
            if let failure { throw failure }
            return summary
        }
    }
}
