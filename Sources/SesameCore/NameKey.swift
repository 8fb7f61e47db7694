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
        latin1Exact(text) ?? scalarwiseExact(text)
    }

    /// `exact` for text of ASCII and Latin-1 letters ("Élodie Lefèvre"), the names of nearly
    /// every row, made from its bytes: scalar by scalar, keying names was a fifth of resolving
    /// an académie's families. Nil for any other text. Latin-1 letters are precomposed (NFC)
    /// and their lowercase is Latin-1 too, so the key is never longer than the text.
    static func latin1Exact(_ text: String) -> String? {
        text.withUTF8Bytes { bytes -> String? in
            var i = 0
            while i < bytes.count {
                if bytes[i] < 0x80 {
                    i += 1
                } else if bytes[i] == 0xC3, i + 1 < bytes.count, (0x80...0xBF).contains(bytes[i + 1]) {
                    i += 2
                } else {
                    return nil
                }
            }
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                var count = 0
                var pendingSpace = false
                var empty = true
                var i = 0
                while i < bytes.count {
                    let byte = bytes[i]
                    if TextNormalization.isWhitespace(Unicode.Scalar(byte)) {
                        pendingSpace = !empty
                        i += 1
                        continue
                    }
                    if pendingSpace {
                        out[count] = 0x20
                        count += 1
                        pendingSpace = false
                    }
                    empty = false
                    if byte < 0x80 {
                        let unified = UInt8(unifyPunctuation(Unicode.Scalar(byte)).value)
                        out[count] = (0x41...0x5A).contains(unified) ? unified + 32 : unified
                        count += 1
                        i += 1
                    } else {
                        let scalar = Unicode.Scalar(0xC0 + UInt32(bytes[i + 1] - 0x80))!
                        for unit in UTF8.encode(FoldTable.lowercase(scalar) ?? scalar)! {
                            out[count] = unit
                            count += 1
                        }
                        i += 2
                    }
                }
                return count
            }
        }
    }

    /// `exact`, scalar by scalar: any text.
    static func scalarwiseExact(_ text: String) -> String {
        let source = TextNormalization.composed(text)
        return build(capacity: source.utf8.count * 3 + 8) { put in
            var pendingSpace = false
            var empty = true
            for scalar in source.unicodeScalars {
                if TextNormalization.isWhitespace(scalar) {
                    pendingSpace = !empty
                    continue
                }
                if pendingSpace { put(" "); pendingSpace = false }
                empty = false
                let unified = unifyPunctuation(scalar)
                if unified.isASCII {
                    put(("A"..."Z").contains(unified) ? Unicode.Scalar(unified.value + 32)! : unified)
                } else if let lower = FoldTable.lowercase(unified) {
                    put(lower)
                } else {
                    for part in unified.properties.lowercaseMapping.unicodeScalars { put(part) }
                }
            }
        }
    }

    /// Accent-, case- and punctuation-insensitive: only letters and digits remain,
    /// "?" included (it stands for a character a legacy encoding lost).
    public static func loose(_ text: String) -> String {
        build(capacity: text.utf8.count * 2 + 8) { put in
            for scalar in text.unicodeScalars {
                if scalar.isASCII {
                    switch scalar {
                    case "a"..."z", "0"..."9", "?": put(scalar)
                    case "A"..."Z": put(Unicode.Scalar(scalar.value + 32)!)
                    default: break
                    }
                } else if let folded = FoldTable.fold(scalar) {
                    for part in folded.unicodeScalars { put(part) }
                } else {
                    for part in String(scalar).decomposedStringWithCanonicalMapping.lowercased().unicodeScalars
                    where part.properties.isAlphabetic && !isCombiningMark(part) || part.properties.numericType != nil {
                        put(part)
                    }
                }
            }
        }
    }

    /// The loose keys of "Prénom Nom" and "Nom Prénom", each name keyed once: a loose key is
    /// made scalar by scalar, so the key of two names is the keys of each, joined.
    public static func looseBothWays(_ firstName: String, _ lastName: String) -> (firstLast: String, lastFirst: String) {
        let (first, last) = (loose(firstName), loose(lastName))
        return (first + last, last + first)
    }

    /// Builds a string from scalars without growing an intermediate collection. `capacity`
    /// is a guess that holds for the scripts of French schools' names; a key that outgrows it
    /// (a Hangul syllable is three jamo apart, three times its bytes) is built again in the
    /// room it turned out to need.
    private static func build(capacity: Int, _ body: ((Unicode.Scalar) -> Void) -> Void) -> String {
        var needed = 0
        let key = String(unsafeUninitializedCapacity: capacity) { buffer in
            var count = 0
            body { scalar in
                UTF8.encode(scalar) { byte in
                    if count < buffer.count { buffer[count] = byte }
                    count += 1
                }
            }
            needed = count
            return count <= buffer.count ? count : 0
        }
        return needed <= capacity ? key : build(capacity: needed, body)
    }

    /// Whether two loose keys name the same person. A "?" stands for one character of the
    /// original spelling, which the loose key may have expanded to two ("œ" is "oe") or
    /// dropped altogether (a combining accent, as in "Le?o" for a decomposed "Léo").
    public static func looseEqual(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        let question = UInt8(ascii: "?")
        // Loose keys are nearly always ASCII: compare their bytes where they are.
        let ascii: Bool? = a.withUTF8Bytes { x in
            b.withUTF8Bytes { y in
                guard x.allSatisfy({ $0 < 0x80 }), y.allSatisfy({ $0 < 0x80 }) else { return nil }
                switch (x.contains(question), y.contains(question)) {
                case (false, false): return false
                case (true, false): return matches(x[...], y[...], wildcard: question)
                case (false, true): return matches(y[...], x[...], wildcard: question)
                case (true, true):
                    return x.count == y.count && zip(x, y).allSatisfy { $0 == $1 || $0 == question || $1 == question }
                }
            }
        }
        if let ascii { return ascii }
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        switch (x.contains("?"), y.contains("?")) {
        case (false, false): return false
        case (true, false): return matches(x[...], y[...], wildcard: "?")
        case (false, true): return matches(y[...], x[...], wildcard: "?")
        case (true, true):
            return x.count == y.count && zip(x, y).allSatisfy { $0 == $1 || $0 == "?" || $1 == "?" }
        }
    }

    private static func matches<S: Collection>(_ pattern: S, _ text: S, wildcard: S.Element) -> Bool
    where S.SubSequence == S, S.Element: Equatable {
        guard let first = pattern.first else { return text.isEmpty }
        if first == wildcard {
            return (0...2).contains { n in text.count >= n && matches(pattern.dropFirst(), text.dropFirst(n), wildcard: wildcard) }
        }
        return text.first == first && matches(pattern.dropFirst(), text.dropFirst(), wildcard: wildcard)
    }

    /// Whether a name lost characters to a legacy encoding: "?" for what Windows-1252 or
    /// ISO-8859-1 could not hold, U+FFFD for bytes that were not text. No real name has either.
    public static func isDamaged(_ text: String) -> Bool {
        // By bytes: scalar by scalar, this check was 2 % of an import's instructions. U+FFFD
        // is EF BF BD in UTF-8, and 0xEF a lead byte that no Latin letter has.
        text.withUTF8Bytes { bytes in
            bytes.contains(UInt8(ascii: "?")) || (bytes.contains(0xEF) && text.unicodeScalars.contains("\u{FFFD}"))
        }
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

    static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.canonicalCombiningClass != .notReordered || (0x300...0x36F).contains(scalar.value)
    }
}
