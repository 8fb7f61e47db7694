import SesameCore

/// What the season's workflows refuse, in French.
public enum SeasonError: UserFacingError, Equatable {
    case noTemplates
    /// `--school` given for an export that names each account's school.
    case schoolAlreadyInFile(file: String)
    case nothingToPrint(plan: Int64, logins: [String])
    case missingSender
    case invalidSender(String)
    case invalidServerURL(String)

    public var userMessage: String {
        switch self {
        case .noTemplates:
            "modèles introuvables : ni --templates, ni $SESAME_REPORTS, ni le dossier Reports livré avec Sésame"
        case .schoolAlreadyInFile(let file):
            "\(file) indique déjà l’établissement de chaque compte : --school ne s’applique pas"
        case let .nothingToPrint(plan, logins):
            logins.isEmpty
                ? "le plan \(plan) n’a aucune lettre papier à imprimer (tout part par courriel, ou tout est déjà clos)"
                : "aucune lettre papier en cours pour \(logins.joined(separator: ", ")) dans le plan \(plan)"
        case .invalidSender(let text):
            "--from : « \(text) » n’est pas une adresse électronique valide"
        case .invalidServerURL(let url):
            "--smtp : « \(url) » ; smtp://hôte:port ou smtps://hôte:port est attendu"
        case .missingSender:
            "réglage manquant pour envoyer : --from (adresse de l’expéditeur) (option en ligne de commande, ou section email des réglages)"
        }
    }
}
