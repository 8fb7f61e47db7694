import Foundation

/// The encodings ENT exports and registry extracts arrive in.
public enum TextEncoding: String, Sendable, Codable {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8 (BOM)"
    case utf16 = "UTF-16"
    case windows1252 = "Windows-1252"
    case isoLatin1 = "ISO-8859-1"
}

/// Detects a file's encoding and hands back its text as UTF-8 bytes.
///
/// UTF-8 is recognised by its BOM or by being valid UTF-8 throughout (a Latin-1 file
/// with accents practically never is). A file that is UTF-8 but for a few bytes (more
/// valid accented characters than invalid bytes) is a damaged UTF-8 file, not a legacy
/// one: its first invalid byte is reported with its line and column rather than the
/// whole file being read wrongly. Otherwise the file is Windows-1252 when it uses that
/// code page's typographic characters (’ « — € in 0x80–0x9F) and ISO-8859-1 when it does
/// not, or when it holds a byte Windows-1252 leaves undefined.
///
/// A control character (NUL, escape…) is no part of any name or address: it is reported
/// with its line and column, never stored nor printed raw to a terminal.
public enum TextDecoding {
    public static func decode(_ data: Data, file: String) throws(ImportError) -> (bytes: Data, encoding: TextEncoding) {
        try refuseDocuments(data, file: file)
        return try decodeText(data, file: file)
    }

    /// The text of a file that is no CSV: a YAML file edited by hand, which a Windows editor
    /// set to "ANSI" saves in its legacy code page.
    public static func text(_ data: Data, file: String) throws(ImportError) -> String {
        String(decoding: try decodeText(data, file: file).bytes, as: UTF8.self)
    }

    private static func decodeText(_ data: Data, file: String) throws(ImportError) -> (bytes: Data, encoding: TextEncoding) {
        let (bytes, encoding) = try decodeBytes(data, file: file)
        if let position = firstControlCharacter(bytes) {
            let (line, column) = location(of: position, in: bytes)
            // `position` counts from the text's first byte, and a BOM-marked file's text is a
            // slice that starts after its BOM.
            let scalar = String(decoding: bytes[(bytes.startIndex + position)...].prefix(4), as: UTF8.self).unicodeScalars.first!
            throw .controlCharacter(file: file, line: line, column: column, codePoint: scalar.value)
        }
        return (bytes, encoding)
    }

