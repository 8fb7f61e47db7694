import Foundation
import SesameCore
import Testing
@testable import SesameImport

/// The repository's Strategies folder, found from this file.
private let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Strategies")

private func channels(_ strategy: Strategy, _ profile: Profile) -> [Channel] {
    guard case .channels(let steps) = strategy.rules[profile] else { return [] }
    return steps.map(\.channel)
}

@Suite struct StrategyReaderTests {
    @Test(arguments: ["ecole", "courriel", "via-eleve", "bureau", "reunion-courrier"])
    func everyShippedStrategyReads(name: String) throws {
        let strategy = try StrategyReader.load(shipped.appendingPathComponent("\(name).yaml"))
        #expect(strategy.name == name)
        #expect(!strategy.title.isEmpty)
        guard case .excluded(let reason) = strategy.rules[.teacher] else { Issue.record("teachers not excluded"); return }
        #expect(reason.contains("enseignante"))
        let text = try String(contentsOf: shipped.appendingPathComponent("\(name).yaml"), encoding: .utf8)
        #expect(text.hasPrefix("# Stratégie « \(name) »"))
    }

    @Test func theDefaultEncodesTheSeedsTable() throws {
        let ecole = try StrategyReader.load(shipped.appendingPathComponent("ecole.yaml"))
        #expect(channels(ecole, .student).first == .inClass)
        #expect(channels(ecole, .parent) == [.meeting, .office, .email, .post])
        #expect(channels(ecole, .staff) == [.office])
        guard case .channels(let steps) = ecole.rules[.parent] else { Issue.record("parents have no channels"); return }
        #expect(steps[2].conditions == [.hasEmail])
        #expect(steps[3].conditions == [.hasAddress])
    }

    @Test func theExplanationKeepsItsListAsPoints() throws {
        let source = """
            # Stratégie « essai ».
            #
            # À choisir quand l'école suit
            # la démarche habituelle :
            #   - les élèves en classe ;
            #   - les parents à la réunion ; les absents
            #     au bureau.
            # L'équipe enseignante
            # distribue.
            #
            # Pour chaque profil…
            title: Essai
            """
        let explanation = StrategyReader.explanation(of: source)
        #expect(explanation.text == "À choisir quand l’école suit la démarche habituelle :")
        #expect(explanation.points == ["les élèves en classe ;", "les parents à la réunion ; les absents au bureau."])
        #expect(explanation.conclusion == "L’équipe enseignante distribue.")
        let plain = StrategyReader.explanation(of: "# À choisir pour une petite école.\n#\n# Autre chose.\ntitle: X\n")
        #expect(plain == StrategyExplanation(text: "À choisir pour une petite école.", points: [], conclusion: ""))
        #expect(StrategyReader.explanation(of: "# Sans explication.\ntitle: X\n") == StrategyExplanation())
    }

    @Test func theOthersAreWhatTheirNamesSay() throws {
        let load = { (name: String) in try StrategyReader.load(shipped.appendingPathComponent("\(name).yaml")) }
        #expect(try channels(load("courriel"), .parent).first == .email)
        #expect(try channels(load("via-eleve"), .parent).first == .viaStudent)
        #expect(try Profile.allCases.filter { $0 != .teacher }.allSatisfy { try channels(load("bureau"), $0) == [.office] })
    }

    @Test func conditionsClassesAndCopiesAreRead() throws {
        let yaml = """
            title: Essai
            profiles:
              élève:
                - channel: in-class
                  if: [pending, {classes: [CP A, CP B]}]
                  also: email
              parent:
                - channel: email
                  if: has-email
            """
        let s = try StrategyReader.read(yaml, file: "essai.yaml", name: "essai")
        guard case .channels(let steps) = s.rules[.student] else { Issue.record("no student rule"); return }
        #expect(steps[0].conditions == [.pending, .classes(["CP A", "CP B"])])
        #expect(steps[0].also == [.email])
        #expect(s.title == "Essai")
    }

    @Test(arguments: [
        ("profiles:\n  parent:\n    - meetin\n", 3, "canal « meetin » inconnu"),
        ("profiles:\n  parent:\n    - in-class\n", 3, "ne s’applique pas aux parents"),
        ("profiles:\n  tuteur:\n    - office\n", 2, "profil « tuteur » inconnu"),
        ("titre: x\nprofiles:\n  parent: [office]\n", 1, "clé « titre » inconnue"),
        ("profiles:\n  parent:\n    - channel: email\n      if: has-mail\n", 4, "condition « has-mail » inconnue"),
        ("profiles:\n  parent:\n    - channel: email\n      quand: has-email\n", 4, "clé « quand » inconnue"),
        ("profiles:\n  parent:\n    - if: has-email\n", 3, "« channel » manque"),
        ("profiles:\n  parent: []\n", 2, "la liste des canaux est vide"),
        ("profiles:\n  teacher:\n    exclu: non\n", 3, "« excluded: raison » était attendue"),
        ("profiles:\n", 1, "une table profil → canaux était attendue"),
        ("title: x\n", 1, "« profiles » manque ou est vide"),
    ])
    func mistakesAreNamedWithTheirLine(yaml: String, line: Int, message: String) {
        do {
            _ = try StrategyReader.read(yaml, file: "ma-strategie.yaml", name: "x")
            Issue.record("accepted: \(yaml)")
        } catch let error as YAMLFileError {
            guard case let .invalid(file, errorLine, _, text) = error else { Issue.record("\(error)"); return }
            #expect(file == "ma-strategie.yaml")
            #expect(errorLine == line)
            #expect(text.contains(message), "\(text)")
            #expect(error.userMessage.hasPrefix("ma-strategie.yaml, ligne \(line), colonne "))
        } catch {
            Issue.record("\(error)")
        }
    }

