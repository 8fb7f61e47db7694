import Foundation
import SesameCore

/// The columns of a sign-off sheet (`<packet>.emargement.csv`, written by `sesame print`).
enum SignOffColumn: Int, KnownColumn {
    case login, lastName, firstName, profile, className, children, outcome, date, note

    var header: String {
        switch self {
        case .login: "Identifiant"
        case .lastName: "Nom"
        case .firstName: "Prénom"
        case .profile: "Profil"
        case .className: "Classe"
        case .children: "Enfants"
        case .outcome: "Remis"
        case .date: "Date"
        case .note: "Remarque"
        }
    }

    var aliases: [String] {
        switch self {
        case .login: ["Login", "Alias"]
        case .outcome: ["Remise", "Reçu", "Émargement"]
        case .note: ["Remarques", "Observation", "Observations", "Commentaire"]
        case .className: ["Classes"]
        default: []
        }
    }
}

/// A sign-off sheet read: its filled-in rows, and every row that could not be read.
public struct SheetReading: Sendable {
    public var file: String
    public var entries: [SheetEntry]
    /// Each with its line and column; the director fixes them all before anything is recorded.
    public var problems: [ImportError]
}

/// Reads a filled-in sign-off sheet, as the teacher or the office gives it back: maybe saved
/// again by a spreadsheet (another encoding, another separator). Rows whose "Remis" cell is
/// empty are not known yet and are skipped, unless a default outcome is given; a word that
/// is not one of the sheet's, a row without login or of the wrong width is a problem naming
/// its line and column, and every such row is reported, not only the first.
public enum SignOffSheetReader {
    /// Throws only when the file is not a sheet at all (unreadable, no header, no login or
    /// "Remis" column).
    public static func read(_ url: URL, default fallback: Outcome? = nil) throws -> SheetReading {
        try read(data: FileLoading.load(url), fileName: url.lastPathComponent, default: fallback)
    }

    public static func read(data: Data, fileName: String, default fallback: Outcome? = nil) throws -> SheetReading {
        let file = try DelimitedFile(data: data, fileName: fileName)
        let columns = try HeaderMap<SignOffColumn>(header: file.header, file: fileName, required: [.login, .outcome])
        let expected = Outcome.allCases.map(\.sheetWord).joined(separator: ", ") + " (ou vide)"
        var reading = SheetReading(file: fileName, entries: [], problems: [])
        try file.forEachRow { row in
            do {
                try file.checkWidth(of: row)
            } catch let problem as ImportError {
                reading.problems.append(problem)
                return
            }
            let outcome: Outcome
            if let word = columns.value(.outcome, in: row.fields) {
                guard let known = Outcome(word: word) else {
                    reading.problems.append(.invalidValue(file: fileName, line: row.line, column: columns.number(.outcome), value: word, expected: expected))
                    return
                }
                outcome = known
            } else if let fallback {
                outcome = fallback
            } else {
                return
            }
            guard let login = columns.value(.login, in: row.fields) else {
                reading.problems.append(.invalidValue(file: fileName, line: row.line, column: columns.number(.login), value: "", expected: "l’identifiant du compte"))
                return
            }
            let note = [columns.value(.date, in: row.fields).map { "le \($0)" }, columns.value(.note, in: row.fields)]
                .compactMap { $0 }.joined(separator: " : ")
            reading.entries.append(SheetEntry(
                line: row.line, loginColumn: columns.number(.login), login: login, outcome: outcome, note: note.isEmpty ? nil : note))
        }
        return reading
    }
}
