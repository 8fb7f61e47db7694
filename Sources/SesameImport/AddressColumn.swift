/// The columns of the family file extracted from the school registry (ONDE), with the
/// contacts the school collected at the start of the year when it carries them.
enum AddressColumn: Int, KnownColumn {
    case parentLastName, parentFirstName, street, postcode, city, childLastName, childFirstName, className, email, phone

    var header: String {
        switch self {
        case .parentLastName: "Nom responsable"
        case .parentFirstName: "Prénom responsable"
        case .street: "Adresse"
        case .postcode: "Code postal"
        case .city: "Commune"
        case .childLastName: "Nom élève"
        case .childFirstName: "Prénom élève"
        case .className: "Classe"
        case .email: "Courriel"
        case .phone: "Téléphone"
        }
    }

    var aliases: [String] {
        switch self {
        case .parentLastName: ["Nom du responsable", "Nom représentant", "Nom resp"]
        case .parentFirstName: ["Prénom du responsable", "Prénom représentant", "Prénom resp"]
        case .street: ["Adresse responsable", "Adresse 1", "Adresse postale"]
        case .postcode: ["CP", "Code postal responsable"]
        case .city: ["Ville", "Commune responsable"]
        case .childLastName: ["Nom de l'élève", "Nom enfant", "Nom de l'enfant"]
        case .childFirstName: ["Prénom de l'élève", "Prénom enfant", "Prénom de l'enfant"]
        case .className: ["Classe de l'élève", "Classe élève"]
        case .email: ["Email", "E-mail", "Mail", "Adresse électronique", "Courriel responsable"]
        case .phone: ["Tel", "Tél", "Portable", "Téléphone portable", "Téléphone responsable"]
        }
    }
}