    /// A school's own strategy written in a Windows editor: read, and kept with the plan as
    /// the text it is, accents included.
    @Test func aStrategySavedInWindows1252IsReadWithItsText() throws {
        // Its one character Windows-1252 lacks, in a comment.
        let source = try String(contentsOf: shipped.appendingPathComponent("ecole.yaml"), encoding: .utf8).replacingOccurrences(of: "→", with: "->")
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sesame-\(UUID().uuidString)-ecole.yaml")
        try #require(source.data(using: .windowsCP1252)).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let (strategy, text) = try StrategyReader.loadWithSource(url)
        #expect(text == source)
        let shippedStrategy = try StrategyReader.load(shipped.appendingPathComponent("ecole.yaml"))
        #expect(strategy.rules == shippedStrategy.rules && strategy.title == shippedStrategy.title)
        #expect(text.contains("À choisir"))
    }

    /// A file edited by hand: libyaml's words for the usual slips come out in French.
    @Test(arguments: [
        ("profiles:\n  parent: [office\n", "ligne 3", "« , » ou « ] » manquant"),
        ("profiles:\n  parent:\n    - office\n   - email\n", "ligne 4", "une clé était attendue"),
        ("title: Relance : bureau\nprofiles:\n  parent:\n    - office\n", "ligne 1", "« : » inattendu ici"),
        ("profiles:\n\tparent:\n    - office\n", "ligne 2", "caractère inattendu (une tabulation ?"),
    ])
    func brokenYAMLIsReportedWithItsLineInFrench(text: String, line: String, french: String) throws {
        let error = try #require(throws: YAMLFileError.self) { try StrategyReader.read(text, file: "f.yaml", name: "f") }
        #expect(error.userMessage.hasPrefix("f.yaml, \(line), colonne "), "\(error.userMessage)")
        #expect(error.userMessage.contains("YAML illisible : \(french)"), "\(error.userMessage)")
    }
}

@Suite struct SettingsFileTests {
    private func location() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("sesame-\(UUID().uuidString).reglages.yaml")
    }

    private func file(_ bytes: Data) throws -> URL {
        let url = location()
        try bytes.write(to: url)
        return url
    }

    /// Notepad++ set to "ANSI", or an older Notepad, saves the file in Windows-1252: it is
    /// read, where it was refused as unreadable.
    @Test func settingsSavedByAWindowsEditorInItsCodePageAreRead() throws {
        let text = "ent:\n  name: e-primO\nschools:\n  - name: École élémentaire « Les Tilleuls »\n    director: Anne-Hélène Roux\n"
        let url = try file(try #require(text.data(using: .windowsCP1252)))
        defer { try? FileManager.default.removeItem(at: url) }
        let settings = try SettingsFile.read(url)
        #expect(settings.schools.map(\.name) == ["École élémentaire « Les Tilleuls »"])
        #expect(settings.schools.first?.director == "Anne-Hélène Roux")
    }

    @Test func anEmptiedSettingsFileIsEmptySettings() throws {
        let url = try file(Data())
        defer { try? FileManager.default.removeItem(at: url) }
        let settings = try SettingsFile.read(url)
        #expect(settings.ent.name == nil && settings.schools.isEmpty)
        #expect(try FileLoading.load(url).isEmpty)
    }

    /// The YAML parser would print the escape raw, in English, at line 1.
    @Test func aControlCharacterIsReportedWhereItIsInFrench() throws {
        let url = try file(Data("ent:\n  name: e-prim\u{1B}O\n".utf8))
        defer { try? FileManager.default.removeItem(at: url) }
        let error = try #require(throws: ImportError.self) { try SettingsFile.read(url) }
        #expect(error.userMessage == "\(url.path), ligne 2, colonne 15 : caractère de contrôle U+001B, qu’aucun nom, aucune adresse ni aucun réglage ne contient ; supprimez-le, ou exportez à nouveau le fichier s’il vient de l’ENT ou d’ONDE")
    }

    @Test func aFolderInPlaceOfTheSettingsIsNamedForWhatItIs() throws {
        let url = location()
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: url) }
        let error = try #require(throws: ImportError.self) { try SettingsFile.read(url) }
        #expect(error.userMessage == "\(url.path) : lecture impossible (c’est un dossier)")
    }

    /// The settings are edited by hand too: a slip is placed where it is, as in a strategy.
    @Test func brokenSettingsAreReportedWithTheirLineInFrench() throws {
        let url = try file(Data("ent:\n  name: e-primO\n  url: https://www.e-primo.fr: accueil\n".utf8))
        defer { try? FileManager.default.removeItem(at: url) }
        let error = try #require(throws: YAMLFileError.self) { try SettingsFile.read(url) }
        #expect(error.userMessage.hasPrefix("\(url.path), ligne 3, colonne "), "\(error.userMessage)")
        #expect(error.userMessage.contains("YAML illisible : « : » inattendu ici"), "\(error.userMessage)")
    }
}
