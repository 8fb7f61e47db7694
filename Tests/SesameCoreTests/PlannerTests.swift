import Foundation
import Testing
@testable import SesameCore

/// Small schools built by hand, one concern per test.
private struct School {
    var accounts: [Account] = []
    var nextID: Int64 = 1

    @discardableResult
    mutating func add(
        _ profile: Profile, _ first: String, _ last: String, classes: [String] = [], activated: Bool = false,
        email: String? = nil, address: Bool = false, localAdmin: Bool = false, children: [Int64] = [], school: String = "École A"
    ) -> Int64 {
        let id = nextID
        nextID += 1
        let kids = children.map { c in
            let child = accounts.first { $0.id == c }!
            return Relative(id: c, login: child.login, firstName: child.firstName, lastName: child.lastName, classes: child.classes)
        }
        accounts.append(Account(
            id: id, entKey: "k\(id)", school: school, profile: profile, lastName: last, firstName: first,
            login: "\(first).\(last)\(id)".lowercased(), activationCode: activated ? nil : "code\(id)",
            classes: classes.isEmpty ? kids.flatMap(\.classes) : classes,
            email: email.flatMap(EmailAddress.init).map { ContactEmail(address: $0, source: .ent) },
            postalAddress: address ? PostalAddress(street: "1 rue A", postcode: "440\(String(format2: Int(id % 100)))", city: "Nantes") : nil,
            isLocalAdmin: localAdmin, children: kids))
        return id
    }

    func plan(_ strategy: Strategy, _ change: (inout PlanningContext) -> Void = { _ in }) -> PlanDraft {
        var context = PlanningContext()
        change(&context)
        return Planner.plan(accounts, strategy: strategy, context: context)
    }
}

private func strategy(_ rules: [Profile: Strategy.ProfileRule]) -> Strategy {
    Strategy(name: "test", title: "test", rules: rules)
}

private let seedTable = strategy([
    .student: .channels([ChannelStep(.inClass), ChannelStep(.office)]),
    .parent: .channels([
        ChannelStep(.meeting), ChannelStep(.office),
        ChannelStep(.email, when: [.hasEmail]), ChannelStep(.post, when: [.hasAddress]),
    ]),
    .staff: .channels([ChannelStep(.office)]),
    .teacher: .excluded(reason: "l’équipe enseignante n’est pas concernée"),
])

private extension PlanDraft {
    func deliveries(of id: Int64) -> [PlannedDelivery] { batches.flatMap(\.deliveries).filter { $0.accountID == id } }
    func batch(of id: Int64) -> PlannedBatch? { batches.first { $0.deliveries.contains { $0.accountID == id && !$0.isCopy } } }
}

@Suite struct PlannerTests {
    @Test func anEmptySelectionPlansNothing() {
        let draft = School().plan(seedTable)
        #expect(draft.batches.isEmpty && draft.leftOut.isEmpty && draft.deliveryCount == 0)
    }

    @Test func pupilsGetTheirLetterInClass() {
        var s = School()
        let lea = s.add(.student, "Léa", "Roux", classes: ["CP A"])
        let draft = s.plan(seedTable)
        let batch = try! #require(draft.batch(of: lea))
        #expect(batch.channel == .inClass && batch.className == "CP A" && batch.school == "École A")
        #expect(draft.deliveries(of: lea).map(\.step) == [0])
    }

    @Test func aPupilWithoutClassFallsToTheNextChannel() {
        var s = School()
        let lea = s.add(.student, "Léa", "Roux")
        let draft = s.plan(seedTable)
        #expect(draft.batch(of: lea)?.channel == .office)
        #expect(draft.deliveries(of: lea).first?.step == 1)
    }

    @Test func teachersAreLeftOutWithTheStrategysReason() {
        var s = School()
        let t = s.add(.teacher, "Anne", "Roux", classes: ["CP A"], activated: true)
        let draft = s.plan(seedTable)
        #expect(draft.deliveryCount == 0)
        #expect(draft.leftOut.map(\.accountID) == [t])
        #expect(draft.leftOut[0].reason == .excludedProfile("l’équipe enseignante n’est pas concernée"))
        #expect(draft.leftOut[0].message == "l’équipe enseignante n’est pas concernée")
    }

