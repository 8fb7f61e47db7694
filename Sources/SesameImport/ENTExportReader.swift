import Foundation
import SesameCore

/// Reads an ENT account export into `ExportRecord`s.
///
/// The header is read and checked when the reader is made, so an unreadable file fails
/// before anything is written; rows are then streamed by `read(defaultSchool:_:)`.
/// Rows that can be read but not used (unknown profile, no name) are reported as
/// problems and skipped; odd values (an invalid email) are reported and left out.
public struct ENTExportReader: Sendable {
    public let fileName: String
    public let encoding: TextEncoding
    /// Whether the file names each account's school: a full school export does, the
    /// class-level export does not.
    public let hasSchoolColumn: Bool
    public let hasCreationDate: Bool
    public let hasIDColumn: Bool
    /// Whether the file has the Enfants or Parents column to resolve families from.
    public let hasRelativeColumns: Bool
    let columns: HeaderMap<ExportColumn>
    private let file: DelimitedFile
    /// The file's SHA-256, to recognise it if it was imported before.
    public let sha256: String

    public init(contentsOf url: URL) throws {
        try self.init(data: FileLoading.load(url), fileName: url.lastPathComponent)
    }

    public init(data: Data, fileName: String) throws {
        // The fingerprint is computed on another core while this one checks the file's bytes,
        // and waited for even when the file is refused: a hash still running in OpenSSL as
        // `exit` unloads it crashed a refused import.
        let fingerprint = Pending.computing { FileFingerprint.sha256(data) }
        let checked = Result {
            let file = try DelimitedFile(data: data, fileName: fileName)
            let columns = try HeaderMap<ExportColumn>(
                header: file.header, file: fileName, required: [.profile, .lastName, .firstName, .login, .activationCode])
            return (file, columns)
        }
        sha256 = fingerprint.wait()
        let (file, columns) = try checked.get()
        self.fileName = fileName
        self.encoding = file.encoding
        self.file = file
        self.columns = columns
        hasSchoolColumn = columns.has(.schools)
        hasCreationDate = columns.has(.createdAt)
        hasIDColumn = columns.has(.id)
        hasRelativeColumns = columns.has(.children) || columns.has(.parents)
    }

    /// Streams the rows. `defaultSchool` is the school of rows that name none
    /// (every row of a class-level export).
    public func read(defaultSchool: String?, _ emit: (ExportItem) throws -> Void) throws {
        try file.forEachRow { row in
            try file.checkWidth(of: row)
            try items(row, defaultSchool: defaultSchool, emit)
        }
    }

