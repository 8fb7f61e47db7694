import Foundation
import SesameCore

/// Reads a family file (usually ISO-8859-1, `;`-separated) into `AddressRecord`s: ONDE's
/// "extraction des responsables" (recognised by its child groups, see `ResponsablesExtraction`)
/// or the simple hand-made format, one row per parent and child.
///
/// A row needs the parent's and the child's names to be matched; its address counts only
/// when street, postcode and town are all there. Invalid collected emails ("à demander")
/// and incomplete addresses are reported with their line and left out.
public struct AddressFileReader: Sendable {
    public let fileName: String
    public let encoding: TextEncoding
    public let records: [AddressRecord]
    public let problems: [ImportProblem]

    public init(contentsOf url: URL) throws {
        try self.init(data: FileLoading.load(url), fileName: url.lastPathComponent)
    }

    public init(data: Data, fileName: String) throws {
        let (text, encoding) = try TextDecoding.decode(data, file: fileName)
        var (header, parser) = try CSVParser.header(of: text, file: fileName)
        guard let header else { throw ImportError.empty(file: fileName) }
        if ResponsablesExtraction.recognises(header.fields) {
            let extraction = try ResponsablesExtraction(header: header.fields, fileName: fileName)
            var records: [AddressRecord] = []
            var problems: [ImportProblem] = []
            try text.withUnsafeBytes { raw in
                let bytes = raw.bindMemory(to: UInt8.self)
                while let row = try parser.next(bytes) {
                    if let record = try extraction.record(row, problems: &problems) { records.append(record) }
                }
            }
            (self.fileName, self.encoding, self.records, self.problems) = (fileName, encoding, records, problems)
            return
        }
        let columns = try HeaderMap<AddressColumn>(
            header: header.fields, file: fileName,
            required: [.parentLastName, .parentFirstName, .childLastName, .childFirstName])
        var records: [AddressRecord] = []
        var problems: [ImportProblem] = []
        try text.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            while let row = try parser.next(bytes) {
                guard row.fields.count == header.fields.count else {
                    throw ImportError.fieldCount(
                        file: fileName, line: row.line, expected: header.fields.count, found: row.fields.count)
                }
                func problem(_ kind: ImportProblem.Kind, _ message: String) {
                    problems.append(ImportProblem(kind: kind, file: fileName, line: row.line, message: message))
                }
                let f = row.fields
                let names = [AddressColumn.parentLastName, .parentFirstName, .childLastName, .childFirstName]
                let missing = names.filter { columns.value($0, in: f) == nil }
                guard missing.isEmpty else {
                    problem(.missingValue, "\(missing.map(columns.describe).joined(separator: ", ")) vide ; ligne ignorée")
                    continue
                }
                for column in names {
                    if let damaged = CellProblems.damagedName(
                        columns.value(column, in: f)!, file: fileName, line: row.line, column: columns.number(column),
                        label: columns.describe(column), remedy: CellProblems.extractAgainFromONDE) { problems.append(damaged) }
                }
                let parts = [AddressColumn.street, .postcode, .city].map { columns.value($0, in: f) }
                var address: PostalAddress?
                if let street = parts[0], let postcode = parts[1], let city = parts[2] {
                    address = PostalAddress(street: street, postcode: postcode, city: city)
                } else if parts.contains(where: { $0 != nil }) {
                    problem(.missingValue, "adresse incomplète (adresse, code postal et commune sont attendus) ; adresse ignorée")
                }
                let email = CellProblems.email(
                    columns.value(.email, in: f), file: fileName, line: row.line, column: columns.number(.email),
                    label: columns.describe(.email), problems: &problems)
                records.append(AddressRecord(
                    line: row.line,
                    parentLastName: columns.value(.parentLastName, in: f)!,
                    parentFirstName: columns.value(.parentFirstName, in: f)!,
                    address: address,
                    childLastName: columns.value(.childLastName, in: f)!,
                    childFirstName: columns.value(.childFirstName, in: f)!,
                    className: columns.value(.className, in: f) ?? "",
                    email: email,
                    phone: columns.value(.phone, in: f)))
            }
        }
        self.fileName = fileName
        self.encoding = encoding
        self.records = records
        self.problems = problems
    }
}

extension AddressFileReader {
    /// What the store needs to import this file; `data` is the file as read, for its fingerprint.
    public func input(data: Data) -> AddressInput {
        AddressInput(
            fileName: fileName, sha256: FileFingerprint.sha256(data), encoding: encoding.rawValue,
            records: records, problems: problems)
    }
}
