import Foundation
import SesameCore
import SesameMail
import SesameStore
import SesameTemplates

/// Which SMTP server, as the user gave it; what is not given comes from the settings.
public struct SMTPChoice: Sendable {
    public var url: String?
    public var starttls: Bool
    public var tls: Bool
    public var user: String?
    /// A file holding the password (never the password itself on a command line).
    public var passwordFile: String?
    /// The password from the environment the administrator set, if any.
    public var environmentPassword: String?
    /// Certificates to trust for a school's own server.
    public var caFile: String?

    public init(
        url: String? = nil, starttls: Bool = false, tls: Bool = false, user: String? = nil, passwordFile: String? = nil,
        environmentPassword: String? = nil, caFile: String? = nil
    ) {
        self.url = url
        self.starttls = starttls
        self.tls = tls
        self.user = user
        self.passwordFile = passwordFile
        self.environmentPassword = environmentPassword
        self.caFile = caFile
    }
}

/// What to send, where, how fast.
public struct SendRequest: Sendable {
    public enum Destination: Sendable {
        case server(SMTPChoice)
        /// `.eml` files in a folder: nothing sent, no state changed.
        case outbox(URL)
    }

    public var plan: Int64?
    public var destination: Destination
    /// The sender's address; nil: the settings'.
    public var from: String?
    /// At most this many messages this time.
    public var limit: Int?
    /// Send again the messages a previous run left uncertain (a duplicate is possible).
    public var resendUncertain: Bool
    public var connections: Int
    public var rate: Double?
    public var retries: Int
    public var retryDelay: TimeInterval
    /// One school's letters only (a director's, from the web pages); nil: every school of the plan.
    public var school: String?
    public var actor: String

    public init(
        plan: Int64? = nil, destination: Destination, from: String? = nil, limit: Int? = nil, resendUncertain: Bool = false,
        connections: Int = 2, rate: Double? = nil, retries: Int = 3, retryDelay: TimeInterval = 2, school: String? = nil, actor: String
    ) {
        self.plan = plan
        self.school = school
        self.destination = destination
        self.from = from
        self.limit = limit
        self.resendUncertain = resendUncertain
        self.connections = connections
        self.rate = rate
        self.retries = retries
        self.retryDelay = retryDelay
        self.actor = actor
    }
}

/// What a send did.
public struct SendReport: Sendable {
    public var planID: Int64 = 0
    public var summary = SendSummary()
    /// Letters sent by an earlier run.
    public var alreadySent = 0
    /// Left uncertain by an earlier run, and not sent again.
    public var uncertain: [String] = []
    /// Not sent, with why (no address, a purged code).
    public var skipped: [String] = []
    /// Beyond the limit: for a next run.
    public var left = 0
    /// The files written, for an outbox run.
    public var outboxFiles: [URL]?
}

extension Season {
    /// Sends a plan's email letters, each claimed in the store before it leaves and its
    /// outcome recorded after: accepted → issued, 4xx → deferred, 5xx → bounced, a reply lost
    /// after the message left → left being sent (uncertain). Letters already sent, or left
    /// uncertain by an earlier run (unless `resendUncertain`), are not sent again.
    ///
    /// Throws when a setting is missing, or when the server cannot be reached, refuses the
    /// account, its certificate or every recipient: the run stops, the letters not sent stay
    /// to send. Writes the deliveries' states and events; an outbox run writes only `.eml`
    /// files (0600).
    public func send(_ request: SendRequest, progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) throws -> SendReport {
        // No plan yet is said before the settings an email would need.
        let planID = try request.plan ?? store.latestPlanID(school: request.school)
        let settings = try settings()
        let (composer, sender) = try composer(settings: settings, from: request.from)
        let letters = try store.letterBatches(plan: planID, channels: [.email], school: request.school).flatMap(\.letters)

        var report = SendReport(planID: planID)
        var toSend: [OutgoingMail] = []
        var resent: [Int64] = []
        for letter in letters {
            switch letter.state {
            case .planned, .deferred: break
            case .sending where request.resendUncertain: break
            case .sending: report.uncertain.append(letter.account.login); continue
            default: report.alreadySent += 1; continue
            }
            if let limit = request.limit, toSend.count == limit { report.left += 1; continue }
            if letter.lacksCode {
                report.skipped.append("\(letter.account.login) (code effacé par sesame purge : demandez un nouveau code dans l’ENT puis réimportez l’export)")
                continue
            }
            guard let address = letter.account.email?.address else {
                report.skipped.append("\(letter.account.login) (pas d’adresse électronique valide)")
                continue
            }
            toSend.append(OutgoingMail(letter: letter.issued, login: letter.account.login, to: address) {
                // Never nil: the address was there.
                try composer.message(for: letter, plan: planID)!.rendered(login: letter.account.login)
            })
            if letter.state == .sending { resent.append(letter.deliveryID) }
        }

        switch request.destination {
        case .outbox(let folder):
            let written = try Outbox.write(toSend, to: folder)
            report.summary.unwritable = written.unwritable
            report.outboxFiles = written.files
        case .server(let choice):
            let smtp = try smtpSettings(choice, settings: settings)
            try store.move(resent, to: .planned, actor: request.actor, note: "renvoi d’un envoi incertain (--resend-uncertain)")
            let job = SendJob(
                smtp: smtp, envelopeFrom: sender, connections: request.connections, rate: request.rate,
                retries: request.retries, retryDelay: request.retryDelay)
            report.summary = try job.run(toSend, ledger: StoreSendLedger(store: store, actor: request.actor), progress: progress)
        }
        return report
    }

