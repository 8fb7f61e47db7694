/// What French writing asks of text put together from data.
public enum French {
    /// "de Léa", "d’Élodie", "d’Hugo": the preposition elided before a vowel or an h (mute
    /// in first names as in most words).
    public static func de(_ word: String) -> String {
        startsWithVowelSound(word) ? "d’" + word : "de " + word
    }

    /// "le CP", "l’ULIS".
    public static func le(_ word: String) -> String {
        startsWithVowelSound(word) ? "l’" + word : "le " + word
    }

    static func startsWithVowelSound(_ word: String) -> Bool {
        var scalars = word.decomposedStringWithCanonicalMapping.unicodeScalars.makeIterator()
        guard let first = scalars.next() else { return false }
        // A "y" before a vowel is a consonant: "de Yanis", "de Yasmine", but "d’Yves".
        if first == "y" || first == "Y" { return scalars.next().map { !"aeiouyAEIOUY".unicodeScalars.contains($0) } ?? false }
        return "aeiouhAEIOUH".unicodeScalars.contains(first)
    }

    /// Text with the no-break spaces French typography puts inside « » and before : ; ? !,
    /// so that no line starts with a lone » or a colon.
    public static func typographicSpaces(_ text: String) -> String {
        // One pass over the scalars: every letter's every paragraph goes through here.
        let scalars = text.unicodeScalars
        guard scalars.contains(where: { $0 == "«" || $0 == "»" || $0 == ":" || $0 == ";" || $0 == "?" || $0 == "!" }) else { return text }
        var out = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        var index = scalars.startIndex
        while index != scalars.endIndex {
            let scalar = scalars[index]
            index = scalars.index(after: index)
            var emitted = scalar
            if scalar == " " {
                let next = index == scalars.endIndex ? nil : scalars[index]
                if next == "»" || next == ":" || previous == "«" {
                    emitted = "\u{00A0}"
                } else if next == ";" || next == "?" || next == "!" {
                    emitted = "\u{202F}"
                }
            }
            out.append(emitted)
            previous = scalar
        }
        return String(out)
    }

    /// "1 compte", "3 comptes".
    public static func plural(_ count: Int, _ singular: String, _ pluralForm: String? = nil) -> String {
        "\(count) \(count > 1 ? pluralForm ?? singular + "s" : singular)"
    }

    /// "a, b, c, … (12 de plus)": the first `limit` names of a list that may be long.
    public static func shortList(_ names: [String], limit: Int) -> String {
        names.prefix(limit).joined(separator: ", ") + (names.count > limit ? ", … (\(names.count - limit) de plus)" : "")
    }
}