    @Test func aProfileWithoutRuleIsLeftOut() {
        var s = School()
        s.add(.guest, "Invité", "Roux")
        let draft = s.plan(seedTable)
        #expect(draft.leftOut.map(\.reason) == [.noRule])
        #expect(draft.leftOut[0].message.contains("invité"))
    }

    @Test func aParentGetsOneLetterInTheYoungestChildsClassNamingAllChildren() {
        var s = School()
        let big = s.add(.student, "Hugo", "Roux", classes: ["CM2"])
        let small = s.add(.student, "Léa", "Roux", classes: ["PS-MS"])
        let middle = s.add(.student, "Zoé", "Roux", classes: ["CP B"])
        let parent = s.add(.parent, "Anne", "Roux", children: [big, small, middle])
        let draft = s.plan(seedTable)
        let letters = draft.deliveries(of: parent)
        #expect(letters.count == 1)
        #expect(draft.batch(of: parent)?.channel == .meeting)
        #expect(draft.batch(of: parent)?.className == "PS-MS")
        #expect(s.accounts.first { $0.id == parent }!.children.count == 3)
    }

    @Test func theClassFilterDecidesAmongTheChildrensClasses() {
        var s = School()
        let big = s.add(.student, "Hugo", "Roux", classes: ["CM2"])
        let small = s.add(.student, "Léa", "Roux", classes: ["CP A"])
        let parent = s.add(.parent, "Anne", "Roux", children: [big, small])
        let draft = s.plan(seedTable) { $0.classScope = ["cm2"] }
        #expect(draft.batch(of: parent)?.className == "CM2")
    }

    @Test func parentsArePlacedByTheirChildrenEvenWhenOnlyParentsAreSelected() {
        var s = School()
        let child = s.add(.student, "Léa", "Roux", classes: ["CE1"])
        let parent = s.add(.parent, "Anne", "Roux", children: [child])
        s.accounts.removeAll { $0.id == child }
        let draft = s.plan(seedTable)
        #expect(draft.batch(of: parent)?.className == "CE1")
        #expect(draft.deliveryCount == 1)
    }

    @Test func aParentWithoutLinkedChildUsesTheExportsClassesElseTheOffice() {
        var s = School()
        let withClass = s.add(.parent, "Anne", "Roux", classes: ["GS"])
        let without = s.add(.parent, "Paul", "Roux")
        let draft = s.plan(seedTable)
        #expect(draft.batch(of: withClass)?.className == "GS")
        #expect(draft.batch(of: without)?.channel == .office)
    }

    @Test func homonymParentsGetTheirOwnLetters() {
        var s = School()
        let c1 = s.add(.student, "Noé", "Durand", classes: ["CP A"])
        let c2 = s.add(.student, "Jade", "Durand", classes: ["CM2"])
        let p1 = s.add(.parent, "Gabriel", "Durand", children: [c1])
        let p2 = s.add(.parent, "Gabriel", "Durand", children: [c2])
        let draft = s.plan(seedTable)
        #expect(draft.batch(of: p1)?.className == "CP A")
        #expect(draft.batch(of: p2)?.className == "CM2")
        #expect(draft.deliveries(of: p1).count == 1 && draft.deliveries(of: p2).count == 1)
    }

    @Test func teachersOfTwoClassesReceiveBothPackets() {
        var s = School()
        s.add(.student, "Léa", "Roux", classes: ["CE1"])
        s.add(.student, "Hugo", "Roux", classes: ["CE2"])
        let draft = s.plan(seedTable) {
            $0.teachers = [
                ClassRef(school: "École A", name: "CE1"): ["Adam Da Silva"],
                ClassRef(school: "École A", name: "CE2"): ["Adam Da Silva", "Raphaël Chevalier"],
            ]
        }
        #expect(draft.batches.map(\.recipients) == [["Adam Da Silva"], ["Adam Da Silva", "Raphaël Chevalier"]])
    }

