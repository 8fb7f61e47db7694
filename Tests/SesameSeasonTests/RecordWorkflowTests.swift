import Foundation
import SesameCore
import SesameFixtures
import SesameImport
import SesameSeason
import SesameStore
import SesameTestSupport
import Testing

/// `record`, its corrections and its refusals, through the use-case layer the CLI and the web share.
@Suite struct RecordWorkflowTests {
    let school = SchoolGenerator().generate()

    private func printedClassLetters() throws -> (SeasonFixture, Int64, [String]) {
        let f = try SeasonFixture()
        try f.start([school])
        let plan = try f.plan("ecole")
        _ = try f.printPackets()
        let inClass = try f.letters(plan).filter { $0.value.channel == .inClass && $0.value.state == .issued }.keys.sorted()
        return (f, plan, inClass)
    }

    @Test func aWrongTickIsUndoneAndTheHistoryKeepsBoth() throws {
        let (f, plan, letters) = try printedClassLetters()
        let login = try #require(letters.first)
        _ = try f.season.record(RecordRequest(.received, .accounts([login]), actor: "Mme Roux"))
        // The state machine alone leaves no way out of a wrong "remise".
        #expect(throws: IllegalTransition.self) { try f.season.record(RecordRequest(.absent, .accounts([login]), actor: "Mme Roux")) }

        let undone = try f.season.undo(.accounts([login]), actor: "Direction", reason: "cochée par erreur")
        #expect(undone.map(\.login) == [login] && undone[0].recorded == .handedOver && undone[0].before == .issued)
        #expect(try f.letters(plan)[login]?.state == .issued)
        _ = try f.season.record(RecordRequest(.absent, .accounts([login]), actor: "Mme Roux"))
        #expect(try f.letters(plan)[login]?.state == .absent)

        let history = try f.store.history(of: login).entries
        #expect(history.map(\.to) == [.planned, .issued, .handedOver, .issued, .absent])
        let undo = history[3]
        #expect(undo.actor == "Direction" && undo.from == .handedOver)
        #expect(undo.note?.contains("annulation de l’état « remise », enregistré par Mme Roux") == true)
        #expect(undo.note?.hasSuffix(": cochée par erreur") == true)
    }

    @Test func onlyARecordedOutcomeThatStillHoldsCanBeUndone() throws {
        let (f, _, letters) = try printedClassLetters()
        // Printed, never recorded: nothing to take back.
        let error = #expect(throws: TrackingError.self) { try f.season.undo(.accounts([letters[0]]), actor: "x", reason: nil) }
        guard case .nothingToUndo(let login, _) = error else { Issue.record("\(String(describing: error))"); return }
        #expect(login == letters[0])
        _ = try f.season.record(RecordRequest(.lost, .accounts([letters[1]]), actor: "x"))
        try f.season.undo(.accounts([letters[1]]), actor: "x", reason: nil)
        // An undo is not undone by undoing again.
        #expect(throws: TrackingError.self) { try f.season.undo(.accounts([letters[1]]), actor: "x", reason: nil) }
        // All or nothing: one account without a record, and the other's stays.
        _ = try f.season.record(RecordRequest(.absent, .accounts([letters[2]]), actor: "x"))
        #expect(throws: TrackingError.self) { try f.season.undo(.accounts([letters[2], letters[3]]), actor: "x", reason: nil) }
        #expect(try f.season.outcomesToUndo(.accounts([letters[2]])).map(\.recorded) == [.absent])
    }

    @Test func theLastRecordCommandIsShownThenUndoneWhole() throws {
        let (f, plan, letters) = try printedClassLetters()
        #expect(throws: TrackingError.noRecordToUndo) { try f.season.outcomesToUndo(.lastRecord) }
        _ = try f.season.record(RecordRequest(.received, .accounts([letters[0]]), actor: "x"))
        let batch = Array(letters[1...3])
        _ = try f.season.record(RecordRequest(.absent, .accounts(batch), actor: "Mme Roux"))
        let shown = try f.season.outcomesToUndo(.lastRecord)
        #expect(Set(shown.map(\.login)) == Set(batch) && shown.allSatisfy { $0.recorded == .absent && $0.recordedBy == "Mme Roux" })
        // Showing changed nothing.
        #expect(try batch.allSatisfy { try f.letters(plan)[$0]?.state == .absent })
        try f.season.undo(.lastRecord, actor: "Direction", reason: "mauvaise feuille")
        #expect(try batch.allSatisfy { try f.letters(plan)[$0]?.state == .issued })
        #expect(try f.letters(plan)[letters[0]]?.state == .handedOver)
    }

