import Foundation
import Testing
@testable import SesameCore

private let table = Strategy(name: "ecole", title: "test", rules: [
    .student: .channels([ChannelStep(.inClass), ChannelStep(.office)]),
    .parent: .channels([
        ChannelStep(.meeting), ChannelStep(.office),
        ChannelStep(.email, when: [.hasEmail]), ChannelStep(.post, when: [.hasAddress]),
    ]),
    .teacher: .excluded(reason: "pas concernés"),
])

private func letter(
    _ profile: Profile = .parent, state: DeliveryState, channel: Channel, step: Int, letter: LetterKind = .activation,
    activated: Bool = false, email: Bool = false, address: Bool = false, stale: Bool = false, classes: [String] = ["CP A"]
) -> TrackedDelivery {
    TrackedDelivery(
        deliveryID: 7, planID: 1, accountID: 3, login: "lea.martin", firstName: "Léa", lastName: "Martin", school: "École",
        channel: channel, step: step, state: state, letter: letter, staleCode: stale,
        facts: AccountFacts(profile: profile, isActivated: activated, hasEmail: email, hasAddress: address, isLocalAdmin: false, classes: classes))
}

private func action(_ d: TrackedDelivery) -> FollowUpAction {
    FollowUp.action(for: d, steps: table.steps(for: d.facts.profile))
}

@Suite struct FollowUpRuleTests {
    @Test func aParentAbsentAtTheMeetingGoesToTheOffice() {
        #expect(action(letter(state: .absent, channel: .meeting, step: 0)) == .escalate(step: 1, channel: .office, because: .missed(.absent)))
    }

    @Test func aParentWhoDidNotComeToTheOfficeGetsAnEmailElseAPostLetterElseNothing() {
        #expect(action(letter(state: .absent, channel: .office, step: 1, email: true, address: true)).escalation?.channel == .email)
        #expect(action(letter(state: .absent, channel: .office, step: 1, address: true)).escalation?.channel == .post)
        guard case .noChannelLeft(let reasons) = action(letter(state: .absent, channel: .office, step: 1)) else {
            Issue.record("escalated without a way to reach them"); return
        }
        #expect(reasons.contains { $0.contains("pas d’adresse électronique") } && reasons.contains { $0.contains("pas d’adresse postale") })
    }

    @Test func aBouncedEmailIsNeverRetriedByEmail() {
        // The email step failed: the next is post, and email is not offered again.
        #expect(action(letter(state: .bounced, channel: .email, step: 2, email: true, address: true)).escalation?.channel == .post)
        guard case .noChannelLeft = action(letter(state: .bounced, channel: .email, step: 2, email: true)) else {
            Issue.record("a bounced address got another email"); return
        }
    }

    @Test func aReturnedPostLetterHasNoChannelLeftAfterIt() {
        guard case .noChannelLeft = action(letter(state: .returned, channel: .post, step: 3, address: true)) else { Issue.record("escalated"); return }
    }

    @Test func aPupilAbsentInClassPicksItUpAtTheOfficeAndThenTheDirectorDecides() {
        #expect(action(letter(.student, state: .absent, channel: .inClass, step: 0)).escalation?.channel == .office)
        guard case .noChannelLeft = action(letter(.student, state: .absent, channel: .office, step: 1)) else { Issue.record("escalated"); return }
    }

    @Test func aLostLetterMovesOnEvenToTheSameKindOfChannelLater() {
        #expect(action(letter(state: .lost, channel: .meeting, step: 0)) == .escalate(step: 1, channel: .office, because: .missed(.lost)))
    }

    @Test func aNewCodeRemakesTheLetterByTheSameChannel() {
        for state in [DeliveryState.issued, .handedOver, .lost] {
            #expect(action(letter(.student, state: state, channel: .inClass, step: 0, stale: true)) == .escalate(step: 0, channel: .inClass, because: .newCode))
        }
        // Not yet printed: it will carry the new code anyway.
        #expect(action(letter(.student, state: .planned, channel: .inClass, step: 0, stale: true)) == .notYetSent)
    }

    @Test func anAccountActivatedInTheMeantimeIsDoneWhateverItsLetter() {
        for state in [DeliveryState.planned, .issued, .absent, .bounced, .handedOver] {
            #expect(action(letter(state: state, channel: .meeting, step: 0, activated: true)) == .done)
        }
    }

    @Test func lettersOnTheirWayOrReceivedAreNotEscalated() {
        #expect(action(letter(state: .planned, channel: .meeting, step: 0)) == .notYetSent)
        #expect(action(letter(state: .deferred, channel: .email, step: 2, email: true)) == .notYetSent)
        #expect(action(letter(state: .issued, channel: .meeting, step: 0)) == .awaitingSheet)
        #expect(action(letter(state: .issued, channel: .email, step: 2, email: true)) == .remindToActivate)
        #expect(action(letter(state: .issued, channel: .post, step: 3, address: true)) == .remindToActivate)
        #expect(action(letter(state: .handedOver, channel: .meeting, step: 0)) == .remindToActivate)
        #expect(action(letter(state: .refused, channel: .meeting, step: 0)) == .refused)
        for closed in [DeliveryState.escalated, .activated, .cancelled] {
            #expect(action(letter(state: closed, channel: .meeting, step: 0)) == .done)
        }
    }