    /// A CSV opened in a spreadsheet and saved in the spreadsheet's format, or a PDF picked by
    /// mistake, is named for what it is rather than reported as a control character.
    private static func refuseDocuments(_ data: Data, file: String) throws(ImportError) {
        // xlsx and ods are ZIP archives; xls is an OLE2 compound file.
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) || data.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw .workbook(file: file)
        }
        if data.starts(with: Array("%PDF-".utf8)) { throw .pdf(file: file) }
    }

    private static func decodeBytes(_ data: Data, file: String) throws(ImportError) -> (bytes: Data, encoding: TextEncoding) {
        if data.starts(with: [0xEF, 0xBB, 0xBF]) {
            let body = data.dropFirst(3)
            let scan = scanUTF8(body)
            if let invalid = scan.firstInvalid { throw invalidByte(body, at: invalid, file: file) }
            return (body, .utf8BOM)
        }
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            return (Data(decodeUTF16(data).utf8), .utf16)
        }
        let scan = scanUTF8(data)
        guard let invalid = scan.firstInvalid else { return (data, .utf8) }
        if scan.multibyte > scan.invalid { throw invalidByte(data, at: invalid, file: file) }
        var usesC1 = false, undefinedInWindows = false
        for byte in data where byte & 0xE0 == 0x80 {
            usesC1 = true
            if windows1252Undefined.contains(byte) { undefinedInWindows = true; break }
        }
        let encoding: TextEncoding = usesC1 && !undefinedInWindows ? .windows1252 : .isoLatin1
        return (transcode(data, encoding), encoding)
    }

    private static func invalidByte(_ data: Data, at position: Int, file: String) -> ImportError {
        let (line, column) = location(of: position, in: data)
        return .invalidByte(file: file, line: line, column: column, byte: data[data.startIndex + position])
    }

    /// The line and column (in characters, from 1) of a byte offset.
    static func location(of position: Int, in data: Data) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for byte in data.prefix(position) {
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return (line, column)
    }

    /// The offset of the first C0 or C1 control character other than tab and line breaks,
    /// or DEL, in UTF-8 text.
    static func firstControlCharacter(_ data: Data) -> Int? {
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var i = 0
            while i < bytes.count {
                if i + 8 <= bytes.count, ByteWord.isPrintableASCII(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
                    i += 8
                    continue
                }
                let b = bytes[i]
                // C1 controls are U+0080–U+009F: C2 80 to C2 9F.
                let isControl = b == 0xC2
                    ? i + 1 < bytes.count && (0x80...0x9F).contains(bytes[i + 1])
                    : (b < 0x20 || b == 0x7F) && b != 0x09 && b != 0x0A && b != 0x0D
                if isControl { return i }
                i += 1
            }
            return nil
        }
    }

    private static func decodeUTF16(_ data: Data) -> String {
        let bigEndian = data.first == 0xFE
        let units = stride(from: 2, to: data.count - 1, by: 2).map { i -> UInt16 in
            let a = UInt16(data[data.startIndex + i]), b = UInt16(data[data.startIndex + i + 1])
            return bigEndian ? a << 8 | b : b << 8 | a
        }
        return String(decoding: units, as: UTF16.self)
    }

    private static let windows1252Undefined: Set<UInt8> = [0x81, 0x8D, 0x8F, 0x90, 0x9D]

    /// Windows-1252's 0x80–0x9F; ISO-8859-1 maps those bytes to the C1 controls instead.
    private static let windows1252High: [UInt16] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    private static func transcode(_ data: Data, _ encoding: TextEncoding) -> Data {
        // Bytes gathered in an array, then handed over once: appending to `Data` byte by byte
        // costs a call each.
        var out: [UInt8] = []
        out.reserveCapacity(data.count + data.count / 8)
        for byte in data {
            if byte < 0x80 { out.append(byte); continue }
            let code = encoding == .windows1252 && byte < 0xA0 ? windows1252High[Int(byte - 0x80)] : UInt16(byte)
            if code < 0x800 {
                out.append(UInt8(0xC0 | code >> 6))
                out.append(UInt8(0x80 | code & 0x3F))
            } else {
                out.append(UInt8(0xE0 | code >> 12))
                out.append(UInt8(0x80 | code >> 6 & 0x3F))
                out.append(UInt8(0x80 | code & 0x3F))
            }
        }
        return Data(out)
    }

    static func isValidUTF8(_ data: Data) -> Bool { scanUTF8(data).firstInvalid == nil }

    /// Walks the bytes as UTF-8: the first invalid byte's offset, how many invalid bytes
    /// and how many valid multibyte characters there are.
    static func scanUTF8(_ data: Data) -> (firstInvalid: Int?, invalid: Int, multibyte: Int) {
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var i = 0
            let n = bytes.count
            var firstInvalid: Int?
            var invalid = 0, multibyte = 0
            while i < n {
                if i + 8 <= n, ByteWord.isASCII(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
                    i += 8
                    continue
                }
                let b = bytes[i]
                if b < 0x80 { i += 1; continue }
                if let length = sequenceLength(bytes, at: i) {
                    multibyte += 1
                    i += length
                } else {
                    if firstInvalid == nil { firstInvalid = i }
                    invalid += 1
                    i += 1
                }
            }
            return (firstInvalid, invalid, multibyte)
        }
    }

    /// The length of the valid UTF-8 sequence starting at a byte ≥ 0x80, or nil.
    private static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let b = bytes[i]
        let length: Int
        let minimum: UInt32
        var value: UInt32
        switch b {
        case 0xC2...0xDF: length = 2; minimum = 0x80; value = UInt32(b & 0x1F)
        case 0xE0...0xEF: length = 3; minimum = 0x800; value = UInt32(b & 0x0F)
        case 0xF0...0xF4: length = 4; minimum = 0x10000; value = UInt32(b & 0x07)
        default: return nil
        }
        guard i + length <= bytes.count else { return nil }
        for k in 1..<length {
            let c = bytes[i + k]
            guard c & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(c & 0x3F)
        }
        guard value >= minimum, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else { return nil }
        return length
    }
}

/// Eight bytes tested at once: a file is read whole before it is parsed, and an export of an
/// académie is 206 MiB, nearly all of it printable ASCII.
private enum ByteWord {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    static func isASCII(_ word: UInt64) -> Bool { word & highBits == 0 }

    /// No byte below 0x20, none 0x7F or above.
    static func isPrintableASCII(_ word: UInt64) -> Bool {
        guard isASCII(word) else { return false }
        // With no high bit set, (x − n) & ~x has some high bit set if and only if some byte is below n.
        let belowSpace = (word &- ones &* 0x20) & ~word & highBits
        let delete = word ^ (ones &* 0x7F)
        let hasDelete = (delete &- ones) & ~delete & highBits
        return belowSpace | hasDelete == 0
    }
}