    @Test func meetingBatchesCarryTheirClassesMeeting() {
        var s = School()
        let c = s.add(.student, "Léa", "Roux", classes: ["CP A"])
        let p = s.add(.parent, "Anne", "Roux", children: [c])
        let date = SchoolCalendar.parse("2026-09-15 18:00")!
        let draft = s.plan(seedTable) { $0.meetings = [ClassRef(school: "École A", name: "CP A"): date] }
        #expect(draft.batch(of: p)?.meeting == date)
        #expect(draft.batch(of: c)?.meeting == nil)
    }

    @Test(arguments: [
        (Condition.hasEmail, true), (.hasAddress, false), (.noEmail, false), (.noAddress, true), (.pending, true),
        (.activated, false), (.localAdmin, true), (.notLocalAdmin, false), (.classes(["cp a"]), true), (.classes(["CM2"]), false),
    ])
    func eachConditionDecidesWhetherItsChannelIsUsed(condition: Condition, holds: Bool) {
        var s = School()
        let staff = s.add(.staff, "Anne", "Roux", classes: ["CP A"], email: "anne@free.fr", localAdmin: true)
        let rule = strategy([.staff: .channels([ChannelStep(.email, when: [condition]), ChannelStep(.office)])])
        let draft = s.plan(rule)
        #expect(draft.batch(of: staff)?.channel == (holds ? .email : .office))
    }

    @Test func emailNeedsAnAddressWhateverTheStrategySays() {
        var s = School()
        let without = s.add(.parent, "Anne", "Roux")
        let with = s.add(.parent, "Paul", "Roux", email: "paul@free.fr")
        let draft = s.plan(strategy([.parent: .channels([ChannelStep(.email), ChannelStep(.office)])]))
        #expect(draft.batch(of: without)?.channel == .office)
        #expect(draft.batch(of: with)?.channel == .email)
    }

    @Test func noChannelPossibleIsExplained() {
        var s = School()
        let p = s.add(.parent, "Anne", "Roux")
        let draft = s.plan(strategy([.parent: .channels([ChannelStep(.email), ChannelStep(.post)])]))
        #expect(draft.deliveryCount == 0)
        #expect(draft.leftOut.map(\.accountID) == [p])
        #expect(draft.leftOut[0].reason.code == "no-channel")
        #expect(draft.leftOut[0].message == "aucun canal possible : courriel : pas d’adresse électronique ; courrier postal : pas d’adresse postale")
    }

    @Test func postalLettersGoByPostcode() {
        var s = School()
        let a = s.add(.parent, "Zoé", "Abel", address: true)   // postcode 44001
        let b = s.add(.parent, "Anne", "Zola", address: true)  // postcode 44002
        s.accounts[0].postalAddress?.postcode = "49000"
        let draft = s.plan(strategy([.parent: .channels([ChannelStep(.post)])]))
        #expect(draft.batches.first?.deliveries.map(\.accountID) == [b, a])
    }

    @Test func classPacketsGoByPupilNameAndMeetingsByChildName() {
        var s = School()
        let zoe = s.add(.student, "Zoé", "Abel", classes: ["CP A"])
        let adam = s.add(.student, "Adam", "Zola", classes: ["CP A"])
        let pz = s.add(.parent, "Anne", "Abel", children: [zoe])
        let pa = s.add(.parent, "Marc", "Zola", children: [adam])
        let draft = s.plan(seedTable)
        #expect(draft.batch(of: zoe)?.deliveries.map(\.accountID) == [zoe, adam])
        #expect(draft.batch(of: pz)?.deliveries.map(\.accountID) == [pz, pa])
    }

