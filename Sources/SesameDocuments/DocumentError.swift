import SesameCore
import SesameFiles

/// What stops documents from being made, in French.
public enum DocumentError: UserFacingError, Equatable {
    /// A file that could not be written whole; nothing was left under its name.
    case cannotWrite(path: String, reason: String)
    case missingSetting(names: [String], file: String)
    case purgedCode(login: String)
    case unknownChartFormat(String)

    public var userMessage: String {
        switch self {
        case let .cannotWrite(path, reason):
            "impossible d’écrire \(path) : \(reason) (aucun fichier incomplet n’a été laissé)"
        case let .missingSetting(names, file):
            "réglage\(names.count > 1 ? "s" : "") manquant\(names.count > 1 ? "s" : "") pour imprimer : \(names.joined(separator: ", ")) ; renseignez-\(names.count > 1 ? "les" : "le") avec « sesame init » ou dans \(file)"
        case .unknownChartFormat(let name):
            "\(name) : le graphique s’écrit en .pdf, .png ou .svg"
        case .purgedCode(let login):
            "le code d’activation de \(login) a été effacé (sesame purge) : impossible d’imprimer sa lettre ; demandez un nouveau code dans l’ENT puis réimportez l’export"
        }
    }
}

extension DocumentError {
    /// Runs a file write, its failure told as a document error.
    static func writing<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let failure as FileWriteFailure {
            throw DocumentError.cannotWrite(path: failure.path, reason: failure.reason)
        }
    }
}
