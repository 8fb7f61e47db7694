import Foundation

/// Unicode clean-up on the import's hot path, without Foundation's `NSString` round trip
/// (which on Linux converts every field to UTF-16 and back).
public enum TextNormalization {
    /// Whitespace and line breaks removed at both ends.
    public static func trimmed(_ text: String) -> String {
        // Printable ASCII at both ends: nothing to trim, the usual case.
        if let first = text.utf8.first, let last = text.utf8.last, isPrintableASCII(first), isPrintableASCII(last) { return text }
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
              isWhitespace(first) || isWhitespace(last)
        else { return text }
        let scalars = text.unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, isWhitespace(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isWhitespace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }

    /// Whether a cell is already what trimming, restoring (`CSVLine.restored`) and composing
    /// would make of it, seen in one pass over its bytes: printable ASCII at both ends, no
    /// apostrophe first, no byte that may start a combining mark. Nearly every cell of an
    /// export is; the four checks one after the other were 2 % of an import's instructions.
    public static func isClean(_ text: String) -> Bool {
        text.withUTF8Bytes { bytes in
            guard let first = bytes.first, let last = bytes.last, isPrintableASCII(first), isPrintableASCII(last),
                  first != UInt8(ascii: "'")
            else { return false }
            return !bytes.contains(where: mayStartCombiningMark)
        }
    }

    /// Canonical composition (NFC). Only text holding a combining mark (a decomposed
    /// accent) or Hangul jamo is handed to Foundation; precomposed letters such as "é" or
    /// "ễ" are already NFC.
    public static func composed(_ text: String) -> String {
        needsNormalization(text) ? text.precomposedStringWithCanonicalMapping : text
    }

    /// Unicode whitespace, answered without the property tables for ASCII.
    @inline(__always)
    public static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || (0x09...0x0D).contains(scalar.value) }
        // Unicode's White_Space (a stable property), without its table: looking it up for the
        // last letter of every "Chloé" and "Trần" was a fifth of trimming an export's cells.
        switch scalar.value {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// A printable ASCII character, not a space: a byte no trimming removes.
    private static func isPrintableASCII(_ byte: UInt8) -> Bool { (0x21...0x7E).contains(byte) }

    /// Combining marks start at U+0300, whose UTF-8 lead byte is 0xCC: text without such a
    /// byte holds none.
    private static func mayStartCombiningMark(_ byte: UInt8) -> Bool { byte >= 0xCC }

    static func needsNormalization(_ text: String) -> Bool {
        guard text.withUTF8Bytes({ $0.contains(where: mayStartCombiningMark) }) else { return false }
        return text.unicodeScalars.contains { scalar in
            scalar.value >= 0x300
                && (scalar.properties.canonicalCombiningClass != .notReordered || (0x1100...0x11FF).contains(scalar.value))
        }
    }
}
