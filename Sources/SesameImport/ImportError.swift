import SesameCore

/// Why a file could not be read at all. Nothing is written when one of these is thrown.
public enum ImportError: UserFacingError, Equatable {
    case unreadable(file: String, reason: String)
    case empty(file: String)
    /// A header and not one row: an export cut short, or the wrong file.
    case noRows(file: String)
    /// A spreadsheet's own format (xlsx, ods, xls): the CSV was saved as a workbook.
    case workbook(file: String)
    case pdf(file: String)
    case unterminatedQuote(file: String, line: Int, column: Int)
    case textAfterClosingQuote(file: String, line: Int, column: Int)
    case unknownHeader(file: String, column: Int, header: String, expected: [String])
    case blankHeader(file: String, column: Int)
    case duplicateHeader(file: String, column: Int, header: String)
    case missingColumns(file: String, names: [String])
    case fieldCount(file: String, line: Int, expected: Int, found: Int)
    case invalidValue(file: String, line: Int, column: Int, value: String, expected: String)
    case invalidByte(file: String, line: Int, column: Int, byte: UInt8)
    case controlCharacter(file: String, line: Int, column: Int, codePoint: UInt32)
    /// An activation code a spreadsheet turned into a number: not shown, it is still most of the code.
    case codeMadeANumber(file: String, line: Int, column: Int)

    /// The line the error is about, if it is about one.
    public var line: Int? {
        switch self {
        case .unreadable, .empty, .noRows, .workbook, .pdf, .missingColumns: nil
        case .unknownHeader, .blankHeader, .duplicateHeader: 1
        case let .unterminatedQuote(_, line, _), let .textAfterClosingQuote(_, line, _), let .fieldCount(_, line, _, _),
             let .invalidValue(_, line, _, _, _), let .invalidByte(_, line, _, _), let .controlCharacter(_, line, _, _),
             let .codeMadeANumber(_, line, _): line
        }
    }

    public var userMessage: String {
        switch self {
        case let .unreadable(file, reason):
            "\(file) : lecture impossible (\(reason))"
        case let .empty(file):
            "\(file) : le fichier est vide, une ligne d’en-tête était attendue ; exportez-le à nouveau"
        case let .noRows(file):
            "\(file) : le fichier n’a que sa ligne d’en-tête, aucune ligne de données ; exportez-le à nouveau"
        case let .workbook(file):
            "\(file) est un classeur de tableur (Excel ou LibreOffice), pas un fichier CSV ; dans le tableur, « Enregistrer sous » au type « CSV (séparateur : point-virgule) », ou reprenez le fichier CSV d’origine"
        case let .pdf(file):
            "\(file) est un document PDF, pas un fichier CSV ; importez le fichier CSV (export de l’ENT, extraction d’ONDE ou feuille d’émargement)"
        case let .unterminatedQuote(file, line, column):
            "\(file), ligne \(line), colonne \(column) : ce guillemet ouvre un champ qui n’est jamais fermé ; un guillemet fermant (\") était attendu ; fermez-le, ou exportez le fichier à nouveau sans le modifier"
        case let .textAfterClosingQuote(file, line, column):
            "\(file), ligne \(line), colonne \(column) : texte après un guillemet fermant ; un séparateur ou une fin de ligne était attendu (un guillemet dans un champ s’écrit \"\")"
        case let .unknownHeader(file, column, header, expected):
            "\(file), ligne 1, colonne \(column) : en-tête « \(header) » inconnu ; en-têtes reconnus : \(expected.joined(separator: ", ")) ; vérifiez qu’il s’agit du bon fichier, ou renommez la colonne"
        case let .blankHeader(file, column):
            "\(file), ligne 1, colonne \(column) : colonne sans en-tête ; supprimez-la dans le tableur, ou exportez le fichier à nouveau sans le modifier"
        case let .duplicateHeader(file, column, header):
            "\(file), ligne 1, colonne \(column) : l’en-tête « \(header) » apparaît deux fois ; supprimez ou renommez l’une des deux colonnes"
        case let .missingColumns(file, names):
            "\(file), ligne 1 : colonne\(names.count > 1 ? "s" : "") manquante\(names.count > 1 ? "s" : "") : \(names.joined(separator: ", ")) ; vérifiez qu’il s’agit du bon fichier, exporté sans modification"
        case let .invalidValue(file, line, column, value, expected):
            "\(file), ligne \(line), colonne \(column) : « \(value) » ; attendu : \(expected)"
        case let .invalidByte(file, line, column, byte):
            "\(file), ligne \(line), colonne \(column) : l’octet 0x\(String(byte, radix: 16, uppercase: true)) n’est pas du texte UTF-8, alors que le reste du fichier l’est ; le fichier a été abîmé (copie interrompue, édition dans un autre encodage) : exportez-le à nouveau, ou corrigez ce caractère s’il a été modifié à la main"
        case let .controlCharacter(file, line, column, codePoint):
            "\(file), ligne \(line), colonne \(column) : caractère de contrôle U+\(hex4(codePoint)), qu’aucun nom, aucune adresse ni aucun réglage ne contient ; supprimez-le, ou exportez à nouveau le fichier s’il vient de l’ENT ou d’ONDE"
        case let .codeMadeANumber(file, line, column):
            "\(file), ligne \(line), colonne \(column) : un tableur a lu ce code d’activation comme un nombre (il l’a réécrit avec « E+ »), et il est perdu ; exportez le fichier à nouveau depuis l’ENT et importez-le sans l’ouvrir dans un tableur"
        case let .fieldCount(file, line, expected, found):
            "\(file), ligne \(line) : \(found) champ\(found > 1 ? "s" : "") au lieu de \(expected) (un séparateur en trop ou manquant ?) ; corrigez la ligne, ou exportez le fichier à nouveau sans le modifier"
        }
    }
}

/// "001B": a code point as four (or more) upper-case hexadecimal digits.
func hex4(_ value: UInt32) -> String {
    let hex = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
}
