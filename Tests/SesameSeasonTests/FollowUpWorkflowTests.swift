import Foundation
import SesameCore
import SesameFixtures
import SesameSeason
import SesameStore
import Testing

/// A follow-up for one school (a director's), and the web's preview of it.
@Suite struct FollowUpWorkflowTests {
    /// Two schools planned together, printed, and one absent recorded in each.
    private func twoSchoolsWithAnAbsentEach() throws -> (SeasonFixture, [GeneratedSchool], plan: Int64, absents: [String]) {
        let schools = SchoolGenerator.twoSchools()
        let f = try SeasonFixture()
        try f.start(schools)
        let plan = try f.plan("ecole")
        _ = try f.printPackets()
        let inClass = try f.letters(plan).filter { $0.value.channel == .inClass && $0.value.state == .issued }.keys
        let absents = try schools.map { school in
            try #require(inClass.sorted().first { login in school.people.contains { $0.printedLogin == login } })
        }
        _ = try f.season.record(RecordRequest(.absent, .accounts(absents), actor: "Mme Roux"))
        return (f, schools, plan, absents)
    }

    @Test func aSchoolsFollowUpEscalatesThatSchoolsMissesOnly() throws {
        let (f, schools, plan, absents) = try twoSchoolsWithAnAbsentEach()
        let result = try f.season.followUp(FollowUpOrder(school: schools[0].name, actor: "Anne Roux"))
        let followUp = try #require(result.followUpPlan)
        #expect(result.plan == plan)
        let made = try f.store.plan(followUp).batches
        #expect(Set(made.map(\.school)) == [schools[0].name])
        #expect(made.flatMap(\.deliveries).map(\.login).contains(absents[0]))
        let letters = try f.letters(plan)
        #expect(letters[absents[0]]?.state == .escalated && letters[absents[1]]?.state == .absent)
        // The other school's follow-up still finds its own miss.
        let other = try f.season.followUp(FollowUpOrder(school: schools[1].name, actor: "Paul Durand"))
        #expect(try f.store.plan(try #require(other.followUpPlan)).batches.flatMap(\.deliveries).map(\.login).contains(absents[1]))
    }

    @Test func thePreviewChangesNothingAndIsRefusedOutsideOnesSchool() throws {
        let (f, schools, plan, absents) = try twoSchoolsWithAnAbsentEach()
        let director = try f.season.enrolPerson(name: "Anne Roux", role: .director, school: schools[0].name, classes: []).person
        let teacher = try f.season.enrolPerson(name: "Camille Roux", role: .teacher, school: schools[0].name, classes: ["CP A"]).person
        let before = try f.season.status(plan: plan).report.total
        let items = try f.season.followUpPreview(school: schools[0].name, for: director)
        let absent = try #require(items.first { $0.delivery.login == absents[0] })
        guard case .escalate(_, _, .missed(.absent)) = absent.action else { Issue.record("\(absent.action)"); return }
        #expect(!items.contains { $0.delivery.login == absents[1] } && items.allSatisfy { $0.action != .done })
        #expect(items.contains { $0.action == .awaitingSheet })
        #expect(try f.season.status(plan: plan).report.total == before)
        #expect(try f.store.latestPlanID() == plan)

        let list = try f.season.followUpList(school: schools[0].name, className: nil, for: director)
        #expect(list.name == "relance_direction.pdf" && list.data.starts(with: Data("%PDF".utf8)))
        #expect(throws: SeasonError.forbidden) { try f.season.followUpPreview(school: schools[1].name, for: director) }
        #expect(throws: SeasonError.forbidden) { try f.season.followUpPreview(school: schools[0].name, for: teacher) }
        #expect(throws: SeasonError.noFollowUpList(className: "Petite section inconnue")) {
            try f.season.followUpList(school: schools[0].name, className: "Petite section inconnue", for: director)
        }
    }
}
