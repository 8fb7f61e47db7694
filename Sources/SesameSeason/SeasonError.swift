import SesameCore

/// What the season's workflows refuse, in French.
public enum SeasonError: UserFacingError, Equatable {
    case noTemplates
    /// A plan asked of an empty store.
    case nothingImported
    /// Not this person's to see or change (or not there: the two are not told apart).
    case forbidden
    case enrolmentLinkInvalid
    case passwordTooShort
    case loginRefused
    case tooManyAttempts
    /// A school's settings given without the school, with several in the store.
    case schoolSettingsNeedSchool(known: [String])
    /// `--school` given for an export that names each account's school.
    case schoolAlreadyInFile(file: String)
    case nothingToPrint(plan: Int64, logins: [String])
    /// Layout 8 for letters a pupil carries: a card cannot hide its code.
    case cardsForCarriedLetters(classes: [String])
    case missingSender
    /// A value that cannot be this setting, named as the Réglages page names it.
    case invalidSetting(name: String, value: String, expected: String)
    /// An import confirmed after its files were dropped (cancelled, an hour old, the server restarted).
    case importExpired
    /// A file uploaded by a director that names accounts of other schools.
    case otherSchoolsInFile(file: String, schools: [String])
    /// A class list asked of a follow-up with nobody of that class left to reach.
    case noFollowUpList(className: String)
    /// Every problem of a sign-off sheet, each with its line and column.
    case sheetProblems(file: String, problems: [String])

    public var userMessage: String {
        switch self {
        case .schoolSettingsNeedSchool(let known):
            "la direction, la ville, l’adresse, le téléphone et le courriel sont propres à un établissement : précisez lequel avec --school (\(known.joined(separator: " ; "))) ; "
                + "les autres réglages ont été écrits"
        case .importExpired:
            "ces fichiers ne sont plus là (import annulé, vieux de plus d’une heure, ou serveur redémarré) : envoyez-les de nouveau"
        case let .otherSchoolsInFile(file, schools):
            "\(file) contient des comptes d’autres écoles (\(schools.joined(separator: ", "))) : importez l’export de votre seule école, ou demandez à l’assistance ENT d’importer ce fichier"
        case .noFollowUpList(let className):
            "personne n’est à relancer en \(className) : il n’y a pas de liste pour cette classe"
        case .forbidden:
            "cette page n’est pas accessible avec votre compte"
        case .enrolmentLinkInvalid:
            "ce lien d’inscription n’est plus valable (déjà utilisé, ou plus de 7 jours) : demandez-en un nouveau à la direction"
        case .passwordTooShort:
            "le mot de passe doit compter au moins 10 caractères"
        case .loginRefused:
            "identifiant ou mot de passe incorrect"
        case .tooManyAttempts:
            "trop d’essais de connexion : réessayez dans un quart d’heure"
        case .nothingImported:
            "la base ne contient encore aucun compte : importez d’abord l’export de l’ENT (sesame import export-comptes.csv)"
        case .noTemplates:
            "modèles introuvables : ni --templates, ni $SESAME_REPORTS, ni le dossier Reports livré avec Sésame"
        case .schoolAlreadyInFile(let file):
            "\(file) indique déjà l’établissement de chaque compte : --school ne s’applique pas"
        case let .nothingToPrint(plan, logins):
            logins.isEmpty
                ? "le plan \(plan) n’a aucune lettre papier à imprimer (tout part par courriel, ou tout est déjà clos)"
                : "aucune lettre papier en cours pour \(logins.joined(separator: ", ")) dans le plan \(plan)"
        case let .invalidSetting(name, value, expected):
            "\(name) « \(value) » : \(expected)"
        case let .sheetProblems(file, problems):
            "\(file) : \(problems.count) ligne\(problems.count > 1 ? "s" : "") à corriger, rien n’a été enregistré :\n"
                + problems.map { "  \($0)" }.joined(separator: "\n")
        case .cardsForCarriedLetters(let classes):
            "les lettres que les élèves emportent dans le carnet de liaison\(classes.isEmpty ? "" : " (\(classes.joined(separator: ", ")))") "
                + "doivent cacher leur code : elles ne s’impriment pas en cartes (--layout 8). Imprimez ce plan avec --layout 1 (lettres pliées en trois, code caché)"
        case .missingSender:
            "réglage manquant pour envoyer : --from (adresse de l’expéditeur) (option en ligne de commande, ou section email des réglages)"
        }
    }
}
