import Foundation
import SesameCore

/// Reads a family file (usually ISO-8859-1, `;`-separated) into `AddressRecord`s: ONDE's
/// "extraction des responsables" (recognised by its child groups, see `ResponsablesExtraction`)
/// or the simple hand-made format, one row per parent and child.
///
/// A row needs the parent's and the child's names to be matched; its address counts only
/// when street, postcode and town are all there. Invalid collected emails ("à demander")
/// and incomplete addresses are reported with their line and left out.
///
/// The header is checked when the reader is made; the rows are read when asked, one at a
/// time (an académie's extraction has 570,000 of them, to be matched as they come).
public struct AddressFileReader: Sendable {
    public let fileName: String
    public let encoding: TextEncoding
    private let file: DelimitedFile
    private let format: Format

    private enum Format: Sendable {
        case extraction(ResponsablesExtraction)
        case simple(HeaderMap<AddressColumn>)
    }

    public init(contentsOf url: URL) throws {
        try self.init(data: FileLoading.load(url), fileName: url.lastPathComponent)
    }

    public init(data: Data, fileName: String) throws {
        file = try DelimitedFile(data: data, fileName: fileName)
        format = ResponsablesExtraction.recognises(file.header)
            ? .extraction(try ResponsablesExtraction(header: file.header, fileName: fileName, encoding: file.encoding))
            : .simple(try HeaderMap(
                header: file.header, file: fileName, required: [.parentLastName, .parentFirstName, .childLastName, .childFirstName]))
        self.fileName = fileName
        encoding = file.encoding
    }

    /// Hands each row's record over in turn; returns what the rows had wrong, in line order.
    public func forEachRecord(_ body: (AddressRecord) throws -> Void) throws -> [ImportProblem] {
        var problems: [ImportProblem] = []
        switch format {
        case .extraction(let extraction):
            try file.forEachRow { row in
                if let record = try extraction.record(row, problems: &problems) { try body(record) }
            }
        case .simple(let columns):
            try file.forEachRow { row in
                if let record = try Self.record(row, columns: columns, file: file, problems: &problems) { try body(record) }
            }
        }
        return problems
    }

    /// The record of a row of the simple format (one parent, one child), or nil when the
    /// row names no one (problems say why).
    private static func record(
        _ row: CSVRecord, columns: HeaderMap<AddressColumn>, file: DelimitedFile, problems: inout [ImportProblem]
    ) throws -> AddressRecord? {
        let fileName = file.fileName
        try file.checkWidth(of: row)
        func problem(_ kind: ImportProblem.Kind, _ message: String) {
            problems.append(ImportProblem(kind: kind, file: fileName, line: row.line, message: message))
        }
        let f = row.fields
        let names = [AddressColumn.parentLastName, .parentFirstName, .childLastName, .childFirstName]
        let missing = names.filter { columns.value($0, in: f) == nil }
        guard missing.isEmpty else {
            problem(.missingValue, "\(missing.map(columns.describe).joined(separator: ", ")) vide ; ligne ignorée")
            return nil
        }
        // The parent's and the child's last names are often the same name, damaged the same way: reported once.
        problems += CellProblems.damagedNames(
            names.map { (columns.value($0, in: f)!, columns.number($0)) }, file: fileName, line: row.line,
            label: { columns.describe(names[$0]) }, source: .onde(file.encoding))
        let address = CellProblems.address(
            .street, .postcode, .city, abroad: nil, in: f, columns: columns, file: fileName, line: row.line, encoding: file.encoding, problems: &problems)
        let email = CellProblems.email(
            columns.value(.email, in: f), file: fileName, line: row.line, column: columns.number(.email),
            label: columns.describe(.email), problems: &problems)
        return AddressRecord(
            line: row.line,
            parentLastName: columns.value(.parentLastName, in: f)!,
            parentFirstName: columns.value(.parentFirstName, in: f)!,
            address: address,
            childLastName: columns.value(.childLastName, in: f)!,
            childFirstName: columns.value(.childFirstName, in: f)!,
            className: columns.value(.className, in: f) ?? "",
            email: email,
            phone: columns.value(.phone, in: f))
    }
}

extension AddressFileReader {
    /// What the store needs to import this file; `data` is the file as read, for its fingerprint.
    public func input(data: Data) -> AddressInput {
        AddressInput(
            fileName: fileName, sha256: FileFingerprint.sha256(data), encoding: encoding.rawValue,
            read: { body in try self.forEachRecord(body) })
    }
}
