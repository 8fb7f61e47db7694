import SesameCore

/// The columns of an ENT account export ("Exporter des comptes"), and the spellings
/// of the older exports, the class-level export and spreadsheets re-saving them.
enum ExportColumn: Int, KnownColumn {
    case id, siecleID, profile, lastName, firstName, login, alias, activationCode, functions, schools, classes
    case children, parents, lastLogin, email, phone, createdAt

    var header: String {
        switch self {
        case .id: "Id"
        case .siecleID: "Identifiant SIECLE"
        case .profile: "Type"
        case .lastName: "Nom"
        case .firstName: "Prénom"
        case .login: "Identifiant"
        case .alias: "Login personnalisé (Alias)"
        case .activationCode: "Code d'activation"
        case .functions: "Fonctions"
        case .schools: "Établissements"
        case .classes: "Classes"
        case .children: "Enfants"
        case .parents: "Parents"
        case .lastLogin: "Dernière connexion"
        case .email: "Courriel"
        case .phone: "Téléphone"
        case .createdAt: "Date de création"
        }
    }

    var aliases: [String] {
        switch self {
        case .id: ["Identifiant ENT", "UID"]
        case .siecleID: ["SIECLE", "Id SIECLE", "Identifiant externe", "externalId"]
        case .profile: ["Profil", "Profile"]
        case .lastName: ["Nom de famille", "Last name"]
        case .firstName: ["First name"]
        case .login: ["Login"]
        case .alias: ["Alias de login", "Identifiant personnalisé (Alias)", "Alias", "Login alias"]
        case .activationCode: ["Code activation", "Activation code"]
        case .functions: ["Fonction"]
        case .schools: ["Établissement", "Structures", "Structure"]
        case .classes: ["Classe"]
        case .children: ["Enfant"]
        case .parents: ["Responsables"]
        case .lastLogin: ["Last login"]
        case .email: ["Email", "E-mail", "Mail", "Adresse électronique"]
        case .phone: ["Tel", "Tél", "Phone"]
        case .createdAt: ["Date création", "Créé le", "Creation date"]
        }
    }
}

extension ExportDetail {
    /// The column that gives it.
    var column: ExportColumn {
        switch self {
        case .siecleID: .siecleID
        case .alias: .alias
        case .functions: .functions
        case .classes: .classes
        case .children: .children
        case .parents: .parents
        case .lastLogin: .lastLogin
        case .email: .email
        case .phone: .phone
        case .createdAt: .createdAt
        }
    }
}
