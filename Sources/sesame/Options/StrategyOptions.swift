import ArgumentParser
import Foundation
import SesameCore
import SesameImport

/// Which strategy to plan with.
struct StrategyOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Stratégie : ecole (par défaut), courriel, via-eleve, bureau, reunion-courrier, ou le chemin d’un fichier YAML.",
        valueName: "nom"))
    var strategy = "ecole"

    @Option(name: .customLong("strategies"), help: ArgumentHelp(
        "Dossier des stratégies (sinon $SESAME_STRATEGIES, sinon celui livré avec Sésame).", valueName: "dossier"))
    var folder: String?

    /// The strategy and its file's text, kept with the plan.
    func load() throws -> (strategy: Strategy, source: String) {
        try StrategyReader.loadWithSource(locate())
    }

    private func locate() throws -> URL {
        let asPath = URL(fileURLWithPath: strategy)
        if strategy.contains("/") || strategy.hasSuffix(".yaml") || strategy.hasSuffix(".yml") {
            return asPath
        }
        let directory = Resources.directory("Strategies", flag: folder, environment: "SESAME_STRATEGIES")
        let available = directory.flatMap { try? FileManager.default.contentsOfDirectory(atPath: $0.path) }?
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted() ?? []
        guard let directory, available.contains(strategy) else {
            throw StrategyNotFound(name: strategy, available: available)
        }
        return directory.appendingPathComponent(strategy + ".yaml")
    }
}
