import ArgumentParser
import Foundation
import SesameCore
import SesameImport
import SesameMail
import SesameStore
import SesameTemplates

struct SendCommand: SesameCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Envoyer par courriel les lettres du canal « courriel » d’un plan.",
        discussion: """
            Un message personnalisé par lettre, texte et HTML, depuis Reports/courriel.mustache. Chaque \
            message est noté « envoi en cours » avant de partir et « émis » quand le serveur l’accepte : une \
            seconde exécution n’envoie que ce qui reste. Après une interruption, les messages restés « en \
            cours » sont signalés comme incertains et ne sont renvoyés qu’avec --resend-uncertain.
            Le mot de passe SMTP vient d’un fichier (--password-file) ou de $SESAME_SMTP_PASSWORD, jamais \
            de la ligne de commande.

            Exemples :
              sesame send --outbox courriels          (écrire les messages en .eml, sans rien envoyer)
              sesame send --smtp smtp://smtp.ac-nantes.fr:587 --starttls --user directeur --password-file ~/.smtp --from ce.0440001@ac-nantes.fr
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp("Numéro du plan (sinon le plus récent).", valueName: "plan"))
    var plan: Int64?

    @Option(help: ArgumentHelp("Serveur SMTP : smtp://hôte:port ou smtps://hôte:port (sinon les réglages).", valueName: "url"))
    var smtp: String?

    @Flag(help: "Passer en TLS avec STARTTLS (exigé).")
    var starttls = false

    @Flag(help: "TLS dès la connexion (smtps).")
    var tls = false

    @Option(help: ArgumentHelp("Utilisateur SMTP.", valueName: "nom"))
    var user: String?

    @Option(name: .customLong("password-file"), help: ArgumentHelp("Fichier qui contient le mot de passe SMTP.", valueName: "fichier"))
    var passwordFile: String?

    @Option(name: .customLong("cacert"), help: ArgumentHelp("Certificats à accepter pour le serveur (PEM).", valueName: "fichier"))
    var caFile: String?

    @Option(help: ArgumentHelp("Adresse de l’expéditeur (sinon les réglages).", valueName: "adresse"))
    var from: String?

    @Option(help: ArgumentHelp("Au plus N messages par seconde.", valueName: "N"))
    var rate: Double?

    @Option(help: ArgumentHelp("Envoyer au plus N messages cette fois-ci.", valueName: "N"))
    var limit: Int?

    @Option(help: ArgumentHelp("Connexions SMTP en parallèle.", valueName: "N"))
    var connections = 2

    @Option(help: ArgumentHelp("Nouvelles tentatives après une réponse 4xx.", valueName: "N"))
    var retries = 3

    @Option(name: .customLong("retry-delay"), help: ArgumentHelp("Secondes avant la première nouvelle tentative (doublées ensuite).", valueName: "s"))
    var retryDelay = 2.0

    @Option(help: ArgumentHelp("Écrire les messages en .eml dans ce dossier au lieu de les envoyer.", valueName: "dossier"))
    var outbox: String?

    @Flag(name: .customLong("resend-uncertain"), help: "Renvoyer les messages dont l’envoi a été interrompu (risque de doublon).")
    var resendUncertain = false

    @Option(name: .customLong("templates"), help: ArgumentHelp("Dossier des modèles (sinon ceux livrés avec Sésame).", valueName: "dossier"))
    var templatesFolder: String?

    @Option(help: ArgumentHelp("Qui envoie, pour l’historique (sinon l’utilisateur du système).", valueName: "nom"))
    var by: String?

    func validate() throws {
        if starttls && tls { throw ValidationError("--starttls et --tls s’excluent") }
        if let rate, rate <= 0 { throw ValidationError("--rate : un nombre positif est attendu") }
        if let limit, limit < 1 { throw ValidationError("--limit : au moins 1") }
        if connections < 1 || connections > 16 { throw ValidationError("--connections : entre 1 et 16") }
    }

    func execute() throws {
        let store = try store.open()
        let settings = try SettingsFile.read(SettingsFile.location(forStore: store.path))
        let templates = try TemplateSet(folder: try Templates.folder(templatesFolder), templates: MailComposer.templates)
        guard let fromText = from ?? settings.email.from else { throw MailError.missingSetting("--from (adresse de l’expéditeur)") }
        guard let sender = EmailAddress(fromText) else { throw ValidationError("--from : « \(fromText) » n’est pas une adresse électronique valide") }
        let planID = try plan ?? store.latestPlanID()
        let letters = try store.letterBatches(plan: planID, channels: [.email]).flatMap(\.letters)
        let actor = by ?? Actor.current

        var report = SendReport()
        var toSend: [OutgoingMail] = []
        var resent: [Int64] = []
        let composer = MailComposer(
            templates: templates, settings: settings,
            sender: MailAddress(name: settings.email.fromName ?? settings.schools.first?.name, address: sender), date: Date(),
            storeIdentity: try store.identity())
        for letter in letters {
            switch letter.state {
            case .planned, .deferred: break
            case .sending where resendUncertain: break
            case .sending: report.uncertain.append(letter.account.login); continue
            default: report.alreadySent += 1; continue
            }
            if let limit, toSend.count == limit { report.left += 1; continue }
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

        if let outbox {
            let written = try Outbox.write(toSend, to: URL(fileURLWithPath: outbox, isDirectory: true))
            report.summary.unwritable = written.unwritable
            report.print(header: "\(plural(written.files.count, "message écrit", "messages écrits")) dans \(outbox) (rien n’a été envoyé, aucun état n’a changé)", sent: false)
            return
        }
        try store.move(resent, to: .planned, actor: actor, note: "renvoi d’un envoi incertain (--resend-uncertain)")
        let job = SendJob(
            smtp: try smtpSettings(settings), envelopeFrom: sender, connections: connections, rate: rate,
            retries: retries, retryDelay: retryDelay)
        let progress = ProgressLine(unit: "messages")
        defer { progress.finish() }
        let summary = try job.run(toSend, ledger: StoreLedger(store: store, actor: actor)) { done, total in
            progress.update(done: done, total: total, label: "")
        }
        progress.finish()
        report.summary = summary
        report.print(header: "Envoi du plan \(planID)")
    }

    private func smtpSettings(_ settings: Settings) throws -> SMTPSettings {
        guard let url = smtp ?? settings.email.smtpURL else { throw MailError.missingSetting("--smtp (serveur SMTP)") }
        guard Settings.Email.isServerURL(url) else {
            throw ValidationError("--smtp : smtp://hôte:port ou smtps://hôte:port est attendu")
        }
        let security: SMTPSettings.Security = tls || url.hasPrefix("smtps://") ? .tls
            : starttls || settings.email.starttls == true ? .starttls : .plain
        var password: String?
        if let path = passwordFile ?? settings.email.passwordFile {
            guard let text = try? String(contentsOfFile: (path as NSString).expandingTildeInPath, encoding: .utf8) else {
                throw MailError.unreadablePassword(path: path)
            }
            password = text.trimmingCharacters(in: .newlines)
        } else if let value = ProcessInfo.processInfo.environment["SESAME_SMTP_PASSWORD"], !value.isEmpty {
            password = value
        }
        return SMTPSettings(url: url, security: security, user: user ?? settings.email.user, password: password, caFile: caFile)
    }
}

/// The store as the send job's ledger: each step of each message is a state change with its event.
struct StoreLedger: SendLedger {
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

/// What `sesame send` says at the end.
struct SendReport {
    var summary = SendSummary()
    var alreadySent = 0
    var uncertain: [String] = []
    var skipped: [String] = []
    /// Beyond --limit: for a next run.
    var left = 0

    /// `sent`: false for an outbox run, where nothing reached a server.
    func print(header: String, sent: Bool = true) {
        var out = Console.Output()
        out.line(header)
        if sent {
            out.line("  envoyés : \(summary.sent)")
            out.line("  différés (à renvoyer plus tard) : \(summary.deferred)")
            out.line("  rejetés par le serveur : \(summary.bounced)")
            for bounce in summary.bounces.prefix(20) { out.line("    \(bounce.login) : \(bounce.reply)") }
        }
        let skipped = skipped + summary.unwritable
        if sent || !skipped.isEmpty { out.line("  sans adresse valide ou impossibles à écrire : \(skipped.count)") }
        for reason in skipped.prefix(20) { out.line("    \(reason)") }
        if left > 0 { out.line("  restant à envoyer (au-delà de --limit) : \(left)") }
        if alreadySent > 0 { out.line("  déjà envoyés auparavant : \(alreadySent)") }
        if summary.takenElsewhere > 0 { out.line("  envoyés par une autre exécution en même temps : \(summary.takenElsewhere)") }
        if !summary.codeChanged.isEmpty {
            out.line("  non envoyés, nouveau code dans l’ENT pendant l’envoi : \(summary.codeChanged.count) — relancez « sesame send » pour les envoyer avec le nouveau code")
            out.line("    \(shortList(summary.codeChanged, limit: 20))")
        }
        let uncertain = uncertain + summary.uncertain
        if !uncertain.isEmpty {
            out.line("  incertains (envoi interrompu, peut-être reçus) : \(uncertain.count) — non renvoyés ; --resend-uncertain pour les renvoyer")
            out.line("    \(shortList(uncertain, limit: 20))")
        }
        out.flush()
    }
}
