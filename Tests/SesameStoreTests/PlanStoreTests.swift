import Foundation
import GRDB
import SesameCore
import SesameFixtures
import SesameImport
import Synchronization
import Testing
@testable import SesameStore

private let strategies = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Strategies")

/// A generated school imported, and plans made the way `sesame plan` makes them.
struct Planned {
    let school = SchoolGenerator().generate()
    let fixture: StoreFixture

    init() throws {
        fixture = try StoreFixture()
        try fixture.importFiles(export: school.exportFile(), addresses: school.addressFile())
    }

    var store: Store { fixture.store }

    func plan(_ strategy: String = "ecole", activation: ActivationFilter = .pending, replan: Bool = false) throws -> (PlanDraft, Int64) {
        let url = strategies.appendingPathComponent("\(strategy).yaml")
        let s = try StrategyReader.load(url)
        var filter = AccountFilter()
        filter.activation = activation
        // The planner runs on the plan's reading thread.
        let drafts = Mutex<[PlanDraft]>([])
        let id = try store.createPlan(
            PlanRequest(name: "Essai", strategy: s, strategySource: "", selection: "{}", actor: "test"), selecting: filter
        ) { accounts, found in
            var context = found
            context.replan = replan
            let draft = Planner.plan(accounts, strategy: s, context: context)
            drafts.withLock { $0.append(draft) }
            return draft
        }
        let made = drafts.withLock { $0 }
        return (PlanDraft(batches: made.flatMap(\.batches), leftOut: made.flatMap(\.leftOut), replanned: made.flatMap(\.replanned)), id)
    }

    func count(_ sql: String) throws -> Int {
        try store.pool.read { try Int.fetchOne($0, sql: sql) ?? 0 }
    }
}

@Suite struct PlanStoreTests {
    @Test func aPlanIsStoredWithABatchPerClassAndAnEventPerDelivery() throws {
        let p = try Planned()
        let (draft, id) = try p.plan()
        let plan = try p.store.plan(id)
        let deliveries = plan.batches.flatMap(\.deliveries)
        #expect(deliveries.count == draft.deliveryCount)
        #expect(deliveries.allSatisfy { $0.state == .planned })
        #expect(try p.count("SELECT COUNT(*) FROM event WHERE to_state = 'planned' AND from_state IS NULL") == deliveries.count)
        let pending = p.school.people.filter { !$0.isGhost && $0.activationCode != nil && $0.profile != .teacher }
        #expect(Set(deliveries.map(\.login)) == Set(pending.map(\.printedLogin)))
        let inClass = plan.batches.filter { $0.channel == .inClass }
        #expect(Set(inClass.compactMap(\.className)) == Set(p.school.classes))
        #expect(inClass.allSatisfy { !$0.recipients.isEmpty })
        #expect(plan.leftOut.isEmpty)
    }

    /// Schools are read and planned on a thread of their own while the plan is written: a
    /// planner that fails stops both and leaves nothing, not even the plan's row.
    @Test func aPlannerThatFailsLeavesNothingAndHoldsNothing() throws {
        let p = try Planned()
        let before = try p.fixture.dump()
        struct Stop: Error {}
        let s = try StrategyReader.load(strategies.appendingPathComponent("ecole.yaml"))
        let request = PlanRequest(name: "Essai", strategy: s, strategySource: "", selection: "{}", actor: "test")
        #expect(throws: Stop.self) { try p.store.createPlan(request, selecting: AccountFilter()) { _, _ in throw Stop() } }
        #expect(try p.fixture.dump() == before)
        #expect(try p.count("SELECT COUNT(*) FROM plan") == 0)
        // Neither a connection nor the write lock is left held: the next plan is made.
        let (draft, id) = try p.plan()
        #expect(try p.store.plan(id).batches.flatMap(\.deliveries).count == draft.deliveryCount)
    }

    @Test func parentsComeWithTheirChildrensLogins() throws {
        let p = try Planned()
        let plan = try p.store.plan(try p.plan().1)
        for d in plan.batches.flatMap(\.deliveries) where d.profile == .parent {
            let truth = try #require(p.school.person(login: d.login))
            #expect(Set(d.children) == Set(truth.children.filter { !p.school.people[$0].isGhost }.map { p.school.people[$0].printedLogin }))
        }
    }