    /// The composer of the letters' messages, and the sender's address. Throws for a sender
    /// missing or invalid, or templates that do not read.
    private func composer(settings: Settings, from: String?) throws -> (MailComposer, EmailAddress) {
        let mailTemplates = try TemplateSet(folder: try templates(), templates: MailComposer.templates)
        guard let fromText = from ?? settings.email.from else { throw SeasonError.missingSender }
        guard let sender = EmailAddress(fromText) else { throw SettingRule.sender.refusal(fromText) }
        let composer = MailComposer(
            templates: mailTemplates, settings: settings,
            sender: MailAddress(name: settings.email.fromName ?? settings.schools.first?.name, address: sender), date: Date(),
            storeIdentity: try store.identity())
        return (composer, sender)
    }

    private func smtpSettings(_ choice: SMTPChoice, settings: Settings) throws -> SMTPSettings {
        guard let url = choice.url ?? settings.email.smtpURL else { throw MailError.missingSetting("--smtp (serveur SMTP)") }
        guard Settings.Email.isServerURL(url) else { throw SettingRule.server.refusal(url) }
        let security: SMTPSettings.Security = choice.tls || url.hasPrefix("smtps://") ? .tls
            : choice.starttls || settings.email.starttls == true ? .starttls : .plain
        var password: String?
        if let path = choice.passwordFile ?? settings.email.passwordFile {
            guard let text = try? String(contentsOfFile: (path as NSString).expandingTildeInPath, encoding: .utf8) else {
                throw MailError.unreadablePassword(path: path)
            }
            password = text.trimmingCharacters(in: .newlines)
        } else if let value = choice.environmentPassword, !value.isEmpty {
            password = value
        }
        return SMTPSettings(url: url, security: security, user: choice.user ?? settings.email.user, password: password, caFile: choice.caFile)
    }
}

/// The store as the send job's ledger: each step of each message is a state change with its event.
struct StoreSendLedger: SendLedger {
    let store: Store
    let actor: String

    func record(_ outcomes: [(deliveryID: Int64, outcome: SendOutcome)], thenSending next: IssuedLetter?) throws -> SendingClaim? {
        let changes = outcomes.map { id, outcome in
            switch outcome {
            case .accepted(let reply): DeliveryChange(id, to: .issued, note: "accepté par le serveur : \(reply)")
            case .deferred(let reply): DeliveryChange(id, to: .deferred, note: "différé par le serveur : \(reply)")
            case .bounced(let reply): DeliveryChange(id, to: .bounced, note: "refusé par le serveur : \(reply)")
            case .notSent(let reason): DeliveryChange(id, to: .planned, note: reason)
            // Stays "being sent": uncertain, with why in its history.
            case .uncertain(let reason): DeliveryChange(id, to: .sending, note: reason)
            }
        }
        return try store.recordSending(changes, claiming: next, actor: actor)
    }
}

extension Season {
    /// Sends one school's email letters for a person who oversees it (a director, from the
    /// web pages), with the server, account and password the administrator set (settings
    /// file, and the server's environment): the page never takes a password. Throws
    /// `forbidden` for anyone else, and what `send` throws.
    public func send(
        school: String, by person: WebPerson, environmentPassword: String?, progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }
    ) throws -> SendReport {
        guard person.mayOversee(school: school) else { throw SeasonError.forbidden }
        return try send(
            SendRequest(destination: .server(SMTPChoice(environmentPassword: environmentPassword)), school: school, actor: person.name),
            progress: progress)
    }

    /// The message the first family of the school's latest plan will receive by email, as it
    /// will leave, with its code masked: what the send page shows. Nil when the plan sends no
    /// email. Throws `forbidden` unless the person oversees the school.
    public func previewMessage(school: String, by person: WebPerson) throws -> MailMessage? {
        guard person.mayOversee(school: school) else { throw SeasonError.forbidden }
        let plan = try store.latestPlanID(school: school)
        guard var letter = try store.letterBatches(plan: plan, channels: [.email], school: school).flatMap(\.letters).first else { return nil }
        if !letter.account.isActivated { letter.account.activationCode = "••••••••" }
        let (composer, _) = try composer(settings: try settings(), from: nil)
        return composer.message(for: letter, plan: plan)
    }

    /// Where the school's email letters of its latest plan stand: the send page's live
    /// counts, whoever sends and whether the page stayed open.
    public func emailProgress(school: String, by person: WebPerson) throws -> EmailProgress {
        guard person.mayOversee(school: school) else { throw SeasonError.forbidden }
        return EmailProgress(try store.states(plan: try store.latestPlanID(school: school), channel: .email, school: school))
    }
}

/// A plan's email letters by where their sending stands.
public struct EmailProgress: Sendable, Equatable {
    public var toSend = 0, sent = 0, deferred = 0, bounced = 0
    /// Left being sent by a run whose server never confirmed: not sent again unless asked.
    public var uncertain = 0

    public init(_ states: [DeliveryState: Int]) {
        for (state, n) in states {
            switch state {
            case .planned: toSend += n
            case .deferred: deferred += n
            case .bounced: bounced += n
            case .sending: uncertain += n
            // Accepted by the server, whatever happened since.
            case .issued, .handedOver, .activated, .lost, .refused, .absent, .returned: sent += n
            // Replaced by a follow-up's letter: counted there.
            case .escalated, .cancelled: break
            }
        }
    }

    /// "12 envoyés, 3 à envoyer, 0 différés, 1 rejetés, 0 incertains".
    public var frenchSummary: String {
        "\(sent) envoyés, \(toSend) à envoyer, \(deferred) différés, \(bounced) rejetés, \(uncertain) incertains"
    }
}
