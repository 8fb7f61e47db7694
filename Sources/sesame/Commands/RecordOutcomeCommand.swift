import ArgumentParser
import Foundation
import SesameCore
import SesameSeason
import SesameStore

struct RecordOutcomeCommand: SesameCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcome",
        abstract: "Enregistrer ce qui est arrivé aux lettres : remises, absents, retours, pertes, refus, rejets.",
        discussion: """
            Verbes : received (remise), absent, returned (revenue), lost (perdue), refused (refusée), \
            bounced (courriel rejeté après coup par le relais de l’académie) ; en français aussi : oui, \
            absent, retour, perdu, refus, rejet.
            Tout est enregistré ensemble ou rien : un identifiant inconnu, une classe sans lettre ou un \
            changement impossible (« remise » pour un courriel rejeté) est signalé et rien ne change.

            Exemples :
              sesame record received --class "CP A" --channel in-class --except lea.martin hugo.petit
              sesame record absent --account sofia.richard adam.moreau --note "réunion CM1"
              sesame record returned --account francois.petit --note "n’habite pas à l’adresse indiquée"
              sesame record --from paquets/CM1_reunion-2026-09-15.emargement.csv
              sesame record received --from feuille.csv     (les lignes sans « Remis » comptent comme remises)
              sesame record bounced --account hugo.petit
              sesame record bounced --from rejets.txt     (les adresses des messages de rejet, une par ligne)
              sesame record undo --account lea.martin --note "cochée par erreur"
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp(
        "Le résultat : received, absent, returned, lost, refused ou bounced (avec --from : pour les lignes sans « Remis ») ; "
            + "puis, si besoin, le numéro du plan (sinon celui de la lettre en cours de chaque compte).",
        valueName: "résultat [plan]"))
    var words: [String] = []

    private var outcome: Outcome? { words.lazy.compactMap(Outcome.init(word:)).first }
    private var plan: Int64? { words.lazy.compactMap { Int64($0) }.first }

    @Option(name: .customLong("account"), parsing: .upToNextOption, help: ArgumentHelp("Identifiants (ou alias) des comptes.", valueName: "identifiant"))
    var accounts: [String] = []

    @Option(name: .customLong("class"), help: ArgumentHelp("Toutes les lettres des paquets de cette classe.", valueName: "classe"))
    var className: String?

    @Option(help: ArgumentHelp("Avec --class, si la classe a plusieurs paquets : in-class, via-student ou meeting.", valueName: "canal"))
    var channel: Channel?

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Avec --class : sauf ces comptes.", valueName: "identifiant"))
    var except: [String] = []

    @Option(help: ArgumentHelp("Avec --class : l’établissement, s’il y en a plusieurs.", valueName: "nom"))
    var school: String?

    @Option(help: ArgumentHelp("Feuille d’émargement remplie (CSV écrit par sesame print).", valueName: "fichier"))
    var from: String?

    @Option(help: ArgumentHelp("Qui enregistre, pour l’historique (sinon l’utilisateur du système).", valueName: "nom"))
    var by: String?

    @Option(help: ArgumentHelp("Remarque ajoutée à l’historique.", valueName: "texte"))
    var note: String?

    func validate() throws {
        for word in words where Outcome(word: word) == nil && Int64(word) == nil {
            throw ValidationError("« \(word) » : received, absent, returned, lost, refused, bounced, undo ou un numéro de plan attendu")
        }
        if words.count > 2 { throw ValidationError("au plus un résultat et un numéro de plan") }
        let targets = [!accounts.isEmpty, className != nil, from != nil].filter { $0 }.count
        guard targets == 1 else { throw ValidationError("dites pour qui : --account, --class ou --from (un seul des trois)") }
        if outcome == nil && from == nil { throw ValidationError("dites ce qui est arrivé : received, absent, returned, lost, refused ou bounced") }
        if !except.isEmpty && className == nil { throw ValidationError("--except va avec --class") }
        if school != nil && className == nil { throw ValidationError("--school va avec --class") }
        if channel != nil && className == nil { throw ValidationError("--channel va avec --class") }
    }

    func execute() throws {
        let letters: RecordRequest.Letters = if let from { .file(URL(fileURLWithPath: from)) }
            else if let className { .classes(className, school: school, channel: channel, except: except) }
            else { .accounts(accounts) }
        let result = try store.season().record(RecordRequest(outcome, letters, plan: plan, actor: by ?? ActingUser.current, note: note))
        var out = Console.Output()
        let byState = Dictionary(grouping: result.recorded, by: \.state)
        if result.recorded.isEmpty { out.line("Rien de nouveau à enregistrer.") }
        for state in DeliveryState.allCases {
            guard let letters = byState[state] else { continue }
            out.line("\(French.plural(letters.count, "lettre")) « \(state.frenchName) » : \(letters.map(\.login).joined(separator: ", "))")
        }
        if !result.unchanged.isEmpty {
            out.line("Déjà enregistré\(result.unchanged.count > 1 ? "s" : "") ainsi, inchangé\(result.unchanged.count > 1 ? "s" : "") : \(result.unchanged.joined(separator: ", "))")
        }
        out.flush()
    }
}
