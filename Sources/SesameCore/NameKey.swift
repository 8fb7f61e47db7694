import Foundation

/// Keys to compare and sort people's names the way a person would.
///
/// Real exports mix composed and decomposed accents, typographic and straight apostrophes,
/// and odd spacing; a spreadsheet saved in ISO-8859-1 turns characters it cannot encode
/// (the "ễ" of Nguyễn) into "?". These keys make such spellings of one name compare equal.
public enum NameKey {
    /// Case-insensitive, normalization-insensitive: "Léa  O’Connor" == "LÉA O'CONNOR".
    /// Accents still count, so Léa and Lea stay different people.
    public static func exact(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.precomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.unicodeScalars.append(" "); pendingSpace = false }
            out.unicodeScalars.append(unifyPunctuation(scalar))
        }
        return out
    }

    /// Accent-, case- and punctuation-insensitive: only letters and digits remain,
    /// "?" included (it stands for a character a legacy encoding lost).
    public static func loose(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.decomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            if scalar == "?" { out.unicodeScalars.append(scalar); continue }
            if let expanded = ligatures[scalar] { out += expanded; continue }
            let props = scalar.properties
            if props.isAlphabetic && !(0x300...0x36F).contains(scalar.value) || props.numericType != nil {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Whether two loose keys name the same person. A "?" stands for one character of the
    /// original spelling, which the loose key may have expanded to two ("œ" is "oe").
    public static func looseEqual(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        switch (x.contains("?"), y.contains("?")) {
        case (false, false): return false
        case (true, false): return matches(x[...], y[...])
        case (false, true): return matches(y[...], x[...])
        case (true, true):
            return x.count == y.count && zip(x, y).allSatisfy { $0 == $1 || $0 == "?" || $1 == "?" }
        }
    }

    private static func matches(_ pattern: ArraySlice<Unicode.Scalar>, _ text: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let first = pattern.first else { return text.isEmpty }
        if first == "?" {
            return (1...2).contains { n in text.count >= n && matches(pattern.dropFirst(), text.dropFirst(n)) }
        }
        return text.first == first && matches(pattern.dropFirst(), text.dropFirst())
    }

    /// A key for sorting names in alphabetical order, ignoring case, accents and punctuation
    /// ("Le Goff" sorts as "legoff", "Émile" beside "Emile").
    public static func sortable(_ text: String) -> String {
        loose(text)
    }

    /// The full sort key of a person: last name, then first name, then a tie-breaker
    /// that keeps homonyms in a stable order.
    public static func person(lastName: String, firstName: String, tieBreaker: String) -> String {
        sortable(lastName) + "\u{1}" + sortable(firstName) + "\u{1}" + tieBreaker
    }

    private static func unifyPunctuation(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar {
        case "\u{2019}", "\u{2018}", "\u{02BC}", "`", "\u{00B4}": "'"
        case "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}": "-"
        default: scalar
        }
    }

    private static let ligatures: [Unicode.Scalar: String] = [
        "œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "đ": "d", "ł": "l", "ı": "i",
    ]
}
