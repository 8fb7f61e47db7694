import ArgumentParser
import SesameCore
import SesameSeason
import SesameStore

struct AccountsCommand: SesameCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts",
        abstract: "Sélectionner et vérifier les comptes (étapes 1 et 2 du publipostage).",
        discussion: """
            Sans filtre, tous les comptes sont sélectionnés. Le total indique les comptes sélectionnés, \
            ceux déjà activés et ceux sans adresse électronique. Les codes d’activation sont masqués \
            sauf avec --show-codes.

            Exemple : sesame accounts --profile parent --class "CP A" --activation pending --sort class
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var selection: SelectionOptions

    @Option(name: .customLong("sort"), parsing: .upToNextOption, help: ArgumentHelp(
        "Tri : profile et/ou class (puis nom, prénom).", valueName: "clés"))
    var sort: [AccountSortKey] = []

    @Option(help: "Format : table, csv ou json.")
    var format: ListFormat = .table

    @Flag(name: .customLong("show-codes"), help: "Afficher les codes d’activation en clair.")
    var showCodes = false

    func execute() throws {
        let (accounts, standIn) = try store.season().select(selection.filter(defaultActivation: .all), sortedBy: sort)
        CreationDateNote.show(standIn)
        var out = Console.Output()
        switch format {
        case .json:
            out.line(try JSONOutput.string(accounts.map { AccountJSON($0, showCode: showCodes) }))
        case .csv:
            AccountListing.csv(accounts, showCodes: showCodes, into: &out)
        case .table:
            AccountListing.table(accounts, showCodes: showCodes, into: &out)
            let activated = accounts.count { $0.isActivated }
            let withoutEmail = accounts.count { $0.email == nil }
            out.line()
            out.line("\(French.plural(accounts.count, "compte sélectionné", "comptes sélectionnés")) — \(French.plural(activated, "déjà activé", "déjà activés")) — \(withoutEmail) sans adresse électronique")
        }
        out.flush()
    }
}
