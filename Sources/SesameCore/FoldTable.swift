import Foundation

/// The loose and lower-case forms of the accented letters names are written with, computed once.
///
/// Covers Latin-1, Latin Extended-A/B and Latin Extended Additional (Vietnamese):
/// "É" → "e", "œ" → "oe", "ễ" → "e", combining marks → "". Other scalars are
/// folded by `NameKey.loose` through Foundation, which is slower but rare.
enum FoldTable {
    private static let range: ClosedRange<UInt32> = 0x80...0x24F
    private static let extended: ClosedRange<UInt32> = 0x1E00...0x1EFF

    private static let ligatures: [UInt32: String] = [
        0x153: "oe", 0x152: "oe", 0xE6: "ae", 0xC6: "ae", 0xDF: "ss", 0xF8: "o", 0xD8: "o",
        0x111: "d", 0x110: "d", 0x142: "l", 0x141: "l", 0x131: "i",
    ]

    private static func compute(_ value: UInt32) -> String {
        if let ligature = ligatures[value] { return ligature }
        guard let scalar = Unicode.Scalar(value) else { return "" }
        if (0x300...0x36F).contains(value) { return "" }
        var out = String.UnicodeScalarView()
        for part in String(scalar).decomposedStringWithCanonicalMapping.lowercased().unicodeScalars
        where part.properties.isAlphabetic && !(0x300...0x36F).contains(part.value) || part.properties.numericType != nil {
            out.append(part)
        }
        return String(out)
    }

    private static let latin: [String] = range.map(compute)
    private static let lower: [Unicode.Scalar?] = range.map(lowerScalar)
    private static let lowerVietnamese: [Unicode.Scalar?] = extended.map(lowerScalar)

    /// The lower-case form when it is a single scalar, as it is for these letters.
    private static func lowerScalar(_ value: UInt32) -> Unicode.Scalar? {
        guard let scalar = Unicode.Scalar(value) else { return nil }
        let mapped = scalar.properties.lowercaseMapping.unicodeScalars
        return mapped.count == 1 ? mapped.first : nil
    }

    static func lowercase(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let v = scalar.value
        if range.contains(v) { return lower[Int(v - range.lowerBound)] }
        if extended.contains(v) { return lowerVietnamese[Int(v - extended.lowerBound)] }
        return nil
    }
    private static let vietnamese: [String] = extended.map(compute)

    static func fold(_ scalar: Unicode.Scalar) -> String? {
        let v = scalar.value
        if range.contains(v) { return latin[Int(v - range.lowerBound)] }
        if extended.contains(v) { return vietnamese[Int(v - extended.lowerBound)] }
        if (0x300...0x36F).contains(v) { return "" }
        return nil
    }
}
