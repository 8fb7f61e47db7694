import ArgumentParser
import Foundation
import SesameCore
import SesameSeason

struct InitCommand: SesameCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Écrire les réglages de l’école (ENT, directeur, ville, adresse, expéditeur des courriels).",
        discussion: """
            Les réglages sont dans un fichier à côté de la base (sesame.db → sesame.reglages.yaml), modifiable \
            à la main. Les établissements importés y sont ajoutés ; seuls les réglages donnés sont changés.

            Exemple : sesame init --ent-name e-primO --ent-url https://www.e-primo.fr --director "Anne Roux" --city Nantes
            """)

    @OptionGroup var store: StoreOptions

    @Option(name: .customLong("ent-name"), help: ArgumentHelp("Nom de l’ENT (e-primO, ONE…).", valueName: "nom"))
    var entName: String?

    @Option(name: .customLong("ent-url"), help: ArgumentHelp("Adresse de l’ENT (https://…).", valueName: "url"))
    var entURL: String?

    @Option(help: ArgumentHelp("Établissement concerné (sinon le seul de la base).", valueName: "nom"))
    var school: String?

    @Option(help: ArgumentHelp("Directeur ou directrice, qui signe les lettres.", valueName: "nom"))
    var director: String?

    @Option(name: .customLong("director-title"), help: ArgumentHelp("Titre qui signe les lettres : directrice ou directeur.", valueName: "titre"))
    var directorTitle: String?

    @Option(help: ArgumentHelp("Téléphone de l’école, imprimé sur les lettres, cartes et courriels.", valueName: "numéro"))
    var phone: String?

    @Option(help: ArgumentHelp("Courriel de l’école, imprimé sur les lettres, cartes et courriels.", valueName: "adresse"))
    var email: String?

    @Option(help: ArgumentHelp("Ville, pour dater les lettres.", valueName: "ville"))
    var city: String?

    @Option(help: ArgumentHelp("Adresse de l’école, en tête des lettres.", valueName: "adresse"))
    var address: String?

    @Option(help: ArgumentHelp("Adresse de l’expéditeur des courriels.", valueName: "adresse"))
    var from: String?

    @Option(name: .customLong("from-name"), help: ArgumentHelp("Nom affiché de l’expéditeur.", valueName: "nom"))
    var fromName: String?

    @Option(help: ArgumentHelp("Serveur d’envoi des courriels : smtp://hôte:port ou smtps://hôte:port.", valueName: "url"))
    var smtp: String?

    @Flag(help: "Exiger STARTTLS avec ce serveur.")
    var starttls = false

    @Option(name: .customLong("smtp-user"), help: ArgumentHelp("Utilisateur SMTP.", valueName: "nom"))
    var smtpUser: String?

    @Option(name: .customLong("password-file"), help: ArgumentHelp("Fichier qui contient le mot de passe SMTP (le mot de passe n’est jamais écrit dans les réglages).", valueName: "fichier"))
    var passwordFile: String?

    func execute() throws {
        var change = SettingsChange()
        (change.entName, change.entURL, change.from, change.fromName) = (entName, entURL, from, fromName)
        (change.smtpURL, change.starttls, change.smtpUser, change.passwordFile) = (smtp, starttls ? true : nil, smtpUser, passwordFile)
        (change.school, change.director, change.city, change.address) = (school, director, city, address)
        (change.directorTitle, change.phone, change.email) = (directorTitle, phone, email)
        let result = try store.season(creating: true).configure(change)
        print("Réglages écrits dans \(result.file.path)")
        if let schools = result.schoolRequired {
            // The rest was written: only what is per school waits for its school.
            throw SeasonError.schoolSettingsNeedSchool(known: schools)
        }
        if result.missingForPrinting.isEmpty {
            print("Tout ce qu’il faut pour imprimer est renseigné.")
        } else {
            print("Encore à renseigner pour imprimer : \(result.missingForPrinting.joined(separator: ", ")).")
        }
    }
}
