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
    }

    public var kind: Kind
    public var file: String
    /// The line of the row at fault, when there is one.
    public var line: Int?
    /// What was found and what happens to it, in French, for the director.
    public var message: String

    public init(kind: Kind, file: String, line: Int?, message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.message = message
    }

    /// The compiler-style location a director can open the file at: "export.csv:12".
    public var location: String {
        line.map { "\(file):\($0)" } ?? file
    }
}
