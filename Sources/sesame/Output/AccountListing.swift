import SesameCore

/// `sesame accounts` as a table for the screen and as CSV for a spreadsheet.
enum AccountListing {
    static func code(_ account: Account, showCodes: Bool) -> String {
        showCodes ? account.codeColumn : account.maskedCodeColumn
    }

    static func table(_ accounts: [Account], showCodes: Bool, into out: inout Console.Output) {
        let manySchools = Set(accounts.map(\.school)).count > 1
        var headers = ["Nom", "Prénom", "Profil", "Identifiant", "Code d’activation", "Courriel", "Classes", "Enfants"]
        if manySchools { headers.append("Établissement") }
        var table = TextTable(headers: headers)
        for a in accounts {
            var row = [
                a.lastName, a.firstName, a.profile.frenchName, a.login, code(a, showCodes: showCodes),
                a.email.map { $0.address.value + ($0.source == .collected ? " (recueilli)" : "") } ?? "—",
                a.classes.joined(separator: ", "), a.children.map(\.displayName).joined(separator: ", "),
            ]
            if manySchools { row.append(a.school) }
            table.add(row)
        }
        table.render(into: &out)
    }

    /// Semicolon-separated with a BOM, as French spreadsheets open it without asking.
    static func csv(_ accounts: [Account], showCodes: Bool, into out: inout Console.Output) {
        out.line("\u{FEFF}" + CSVLine.make([
            "Établissement", "Nom", "Prénom", "Profil", "Identifiant", "Code d'activation", "Activé", "Courriel",
            "Origine du courriel", "Adresse postale", "Classes", "Enfants", "Administrateur local",
        ]))
        for a in accounts {
            out.csvLine([
                a.school, a.lastName, a.firstName, a.profile.frenchName, a.login,
                a.isActivated ? "" : code(a, showCodes: showCodes), a.isActivated ? "oui" : "non",
                a.email?.address.value ?? "", a.email.map { $0.source == .ent ? "ENT" : "recueilli" } ?? "",
                a.postalAddress == nil ? "non" : "oui", a.classes.joined(separator: ", "),
                a.children.map(\.displayName).joined(separator: ", "), a.isLocalAdmin ? "oui" : "non",
            ])
        }
    }
}

import Foundation
