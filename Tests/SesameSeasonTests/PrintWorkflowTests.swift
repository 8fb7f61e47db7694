import Foundation
import SesameCore
import SesameFixtures
import SesameSeason
import SesameStore
import SesameTestSupport
import Testing

@Suite struct PrintWorkflowTests {
    @Test func aLostLetterIsPrintedAgainFromWhicheverPlanHoldsIt() throws {
        let f = try SeasonFixture()
        try f.start([SchoolGenerator().generate()])
        let pupils = try f.plan("ecole", profiles: [.student])
        _ = try f.printPackets()
        let parents = try f.plan("ecole", profiles: [.parent])
        _ = try f.printPackets()
        #expect(parents > pupils)
        let pupil = try #require(try f.letters(pupils).first { $0.value.state == .issued }?.key)
        _ = try f.season.record(RecordRequest(.lost, .accounts([pupil]), actor: "x"))

        // No plan given: the latest plan (the parents') does not hold it, the first one does.
        let again = try f.season.printPackets(PrintRequest(folder: f.folder.appendingPathComponent("perdue"), accounts: [pupil], actor: "x"))
        #expect(again.planID == pupils && again.letters == 1 && again.index == nil)
        let text = Tools.pdfPages(try #require(again.files.first?.url)).joined()
        #expect(text.contains(pupil))
        #expect(try f.letters(pupils)[pupil]?.state == .issued)
        let error = #expect(throws: SeasonError.self) {
            try f.season.printPackets(PrintRequest(folder: f.folder, accounts: ["personne.inconnue"], actor: "x"))
        }
        #expect(error == .nothingToPrint(plan: parents, logins: ["personne.inconnue"]))
    }
}
