import SesameCore

/// What stops a message or a sending, in French.
public enum MailError: UserFacingError, Equatable {
    /// A name or subject holding a line break or a control character: sending it could
    /// inject headers, so it is refused.
    case unsafeHeader(field: String, login: String)
    case authentication(reply: String)
    case unreachable(reply: String)
    case missingSetting(String)
    case unreadablePassword(path: String)
    case cannotWrite(path: String, reason: String)
    /// The server's certificate is not trusted: libcurl's detail, told in French.
    case untrustedCertificate(detail: String)
    case unreadableCertificates(detail: String)
    /// --starttls asked, the server does not offer it.
    case starttlsNotOffered
    /// The first recipients of a run all refused for one reason that is not theirs (relay
    /// denied, sender refused): the server, not the addresses, is the problem.
    case everyRecipientRefused(count: Int, reply: String)

    public var userMessage: String {
        switch self {
        case let .unsafeHeader(field, login):
            "\(login) : le champ « \(field) » contient un saut de ligne ou un caractère de contrôle ; message non envoyé"
        case .authentication(let reply):
            "le serveur SMTP refuse l’authentification (\(reply)) ; vérifiez --user et le mot de passe. Rien n’a été envoyé de plus."
        case .unreachable(let reply):
            "serveur SMTP injoignable (\(reply)) ; les messages restants n’ont pas été envoyés, relancez « sesame send » plus tard"
        case .missingSetting(let name):
            "réglage manquant pour envoyer : \(name) (option en ligne de commande, ou section email des réglages)"
        case .unreadablePassword(let path):
            "impossible de lire le mot de passe dans \(path)"
        case .untrustedCertificate(let detail):
            "le certificat du serveur SMTP n’est pas reconnu : \(Self.certificateProblem(detail)) (\(detail)). Rien n’a été envoyé. "
                + "Vérifiez l’adresse du serveur ; si c’est bien celui de l’école ou de l’académie, donnez son certificat avec --cacert FICHIER.pem"
        case .unreadableCertificates(let detail):
            "le fichier de certificats donné par --cacert est illisible ou n’est pas au format PEM (\(detail)) ; rien n’a été envoyé"
        case .starttlsNotOffered:
            "le serveur SMTP ne propose pas STARTTLS, alors que --starttls l’exige : rien n’a été envoyé (le mot de passe n’est jamais envoyé en clair). "
                + "Vérifiez le port (587 pour STARTTLS) ou utilisez smtps:// (port 465)"
        case let .everyRecipientRefused(count, reply):
            "le serveur SMTP a refusé les \(count) premiers destinataires pour la même raison (\(reply)) : c’est le serveur qui refuse "
                + "(relais interdit, expéditeur non autorisé), pas les adresses. Envoi arrêté ; ces lettres restent à envoyer. "
                + "Vérifiez --from, --user et le serveur, puis relancez « sesame send »"
        case let .cannotWrite(path, reason):
            "impossible d’écrire \(path) : \(reason) (aucun fichier incomplet n’a été laissé)"
        }
    }

    /// The certificate problems libcurl (OpenSSL) names, as a director can understand them.
    static func certificateProblem(_ detail: String) -> String {
        let text = detail.lowercased()
        if text.contains("self-signed") || text.contains("self signed") { return "certificat auto-signé" }
        if text.contains("expired") { return "certificat expiré" }
        if text.contains("subject name") || text.contains("does not match") || text.contains("hostname") {
            return "le certificat n’est pas celui de ce nom de serveur"
        }
        if text.contains("issuer") { return "certificat délivré par une autorité inconnue de cet ordinateur" }
        return "certificat refusé"
    }
}
