import ArgumentParser
import Foundation
import SesameCore
import SesameSeason
import SesameWeb

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Ouvrir les pages web : les enseignants cochent les remises sur un téléphone, la direction suit la rentrée.",
        discussion: """
            Écoute sur 127.0.0.1 (cet ordinateur seulement) sauf --listen. Pour une école ou une DSDEN, \
            placez Sésame derrière un serveur mandataire HTTPS (voir le README) et ajoutez --trust-proxy.
            Les personnes s’inscrivent avec le lien donné par « sesame user add ».

            Exemple : sesame serve --listen 127.0.0.1:8080
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("Adresse et port d’écoute.", valueName: "hôte:port"))
    var listen = "127.0.0.1:8080"

    @Flag(name: .customLong("trust-proxy"), help: "Derrière un mandataire HTTPS : cookies « Secure », adresse du client lue dans X-Forwarded-For.")
    var trustProxy = false

    @Option(name: .customLong("templates"), help: ArgumentHelp("Dossier des modèles (sinon ceux livrés avec Sésame).", valueName: "dossier"))
    var templatesFolder: String?

    func validate() throws {
        guard Self.split(listen) != nil else { throw ValidationError("--listen : hôte:port attendu (127.0.0.1:8080)") }
    }

    static func split(_ address: String) -> (host: String, port: Int)? {
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]), (1...65535).contains(port) else { return nil }
        return (String(address[..<colon]), port)
    }

    func run() async throws {
        do {
            let season = try store.season(templates: templatesFolder, creating: true)
            guard let folder = season.templatesFolder?.appendingPathComponent("web") else { throw SeasonError.noTemplates }
            let server = try await WebServer(
                season: season, pagesFolder: folder, trustProxy: trustProxy,
                smtpPassword: ProcessInfo.processInfo.environment["SESAME_SMTP_PASSWORD"])
            let (host, port) = Self.split(listen)!
            let nobody = try season.people().isEmpty
            try await server.run(host: host, port: port) {
                Console.note("Sésame écoute sur http://\(host):\(port)/ (Ctrl-C pour arrêter)")
                // The pages open on a login form: say how the first person gets in.
                if nobody {
                    Console.note(
                        "Personne n’est encore inscrit : inscrivez la direction avec « sesame user add \"Prénom Nom\" --role director "
                            + "--school \"École\" --url http://\(host):\(port) » et ouvrez le lien qu’elle donne.")
                }
            }
        } catch let error as UserFacingError {
            Console.error(error.userMessage)
            throw ExitCode.failure
        }
    }
}
