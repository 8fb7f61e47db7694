import Foundation
import SesameCore

/// The export layouts the ENT has produced over the years.
public enum ExportFormat: Sendable {
    /// "Exporter des comptes" today: Id, …, Courriel, Téléphone.
    case full
    /// The class-level "Type;Nom;Prénom;Login;Alias de login;Code d'activation".
    case classLevel
    /// An older full export with a "Date de création" column.
    case withCreationDate
}

/// Byte encodings files arrive in, including the ones a spreadsheet re-saves them in.
public enum FileEncoding: Sendable {
    case utf8BOM, utf8, windows1252, isoLatin1
    /// Windows-1252 written by a spreadsheet that takes text as it comes: a decomposed
    /// accent's combining mark becomes a "?" of its own ("Le?o"), as does every letter the
    /// code page lacks ("Nguy?n").
    case spreadsheetWindows1252
}

extension GeneratedSchool {
    public static func exportHeader(_ format: ExportFormat) -> [String] {
        switch format {
        case .full:
            ["Id", "Identifiant SIECLE", "Type", "Nom", "Prénom", "Identifiant", "Login personnalisé (Alias)",
             "Code d'activation", "Fonctions", "Établissements", "Classes", "Enfants", "Parents", "Dernière connexion",
             "Courriel", "Téléphone"]
        case .classLevel:
            ["Type", "Nom", "Prénom", "Login", "Alias de login", "Code d'activation"]
        case .withCreationDate:
            exportHeader(.full) + ["Date de création"]
        }
    }

    /// The ENT export of this school, every field quoted as entcore writes it.
    public func exportFile(
        format: ExportFormat = .full, encoding: FileEncoding = .utf8BOM, lineEnding: String = "\n"
    ) -> Data {
        var text = Self.quotedLine(Self.exportHeader(format)) + lineEnding
        for line in exportLines(format) { text += line + lineEnding }
        return TextEncoder.encode(text, encoding)
    }

    /// The data rows of the export, unterminated.
    public func exportLines(_ format: ExportFormat = .full) -> [String] {
        exportOrder.map { Self.quotedLine(exportFields(people[$0], index: $0, format: format)) }
    }

    private func exportFields(_ p: GeneratedPerson, index: Int, format: ExportFormat) -> [String] {
        let spell: (String) -> String = decomposed.contains(index)
            ? { $0.decomposedStringWithCanonicalMapping } : { $0 }
        let names = { (indices: [Int]) in indices.map { spell(people[$0].displayName) }.joined(separator: ", ") }
        if format == .classLevel {
            return [p.profile.frenchName, spell(p.lastName), spell(p.firstName), p.login, p.printedLogin, p.activationCode ?? ""]
        }
        var fields = [
            p.id, "", p.profile.frenchName, spell(p.lastName), spell(p.firstName), p.login, p.printedLogin,
            p.activationCode ?? "", p.functions.joined(separator: ", "), name, p.classes.joined(separator: ", "),
            names(p.children), names(p.parents),
            p.lastLogin.map(format == .full ? Self.entcoreTimestamp : Self.isoTimestamp) ?? "", p.email ?? "", p.phone ?? "",
        ]
        if format == .withCreationDate { fields.append(SchoolCalendar.frenchDate(p.createdAt)) }
        return fields
    }

    /// The registry's family file: one row per parent and child, ISO-8859-1 and CRLF by default.
    public func addressFile(encoding: FileEncoding = .isoLatin1, lineEnding: String = "\r\n") -> Data {
        var text = "Nom responsable;Prénom responsable;Adresse;Code postal;Commune;Nom élève;Prénom élève;Classe;Courriel;Téléphone" + lineEnding
        for (parentIndex, childIndex) in addressRows {
            let child = people[childIndex]
            let fields: [String]
            if parentIndex < 0 {
                fields = ["Lemoine", "Sandrine", "3 rue du Port", "44000", city, child.lastName, child.firstName, child.classes.first ?? "", "", ""]
            } else {
                let p = people[parentIndex]
                fields = [
                    p.lastName, p.firstName, p.address?.street ?? "", p.address?.postcode ?? "", p.address?.city ?? "",
                    child.lastName, child.firstName, child.classes.first ?? "", p.collectedEmail ?? "", p.phone ?? "",
                ]
            }
            text += fields.map(Self.quotedIfNeeded).joined(separator: ";") + lineEnding
        }
        return TextEncoder.encode(text, encoding)
    }

    public static func quotedLine(_ fields: [String]) -> String {
        fields.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ";")
    }

    static func quotedIfNeeded(_ field: String) -> String {
        field.contains(where: { $0 == ";" || $0 == "\"" || $0.isNewline })
            ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }

    /// "09-11-2026 14:12": the admin console's "Dernière connexion" (`dd-MM-yyyy HH:mm`), Paris time.
    static func entcoreTimestamp(_ date: Date) -> String {
        let c = SchoolCalendar.calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(c.day!))-\(two(c.month!))-\(c.year!) \(two(c.hour!)):\(two(c.minute!))"
    }

    /// "2026-11-09T14:12:00.000+01:00", the timestamps of older exports, in Paris time.
    static func isoTimestamp(_ date: Date) -> String {
        let c = SchoolCalendar.calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let offset = SchoolCalendar.timeZone.secondsFromGMT(for: date) / 60
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(c.year!)-\(two(c.month!))-\(two(c.day!))T\(two(c.hour!)):\(two(c.minute!)):\(two(c.second!)).000"
            + (offset < 0 ? "-" : "+") + two(abs(offset) / 60) + ":" + two(abs(offset) % 60)
    }
}

/// Writes text in the legacy encodings, a "?" for what they cannot hold (as spreadsheets do).
enum TextEncoder {
    static func encode(_ text: String, _ encoding: FileEncoding) -> Data {
        switch encoding {
        case .utf8BOM: return Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)
        case .utf8: return Data(text.utf8)
        case .windows1252, .isoLatin1, .spreadsheetWindows1252:
            var bytes = Data()
            bytes.reserveCapacity(text.utf8.count)
            let source = encoding == .spreadsheetWindows1252 ? text : text.precomposedStringWithCanonicalMapping
            for scalar in source.unicodeScalars {
                if scalar.value < 0x80 || (0xA0...0xFF).contains(scalar.value) {
                    bytes.append(UInt8(scalar.value))
                } else if encoding != .isoLatin1, let byte = windows1252[scalar] {
                    bytes.append(byte)
                } else {
                    bytes.append(UInt8(ascii: "?"))
                }
            }
            return bytes
        }
    }

    private static let windows1252: [Unicode.Scalar: UInt8] = [
        "€": 0x80, "‚": 0x82, "ƒ": 0x83, "„": 0x84, "…": 0x85, "†": 0x86, "‡": 0x87, "ˆ": 0x88, "‰": 0x89,
        "Š": 0x8A, "‹": 0x8B, "Œ": 0x8C, "Ž": 0x8E, "‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "•": 0x95,
        "–": 0x96, "—": 0x97, "˜": 0x98, "™": 0x99, "š": 0x9A, "›": 0x9B, "œ": 0x9C, "ž": 0x9E, "Ÿ": 0x9F,
    ]
}
