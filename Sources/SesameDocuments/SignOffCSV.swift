import Foundation
import SesameFiles
import SesameCore

/// The sign-off sheet of a packet as CSV (`<packet>.emargement.csv`), to fill in and give
/// back to `sesame record --from`: one row per letter, the `Remis` column to complete with
/// `oui`, `absent`, `retour`, `perdu` or `refus` (empty: not known yet).
enum SignOffCSV {
    public static let header = ["Identifiant", "Nom", "Prénom", "Profil", "Classe", "Enfants", "Remis", "Date", "Remarque"]

    static func write(_ letters: [Letter], channel: Channel, beside pdf: URL) throws -> URL {
        var text = "\u{FEFF}" + header.joined(separator: ";") + "\r\n"
        for letter in letters {
            let a = letter.account
            let fields = [
                a.login, a.lastName, a.firstName, a.profile.frenchName, letter.packetClass ?? a.classes.joined(separator: ", "),
                a.children.map(\.identifyingName).joined(separator: ", "), "", "", "",
            ]
            text += CSVLine.make(fields) + "\r\n"
        }
        let url = pdf.deletingPathExtension().appendingPathExtension("emargement.csv")
        try DocumentError.writing { try AtomicFile.write(Data(text.utf8), to: url) }
        return url
    }
}
