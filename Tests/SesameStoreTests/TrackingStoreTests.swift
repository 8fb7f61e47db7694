import Foundation
import GRDB
import SesameCore
import SesameFixtures
import SesameImport
import Testing
@testable import SesameStore

private let strategies = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Strategies")

/// A planned and printed school, ready to be tracked.
private struct Season {
    let p: Planned
    let plan: Int64
    let strategy: Strategy

    init(strategy name: String = "ecole") throws {
        p = try Planned()
        plan = try p.plan(name).1
        strategy = try StrategyReader.load(strategies.appendingPathComponent("\(name).yaml"))
        let paper = try p.store.letterBatches(plan: plan, channels: Set(Channel.allCases.filter(\.isPaper))).flatMap(\.letters)
        try p.store.recordPrinted(paper.map(\.issued), actor: "test", reprint: false)
    }

    var store: Store { p.store }

    func deliveries() throws -> [DeliveryDetail] {
        try store.planChain(plan).flatMap { try store.plan($0).batches.flatMap(\.deliveries) }
    }

    func letter(of login: String) throws -> DeliveryDetail {
        try #require(try deliveries().last { $0.login == login })
    }

    func logins(_ channel: Channel, _ profile: Profile) throws -> [String] {
        try store.plan(plan).batches.filter { $0.channel == channel }.flatMap(\.deliveries).filter { $0.profile == profile }.map(\.login)
    }

    func followUp(escalate: Bool = true, visit: ([FollowUpItem]) -> Void = { _ in }) throws -> Int64? {
        try store.followUp(FollowUpRequest(plan: plan, name: "Relance", actor: "test", escalate: escalate), strategy: strategy, strategySource: "") { visit($0) }
    }
}

@Suite struct RecordTests {
    @Test func aClassIsRecordedExceptItsAbsentees() throws {
        let s = try Season()
        let pupils = try s.logins(.inClass, .student)
        let cpA = try s.store.plan(s.plan).batches.first { $0.channel == .inClass }!
        let inClass = cpA.deliveries.map(\.login)
        let result = try s.store.record(.received, .classes(cpA.className!, school: nil, channel: .inClass, except: [inClass[0]]), plan: nil, actor: "maîtresse", note: nil)
        #expect(result.recorded.count == inClass.count - 1 && result.recorded.allSatisfy { $0.state == .handedOver })
        #expect(try s.letter(of: inClass[0]).state == .issued)
        #expect(try s.letter(of: inClass[1]).state == .handedOver)
        #expect(pupils.count > inClass.count)
        // Recording it again changes nothing and says so.
        let again = try s.store.record(.received, .classes(cpA.className!, school: nil, channel: .inClass, except: [inClass[0]]), plan: nil, actor: "x", note: nil)
        #expect(again.recorded.isEmpty && again.unchanged.count == inClass.count - 1)
    }

