import ArgumentParser
import Foundation
import SesameCore
import SesameSeason

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Les personnes des pages web : enseignants, direction, assistance ENT.",
        subcommands: [UserAddCommand.self, UserListCommand.self, UserRemoveCommand.self, UserResetCommand.self])
}

/// Where the enrolment links point: the address people open.
struct SiteOptions: ParsableArguments {
    @Option(name: .customLong("url"), help: ArgumentHelp("Adresse des pages web, pour le lien d’inscription.", valueName: "url"))
    var url = "http://127.0.0.1:8080"

    func link(_ enrolment: Enrolment) -> String {
        (url.hasSuffix("/") ? String(url.dropLast()) : url) + "/inscription/" + enrolment.token
    }
}

extension WebRole: ExpressibleByArgument {}

struct UserAddCommand: SesameCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Inscrire une personne ; la dernière ligne est son lien d’inscription (valable 7 jours, une fois).",
        discussion: """
            Exemples :
              sesame user add "Camille Roux" --role teacher --school "Les Tilleuls" --class "CP A"
              sesame user add "Anne Roux" --role director --school "Les Tilleuls"
              sesame user add "Assistance ENT 44" --role support
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var site: SiteOptions

    @Argument(help: ArgumentHelp("Prénom et nom.", valueName: "nom"))
    var name: String

    @Option(help: ArgumentHelp("teacher (enseignant), director (direction) ou support (assistance ENT).", valueName: "rôle"))
    var role: WebRole

    @Option(help: ArgumentHelp("Établissement (sauf pour support).", valueName: "nom"))
    var school: String?

    @Option(name: .customLong("class"), help: ArgumentHelp("Classe d’un enseignant ; répétable.", valueName: "classe"))
    var classes: [String] = []

    @Flag(name: .customLong("new-school"), help: ArgumentHelp(
        "L’école n’est pas encore importée : la créer, sous son nom exact dans l’export de l’ENT (la direction importera depuis les pages web)."))
    var newSchool = false

    func execute() throws {
        let enrolment = try store.season(creating: true).enrolPerson(name: name, role: role, school: school, classes: classes, newSchool: newSchool)
        let p = enrolment.person
        print("\(p.name) inscrit(e) : identifiant \(p.username), \(p.role.frenchName)\(p.school.map { ", \($0)" } ?? "")\(p.classes.isEmpty ? "" : ", " + p.classes.joined(separator: ", "))")
        print("Lien d’inscription, à transmettre à la personne seule (valable jusqu’au \(SchoolCalendar.frenchDate(enrolment.expiresAt)), une fois) :")
        print(site.link(enrolment))
    }
}

struct UserListCommand: SesameCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Lister les personnes inscrites.")

    @OptionGroup var store: StoreOptions

    func execute() throws {
        let people = try store.season().people()
        guard !people.isEmpty else {
            print("Personne n’est inscrit : « sesame user add ».")
            return
        }
        var table = TextTable(headers: ["Identifiant", "Nom", "Rôle", "École", "Classes", "Mot de passe"])
        for p in people {
            table.add([p.username, p.name, p.role.frenchName, p.school ?? "toutes", p.classes.joined(separator: ", "), p.hasPassword ? "choisi" : "lien en attente"])
        }
        var out = Console.Output()
        table.render(into: &out)
        out.flush()
    }
}

struct UserRemoveCommand: SesameCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Retirer une personne : ses sessions et son lien cessent.")

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp("Son identifiant (sesame user list).", valueName: "identifiant"))
    var username: String

    func execute() throws {
        try store.season().removePerson(username)
        print("\(username) retiré(e).")
    }
}

struct UserResetCommand: SesameCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset", abstract: "Nouveau lien d’inscription (mot de passe oublié) : l’ancien mot de passe et les sessions cessent.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var site: SiteOptions

    @Argument(help: ArgumentHelp("Son identifiant (sesame user list).", valueName: "identifiant"))
    var username: String

    func execute() throws {
        let enrolment = try store.season().resetPerson(username)
        print("Nouveau lien d’inscription de \(enrolment.person.name) (valable jusqu’au \(SchoolCalendar.frenchDate(enrolment.expiresAt)), une fois) :")
        print(site.link(enrolment))
    }
}
