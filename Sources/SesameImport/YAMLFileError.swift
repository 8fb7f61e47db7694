import SesameCore

/// A YAML file (strategy, settings) that cannot be used, with where and why.
public enum YAMLFileError: UserFacingError, Equatable {
    case unreadable(file: String, line: Int, column: Int, problem: String)
    case invalid(file: String, line: Int, column: Int, message: String)

    public var userMessage: String {
        switch self {
        case let .unreadable(file, line, column, problem):
            "\(file), ligne \(line), colonne \(column) : YAML illisible (\(problem))"
        case let .invalid(file, line, column, message):
            "\(file), ligne \(line), colonne \(column) : \(message)"
        }
    }
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