    private func items(_ row: CSVRecord, defaultSchool: String?, _ emit: (ExportItem) throws -> Void) throws {
        let f = row.fields
        func problem(_ kind: ImportProblem.Kind, _ message: String) throws {
            try emit(.problem(ImportProblem(kind: kind, file: fileName, line: row.line, message: message)))
        }
        guard let typeText = columns.value(.profile, in: f) else {
            return try problem(.missingValue, "\(columns.describe(.profile)) vide ; ligne ignorée")
        }
        guard let profile = Profile(parsing: typeText) else {
            return try problem(
                .unknownProfile,
                "\(columns.describe(.profile)) : profil « \(typeText) » inconnu (attendu : Élève, Parent, Enseignant, Personnel ou Invité) ; ligne ignorée")
        }
        // Each cell read once: reading one trims and composes it.
        let (lastName, firstName, login) = (columns.value(.lastName, in: f), columns.value(.firstName, in: f), columns.value(.login, in: f))
        guard let lastName, let firstName, let login else {
            let missing = [(ExportColumn.lastName, lastName), (.firstName, firstName), (.login, login)].filter { $0.1 == nil }
            return try problem(.missingValue, "\(missing.map { columns.describe($0.0) }.joined(separator: ", ")) vide ; ligne ignorée")
        }
        var schools = columns.list(.schools, in: f)
        if schools.isEmpty, let defaultSchool { schools = [defaultSchool] }
        guard !schools.isEmpty else {
            return try problem(.missingValue, "\(columns.describe(.schools)) vide ; ligne ignorée")
        }
        let (children, parents) = (columns.value(.children, in: f), columns.value(.parents, in: f))
        for (column, cell) in [(ExportColumn.lastName, lastName), (.firstName, firstName), (.children, children), (.parents, parents)] {
            guard let cell else { continue }
            if let damaged = CellProblems.damagedName(
                cell, file: fileName, line: row.line, column: columns.number(column),
                label: columns.describe(column), source: .ent) { try emit(.problem(damaged)) }
        }
        let code = columns.value(.activationCode, in: f)
        if let code, Self.isSpreadsheetNumber(code) {
            throw ImportError.codeMadeANumber(file: fileName, line: row.line, column: columns.number(.activationCode))
        }
        var record = ExportRecord(
            line: row.line,
            entID: columns.value(.id, in: f),
            siecleID: columns.value(.siecleID, in: f),
            profile: profile,
            lastName: lastName,
            firstName: firstName,
            login: login,
            // The class-level export repeats the login when there is no alias.
            alias: columns.value(.alias, in: f).flatMap { $0 == login ? nil : $0 },
            activationCode: code,
            functions: columns.list(.functions, in: f),
            schools: schools,
            classes: columns.list(.classes, in: f),
            childrenNames: columns.items(of: children),
            parentNames: columns.items(of: parents),
            phone: columns.value(.phone, in: f))
        if let raw = columns.value(.email, in: f) {
            record.email = EmailAddress(raw)
            if record.email == nil {
                try problem(.invalidEmail, "\(columns.describe(.email)) : « \(raw) » n’est pas une adresse valide ; ignorée")
            }
        }
        for (column, keyPath) in [(ExportColumn.lastLogin, \ExportRecord.lastLogin), (.createdAt, \.createdAt)] {
            guard let raw = columns.value(column, in: f) else { continue }
            if let date = SchoolCalendar.parse(raw) {
                record[keyPath: keyPath] = date
            } else {
                try problem(.invalidValue, "\(columns.describe(column)) : date « \(raw) » illisible (attendu JJ-MM-AAAA HH:MM comme l’écrit l’ENT, AAAA-MM-JJ ou JJ/MM/AAAA) ; ignorée")
            }
        }
        try emit(.record(record))
    }
}

extension ENTExportReader {
    /// Whether a code is what a spreadsheet shows of a number ("3,45678E+14"): the ENT's
    /// codes are eight letters and digits, and one like "345678e9" reads as a number to it.
    /// Printed, such a code would open nothing; no code the ENT makes has a sign.
    static func isSpreadsheetNumber(_ code: String) -> Bool {
        // Most cells are real codes: they have no sign, and are not matched against a pattern.
        code.utf8.contains { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }
            && code.range(of: #"^[0-9]+([.,][0-9]+)?[eE][+-][0-9]+$"#, options: .regularExpression) != nil
    }

    /// What the store needs to import this file.
    public func input(defaultSchool: String?) -> ExportInput {
        ExportInput(
            fileName: fileName, sha256: sha256, encoding: encoding.rawValue,
            isFullExport: hasSchoolColumn,
            relativeColumns: RelativeColumns(
                children: columns.has(.children) ? columns.number(.children) : nil,
                parents: columns.has(.parents) ? columns.number(.parents) : nil),
            details: Set(ExportDetail.allCases.filter { columns.has($0.column) }),
            read: { [held = HeldReader(self)] emit in
                // Let go of the file once read: the rest of the import (an académie's family
                // file, matched next) has no use for the export's 206 MiB.
                guard let reader = held.reader else { preconditionFailure("an export input is read once") }
                held.reader = nil
                try ReadAhead.run(produce: { try reader.read(defaultSchool: defaultSchool, $0) }, emit: emit)
            })
    }
}

/// The reader an `ExportInput` streams from, until it has.
private final class HeldReader {
    var reader: ENTExportReader?

    init(_ reader: ENTExportReader) {
        self.reader = reader
    }
}
