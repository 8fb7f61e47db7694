import Foundation
import Testing

/// What the command line says about the command line itself: in French, with the usage.
@Suite struct ArgumentTests {
    @Test func aValueThatDoesNotParseIsToldInFrench() throws {
        let cli = try CLI()
        let layout = try cli.run("print", "--layout", "3")
        #expect(layout.status == 64)
        #expect(layout.stderr.hasPrefix("erreur : la valeur « 3 » ne convient pas pour --layout <1|2|8> ; valeurs possibles : « 1 », « 2 » ou « 8 »"))
        #expect(layout.stderr.contains("Usage : sesame print") && layout.stderr.contains("Voir « sesame print --help » pour en savoir plus."))
        let missing = try cli.run("send", "--rate")
        #expect(missing.stderr.hasPrefix("erreur : valeur manquante pour --rate <N>"))
        let meeting = try cli.run("plan", "--meeting", "CP A=demain")
        #expect(meeting.stderr.hasPrefix("erreur : la valeur « CP A=demain » ne convient pas pour --meeting"))
        #expect(meeting.stderr.contains("CLASSE=JJ/MM/AAAA 17h30"))
        for result in [layout, missing, meeting] {
            #expect(!result.stderr.contains("Error:") && !result.stderr.contains("invalid") && !result.stderr.contains("See '"))
        }
        // Help still goes to stdout, and succeeds.
        let help = try cli.run("print", "--help")
        #expect(help.status == 0 && help.stdout.contains("--layout"))
        // ArgumentParser's frame of the help speaks French too, for a command and for the whole.
        for text in [help.stdout, try cli.run("accounts", "--help").stdout, try cli.run("--help").stdout] {
            for english in ["OVERVIEW", "USAGE", "SUBCOMMANDS", "Show help information", "Show the version", "values:", "default:", "See '"] {
                #expect(!text.contains(english), "\(english)")
            }
            #expect(text.contains("UTILISATION : sesame") && text.contains("Afficher cette aide."))
        }
        #expect(try cli.run("--help").stdout.contains("SOUS-COMMANDES :\n") && cli.run("accounts", "--help").stdout.contains("(valeurs : table, csv,"))
        // French puts a space before a semicolon, also where a line is wrapped after one.
        #expect(try cli.run("accounts", "--help").stdout.range(of: #"[^ ];\n"#, options: .regularExpression) == nil)
    }

    /// ArgumentParser wraps the help at any space: a guillemet or a colon never starts a
    /// line, an opening guillemet never ends one, whatever the command.
    @Test func theHelpNeverStrandsAGuillemetOrAColon() throws {
        let cli = try CLI()
        var pages: [String] = []
        for command in [[], ["import"], ["accounts"], ["plan"], ["print"], ["send"], ["record"], ["record", "outcome"], ["followup"], ["status"], ["serve"], ["user", "add"], ["init"], ["purge"]] {
            pages.append(try cli.run(command + ["--help"]).stdout)
        }
        #expect(pages.joined().contains("« courriel »"))
        for line in pages.joined(separator: "\n").split(separator: "\n") {
            let text = line.drop { $0 == " " }
            #expect(!(text.first.map { "»:;?!".contains($0) } ?? false) && !line.hasSuffix("«") && !line.hasSuffix(" "), "« \(line) »")
        }
    }

    @Test func meetingsAreReadAsPeopleTypeThem() throws {
        let cli = try CLI()
        let empty = try cli.run("plan", "--meeting", "CM2=16/09/2026 17h30")
        // The meeting parsed; the empty store is what stops the plan, in French.
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("importez d’abord l’export de l’ENT"), "\(empty.stderr)")
    }
}