    @Test func lettersRemindActivatedAccounts() {
        var s = School()
        let active = s.add(.student, "Léa", "Roux", classes: ["CP A"], activated: true)
        let pending = s.add(.student, "Hugo", "Roux", classes: ["CP A"])
        let draft = s.plan(seedTable)
        #expect(draft.deliveries(of: active).map(\.letter) == [.reminder])
        #expect(draft.deliveries(of: pending).map(\.letter) == [.activation])
    }

    @Test func alsoAddsACopyThroughAnotherChannel() {
        var s = School()
        let c = s.add(.student, "Léa", "Roux", classes: ["CP A"])
        let withEmail = s.add(.parent, "Anne", "Roux", email: "anne@free.fr", children: [c])
        let without = s.add(.parent, "Paul", "Roux", children: [c])
        let draft = s.plan(strategy([.parent: .channels([ChannelStep(.meeting, also: [.email])])]))
        #expect(draft.deliveries(of: withEmail).map(\.channel).sorted() == [.meeting, .email])
        #expect(draft.deliveries(of: withEmail).first { $0.channel == .email }?.isCopy == true)
        #expect(draft.deliveries(of: without).map(\.channel) == [.meeting])
    }

    @Test func accountsWithALetterUnderWayElsewhereAreLeftOutUnlessReplanned() {
        var s = School()
        let c = s.add(.student, "Léa", "Roux", classes: ["CP A"])
        let other = ActiveDelivery(planID: 7, channel: .inClass, state: .issued)
        let kept = s.plan(seedTable) { $0.activeElsewhere = [c: other] }
        #expect(kept.deliveryCount == 0)
        #expect(kept.leftOut.first?.reason == .alreadyPlanned(other))
        #expect(kept.leftOut.first?.message.contains("plan 7") == true)
        let replanned = s.plan(seedTable) { $0.activeElsewhere = [c: other]; $0.replan = true }
        #expect(replanned.deliveryCount == 1)
        #expect(replanned.replanned == [c])
    }

    @Test func schoolsHaveTheirOwnBatchesInChannelAndClassOrder() {
        var s = School()
        s.add(.student, "Léa", "Roux", classes: ["CM2"], school: "École B")
        s.add(.student, "Hugo", "Roux", classes: ["CM2"])
        s.add(.student, "Zoé", "Roux", classes: ["CP"])
        s.add(.staff, "Anne", "Roux")
        let draft = s.plan(seedTable)
        #expect(draft.batches.map { "\($0.school)|\($0.channel.rawValue)|\($0.className ?? "")" } == [
            "École A|in-class|CP", "École A|in-class|CM2", "École A|office|", "École B|in-class|CM2",
        ])
    }
}

@Suite struct DeliveryStateTests {
    @Test func theSeedsPathIsAllowed() {
        #expect(DeliveryState.planned.canMove(to: .issued))
        #expect(DeliveryState.issued.canMove(to: .handedOver))
        #expect(DeliveryState.issued.canMove(to: .absent))
        #expect(DeliveryState.absent.canMove(to: .escalated))
        #expect(DeliveryState.sending.canMove(to: .bounced))
        #expect(DeliveryState.handedOver.canMove(to: .activated))
    }

    @Test func closedDeliveriesAreFinal() {
        for state in [DeliveryState.escalated, .activated, .cancelled] {
            #expect(state.isClosed && state.successors.isEmpty)
        }
    }

    @Test(arguments: [
        (DeliveryState.planned, DeliveryState.handedOver), (.bounced, .issued), (.activated, .planned), (.handedOver, .absent),
        (.planned, .escalated), (.cancelled, .issued),
    ])
    func senselessMovesAreRefused(from: DeliveryState, to: DeliveryState) {
        #expect(!from.canMove(to: to))
        #expect(IllegalTransition(login: "lea", from: from, to: to).userMessage.contains("ne peut pas passer"))
    }

    @Test func missesAreWhatTheFollowUpEscalates() {
        #expect(DeliveryState.allCases.filter(\.isMiss) == [.absent, .returned, .bounced, .lost, .refused])
    }
}
