import ArgumentParser
import Foundation
import SesameSeason

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

    @Option(help: ArgumentHelp("Une seule école (sinon toutes celles du plan).", valueName: "école"))
    var school: String?

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
        let destination: SendRequest.Destination = outbox.map { .outbox(URL(fileURLWithPath: $0, isDirectory: true)) } ?? .server(SMTPChoice(
            url: smtp, starttls: starttls, tls: tls, user: user, passwordFile: passwordFile,
            environmentPassword: ProcessInfo.processInfo.environment["SESAME_SMTP_PASSWORD"], caFile: caFile))
        let request = SendRequest(
            plan: plan, destination: destination, from: from, limit: limit, resendUncertain: resendUncertain,
            connections: connections, rate: rate, retries: retries, retryDelay: retryDelay, school: school, actor: by ?? ActingUser.current)
        let progress = ProgressLine(unit: "messages")
        defer { progress.finish() }
        let report = try store.season(templates: templatesFolder).send(request) { done, total in
            progress.update(done: done, total: total, label: "")
        }
        progress.finish()
        SendOutput.print(report)
    }
}
