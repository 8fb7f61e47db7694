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
    case cannotWrite(path: String)

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
        case .cannotWrite(let path):
            "impossible d’écrire \(path)"
        }
    }
}
