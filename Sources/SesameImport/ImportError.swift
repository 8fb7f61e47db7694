import SesameCore

/// Why a file could not be read at all. Nothing is written when one of these is thrown.
public enum ImportError: UserFacingError, Equatable {
    case unreadable(file: String, reason: String)
    case empty(file: String)
    case unterminatedQuote(file: String, line: Int, column: Int)
    case textAfterClosingQuote(file: String, line: Int, column: Int)
    case unknownHeader(file: String, column: Int, header: String, expected: [String])
    case duplicateHeader(file: String, column: Int, header: String)
    case missingColumns(file: String, names: [String])
    case fieldCount(file: String, line: Int, expected: Int, found: Int)
    case invalidValue(file: String, line: Int, column: Int, value: String, expected: String)

    public var userMessage: String {
        switch self {
        case let .unreadable(file, reason):
            "\(file) : lecture impossible (\(reason))"
        case let .empty(file):
            "\(file) : le fichier est vide, une ligne d’en-tête était attendue"
        case let .unterminatedQuote(file, line, column):
            "\(file), ligne \(line), colonne \(column) : ce guillemet ouvre un champ qui n’est jamais fermé ; un guillemet fermant (\") était attendu"
        case let .textAfterClosingQuote(file, line, column):
            "\(file), ligne \(line), colonne \(column) : texte après un guillemet fermant ; un séparateur ou une fin de ligne était attendu (un guillemet dans un champ s’écrit \"\")"
        case let .unknownHeader(file, column, header, expected):
            "\(file), ligne 1, colonne \(column) : en-tête « \(header) » inconnu ; en-têtes reconnus : \(expected.joined(separator: ", "))"
        case let .duplicateHeader(file, column, header):
            "\(file), ligne 1, colonne \(column) : l’en-tête « \(header) » apparaît deux fois"
        case let .missingColumns(file, names):
            "\(file), ligne 1 : colonne\(names.count > 1 ? "s" : "") manquante\(names.count > 1 ? "s" : "") : \(names.joined(separator: ", "))"
        case let .invalidValue(file, line, column, value, expected):
            "\(file), ligne \(line), colonne \(column) : « \(value) » ; attendu : \(expected)"
        case let .fieldCount(file, line, expected, found):
            "\(file), ligne \(line) : \(found) champ\(found > 1 ? "s" : "") au lieu de \(expected) (un séparateur en trop ou manquant ?)"
        }
    }
}
