import SesameCore
import Yams

/// A YAML file (strategy, settings) that cannot be used, with where and why.
public enum YAMLFileError: UserFacingError, Equatable {
    case unreadable(file: String, line: Int, column: Int, problem: String)
    case invalid(file: String, line: Int, column: Int, message: String)

    public var userMessage: String {
        switch self {
        case let .unreadable(file, line, column, problem):
            "\(file), ligne \(line), colonne \(column) : YAML illisible : \(Self.french[problem] ?? "« \(problem) »")"
        case let .invalid(file, line, column, message):
            "\(file), ligne \(line), colonne \(column) : \(message)"
        }
    }
}

extension YAMLFileError {
    /// A file Yams could not read, where it stopped.
    init(_ error: YamlError, file: String) {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            self = .unreadable(file: file, line: mark.line, column: mark.column, problem: problem)
        case let .duplicatedKeysInMapping(duplicates, context):
            let mark = context.mark
            self = .invalid(file: file, line: mark.line, column: mark.column, message: "clé en double : \(duplicates.joined(separator: ", "))")
        default:
            self = .unreadable(file: file, line: 1, column: 1, problem: "\(error)")
        }
    }

    /// What libyaml says of the mistakes a hand-edited file has, in French; any other problem
    /// is quoted as libyaml words it.
    static let french = [
        "did not find expected node content": "une valeur était attendue",
        "mapping values are not allowed in this context": "« : » inattendu ici (une valeur qui contient « : » s’écrit entre guillemets)",
        "found character that cannot start any token": "caractère inattendu (une tabulation ? l’indentation se fait avec des espaces)",
        "did not find expected key": "une clé était attendue (vérifiez l’indentation)",
        "could not find expected ':'": "« : » manquant après la clé",
        "did not find expected ',' or ']'": "« , » ou « ] » manquant",
        "did not find expected ',' or '}'": "« , » ou « } » manquant",
        "found unexpected end of stream": "fin de fichier inattendue (un guillemet jamais fermé ?)",
        "found a tab character that violates indentation": "tabulation dans l’indentation : indentez avec des espaces",
        "block sequence entries are not allowed in this context": "« - » inattendu ici (vérifiez l’indentation)",
        "did not find expected '-' indicator": "« - » attendu (vérifiez l’indentation)",
        "found undefined tag handle": "« ! » inattendu (une valeur qui commence par « ! » s’écrit entre guillemets)",
        "found unknown escape character": "« \\ » inconnu dans un texte entre guillemets doubles",
    ]
}

/// A strategy named on the command line that is not among the available ones.
public struct StrategyNotFound: UserFacingError, Equatable {
    public var name: String
    public var available: [String]

    public init(name: String, available: [String]) {
        self.name = name
        self.available = available
    }

    public var userMessage: String {
        "aucune stratégie « \(name) »" + (available.isEmpty ? "" : " ; stratégies disponibles : \(available.joined(separator: ", "))")
            + " (ou le chemin d’un fichier .yaml)"
    }
}
