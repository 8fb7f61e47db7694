import Foundation

/// ArgumentParser's own words in French: its errors (a value that does not parse, a missing
/// value, an unknown option) and the frame of its help (headings, the help and version flags,
/// possible and default values). The command line speaks one language. The patterns are those
/// of swift-argument-parser's error and help generators; any other text passes unchanged.
enum FrenchParserMessages {
    static func translate(_ message: String) -> String {
        // "…, any;" wrapped before "default: any)": French puts a space before the semicolon.
        var unwrapped = message.replacingOccurrences(of: #";(\n +default:)"#, with: " ;$1", options: .regularExpression)
        // ArgumentParser wraps at any space, and French puts spaces inside « » and before : ;
        // ? !: a line must not start with a closing sign, nor end with an opening guillemet.
        unwrapped = unwrapped.replacingOccurrences(of: #"\n( +)([»:;?!])( |(?=\n|$))"#, with: " $2\n$1", options: .regularExpression)
            .replacingOccurrences(of: #" ?«\n( +)"#, with: "\n$1« ", options: .regularExpression)
        return unwrapped.components(separatedBy: "\n").map { words.reduce(line($0)) { $0.replacingOccurrences(of: $1.0, with: $1.1) } }
            .joined(separator: "\n")
    }

    /// Within any line of the help (a wrapped description may break before them).
    private static let words = [
        ("Show help information.", "Afficher cette aide."), ("Show the version.", "Afficher la version."),
        ("(values:", "(valeurs :"), ("; default:", " ; par défaut :"), ("(default:", "(par défaut :"),
        (" default:", " par défaut :"), ("<subcommand>", "<sous-commande>"),
    ]

    private static let rules: [(NSRegularExpression, String)] = [
        (#"^Error: The value '(.*)' is invalid for '(.*)'\. Please provide one of (.*)\.$"#,
         "erreur : la valeur « $1 » ne convient pas pour $2 ; valeurs possibles : $3"),
        (#"^Error: The value '(.*)' is invalid for '(.*)': (.*)$"#, "erreur : la valeur « $1 » ne convient pas pour $2 : $3"),
        (#"^Error: The value '(.*)' is invalid for '(.*)'$"#, "erreur : la valeur « $1 » ne convient pas pour $2 (voir l’aide ci-dessous)"),
        (#"^Error: Missing value for '(.*)'$"#, "erreur : valeur manquante pour $1"),
        (#"^Error: Missing expected argument '(.*)'$"#, "erreur : argument attendu : $1"),
        (#"^Error: Unknown option '(.*)'\. Did you mean '(.*)'\?$"#, "erreur : option inconnue : $1 ; vouliez-vous dire $2 ?"),
        (#"^Error: Unknown option '(.*)'$"#, "erreur : option inconnue : $1"),
        (#"^Error: Unexpected arguments? '?([^']*)'?$"#, "erreur : argument inattendu : $1"),
        (#"^Error: (.*)$"#, "erreur : $1"),
        (#"^Help:  (.*)$"#, "Aide : $1"),
        (#"^Usage: (.*)$"#, "Usage : $1"),
        (#"^  See '(.*)' for more information\.$"#, "  Voir « $1 » pour en savoir plus."),
        (#"^OVERVIEW: (.*)$"#, "PRÉSENTATION : $1"),
        (#"^USAGE: (.*)$"#, "UTILISATION : $1"),
        (#"^(ARGUMENTS|OPTIONS):$"#, "$1 :"),
        (#"^SUBCOMMANDS:$"#, "SOUS-COMMANDES :"),
        (#"^  See '(.*)' for detailed help\.$"#, "  Voir « $1 » pour l’aide détaillée."),
    ].map { (try! NSRegularExpression(pattern: $0.0), $0.1) }

    private static func line(_ text: String) -> String {
        let range = NSRange(text.startIndex..., in: text)
        for (pattern, template) in rules where pattern.firstMatch(in: text, range: range) != nil {
            let french = pattern.stringByReplacingMatches(in: text, range: range, withTemplate: template)
            guard french.contains("valeurs possibles") else { return french }
            // "'1', '2' or '8'" → "« 1 », « 2 » ou « 8 »".
            return french.replacingOccurrences(of: " or ", with: " ou ")
                .replacingOccurrences(of: #"'([^']*)'"#, with: "« $1 »", options: .regularExpression)
        }
        return text
    }
}
