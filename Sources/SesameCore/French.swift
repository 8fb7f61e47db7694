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
        guard let first = word.decomposedStringWithCanonicalMapping.unicodeScalars.first else { return false }
        return "aeiouyhAEIOUYH".unicodeScalars.contains(first)
    }

    /// Text with the no-break spaces French typography puts inside « » and before : ; ? !,
    /// so that no line starts with a lone » or a colon.
    public static func typographicSpaces(_ text: String) -> String {
        guard text.contains("«") || text.contains("»") || text.contains(" :") || text.contains(" ;") || text.contains(" ?") || text.contains(" !") else {
            return text
        }
        return text.replacingOccurrences(of: "« ", with: "«\u{00A0}").replacingOccurrences(of: " »", with: "\u{00A0}»")
            .replacingOccurrences(of: " :", with: "\u{00A0}:").replacingOccurrences(of: " ;", with: "\u{202F};")
            .replacingOccurrences(of: " ?", with: "\u{202F}?").replacingOccurrences(of: " !", with: "\u{202F}!")
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
