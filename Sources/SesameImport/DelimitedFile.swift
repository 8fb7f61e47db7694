import Foundation
import SesameCore

/// A delimited text file decoded (see `TextDecoding`) and its header read: where every
/// reader starts. Rows are then read in turn, each with its line.
struct DelimitedFile: Sendable {
    let fileName: String
    let encoding: TextEncoding
    let header: [String]
    private let text: Data
    private let parser: CSVParser

    init(data: Data, fileName: String) throws {
        let (text, encoding) = try TextDecoding.decode(data, file: fileName)
        let (header, parser) = try CSVParser.header(of: text, file: fileName)
        guard let header else { throw ImportError.empty(file: fileName) }
        self.fileName = fileName
        self.encoding = encoding
        // A spreadsheet that saw cells right of the table saves them as empty columns.
        var fields = header.fields
        while fields.count > 1, Self.isBlank(fields[fields.count - 1]) { fields.removeLast() }
        self.header = fields
        self.text = text
        self.parser = parser
    }

    /// Each data row in turn, from the first after the header. Throws `noRows` for a file
    /// that has none: every reader has checked the header by then, a wrong header is the
    /// better message.
    func forEachRow(_ body: (CSVRecord) throws -> Void) throws {
        var parser = self.parser
        let rows = try text.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var rows = 0
            while let row = try parser.next(bytes) {
                rows += 1
                try body(row)
            }
            return rows
        }
        guard rows > 0 else { throw ImportError.noRows(file: fileName) }
    }

    /// Checks that a row has as many fields as the header, or more that are all blank (the
    /// empty columns a spreadsheet adds).
    func checkWidth(of row: CSVRecord) throws(ImportError) {
        let fields = row.fields
        guard fields.count == header.count || (fields.count > header.count && fields[header.count...].allSatisfy(Self.isBlank)) else {
            throw .fieldCount(file: fileName, line: row.line, expected: header.count, found: fields.count)
        }
    }

    static func isBlank(_ field: String) -> Bool { TextNormalization.trimmed(field).isEmpty }
}