    @Test func aReminderThatArrivedIsDoneAndOneThatMissedMovesOn() {
        #expect(action(letter(state: .handedOver, channel: .meeting, step: 0, letter: .reminder, activated: true)) == .done)
        #expect(action(letter(state: .absent, channel: .meeting, step: 0, letter: .reminder, activated: true)).escalation?.channel == .office)
    }

    @Test func aProfileTheStrategyNoLongerCoversIsLeftToTheDirector() {
        guard case .noChannelLeft = action(letter(.teacher, state: .absent, channel: .office, step: 0)) else { Issue.record("escalated"); return }
    }

    @Test func theResumeSkipsTheChannelThatFailedExceptForANewCodeOrALoss() {
        let absent = letter(state: .absent, channel: .meeting, step: 0)
        #expect(FollowUp.resume(for: absent, action(absent)) == Resume(fromStep: 1, skipping: [.meeting], follows: 7))
        let stale = letter(.student, state: .issued, channel: .inClass, step: 0, stale: true)
        #expect(FollowUp.resume(for: stale, action(stale)) == Resume(fromStep: 0, skipping: [], follows: 7))
        #expect(FollowUp.resume(for: absent, .remindToActivate) == nil)
    }
}

@Suite struct PlannerResumeTests {
    @Test func anEscalatedAccountIsPlannedFromItsResumeStepAndFollowsItsLetter() {
        let parent = Account(
            id: 1, entKey: "k", school: "École", profile: .parent, lastName: "Martin", firstName: "Léa", login: "lea.martin",
            activationCode: "abc", classes: ["CP A"], email: EmailAddress("lea@exemple.fr").map { ContactEmail(address: $0, source: .collected) })
        var context = PlanningContext()
        context.activeElsewhere[1] = ActiveDelivery(planID: 1, channel: .office, state: .absent)
        context.resume[1] = Resume(fromStep: 1, skipping: [.office], follows: 42)
        let draft = Planner.plan([parent], strategy: table, context: context)
        // Office is skipped (it failed), email is next; the letter still under way elsewhere does not block it.
        #expect(draft.leftOut.isEmpty)
        let delivery = draft.batches.flatMap(\.deliveries).first
        #expect(delivery?.channel == .email && delivery?.step == 2 && delivery?.follows == 42)
    }
}

@Suite struct OutcomeAndStatusTests {
    @Test(arguments: [("received", Outcome.received), ("oui", .received), ("Reçu", .received), ("ABSENT", .absent), ("retour", .returned),
                      ("perdue", .lost), ("refus", .refused), ("x", .received), ("O", .received), ("Ok ", .received), ("V", .received), ("√", .received),
                      ("☑", .received)])
    func sheetWordsAndVerbsAreUnderstood(word: String, outcome: Outcome) {
        #expect(Outcome(word: word) == outcome)
    }

    @Test func unknownWordsAreNot() {
        #expect(Outcome(word: "peut-être") == nil)
        // « non » says neither absent nor lost: the director is asked which.
        #expect(Outcome(word: "non") == nil)
        #expect(Outcome(word: "") == nil)
    }

    @Test func channelsAllowOnlyOutcomesThatMakeSense() {
        #expect(!DeliveryState.issued.canMove(to: .absent, on: .email))
        #expect(!DeliveryState.issued.canMove(to: .returned, on: .meeting))
        #expect(DeliveryState.issued.canMove(to: .returned, on: .post))
        #expect(DeliveryState.issued.canMove(to: .absent, on: .meeting))
        #expect(!DeliveryState.bounced.canMove(to: .handedOver, on: .email))
        #expect(!DeliveryState.planned.canMove(to: .handedOver, on: .office))
        let message = IllegalTransition(login: "lea", from: .planned, to: .handedOver, channel: .office).userMessage
        // Said on the web pages as in the terminal: what to do, not a command.
        #expect(message.contains("bureau du directeur") && message.hasSuffix("elle n’a pas encore été imprimée : imprimez d’abord son paquet"))
    }

    @Test func stagesCountEachAccountWhereItStands() {
        #expect(Stage(state: .issued, letter: .activation, accountActivated: true) == .activated)
        #expect(Stage(state: .handedOver, letter: .reminder, accountActivated: true) == .handedOver)
        #expect(Stage(state: .deferred, letter: .activation, accountActivated: false) == .planned)
        #expect(Stage(state: .bounced, letter: .activation, accountActivated: false) == .missed)
        let counts = [
            StageCount(school: "A", className: "CM2", profile: .parent, channel: .meeting, stage: .handedOver, count: 3),
            StageCount(school: "A", className: "CP", profile: .student, channel: .inClass, stage: .activated, count: 1),
            StageCount(school: "A", className: nil, profile: .staff, channel: .office, stage: .planned, count: 1),
            StageCount(school: "A", className: "CP", profile: .parent, channel: .meeting, stage: .missed, count: 1),
        ]
        let report = StatusReport(counts)
        #expect(report.total.total == 6 && report.total.reached == 4)
        #expect(report.byClass.map(\.key.className) == ["CP", "CM2", nil])
        #expect(report.byClass[0].funnel.percent(.activated) == 50)
        #expect(report.byProfile.map(\.profile) == [.student, .parent, .staff])
        #expect(!report.isMultiSchool)
        #expect(Funnel().percent(.activated) == 0)
    }
}