    @Test func aClassWithSeveralPacketsAsksWhichAndAnUnknownExceptIsRefused() throws {
        let s = try Season()
        let className = try s.store.plan(s.plan).batches.first { $0.channel == .meeting }!.className!
        #expect(throws: TrackingError.self) { try s.store.record(.received, .classes(className, school: nil, channel: nil, except: []), plan: nil, actor: "x", note: nil) }
        #expect(throws: TrackingError.notInClass(login: "personne", className: className)) {
            try s.store.record(.received, .classes(className, school: nil, channel: .meeting, except: ["personne"]), plan: nil, actor: "x", note: nil)
        }
        #expect(throws: TrackingError.noClassLetters(className: "CM9", plan: nil)) {
            try s.store.record(.received, .classes("CM9", school: nil, channel: nil, except: []), plan: nil, actor: "x", note: nil)
        }
    }

    @Test func oneUnknownLoginAndNothingIsRecorded() throws {
        let s = try Season()
        let parents = try s.logins(.meeting, .parent)
        let before = try s.p.fixture.dump()
        #expect(throws: TrackingError.unknownLogin("inconnu", line: nil)) {
            try s.store.record(.absent, .accounts([parents[0], "inconnu"]), plan: nil, actor: "x", note: nil)
        }
        #expect(throws: TrackingError.noLetter(login: parents[0], plan: 99, line: nil)) {
            try s.store.record(.absent, .accounts([parents[0]]), plan: 99, actor: "x", note: nil)
        }
        #expect(try s.p.fixture.dump() == before)
    }

    @Test func aSheetRecordsEachRowAndAWrongRowStopsAll() throws {
        let s = try Season()
        let parents = try s.logins(.meeting, .parent)
        let before = try s.p.fixture.dump()
        let bad = [SheetEntry(line: 2, login: parents[0], outcome: .received, note: nil), SheetEntry(line: 3, login: "x.y", outcome: .absent, note: nil)]
        #expect(throws: TrackingError.unknownLogin("x.y", line: 3)) { try s.store.record(nil, .sheet(bad), plan: nil, actor: "x", note: nil) }
        #expect(try s.p.fixture.dump() == before)
        let good = [SheetEntry(line: 2, login: parents[0], outcome: .received, note: "le 15/09"), SheetEntry(line: 3, login: parents[1], outcome: .absent, note: nil)]
        _ = try s.store.record(nil, .sheet(good), plan: nil, actor: "x", note: "réunion")
        #expect(try s.letter(of: parents[0]).state == .handedOver && s.letter(of: parents[1]).state == .absent)
        let note = try s.store.history(of: parents[0]).entries.last?.note
        #expect(note == "réunion — le 15/09")
    }

    @Test func receivedForABouncedEmailMakesNoSense() throws {
        let s = try Season(strategy: "courriel")
        let email = try #require(try s.store.plan(s.plan).batches.first { $0.channel == .email }?.deliveries.first)
        try s.store.move([email.id], to: .sending, actor: "x")
        try s.store.move([email.id], to: .bounced, actor: "x")
        #expect(throws: IllegalTransition.self) { try s.store.record(.received, .accounts([email.login]), plan: nil, actor: "x", note: nil) }
        let sent = try #require(try s.store.plan(s.plan).batches.first { $0.channel == .email }?.deliveries.dropFirst().first)
        try s.store.move([sent.id], to: .sending, actor: "x")
        try s.store.move([sent.id], to: .issued, actor: "x")
        #expect(throws: IllegalTransition.self) { try s.store.record(.absent, .accounts([sent.login]), plan: nil, actor: "x", note: nil) }
        #expect(try s.store.record(.received, .accounts([sent.login]), plan: nil, actor: "x", note: nil).recorded.count == 1)
    }
}

@Suite struct ImportFollowThroughTests {
    @Test func aNewerExportClosesActivatedLettersFlagsNewCodesAndCancelsTheGone() throws {
        let s = try Season()
        let pupils = try s.logins(.inClass, .student)
        // Hand over one class packet, so that a new code concerns a letter in a family's hands.
        try s.store.move(try s.deliveries().filter { pupils.contains($0.login) }.map(\.id), to: .handedOver, actor: "x")
        var later = s.p.school.later(activated: 0.5, newCodes: 0)
        let renewed = try #require(later.people.indices.first { later.people[$0].activationCode != nil && pupils.contains(later.people[$0].printedLogin) })
        later.people[renewed].activationCode = "nouveau9"
        let gone = try #require(later.exportOrder.first { later.people[$0].profile == .parent && later.people[$0].activationCode != nil })
        later.exportOrder.removeAll { $0 == gone }
        let summary = try s.p.fixture.importFiles(export: later.exportFile(), name: "octobre.csv")

        let activated = Set(summary.changes.activated)
        #expect(!activated.isEmpty && summary.deliveries.closedByActivation == activated.count { login in (try? s.letter(of: login)) != nil })
        // An activated account planned has its letter closed; the others had none.
        for login in activated { #expect((try? s.letter(of: login)).map { $0.state == .activated } ?? true, "\(login)") }
        #expect(summary.deliveries.toRemake == [later.people[renewed].printedLogin])
        #expect(try s.store.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM delivery WHERE stale_code = 1") } == 1)
        #expect(try s.letter(of: later.people[gone].printedLogin).state == .cancelled)
        #expect(summary.deliveries.cancelled == 1)
        // The history says why, in words, without the new code.
        let history = try s.store.history(of: later.people[renewed].printedLogin)
        #expect(history.entries.last?.note?.contains("octobre.csv") == true)
        #expect(!history.entries.contains { $0.note?.contains("nouveau9") == true })
    }
}

@Suite struct FollowUpStoreTests {
    @Test func absenteesAreEscalatedOnceIntoAFollowUpPlan() throws {
        let s = try Season()
        let parents = try s.logins(.meeting, .parent)
        _ = try s.store.record(.absent, .accounts(Array(parents.prefix(3))), plan: nil, actor: "x", note: nil)
        _ = try s.store.record(.received, .accounts(Array(parents.dropFirst(3))), plan: nil, actor: "x", note: nil)

        var dryItems: [FollowUpItem] = []
        let before = try s.p.fixture.dump()
        #expect(try s.followUp(escalate: false) { dryItems += $0 } == nil)
        #expect(try s.p.fixture.dump() == before)
        #expect(dryItems.filter { $0.action.escalation != nil }.count == 3)

        let followUp = try #require(try s.followUp())
        let plan = try s.store.plan(followUp)
        #expect(plan.follows == s.plan)
        let new = plan.batches.flatMap(\.deliveries)
        #expect(Set(new.map(\.login)) == Set(parents.prefix(3)) && plan.batches.allSatisfy { $0.channel == .office })
        for login in parents.prefix(3) {
            let letters = try s.deliveries().filter { $0.login == login }
            #expect(letters.map(\.state) == [.escalated, .planned])
        }
        let follows = try s.store.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM delivery WHERE follows_delivery_id IS NOT NULL") }
        #expect(follows == 3)
        // A second follow-up finds nobody new to escalate.
        var second: [FollowUpItem] = []
        #expect(try s.followUp { second += $0 } == nil)
        #expect(second.allSatisfy { $0.action.escalation == nil })
        #expect(try s.store.planChain(s.plan) == [s.plan, followUp])
        #expect(try s.store.rootPlan(of: followUp) == s.plan)
    }

