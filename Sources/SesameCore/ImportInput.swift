/// An ENT export ready to be imported: what the reader learnt of it, and its rows.
public struct ExportInput {
    public var fileName: String
    public var sha256: String
    public var encoding: String
    /// A full export lists every account of its schools, so an account it no longer lists
    /// has left; a partial one (the class-level export) says nothing about absent accounts.
    public var isFullExport: Bool
    /// Whether the file has the Enfants or Parents column to resolve families from.
    public var hasRelativeColumns: Bool { relativeColumns.children != nil || relativeColumns.parents != nil }
    /// Where the Enfants and Parents columns are, for the rules that confirm a link.
    public var relativeColumns: RelativeColumns
    /// The details the file has a column for: an account it lists keeps what is stored of
    /// the others (the class-level export gives names, logins and codes, no classes).
    public var details: Set<ExportDetail>
    /// Streams the file's items to the closure it is given, once; each item is handed over,
    /// so that storing it moves its strings rather than copying them.
    public var read: ((consuming ExportItem) throws -> Void) throws -> Void

    public init(
        fileName: String, sha256: String, encoding: String, isFullExport: Bool, relativeColumns: RelativeColumns,
        details: Set<ExportDetail> = Set(ExportDetail.allCases), read: @escaping ((consuming ExportItem) throws -> Void) throws -> Void
    ) {
        self.fileName = fileName
        self.sha256 = sha256
        self.encoding = encoding
        self.isFullExport = isFullExport
        self.relativeColumns = relativeColumns
        self.details = details
        self.read = read
    }
}

/// What an export may say of an account beyond who it is (profile, name, login) and its
/// activation code, each from a column some exports do not have.
public enum ExportDetail: Sendable, Hashable, CaseIterable {
    case siecleID, alias, functions, classes, children, parents, lastLogin, email, phone, createdAt
}

/// ONDE's pupils extraction of one school, already read.
public struct PupilInput: Sendable {
    public var fileName: String
    public var sha256: String
    public var encoding: String
    /// The school the extraction is of (ONDE writes one file per school, without its name);
    /// nil for the store's only school.
    public var school: String?
    public var pupils: [RegistryPupil]
    public var problems: [ImportProblem]

    public init(
        fileName: String, sha256: String, encoding: String, school: String?, pupils: [RegistryPupil], problems: [ImportProblem]
    ) {
        self.fileName = fileName
        self.sha256 = sha256
        self.encoding = encoding
        self.school = school
        self.pupils = pupils
        self.problems = problems
    }
}

/// A family address file, its header checked, its rows read when the import gets to them.
public struct AddressInput: Sendable {
    public var fileName: String
    public var sha256: String
    public var encoding: String
    /// Streams the file's records to the closure it is given, in file order, and returns
    /// what its rows had wrong: an académie's file is not held whole while it is matched.
    public var read: @Sendable ((AddressRecord) throws -> Void) throws -> [ImportProblem]

    public init(
        fileName: String, sha256: String, encoding: String,
        read: @escaping @Sendable ((AddressRecord) throws -> Void) throws -> [ImportProblem]
    ) {
        self.fileName = fileName
        self.sha256 = sha256
        self.encoding = encoding
        self.read = read
    }
}
