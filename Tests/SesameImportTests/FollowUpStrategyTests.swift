import Foundation
import SesameCore
import Testing
@testable import SesameImport

private let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Strategies")

/// The follow-up over each shipped strategy: a miss at any step of any profile moves on to
/// the next step that can reach the account, never back to the channel that missed.
@Suite struct FollowUpStrategyTests {
    @Test(arguments: ["ecole", "courriel", "via-eleve", "bureau", "reunion-courrier"])
    func everyMissMovesForwardAlongTheShippedStrategy(name: String) throws {
        let strategy = try StrategyReader.load(shipped.appendingPathComponent("\(name).yaml"))
        for profile in Profile.allCases {
            guard let steps = strategy.steps(for: profile) else { continue }
            for (index, step) in steps.enumerated() {
                // Someone reachable every way, so that only the order of the steps decides.
                let facts = AccountFacts(profile: profile, isActivated: false, hasEmail: true, hasAddress: true, isLocalAdmin: false, classes: ["CE1"])
                let miss: DeliveryState = step.channel == .email ? .bounced : step.channel == .post ? .returned : .absent
                let d = TrackedDelivery(
                    deliveryID: 1, planID: 1, accountID: 1, login: "x", firstName: "X", lastName: "Y", school: "É",
                    channel: step.channel, step: index, state: miss, letter: .activation, staleCode: false, facts: facts)
                let action = FollowUp.action(for: d, steps: steps)
                let expected = steps.indices.dropFirst(index + 1).first { i in
                    steps[i].channel != step.channel && steps[i].channel.applies(to: profile) && steps[i].conditions.allSatisfy { $0.holds(for: facts) }
                }
                if let expected {
                    #expect(action.escalation?.step == expected, "\(name), \(profile), \(step.channel)")
                    #expect(action.escalation?.channel != step.channel)
                } else {
                    #expect(action.escalation == nil, "\(name), \(profile), \(step.channel): nothing should follow")
                }
            }
        }
    }
}

@Suite struct SignOffSheetReaderTests {
    private let header = "Identifiant;Nom;Prénom;Profil;Classe;Enfants;Remis;Date;Remarque\r\n"

    @Test func aFilledSheetGivesEachRowItsOutcomeAndNote() throws {
        let text = "\u{FEFF}" + header + "lea.martin;Martin;Léa;Parent;CP A;Hugo Martin;oui;15/09/2026;\r\n"
            + "adam.moreau;Moreau;Adam;Parent;CP A;;Absent;;excusé\r\n" + "sofia.richard;Richard;Sofia;Parent;CP A;;;;\r\n"
        let reading = try SignOffSheetReader.read(data: Data(text.utf8), fileName: "cp.csv")
        #expect(reading.entries == [
            SheetEntry(line: 2, login: "lea.martin", outcome: .received, note: "le 15/09/2026"),
            SheetEntry(line: 3, login: "adam.moreau", outcome: .absent, note: "excusé"),
        ])
        #expect(reading.problems.isEmpty)
        // An empty "Remis" is not known yet, unless a default is given.
        let all = try SignOffSheetReader.read(data: Data(text.utf8), fileName: "cp.csv", default: .received).entries
        #expect(all.count == 3 && all[2].outcome == .received)
    }

    @Test func aSheetSavedAgainByASpreadsheetInWindows1252WithCommasReads() throws {
        let text = header.replacingOccurrences(of: ";", with: ",") + "lea.martin,Martin,Léa,Parent,CP A,,reçu,,\r\n"
        let entries = try SignOffSheetReader.read(data: text.data(using: .windowsCP1252)!, fileName: "cp.csv").entries
        #expect(entries.first?.outcome == .received && entries.first?.login == "lea.martin")
    }

    /// A spreadsheet that saw cells right of the table saves them as empty columns, in the
    /// header and the rows; something written there is still a row too wide.
    @Test func theEmptyColumnsASpreadsheetAddsAreIgnored() throws {
        let text = header.replacingOccurrences(of: "\r\n", with: ";;\r\n") + "lea.martin;Martin;Léa;Parent;CP A;;oui;;;;\r\n"
            + "adam.moreau;Moreau;Adam;Parent;CP A;;absent;;; ;\r\n" + "hugo.petit;Petit;Hugo;Élève;CP A;;oui;;;;vu\r\n"
        let reading = try SignOffSheetReader.read(data: Data(text.utf8), fileName: "cp.csv")
        #expect(reading.entries.map(\.login) == ["lea.martin", "adam.moreau"])
        #expect(reading.problems == [.fieldCount(file: "cp.csv", line: 4, expected: 9, found: 11)])
        #expect(throws: ImportError.blankHeader(file: "cp.csv", column: 2)) {
            try SignOffSheetReader.read(data: Data("Identifiant;;Remis\r\nlea.martin;;oui\r\n".utf8), fileName: "cp.csv")
        }
    }

    @Test func everyUnreadableRowIsReportedWithItsLineAndColumn() throws {
        let text = header + "lea.martin;Martin;Léa;Parent;CP A;;oui;;\r\n" + "adam.moreau;Moreau;Adam;Parent;CP A;;peut-être;;\r\n"
            + "hugo.petit;Petit;Hugo;Élève;CP A;;abs;;\r\n" + "zoe.roux;Roux;Zoé;Élève;CP A;;✓;;\r\n" + ";Martin;Léa;Parent;CP A;;oui;;\r\n"
            + "trop;de;champs\r\n"
        let reading = try SignOffSheetReader.read(data: Data(text.utf8), fileName: "cp.csv")
        #expect(reading.problems == [
            .invalidValue(file: "cp.csv", line: 3, column: 7, value: "peut-être", expected: "oui, absent, retour, perdu, refus, rejet (ou vide)"),
            .invalidValue(file: "cp.csv", line: 6, column: 1, value: "", expected: "l’identifiant du compte"),
            .fieldCount(file: "cp.csv", line: 7, expected: 9, found: 3),
        ])
        // The words teachers write are read: "abs", "✓".
        #expect(reading.entries.map(\.outcome) == [.received, .absent, .received])
    }

    @Test func aSheetWithoutTheRemisColumnIsRefused() {
        #expect(throws: ImportError.missingColumns(file: "cp.csv", names: ["Remis"])) {
            try SignOffSheetReader.read(data: Data("Identifiant;Nom\r\nlea;Martin\r\n".utf8), fileName: "cp.csv")
        }
    }

    @Test func aFormulaCellWrittenNeutralisedReadsBackAsItWas() throws {
        let text = header + "'-lea.martin;\"'=HYPERLINK(\"\"x\"\")\";Léa;Parent;CP A;;oui;;'+1\r\n"
        let entry = try #require(try SignOffSheetReader.read(data: Data(text.utf8), fileName: "cp.csv").entries.first)
        #expect(entry.login == "-lea.martin" && entry.note == "+1")
    }
}
