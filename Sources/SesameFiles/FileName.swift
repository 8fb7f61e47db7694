import Foundation

/// The one way a file or folder name is made from data (a class, a teacher, a school, a
/// login): letters and digits without accents, joined by dashes, and nothing else. A name
/// from data can therefore never hold `/`, `..`, NUL or a leading dot, and never leave the
/// folder it is written in.
public enum FileName {
    /// Longest name part made from data: file systems refuse names over 255 bytes, and a
    /// suffix (`_remise-en-classe.emargement.csv`) still has to fit.
    public static let maxLength = 80

    /// "CM1 Mme Roux" → "CM1-Mme-Roux", "École Jules Ferry" → "Ecole-Jules-Ferry",
    /// "x/../../escaped" → "x-escaped"; "sans-nom" when nothing is left.
    public static func slug(_ text: String) -> String {
        var out = ""
        var dash = false
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if dash && !out.isEmpty { out.append("-") }
                guard out.unicodeScalars.count < maxLength else { break }
                out.unicodeScalars.append(scalar)
                dash = false
            } else if scalar.properties.canonicalCombiningClass == .notReordered {
                dash = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "sans-nom" : out
    }
}
