/// Something an import found wrong in a row and reported instead of guessing.
///
/// Problems do not stop an import (the file as a whole could be read); a file that
/// cannot be read at all is an error instead, and nothing is written.
public struct ImportProblem: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case unknownProfile
        case missingValue
        case invalidValue
        case invalidEmail
        case duplicateRow
        case conflictingRow
        case unresolvedChild
        case ambiguousChild
        case unresolvedParent
        case ambiguousParent
        case unmatchedAddress
        case ambiguousAddress
        case conflictingAddress
        /// A name that lost letters to a spreadsheet's encoding ("Nguy?n").
        case damagedName
        /// A postal address that lost letters the same way ("place de l?Église"): kept as it is.
        case damagedAddress
        /// A stored spelling kept against a damaged one of a newer file.
        case keptStoredName
        /// A name match that another column contradicts: not linked.
        case contradictedLink
        /// A link made through a damaged name, because one person alone fitted every column.
        case linkThroughDamagedName
        /// A pupil of the registry (ONDE) without an ENT account.
        case pupilWithoutAccount
        /// An ENT pupil the registry no longer lists.
        case pupilNotInRegistry
        /// A pupil whose class differs between the registry and the ENT.
        case pupilClassDiffers
        /// A registry pupil matching several ENT pupils, or the other way round.
        case ambiguousPupil

        /// What problems of this kind are, for a report that counts those it does not list.
        public var frenchPlural: String {
            switch self {
            case .unknownProfile: "lignes au profil inconnu"
            case .missingValue: "lignes incomplètes"
            case .invalidValue: "valeurs illisibles"
            case .invalidEmail: "adresses électroniques invalides"
            case .duplicateRow: "doublons"
            case .conflictingRow: "lignes en conflit"
            case .unresolvedChild: "enfants introuvables"
            case .ambiguousChild: "enfants ambigus"
            case .unresolvedParent: "responsables introuvables"
            case .ambiguousParent: "responsables ambigus"
            case .unmatchedAddress: "adresses sans correspondance"
            case .ambiguousAddress: "adresses ambiguës"
            case .conflictingAddress: "adresses contradictoires"
            case .damagedName: "noms qui ont perdu des lettres"
            case .damagedAddress: "adresses postales qui ont perdu des lettres"
            case .keptStoredName: "orthographes enregistrées conservées"
            case .contradictedLink: "liens contredits par le fichier"
            case .linkThroughDamagedName: "liens faits par un nom abîmé"
            case .pupilWithoutAccount: "élèves d’ONDE sans compte ENT"
            case .pupilNotInRegistry: "élèves de l’ENT absents d’ONDE"
            case .pupilClassDiffers: "classes différentes entre ONDE et l’ENT"
            case .ambiguousPupil: "élèves indiscernables"
            }
        }
    }

    public var kind: Kind
    public var file: String
    /// The line of the row at fault, when there is one.
    public var line: Int?
    /// The column (field number, from 1) of the cell at fault, when the problem is about one cell.
    public var column: Int?
    /// What was found and what happens to it, in French, for the director.
    public var message: String

    public init(kind: Kind, file: String, line: Int?, column: Int? = nil, message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// The compiler-style location a director can open the file at: "export.csv:12", or
    /// "export.csv:12:5" for the fifth column (field) of line 12.
    public var location: String {
        guard let line else { return file }
        return column.map { "\(file):\(line):\($0)" } ?? "\(file):\(line)"
    }
}
