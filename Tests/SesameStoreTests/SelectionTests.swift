import Foundation
import SesameCore
import SesameFixtures
import Testing
@testable import SesameStore

/// The seed's filters and sorts (steps 1 and 2), each checked against the generated truth.
@Suite struct SelectionTests {
    let school: GeneratedSchool
    let fixture: StoreFixture
    let importDay = SchoolCalendar.parse("2026-09-02")!

    init() throws {
        school = SchoolGenerator().generate()
        fixture = try StoreFixture()
        try fixture.importFiles(export: school.exportFile(format: .withCreationDate), addresses: school.addressFile(), now: importDay)
    }

    private var people: [GeneratedPerson] { school.people.filter { !$0.isGhost } }

    private func select(_ change: (inout AccountFilter) -> Void, sort: [AccountSortKey] = []) throws -> [Account] {
        var filter = AccountFilter()
        change(&filter)
        return try fixture.store.accounts(matching: filter, sortedBy: sort)
    }

    @Test func noFilterSelectsEveryone() throws {
        #expect(try select { _ in }.count == people.count)
    }

    @Test func profiles() throws {
        let result = try select { $0.profiles = [.teacher, .staff] }
        #expect(result.count == people.count { $0.profile == .teacher || $0.profile == .staff })
        #expect(Set(result.map(\.profile)) == [.teacher, .staff])
    }

    @Test func classesIncludeTheParentsOfTheirPupils() throws {
        let result = try select { $0.classes = ["CP A", "ce1"] }
        let expected = people.filter { !Set($0.classes).isDisjoint(with: ["CP A", "CE1"]) }
        #expect(Set(result.map(\.login)) == Set(expected.map(\.printedLogin)))
        #expect(result.contains { $0.profile == .parent } && result.contains { $0.profile == .teacher })
    }

    @Test func anUnknownClassIsAnErrorListingTheKnownOnes() throws {
        do {
            _ = try select { $0.classes = ["CP C"] }
            Issue.record("expected an error")
        } catch let error as StoreError {
            #expect(error.userMessage.contains("« CP C »"))
            #expect(error.userMessage.contains("CP A"))
        }
    }

    @Test func activation() throws {
        let pending = try select { $0.activation = .pending }
        let activated = try select { $0.activation = .activated }
        #expect(pending.count == people.count { $0.activationCode != nil })
        #expect(pending.allSatisfy { !$0.isActivated })
        #expect(activated.allSatisfy { $0.isActivated })
        #expect(pending.count + activated.count == people.count)
    }

    @Test func emailCountsCollectedAddresses() throws {
        let with = try select { $0.email = .with }
        let without = try select { $0.email = .without }
        #expect(with.allSatisfy { $0.email != nil } && without.allSatisfy { $0.email == nil })
        #expect(with.count + without.count == people.count)
        #expect(with.contains { $0.email?.source == .collected } && with.contains { $0.email?.source == .ent })
    }

    @Test func localAdministrators() throws {
        let only = try select { $0.localAdmins = .only }
        #expect(only.map(\.login) == people.filter { $0.functions.contains("ADMIN_LOCAL") }.map(\.printedLogin))
        #expect(try select { $0.localAdmins = .exclude }.count == people.count - only.count)
    }

    @Test func creationDatesFromTheExport() throws {
        // The older export writes days ("15/08/2026"), so the filter works on days too.
        let cut = SchoolCalendar.parse(SchoolCalendar.isoDay(school.exportDate.addingTimeInterval(-30 * 86_400)))!
        let before = try select { $0.createdBefore = cut }
        let since = try select { $0.createdSince = cut }
        #expect(before.count == people.count { SchoolCalendar.parse(SchoolCalendar.isoDay($0.createdAt))! < cut })
        #expect(before.count + since.count == people.count)
        #expect(!before.isEmpty && !since.isEmpty)
    }

    @Test func creationDateDefaultsToTheFirstImportThatSawTheAccount() throws {
        let other = try StoreFixture()
        try other.importFiles(export: school.exportFile(), now: importDay)
        var filter = AccountFilter()
        filter.createdSince = importDay
        #expect(try other.store.accounts(matching: filter).count == people.count)
        filter.createdSince = nil
        filter.createdBefore = importDay
        #expect(try other.store.accounts(matching: filter).isEmpty)
    }

    @Test func schoolsAreFoundByPartOfTheirName() throws {
        #expect(try select { $0.schools = ["tilleuls"] }.count == people.count)
        #expect(throws: StoreError.self) { try select { $0.schools = ["Jules Ferry"] } }
        #expect(try fixture.store.resolveSchool("Les Tilleuls") == school.name)
    }

    @Test func filtersCombine() throws {
        let result = try select {
            $0.profiles = [.parent]
            $0.classes = ["GS"]
            $0.activation = .pending
            $0.email = .without
        }
        #expect(!result.isEmpty)
        #expect(result.allSatisfy { $0.profile == .parent && $0.classes.contains("GS") && !$0.isActivated && $0.email == nil })
    }

    @Test func parentsComeWithTheirChildren() throws {
        let parents = try select { $0.profiles = [.parent] }
        for parent in parents {
            let truth = try #require(school.person(login: parent.login))
            let expected = truth.children.filter { !school.people[$0].isGhost }.map { school.people[$0].printedLogin }
            #expect(Set(parent.children.map(\.login)) == Set(expected))
        }
    }

    @Test func defaultOrderIsByNameThenFirstName() throws {
        let result = try select { _ in }
        let keys = result.map { NameKey.person(lastName: $0.lastName, firstName: $0.firstName, tieBreaker: $0.login) }
        #expect(keys == keys.sorted())
    }

    @Test func sortByProfileThenName() throws {
        let result = try select({ _ in }, sort: [.profile])
        #expect(result.map(\.profile) == result.map(\.profile).sorted())
        let students = result.filter { $0.profile == .student }.map(\.nameSortKey)
        #expect(students == students.sorted())
    }

    @Test func sortByClassFollowsSchoolOrder() throws {
        let result = try select({ $0.profiles = [.student] }, sort: [.class])
        let classOrder = result.map { ClassLevel.sortKey(forClasses: $0.classes) }
        #expect(classOrder == classOrder.sorted())
        #expect(result.first?.classes == [school.classes.first!])
    }

    @Test func sortByClassThenProfile() throws {
        let result = try select({ _ in }, sort: [.class, .profile])
        let keys = result.map { [ClassLevel.sortKey(forClasses: $0.classes), String($0.profile.rank)] }
        #expect(keys == keys.sorted { $0.lexicographicallyPrecedes($1) })
    }
}