    @Test func aSheetWithMistakesIsReportedWholeWithSuggestionsAndNothingIsRecorded() throws {
        let (f, plan, letters) = try printedClassLetters()
        let misspelt = try #require(letters.first { $0.count > 6 })
        var chars = Array(misspelt)
        chars.swapAt(chars.count - 2, chars.count - 3)
        let typo = String(chars)
        try #require(typo != misspelt)
        let sheet = """
            Identifiant;Nom;Prénom;Profil;Classe;Enfants;Remis;Date;Remarque\r
            \(letters[1]);A;B;Élève;CP A;;oui;;\r
            \(typo);A;B;Élève;CP A;;oui;;\r
            \(letters[2]);A;B;Élève;CP A;;peut-être;;\r
            inconnu.total;A;B;Élève;CP A;;abs;;\r

            """
        let url = try f.write(Data(sheet.utf8), to: "feuille.csv")
        let error = #expect(throws: SeasonError.self) { try f.season.record(RecordRequest(nil, .file(url), actor: "x")) }
        guard case .sheetProblems(let file, let problems) = error else { Issue.record("\(String(describing: error))"); return }
        #expect(file == "feuille.csv")
        #expect(problems.count == 3)
        #expect(problems[0] == "feuille.csv, ligne 3, colonne 1 : aucun compte « \(typo) » : vouliez-vous dire \(misspelt) ?")
        #expect(problems[1].hasPrefix("feuille.csv, ligne 4, colonne 7 : « peut-être »"))
        #expect(problems[2].hasPrefix("feuille.csv, ligne 5, colonne 1 : aucun compte « inconnu.total »"))
        #expect(try f.letters(plan)[letters[1]]?.state == .issued)
    }

    @Test func aClassNamedInTwoSchoolsNeedsItsSchool() throws {
        let schools = SchoolGenerator.twoSchools(secondSeed: 7)
        let f = try SeasonFixture()
        try f.start(schools)
        let plan = try f.plan("ecole")
        _ = try f.printPackets()
        let error = #expect(throws: TrackingError.self) {
            try f.season.record(RecordRequest(.received, .classes("CE1", school: nil, channel: .inClass, except: []), actor: "x"))
        }
        #expect(error == .classInSeveralSchools(className: "CE1", schools: schools.map(\.name).sorted()))
        #expect(try f.letters(plan).values.allSatisfy { $0.state != .handedOver })
        let result = try f.season.record(RecordRequest(.received, .classes("CE1", school: schools[1].name, channel: .inClass, except: []), actor: "x"))
        let ferry = Set(schools[1].people.filter { $0.classes.contains("CE1") }.map(\.printedLogin))
        #expect(!result.recorded.isEmpty && result.recorded.allSatisfy { ferry.contains($0.login) })
    }

    @Test func anEmailBouncedLaterIsRecordedFromTheBounceAddressesAndEscalated() throws {
        let f = try SeasonFixture()
        try f.start([school])
        let plan = try f.plan("courriel")
        let server = try SMTPTestServer()
        defer { server.stop() }
        let sent = try f.season.send(SendRequest(destination: .server(SMTPChoice(url: server.url)), actor: "Direction"))
        #expect(sent.summary.sent > 5)
        let emails = try f.letters(plan).filter { $0.value.channel == .email }.keys.sorted()
        let accounts = try f.store.accounts(matching: AccountFilter())
        let bouncedLogin = emails[0]
        let address = try #require(accounts.first { $0.login == bouncedLogin }?.email?.address.value)
        // As pasted from the relay's bounce message.
        let bounces = try f.write(Data("Final-Recipient: rfc822; <\(address.uppercased())>\nAction: failed\n".utf8), to: "rejets.txt")
        let result = try f.season.record(RecordRequest(.bounced, .file(bounces), actor: "Direction"))
        #expect(result.recorded.map(\.login) == [bouncedLogin] && result.recorded[0].state == .bounced)
        // The follow-up moves that family on to the next channel, as for a bounce seen at send time.
        var items: [FollowUpItem] = []
        _ = try f.season.followUp(FollowUpOrder(plan: plan, escalate: false, actor: "x")) { items += $0 }
        let item = try #require(items.first { $0.delivery.login == bouncedLogin })
        #expect(item.action.escalation != nil)
        // A paper letter cannot bounce.
        _ = try f.printPackets()
        let paper = try #require(try f.letters(plan).first { $0.value.channel != .email && $0.value.state == .issued }?.key)
        #expect(throws: IllegalTransition.self) { try f.season.record(RecordRequest(.bounced, .accounts([paper]), actor: "x")) }
    }

    @Test func planningAnEmptyStoreSaysToImportFirst() throws {
        let f = try SeasonFixture()
        #expect(throws: SeasonError.nothingImported) { try f.plan("ecole") }
    }
}
