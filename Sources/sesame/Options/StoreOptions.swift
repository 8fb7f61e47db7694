import ArgumentParser
import Foundation
import SesameStore

/// Which store a command works on.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp(
        "Base SQLite de Sésame (sinon $SESAME_DB, sinon ./sesame.db).", valueName: "fichier"))
    var path: String?

    var resolvedPath: String {
        path ?? ProcessInfo.processInfo.environment["SESAME_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "sesame.db"
    }

    func open() throws -> Store {
        try Store(path: resolvedPath)
    }
}
