import SesameCore
import SesameStore

/// One line saying which date stands for the creation date when the export has none.
enum CreationDateNote {
    static func text(_ standIn: CreationDateStandIn) -> String {
        let since = standIn.schools.map(\.knownSince).min()!
        let which = standIn.schools.count == 1
            ? "\(standIn.schools[0].name) est connue de Sésame depuis le \(SchoolCalendar.frenchDate(since))"
            : "\(standIn.schools.count) établissements, connus de Sésame depuis le \(SchoolCalendar.frenchDate(since)) au plus tôt"
        return "Remarque : l’export de l’ENT ne donne pas la date de création des comptes ; c’est la date à laquelle Sésame a vu chaque compte pour la première fois qui en tient lieu (\(which))."
    }

    /// Writes the note on stderr when the filter needs it.
    static func show(_ standIn: CreationDateStandIn?) {
        if let standIn { Console.note(text(standIn)) }
    }
}
