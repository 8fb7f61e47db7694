import ArgumentParser
import Foundation
import SesameSeason
import SesameStore

/// Which store a command works on.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp(
        "Base SQLite de Sésame (sinon $SESAME_DB, sinon ./sesame.db).", valueName: "fichier"))
    var path: String?

    var resolvedPath: String {
        path ?? ProcessInfo.processInfo.environment["SESAME_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "sesame.db"
    }

    /// The store, created only by the commands that start one (`creating`: import, init,
    /// user, serve); the others refuse a path where there is none, rather than answer from
    /// an empty store made by a typing mistake.
    func open(creating: Bool = false) throws -> Store {
        let path = resolvedPath
        return try Store(path: path, creating: creating) {
            Console.note("la base \(path) est en cours d’écriture par une autre commande sesame : attente de la fin de son écriture (jusqu’à \(Int(Store.busyWait / 60)) minutes)…")
        }
    }

    /// The season on this store, with the templates of `--templates`, else `$SESAME_REPORTS`,
    /// else the ones shipped with Sésame; and the strategies of `$SESAME_STRATEGIES` or shipped.
    func season(templates flag: String? = nil, creating: Bool = false) throws -> Season {
        Season(
            store: try open(creating: creating), templatesFolder: Resources.directory("Reports", flag: flag, environment: "SESAME_REPORTS"),
            strategiesFolder: Resources.directory("Strategies", flag: nil, environment: "SESAME_STRATEGIES"))
    }
}
