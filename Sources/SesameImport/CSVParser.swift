import Foundation

/// One record of a delimited text file.
struct CSVRecord {
    var fields: [String]
    /// The line the record starts on, 1-based; a quoted field may carry it over several lines.
    var line: Int
}

/// A byte-level RFC 4180 reader for `;`-separated exports.
///
/// Written here rather than taken from a CSV package because an import must name the line
/// and column of what it cannot read, which those packages do not report, and because it
/// streams a million-row export several times faster. It takes UTF-8 bytes (see
/// `TextDecoding`); quoted fields may hold the delimiter, `""` and line breaks; CRLF, LF
/// and CR line ends are all accepted; blank lines are skipped.
struct CSVParser: Sendable {
    let delimiter: UInt8
    let file: String
    private var offset = 0
    private var line = 1
    private var lineStart = 0
    private var scratch: [UInt8] = []

    init(delimiter: UInt8, file: String) {
        self.delimiter = delimiter
        self.file = file
    }

    /// The delimiter the header line uses most among `;`, `,` and tab (`;` when it has none):
    /// a file re-saved by a spreadsheet may have changed it.
    static func detectDelimiter(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
        var counts: [UInt8: Int] = [:]
        var quoted = false
        for byte in bytes {
            if byte == quote { quoted.toggle(); continue }
            if quoted { continue }
            if byte == lf || byte == cr { break }
            if byte == UInt8(ascii: ";") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\t") {
                counts[byte, default: 0] += 1
            }
        }
        let semicolon = UInt8(ascii: ";")
        return counts.max { ($0.value, $0.key == semicolon ? 1 : 0) < ($1.value, $1.key == semicolon ? 1 : 0) }?.key ?? semicolon
    }

    /// Reads the header row of a text, detecting its delimiter; returns the parser
    /// positioned on the first data row.
    static func header(of text: Data, file: String) throws -> (CSVRecord?, CSVParser) {
        try text.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var parser = CSVParser(delimiter: detectDelimiter(bytes), file: file)
            let header = try parser.next(bytes)
            return (header, parser)
        }
    }

    /// The next non-blank record, or nil at the end of the text.
    mutating func next(_ bytes: UnsafeBufferPointer<UInt8>) throws(ImportError) -> CSVRecord? {
        while offset < bytes.count {
            let recordLine = line
            var fields: [String] = []
            fields.reserveCapacity(16)
            while true {
                fields.append(try field(bytes))
                guard offset < bytes.count, bytes[offset] == delimiter else { break }
                offset += 1
            }
            if offset < bytes.count {
                if bytes[offset] == Self.cr { offset += 1 }
                if offset < bytes.count, bytes[offset] == Self.lf { offset += 1 }
                line += 1
                lineStart = offset
            }
            if fields.count == 1 && fields[0].isEmpty { continue }
            return CSVRecord(fields: fields, line: recordLine)
        }
        return nil
    }

    private mutating func field(_ bytes: UnsafeBufferPointer<UInt8>) throws(ImportError) -> String {
        let n = bytes.count
        guard offset < n, bytes[offset] == Self.quote else {
            let start = offset
            while offset < n {
                let b = bytes[offset]
                if b == delimiter || b == Self.lf || b == Self.cr { break }
                offset += 1
            }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
        }
        // Where the field opened, for the error message of a quote never closed.
        let (openLine, openLineStart, openOffset) = (line, lineStart, offset)
        offset += 1
        // Most quoted fields hold no quote and no CRLF: take them straight from the buffer.
        var end = offset
        while end < n, bytes[end] != Self.quote, bytes[end] != Self.cr {
            if bytes[end] == Self.lf { line += 1; lineStart = end + 1 }
            end += 1
        }
        if end < n, bytes[end] == Self.quote, end + 1 == n || bytes[end + 1] != Self.quote {
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)
            offset = end + 1
            try checkAfterClosingQuote(bytes)
            return text
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[offset..<end]))
        offset = end
        var segment = offset
        while true {
            guard offset < n else {
                throw .unterminatedQuote(file: file, line: openLine, column: Self.column(bytes, from: openLineStart, to: openOffset))
            }
            let b = bytes[offset]
            if b == Self.quote {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segment..<offset]))
                if offset + 1 < n, bytes[offset + 1] == Self.quote {
                    scratch.append(Self.quote)
                    offset += 2
                    segment = offset
                    continue
                }
                offset += 1
                break
            }
            if b == Self.cr, offset + 1 < n, bytes[offset + 1] == Self.lf {
                // Keep one line-break convention inside fields: LF.
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segment..<offset]))
                offset += 1
                segment = offset
                continue
            }
            if b == Self.lf {
                line += 1
                lineStart = offset + 1
            }
            offset += 1
        }
        try checkAfterClosingQuote(bytes)
        return String(decoding: scratch, as: UTF8.self)
    }

    private func checkAfterClosingQuote(_ bytes: UnsafeBufferPointer<UInt8>) throws(ImportError) {
        guard offset < bytes.count else { return }
        let b = bytes[offset]
        guard b == delimiter || b == Self.lf || b == Self.cr else {
            throw .textAfterClosingQuote(file: file, line: line, column: Self.column(bytes, from: lineStart, to: offset))
        }
    }

    /// Characters (not bytes) from the start of the line, 1-based.
    private static func column(_ bytes: UnsafeBufferPointer<UInt8>, from lineStart: Int, to position: Int) -> Int {
        var count = 1
        for byte in bytes[lineStart..<position] where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }

    private static let quote = UInt8(ascii: "\"")
    private static let lf = UInt8(ascii: "\n")
    private static let cr = UInt8(ascii: "\r")
}
