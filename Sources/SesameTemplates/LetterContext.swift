import Foundation
import SesameCore

/// What the templates see of a letter (the variables documented in `Reports/lettre.mustache`),
/// for the printed letters and the emails alike.
///
/// Keys are French: directors edit the templates. Sections that are false are left out,
/// so that Mustache skips them.
public enum LetterContext {
    /// The keys whose values are a letter's own, and the packet's class (a re-print gathers
    /// the letters of several packets); the others (school, ENT, date, sections) are the same
    /// for every letter of a packet with the same sections.
    public static let personal: Set<String> = ["compte", "enfants", "enfantsTexte", "deEnfants", "adresse", "classe"]

    public static func make(_ letter: Letter, school: Settings.School, ent: Settings.ENT, date: Date) -> [String: Any] {
        let a = letter.account
        var context: [String: Any] = [
            "ecole": school.templateValue,
            "ent": ["nom": ent.name ?? "", "adresse": ent.url ?? ""],
            "date": FrenchDate.long(date),
            "compte": [
                "prenom": a.firstName, "nom": a.lastName, "nomComplet": a.displayName,
                "nomDistinctif": a.identifyingName,
                "profil": a.profile.frenchName.lowercased(), "identifiant": a.login,
                "code": letter.kind == .activation ? (a.activationCode ?? "") : "",
                "classes": a.classes.joined(separator: ", "),
            ],
            "enfants": a.children.map { ["prenom": $0.firstName, "nom": $0.lastName, "nomComplet": $0.displayName, "nomDistinctif": $0.identifyingName, "classe": $0.classes.joined(separator: ", ")] },
            "enfantsTexte": childrenText(a.children),
            // "de Léa (CP A)", "d’Élodie (CE1)": French elides before a vowel or a mute h.
            "deEnfants": French.de(childrenText(a.children)),
        ]
        if let className = letter.packetClass { context["classe"] = className }
        if let address = a.postalAddress {
            // La Poste reads the last line as "44000 NANTES": postcode, then the town in capitals.
            context["adresse"] = [
                "rue": address.street, "codePostal": address.postcode, "commune": address.city,
                "ligneVille": "\(address.postcode) \(address.city.uppercased())",
            ]
        }
        context[letter.kind == .activation ? "activation" : "rappel"] = true
        switch a.profile {
        case .student: context["estEleve"] = true
        case .parent: context["estParent"] = true
        default: context["estAdulte"] = true
        }
        if letter.channel == .viaStudent { context["confidentiel"] = true }
        if letter.channel == .post { context["postal"] = true }
        return context
    }

    /// "Léa Martin (CP A) et Hugo Martin (CM2)"; a homonym's distinction in place of the class.
    static func childrenText(_ children: [Relative]) -> String {
        let names = children.map(\.nameWithClass)
        switch names.count {
        case 0: return "votre enfant"
        case 1: return names[0]
        default: return names.dropLast().joined(separator: ", ") + " et " + names.last!
        }
    }
}

extension Settings.School {
    public var templateValue: [String: String] {
        let title = directorTitle.map { "\($0) de l’école" } ?? "direction de l’école"
        let contact = [phone, email].compactMap { $0 }.joined(separator: " — ")
        let values = [
            "nom": name, "adresse": address ?? "", "ville": city ?? "", "directeur": director ?? "",
            // "Anne Roux, directrice de l’école"; without a title, no point médian: "direction de l’école".
            "signature": (director.map { "\($0), " } ?? "") + title, "titre": title,
            "telephone": phone ?? "", "courriel": email ?? "", "contact": contact,
        ]
        // What the school did not give is left out, so that `{{#ecole.contact}} — …{{/ecole.contact}}`
        // prints nothing (Mustache takes an empty text for true).
        return values.filter { !$0.value.isEmpty }
    }
}

/// Dates as a French letter writes them.
public enum FrenchDate {
    private static let months = [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ]

    /// "14 septembre 2026" ("1er septembre 2026"), with no-break spaces: a date is never cut
    /// at the end of a line.
    public static func long(_ date: Date) -> String {
        let c = SchoolCalendar.calendar.dateComponents([.year, .month, .day], from: date)
        return "\(c.day! == 1 ? "1er" : String(c.day!))\u{00A0}\(months[c.month! - 1])\u{00A0}\(c.year!)"
    }

    /// "15 septembre 2026 à 18 h", "… à 18 h 30": the hour as French administration writes
    /// it, kept on the line of its date.
    public static func longWithTime(_ date: Date) -> String {
        let c = SchoolCalendar.calendar.dateComponents([.hour, .minute], from: date)
        return "\(long(date)) à\u{00A0}\(c.hour!)\u{00A0}h" + (c.minute! == 0 ? "" : "\u{00A0}\(c.minute! < 10 ? "0" : "")\(c.minute!)")
    }
}
