/// The columns of ONDE's "extraction des responsables" before its child groups.
enum ResponsableColumn: Int, KnownColumn {
    case title, usageName, lastName, firstName, street, postcode, city, country, email, homePhone, workPhone, mobilePhone

    var header: String {
        switch self {
        case .title: "Civilité Responsable"
        case .usageName: "Nom usage responsable"
        case .lastName: "Nom responsable"
        case .firstName: "Prénom responsable"
        case .street: "Adresse responsable"
        case .postcode: "CP responsable"
        case .city: "Commune responsable"
        case .country: "Pays"
        case .email: "Courriel"
        case .homePhone: "Téléphone domicile"
        case .workPhone: "Téléphone travail"
        case .mobilePhone: "Téléphone portable"
        }
    }

    var aliases: [String] {
        switch self {
        case .usageName: ["Nom d'usage responsable"]
        case .lastName: ["Nom de famille responsable"]
        default: []
        }
    }
}

/// The four columns ONDE repeats once per child in the "extraction des responsables".
enum ResponsableChildColumn: Int, CaseIterable {
    case usageName, lastName, firstName, className

    var header: String {
        switch self {
        case .usageName: "Nom d'usage enfant"
        case .lastName: "Nom de famille enfant"
        case .firstName: "Prénom enfant"
        case .className: "Classes enfants"
        }
    }
}

/// The columns of ONDE's "extraction des élèves" Sésame reads (it has many more).
enum PupilColumn: Int, KnownColumn {
    case lastName, usageName, firstName, birthDate, sex, level, className, street1, postcode1, street2, postcode2

    var header: String {
        switch self {
        case .lastName: "Nom Elève"
        case .usageName: "Nom d'usage Elève"
        case .firstName: "Prénom Elève"
        case .birthDate: "Date naissance"
        case .sex: "Sexe"
        case .level: "Niveau"
        case .className: "Classe"
        case .street1: "Adresse1"
        case .postcode1: "Cp1"
        case .street2: "Adresse2"
        case .postcode2: "Cp2"
        }
    }

    var aliases: [String] {
        switch self {
        case .lastName: ["Nom de famille Elève", "Nom"]
        case .usageName: ["Nom usage Elève"]
        case .firstName: ["Prénom"]
        case .birthDate: ["Date de naissance", "Né(e) le"]
        default: []
        }
    }
}