    @Test func activatedAccountsGetRemindersOnlyWhenAsked() throws {
        let p = try Planned()
        let (draft, _) = try p.plan(activation: .all)
        let reminders = draft.batches.flatMap(\.deliveries).filter { $0.letter == .reminder }
        #expect(!reminders.isEmpty)
        #expect(reminders.count == p.school.people.count { !$0.isGhost && $0.activationCode == nil && $0.profile != .teacher })
    }

    @Test func theTeachersOfEachClassAreItsPacketsRecipients() throws {
        let p = try Planned()
        let plan = try p.store.plan(try p.plan().1)
        for teacher in p.school.people(.teacher) {
            for className in teacher.classes {
                let packet = try #require(plan.batches.first { $0.channel == .inClass && $0.className == className })
                #expect(packet.recipients.contains(teacher.displayName))
            }
        }
    }

    @Test func planningAgainLeavesOutWhatIsUnderWayUnlessReplanned() throws {
        let p = try Planned()
        let (first, firstID) = try p.plan()
        #expect(throws: PlanError.self) { try p.plan() }
        let (again, secondID) = try p.plan("courriel", replan: true)
        #expect(again.deliveryCount == first.deliveryCount)
        let old = try p.store.plan(firstID).batches.flatMap(\.deliveries)
        #expect(old.allSatisfy { $0.state == .cancelled })
        #expect(try p.count("SELECT COUNT(*) FROM event WHERE to_state = 'cancelled' AND note = 'replanifié dans le plan \(secondID)'") == old.count)
        let plans = try p.store.plans()
        #expect(plans.map(\.id) == [firstID, secondID])
        #expect(plans[0].byState[.cancelled] == old.count)
    }

    @Test func theEventLogIsAppendOnly() throws {
        let p = try Planned()
        _ = try p.plan()
        #expect(throws: DatabaseError.self) { try p.store.pool.write { try $0.execute(sql: "UPDATE event SET note = 'x'") } }
        #expect(throws: DatabaseError.self) { try p.store.pool.write { try $0.execute(sql: "DELETE FROM event") } }
    }

    @Test func movesFollowTheStateMachineAllOrNothing() throws {
        let p = try Planned()
        let plan = try p.store.plan(try p.plan().1)
        let ids = plan.batches.flatMap(\.deliveries).prefix(3).map(\.id)
        try p.store.move(Array(ids.prefix(2)), to: .issued, actor: "directrice", note: "imprimé")
        let before = try p.count("SELECT COUNT(*) FROM event")
        // planned → handed-over skips issuing: refused, and the legal move in the same call is not made.
        #expect(throws: IllegalTransition.self) { try p.store.move([ids[0], ids[2]], to: .handedOver, actor: "x") }
        #expect(try p.count("SELECT COUNT(*) FROM event") == before)
        try p.store.move([ids[0]], to: .handedOver, actor: "directrice")
        let states = try p.store.plan(plan.id).batches.flatMap(\.deliveries).filter { ids.contains($0.id) }.map(\.state)
        #expect(states == [.handedOver, .issued, .planned])
        #expect(try p.count("SELECT COUNT(*) FROM event WHERE actor = 'directrice'") == 3)
        #expect(throws: LedgerError.unknownDelivery(999_999)) { try p.store.move([999_999], to: .issued, actor: "x") }
    }

    @Test func eventsNeverCarryTheActivationCode() throws {
        let p = try Planned()
        let plan = try p.store.plan(try p.plan().1)
        try p.store.move(plan.batches.flatMap(\.deliveries).map(\.id), to: .issued, actor: "test", note: "imprimé")
        let text = try p.store.pool.read { try String.fetchAll($0, sql: "SELECT actor || COALESCE(note, '') || to_state FROM event") }.joined()
        for code in p.school.people.compactMap(\.activationCode) { #expect(!text.contains(code)) }
    }
}
