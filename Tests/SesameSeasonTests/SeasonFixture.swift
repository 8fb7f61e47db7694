import Foundation
import SesameTestSupport
import SesameCore
import SesameFixtures
import SesameImport
import SesameSeason
import SesameStore

private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A season on a fresh store in a temporary folder, with the shipped templates and
/// strategies, run through the use cases exactly as the CLI and the web run them.
struct SeasonFixture {
    let folder: URL
    let season: Season

    init() throws {
        folder = try TestFolders.make("sesame-season")
        season = Season(store: try Store(path: folder.appendingPathComponent("sesame.db").path),
                        templatesFolder: repository.appendingPathComponent("Reports"))
    }

    var store: Store { season.store }

    func write(_ data: Data, to name: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try data.write(to: url)
        return url
    }

    /// Imports schools' exports and family files, and writes the settings printing and sending need.
    func start(_ schools: [GeneratedSchool]) throws {
        for (i, school) in schools.enumerated() {
            _ = try season.importFiles(ImportFiles(
                export: try write(school.exportFile(), to: "export-\(i).csv"), addresses: try write(school.addressFile(), to: "familles-\(i).csv")))
        }
        var settings = Settings()
        settings.ent.name = "e-primO"
        settings.ent.url = "https://www.e-primo.fr"
        settings.schools = schools.map { Settings.School(name: $0.name, city: $0.city, director: "Anne Roux") }
        settings.email.from = "direction@ecole.example"
        try SettingsFile.write(settings, to: season.settingsFile)
    }

    /// A plan of every pending account with a shipped strategy.
    @discardableResult
    func plan(_ strategy: String, profiles: Set<Profile> = []) throws -> Int64 {
        try plan(file: repository.appendingPathComponent("Strategies/\(strategy).yaml"), profiles: profiles)
    }

    /// A plan with a strategy file of the test's own.
    @discardableResult
    func plan(file url: URL, profiles: Set<Profile> = []) throws -> Int64 {
        var filter = AccountFilter()
        filter.activation = .pending
        filter.profiles = profiles
        return try season.createPlan(PlanOrder(
            strategy: try StrategyReader.load(url), strategySource: try String(contentsOf: url, encoding: .utf8), filter: filter,
            selection: "{}", actor: "test"))
    }

    func printPackets() throws -> PrintResult {
        try season.printPackets(PrintRequest(folder: folder.appendingPathComponent("paquets"), actor: "Direction"))
    }

    /// Each delivery of a plan's chain by login: its channel and state.
    func letters(_ plan: Int64) throws -> [String: (channel: Channel, state: DeliveryState)] {
        var found: [String: (Channel, DeliveryState)] = [:]
        for batch in try store.plan(plan).batches {
            for d in batch.deliveries { found[d.login] = (batch.channel, d.state) }
        }
        return found
    }
}
