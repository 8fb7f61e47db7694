import SesameCore

/// The problems every reader reports the same way about one cell.
enum CellProblems {
    static let exportAgainFromENT = "Exportez à nouveau le fichier depuis l’ENT et importez-le sans l’ouvrir dans un tableur."
    static let extractAgainFromONDE = "Extrayez à nouveau le fichier d’ONDE et importez-le sans l’ouvrir dans un tableur."

    /// A name that lost letters to a legacy encoding ("Nguy?n"), or nil for a sound one.
    static func damagedName(
        _ value: String, file: String, line: Int, column: Int, label: String, remedy: String
    ) -> ImportProblem? {
        guard NameKey.isDamaged(value) else { return nil }
        return ImportProblem(
            kind: .damagedName, file: file, line: line, column: column,
            message: "\(label) : « \(value) » a perdu des lettres (« ? ») : le fichier a été enregistré par un tableur ou dans un encodage qui ne pouvait pas les garder ; ce nom ne suffit pas à établir un lien. \(remedy)")
    }

    /// The email of a cell, or nil with a problem when it is not one ("à demander").
    static func email(
        _ raw: String?, file: String, line: Int, column: Int, label: String, problems: inout [ImportProblem]
    ) -> EmailAddress? {
        guard let raw else { return nil }
        let email = EmailAddress(raw)
        if email == nil {
            problems.append(ImportProblem(
                kind: .invalidEmail, file: file, line: line, column: column,
                message: "\(label) : « \(raw) » n’est pas une adresse valide ; ignorée"))
        }
        return email
    }
}