    /// The escalations are written a statement for many letters, as the follow-up's letters
    /// reach the table: with more of them than a statement inserts (128), some are escalated
    /// while the school is written and the others at the end.
    @Test func everyEscalatedLetterHasOneEventNamingTheChannelThatFollows() throws {
        let s = try Season()
        let parents = try s.logins(.meeting, .parent)
        try #require(parents.count > 128)
        _ = try s.store.record(.absent, .accounts(parents), plan: nil, actor: "x", note: nil)
        let followUp = try #require(try s.followUp())
        let rows = try s.store.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT o.state, n.channel,
                    (SELECT group_concat(e.from_state || ' > ' || e.note, ' | ') FROM event e WHERE e.delivery_id = o.id AND e.to_state = 'escalated') AS escalation,
                    (SELECT group_concat(e.to_state) FROM event e WHERE e.delivery_id = n.id) AS events
                FROM delivery n JOIN delivery o ON o.id = n.follows_delivery_id WHERE n.plan_id = ?
                """, arguments: [followUp])
        }
        #expect(rows.count == parents.count)
        for row in rows {
            let channel = try #require(Channel(rawValue: row["channel"]))
            #expect(row["state"] as String == "escalated")
            #expect(row["escalation"] as String == "absent > relancée : \(channel.frenchName) (plan \(followUp))")
            #expect(row["events"] as String == "planned")
        }
        let escalated = try s.store.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM delivery WHERE state = 'escalated'") }
        #expect(escalated == parents.count)
    }

    /// The letters are read on a thread of their own while the escalations are written: a
    /// failure on either side stops both and undoes what was written.
    @Test func aFollowUpStoppedMidwayOrForAnUnknownSchoolChangesNothing() throws {
        let s = try Season()
        let parents = try s.logins(.meeting, .parent)
        _ = try s.store.record(.absent, .accounts(Array(parents.prefix(3))), plan: nil, actor: "x", note: nil)
        let before = try s.p.fixture.dump()
        struct Stop: Error {}
        var visited = 0
        #expect(throws: Stop.self) {
            try s.store.followUp(FollowUpRequest(plan: s.plan, name: "Relance", actor: "test"), strategy: s.strategy, strategySource: "") { _ in
                visited += 1
                throw Stop()
            }
        }
        #expect(visited == 1)
        #expect(try s.p.fixture.dump() == before)
        #expect(throws: StoreError.self) {
            try s.store.followUp(FollowUpRequest(plan: s.plan, name: "Relance", actor: "test", school: "École inconnue"), strategy: s.strategy, strategySource: "") { _ in }
        }
        #expect(try s.p.fixture.dump() == before)
        // Neither left a connection or the write lock held: the follow-up runs after them.
        let followUp = try #require(try s.followUp())
        #expect(Set(try s.store.plan(followUp).batches.flatMap(\.deliveries).map(\.login)) == Set(parents.prefix(3)))
        // The escalation's writes do not check foreign keys; every other write does again.
        #expect(try s.store.pool.write { try Int.fetchOne($0, sql: "PRAGMA foreign_keys") } == 1)
    }

    @Test func aParentWithChildrenInTwoClassesIsListedInBothAndEscalatedOnce() throws {
        let s = try Season()
        let siblingsParent = try #require(s.p.school.people.first { p in
            p.profile == .parent && p.activationCode != nil && Set(p.children.flatMap { s.p.school.people[$0].classes }).count > 1
        })
        _ = try s.store.record(.absent, .accounts([siblingsParent.printedLogin]), plan: nil, actor: "x", note: nil)
        var items: [FollowUpItem] = []
        _ = try s.followUp { items += $0 }
        let mine = items.filter { $0.delivery.login == siblingsParent.printedLogin }
        #expect(mine.count == 1 && Set(mine[0].delivery.facts.classes).count > 1)
        #expect(try s.deliveries().filter { $0.login == siblingsParent.printedLogin }.count == 2)
    }

    /// A parent whose email bounced is escalated to the meeting of their youngest child's
    /// class, their letter in that packet by the name of their child in it, as in a first
    /// plan: the escalation plans parents with their children.
    @Test func escalatedParentsGoInTheirChildrensPacketsByTheirChildrensNames() throws {
        let s = try Season(strategy: "courriel")
        let emails = try s.store.plan(s.plan).batches.filter { $0.channel == .email }.flatMap(\.deliveries)
        try s.store.move(emails.map(\.id), to: .sending, actor: "x")
        try s.store.move(emails.map(\.id), to: .bounced, actor: "x")
        let followUp = try #require(try s.followUp())
        let meetings = try s.store.plan(followUp).batches.filter { $0.channel == .meeting }
        let stored = try s.store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT COALESCE(alias, login) AS login, name_sort, classes FROM account").map {
                (login: $0["login"] as String, sort: $0["name_sort"] as String, classes: ListColumn.split($0["classes"]))
            }
        }
        let accounts = Dictionary(stored.map { ($0.login, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(meetings.flatMap(\.deliveries).count(where: { $0.profile == .parent && !$0.children.isEmpty }) > 20)
        for batch in meetings {
            let className = try #require(batch.className)
            func key(_ parent: DeliveryDetail) throws -> String {
                let child = parent.children.compactMap { accounts[$0] }.filter { $0.classes.contains(className) }.map(\.sort).min()
                return (child ?? "") + "\u{2}" + (try #require(accounts[parent.login]).sort)
            }
            let keys = try batch.deliveries.map(key)
            #expect(keys == keys.sorted(), "\(batch.school) \(className)")
        }
    }

    @Test func statusCountsEachAccountOnceAtItsLatestLetter() throws {
        let s = try Season()
        let parents = try s.logins(.meeting, .parent)
        _ = try s.store.record(.absent, .accounts(Array(parents.prefix(2))), plan: nil, actor: "x", note: nil)
        let total = try s.deliveries().count { !$0.isCopy }
        _ = try s.followUp()
        let report = StatusReport(try s.store.stageCounts(ofPlan: s.plan))
        #expect(report.total.total == total)
        #expect(report.total[.missed] == 0 && report.total[.planned] == 2)
        #expect(report.byChannel.first { $0.channel == .office }!.funnel[.planned] >= 2)
    }

    /// Follow-ups read a plan's letters in the table's order, taken for batch and packet
    /// order: `PlanWriter` numbers them so, for a plan and for its follow-up.
    @Test func aPlansLettersAreNumberedInBatchAndPacketOrder() throws {
        let s = try Season()
        _ = try s.store.record(.absent, .accounts(Array(try s.logins(.meeting, .parent).prefix(3))), plan: nil, actor: "x", note: nil)
        let followUp = try #require(try s.followUp())
        for plan in [s.plan, followUp] {
            let (byID, byBatch) = try s.store.pool.read { db in
                (try Int64.fetchAll(db, sql: "SELECT id FROM delivery WHERE plan_id = ? ORDER BY id", arguments: [plan]),
                 try Int64.fetchAll(db, sql: """
                    SELECT d.id FROM delivery d JOIN batch b ON b.id = d.batch_id WHERE b.plan_id = ? ORDER BY b.position, d.position
                    """, arguments: [plan]))
            }
            #expect(byID.count > 2 && byID == byBatch)
        }
    }

    /// The whole plan is read in table order, a school or a past season through its batches:
    /// all count the same, even when a plan's letters are not stored batch after batch.
    @Test func statusCountsTheSameWhateverTheOrderLettersAreStoredIn() throws {
        let s = try Season()
        _ = try s.store.record(.absent, .accounts(Array(try s.logins(.meeting, .parent).prefix(3))), plan: nil, actor: "x", note: nil)
        let before = StatusReport(try s.store.stageCounts(ofPlan: s.plan))
        #expect(try s.store.pool.read { try PlanLetters(plans: [s.plan], school: nil, db: $0).order } == "d.id")
        // Every other letter of every batch moved to the end of the table.
        try s.store.pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: "UPDATE delivery SET id = id + 1000000 WHERE position % 2 = 0")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        let after = StatusReport(try s.store.stageCounts(ofPlan: s.plan))
        #expect(after.byClass.map(\.key) == before.byClass.map(\.key))
        #expect(after.byClass.map(\.funnel) == before.byClass.map(\.funnel))
        #expect(after.total == before.total && before.total[.missed] == 3)
        let school = try #require(before.bySchool.first?.school)
        let bySchool = StatusReport(try s.store.stageCounts(ofPlan: s.plan, school: school))
        #expect(bySchool.byClass.map(\.funnel) == before.byClass.map(\.funnel))
        // A store that keeps past seasons: the plan holds a minority of the batches, and is
        // read through them.
        try s.store.pool.write { db in
            try db.execute(sql: """
                INSERT INTO plan (name, strategy, strategy_source, selection, created_at, created_by) VALUES ('2025', 'ecole', '', '{}', 0, 'x')
                """)
            let past = db.lastInsertedRowID
            let batches = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM batch") ?? 0
            for position in 0...batches {
                try db.execute(sql: """
                    INSERT INTO batch (plan_id, position, school_id, channel, recipients) SELECT ?, ?, id, 'office', '' FROM school LIMIT 1
                    """, arguments: [past, position])
            }
        }
        #expect(try s.store.pool.read { try PlanLetters(plans: [s.plan], school: nil, db: $0).order } == "b.plan_id, b.position")
        let throughBatches = StatusReport(try s.store.stageCounts(ofPlan: s.plan))
        #expect(throughBatches.byClass.map(\.funnel) == before.byClass.map(\.funnel))
    }
}

@Suite struct PurgeTests {
    @Test func codesNoLongerNeededAreErasedFromTheFileAndTheOthersKept() throws {
        let s = try Season()
        let pupils = try s.logins(.inClass, .student)
        try s.store.move(try s.deliveries().filter { pupils.contains($0.login) }.map(\.id), to: .handedOver, actor: "x")
        let codes = pupils.compactMap { s.p.school.person(login: $0)?.activationCode }
        let result = try s.store.purgeCodes(activatedOnly: false, plan: s.plan)
        #expect(Set(result.erased) == Set(pupils))
        #expect(result.stillNeeded > 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: s.store.path))
        for code in codes { #expect(bytes.range(of: Data(code.utf8)) == nil, "\(code) still in the file") }
        // Not activated all the same, and a letter for them has no code to carry.
        let accounts = try s.store.accounts(matching: AccountFilter())
        let purged = accounts.filter { pupils.contains($0.login) }
        #expect(purged.allSatisfy { $0.isCodePurged && !$0.isActivated })
        let parentCodes = accounts.filter { !pupils.contains($0.login) && !$0.isActivated }
        #expect(parentCodes.allSatisfy { !$0.isCodePurged })
        #expect(try s.store.purgeCodes(activatedOnly: false, plan: s.plan).erased.isEmpty)
    }

    @Test func aReimportBringsAPurgedCodeBackWithoutCallingItChanged() throws {
        let s = try Season()
        let pupils = try s.logins(.inClass, .student)
        try s.store.move(try s.deliveries().filter { pupils.contains($0.login) }.map(\.id), to: .handedOver, actor: "x")
        _ = try s.store.purgeCodes(activatedOnly: false, plan: nil)
        // The same export saved again (other bytes, same content).
        let summary = try s.p.fixture.importFiles(export: s.p.school.exportFile(lineEnding: "\r\n"), name: "encore.csv")
        #expect(summary.alreadyImportedAt == nil && summary.changes.codeChanged.isEmpty && summary.deliveries.toRemake.isEmpty)
        #expect(try s.store.accounts(matching: AccountFilter()).filter { pupils.contains($0.login) }.allSatisfy { !$0.isCodePurged })
    }
}
