import Foundation
import GRDB
import SesameCore
import SesameFixtures
import SesameImport
import Testing
@testable import SesameStore

@Suite struct ImportTests {
    let school = SchoolGenerator().generate()

    @Test func aListColumnGivesBackItsItems() {
        for items in [["CP A"], ["Léa Müller", "Noé N’Diaye (CE1)"], ["CE1", "", "CM2"]] {
            #expect(ListColumn.split(ListColumn.join(items)) == items)
        }
        #expect(ListColumn.split("") == [])
    }

    @Test func theDatabaseIsCreatedReadableByItsOwnerOnly() throws {
        let fixture = try StoreFixture()
        let attributes = try FileManager.default.attributesOfItem(atPath: fixture.store.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        try fixture.importFiles(export: school.exportFile())
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: fixture.store.path + suffix) {
            let mode = try FileManager.default.attributesOfItem(atPath: fixture.store.path + suffix)[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
    }

    @Test func aGeneratedSchoolImportsWithTheRightCountsAndLinks() throws {
        let fixture = try StoreFixture()
        let summary = try fixture.importFiles(export: school.exportFile())
        let people = school.people.filter { !$0.isGhost }
        #expect(summary.accounts == people.count)
        for profile in Profile.allCases {
            #expect(summary.byProfile[profile.rawValue, default: 0] == people.count { $0.profile == profile })
        }
        #expect(summary.activated == people.count { $0.activationCode == nil })
        #expect(summary.classes == school.classes.count)
        #expect(summary.localAdmins == 1)
        #expect(summary.schools == [school.name])
        #expect(try fixture.links() == school.trueLinks)
        #expect(summary.links.resolved == school.trueLinks.count)
        // The oddities, each reported once, with its line.
        let kinds = summary.problems.map(\.kind)
        #expect(kinds.count { $0 == .unresolvedChild } == 1)
        #expect(kinds.count { $0 == .duplicateRow } == 1)
        #expect(kinds.count { $0 == .invalidEmail } == 2)
        #expect(kinds.count == 4)
        #expect(summary.problems.allSatisfy { $0.line != nil })
        #expect(summary.changes.isEmpty)
    }

    @Test func aFamilyFileThatFailsOnItsLastRowUndoesTheExportImportedWithIt() throws {
        let fixture = try StoreFixture()
        let before = try fixture.dump(excluding: [])
        // Its rows are read as they are matched, after the export: the last row, one field too
        // many, is found once the export's accounts are written, and they must go too.
        let rows = String(decoding: school.addressFile(encoding: .utf8, lineEnding: "\n"), as: UTF8.self).split(separator: "\n").map(String.init)
        let broken = (rows + [rows[1] + ";en trop"]).joined(separator: "\n")
        #expect(throws: ImportError.self) {
            try fixture.importFiles(export: school.exportFile(), addresses: Data(broken.utf8))
        }
        #expect(try fixture.dump(excluding: []) == before)
        #expect(try fixture.store.schools().isEmpty)
    }

    @Test func theReportGivesEveryProblemAndTheStoredSummaryTheFirstThousand() throws {
        let fixture = try StoreFixture()
        var rows = ["Nom responsable;Prénom responsable;Adresse;Code postal;Commune;Nom élève;Prénom élève;Classe"]
        rows += (1...1_200).map { "INCONNU\($0);Paul;1 rue des Lilas;44000;Nantes;INCONNU\($0);Léa;CP" }
        let summary = try fixture.importFiles(export: school.exportFile(), addresses: Data(rows.joined(separator: "\n").utf8))
        #expect(summary.problems.count { $0.kind == .unmatchedAddress } == 1_200)
        let stored = try fixture.store.pool.read { db in
            try String.fetchOne(db, sql: "SELECT summary FROM import WHERE kind = 'accounts'")
        }
        let kept = try JSONDecoder().decode(ImportSummary.self, from: Data(try #require(stored).utf8))
        #expect(kept.problems.count == Store.problemsKept)
        #expect(kept.problems == Array(summary.problems.prefix(Store.problemsKept)))
        #expect(kept.addresses?.unmatched == 1_200)
    }

    @Test func theSameFileTwiceIsRecognisedAndChangesNothing() throws {
        let fixture = try StoreFixture()
        let data = school.exportFile()
        let first = try fixture.importFiles(export: data)
        let before = try fixture.dump(excluding: [])
        let second = try fixture.importFiles(export: data)
        #expect(first.alreadyImportedAt == nil)
        #expect(second.alreadyImportedAt != nil)
        #expect(try fixture.dump(excluding: []) == before)
    }

    @Test func theSameDataInAnotherFileChangesNoRow() throws {
        let fixture = try StoreFixture()
        try fixture.importFiles(export: school.exportFile(), addresses: school.addressFile())
        let before = try fixture.dump()
        // Re-saved by a spreadsheet: other bytes, other encoding, same accounts.
        let summary = try fixture.importFiles(export: school.exportFile(encoding: .utf8, lineEnding: "\r\n"))
        #expect(summary.alreadyImportedAt == nil)
        #expect(summary.changes.isEmpty)
        #expect(try fixture.dump() == before)
    }

    @Test func aFileThatFailsHalfwayLeavesTheStoreAsItWas() throws {
        let fixture = try StoreFixture()
        try fixture.importFiles(export: school.exportFile())
        let before = try fixture.dump(excluding: [])
        var changed = school
        changed.people[changed.exportOrder[0]].activationCode = nil
        var broken = changed.exportFile()
        broken.append(contentsOf: Data("\"x\";\"\";\"Élève\";\"Roux\n".utf8))  // an unterminated quote at the end
        #expect(throws: ImportError.self) { try fixture.importFiles(export: broken) }
        #expect(try fixture.dump(excluding: []) == before)
    }

    @Test func aNewerExportReportsWhatChanged() throws {
        let fixture = try StoreFixture()
        try fixture.importFiles(export: school.exportFile())
        var newer = school
        let pending = newer.exportOrder.filter { newer.people[$0].activationCode != nil && newer.people[$0].profile == .parent }
        let (activated, regenerated) = (pending[0], pending[1])
        newer.people[activated].activationCode = nil
        newer.people[regenerated].activationCode = "zzzz9999"
        let leaving = newer.exportOrder.first { newer.people[$0].profile == .staff }!
        newer.exportOrder.removeAll { $0 == leaving }
        let moved = newer.exportOrder.first { newer.people[$0].profile == .student }!
        newer.people[moved].classes = ["CM2"]
        var arrival = newer.people[moved]
        arrival.id = "new-id"
        arrival.login = "nouvel.eleve"
        arrival.firstName = "Nouvel"
        newer.people.append(arrival)
        newer.exportOrder.append(newer.people.count - 1)

        let summary = try fixture.importFiles(export: newer.exportFile())
        #expect(summary.changes.activated == [newer.people[activated].printedLogin])
        #expect(summary.changes.codeChanged == [newer.people[regenerated].printedLogin])
        #expect(summary.changes.removed == [newer.people[leaving].printedLogin])
        #expect(summary.changes.new == ["nouvel.eleve"])
        #expect(summary.changes.updated == [newer.people[moved].printedLogin])

        var filter = AccountFilter()
        filter.logins = [newer.people[leaving].printedLogin]
        #expect(try fixture.store.accounts(matching: filter).isEmpty)
        filter.logins = [newer.people[moved].printedLogin]
        #expect(try fixture.store.accounts(matching: filter).first?.classes == ["CM2"])
    }

    /// The export before last, picked from a Downloads folder by mistake, would bring back the
    /// codes of the accounts activated since: refused, the store untouched. A class-level
    /// export, without last logins, is not judged.
    @Test func anExportOlderThanTheOneImportedIsRefusedAndChangesNothing() throws {
        let fixture = try StoreFixture()
        let later = school.later(activated: 0.3, newCodes: 0)
        try fixture.importFiles(export: later.exportFile(), name: "octobre.csv")
        let before = try fixture.dump(excluding: [])
        let loggedInSince = Set(later.exportOrder).count { later.people[$0].lastLogin != school.people[$0].lastLogin }
        #expect(loggedInSince > 20)
        let error = try #require(throws: StoreError.self) { try fixture.importFiles(export: school.exportFile(), name: "septembre.csv") }
        #expect(error.userMessage.hasPrefix("septembre.csv est plus ancien que l’export déjà importé : \(loggedInSince) comptes se sont connectés depuis"))
        #expect(error.userMessage.contains("rien n’a été changé"))
        #expect(try fixture.dump(excluding: []) == before)
        var oneClass = school
        oneClass.exportOrder = school.exportOrder.filter { school.people[$0].classes == ["CP A"] && school.people[$0].profile == .student }
        #expect(try fixture.importFiles(export: oneClass.exportFile(format: .classLevel), name: "cp-a.csv", school: school.name).accounts > 0)
    }

    @Test func anAccountBackInTheExportIsRestored() throws {
        let fixture = try StoreFixture()
        try fixture.importFiles(export: school.exportFile())
        var without = school
        let leaving = without.exportOrder.removeFirst()
        try fixture.importFiles(export: without.exportFile())
        let summary = try fixture.importFiles(export: school.exportFile(encoding: .utf8))
        #expect(summary.changes.new == [school.people[leaving].printedLogin])
        var filter = AccountFilter()
        filter.logins = [school.people[leaving].printedLogin]
        #expect(try fixture.store.accounts(matching: filter).count == 1)
    }

    @Test func aClassExportNeedsItsSchoolAndLeavesTheOthersAlone() throws {
        let fixture = try StoreFixture()
        try fixture.importFiles(export: school.exportFile())
        let before = try fixture.links()
        var onlyOneClass = school
        onlyOneClass.exportOrder = school.exportOrder.filter { school.people[$0].profile == .student && school.people[$0].classes == ["CP A"] }
        let pupil = onlyOneClass.exportOrder[0]
        onlyOneClass.people[pupil].activationCode = nil
        let accountsBefore = try fixture.store.accounts(matching: AccountFilter()).count
        func details() throws -> [String] {
            try fixture.store.accounts(matching: AccountFilter()).map {
                "\($0.login) \($0.classes) \($0.children) \(String(describing: $0.email)) \(String(describing: $0.lastLogin)) \($0.isLocalAdmin) \(String(describing: $0.distinction))"
            }
        }
        let detailsBefore = try details()
        let summary = try fixture.importFiles(export: onlyOneClass.exportFile(format: .classLevel), name: "cp-a.csv", school: school.name)
        // Class-level exports have no Id: accounts are found again by login, not duplicated.
        #expect(summary.changes.activated == [school.people[pupil].printedLogin])
        #expect(summary.changes.new.isEmpty)
        #expect(summary.changes.removed.isEmpty)
        #expect(summary.changes.updated.isEmpty)
        #expect(summary.accounts == onlyOneClass.exportOrder.count)
        #expect(summary.classes == 1)
        #expect(try fixture.store.accounts(matching: AccountFilter()).count == accountsBefore)
        #expect(try fixture.links() == before)
        // The file has no Classes, Enfants, Courriel or Dernière connexion column: it says nothing of them.
        #expect(try details() == detailsBefore)
        // A full export afterwards finds them again by Id, with nothing to report but the code.
        let full = try fixture.importFiles(export: school.exportFile(encoding: .utf8))
        #expect(full.changes.new.isEmpty && full.changes.removed.isEmpty)
        #expect(full.changes.codeChanged == [school.people[pupil].printedLogin])
    }

    @Test func anExportWithoutCreationDatesKeepsTheOnesAnOlderExportGave() throws {
        let fixture = try StoreFixture()
        try fixture.importFiles(export: school.exportFile(format: .withCreationDate))
        func creationDates() throws -> [String] {
            try fixture.store.accounts(matching: AccountFilter()).map { "\($0.login) \(String(describing: $0.createdAt))" }
        }
        let before = try creationDates()
        let summary = try fixture.importFiles(export: school.exportFile())
        #expect(summary.changes.updated.isEmpty)
        #expect(try creationDates() == before)
    }

    @Test func homonymsAreToldApartAmongTheAccountsStillListed() throws {
        let fixture = try StoreFixture()
        var twins = school
        let pupils = twins.exportOrder.filter { twins.people[$0].profile == .student }
        let (first, second) = (pupils[0], pupils.first { twins.people[$0].classes != twins.people[pupils[0]].classes }!)
        twins.people[second].firstName = twins.people[first].firstName
        twins.people[second].lastName = twins.people[first].lastName
        try fixture.importFiles(export: twins.exportFile())
        func distinction(_ person: Int) throws -> String? {
            var filter = AccountFilter()
            filter.logins = [twins.people[person].printedLogin]
            return try #require(try fixture.store.accounts(matching: filter).first).distinction
        }
        #expect(try distinction(first) == twins.people[first].classes.joined(separator: ", "))
        #expect(try distinction(second) == twins.people[second].classes.joined(separator: ", "))

        // A class export that leaves the second twin out says nothing of them: still two.
        var oneClass = twins
        oneClass.exportOrder = [first]
        try fixture.importFiles(export: oneClass.exportFile(format: .classLevel), name: "classe.csv", school: school.name)
        #expect(try distinction(first) == twins.people[first].classes.joined(separator: ", "))

        // A full export without them: they left, and the name is the first twin's alone.
        var gone = twins
        gone.exportOrder.removeAll { $0 == second }
        let summary = try fixture.importFiles(export: gone.exportFile(encoding: .utf8))
        #expect(summary.changes.removed == [twins.people[second].printedLogin])
        #expect(try distinction(first) == nil)
    }

    /// Two generated schools, « École A » and « École B », their logins apart.
    private func twoSchools() -> (a: GeneratedSchool, b: GeneratedSchool) {
        var first = SchoolGenerator.Options()
        first.schoolName = "École A"
        var second = SchoolGenerator.Options()
        second.schoolName = "École B"
        second.seed = 2
        var logins = LoginRegistry()
        let a = SchoolGenerator(first).generate(logins: &logins)
        let b = SchoolGenerator(second).generate(logins: &logins)
        return (a, b)
    }

    @Test func schoolsOfOneExportAreKeptApart() throws {
        let (a, b) = twoSchools()
        var data = a.exportFile()
        data.append(Data(b.exportLines().joined(separator: "\n").utf8))
        let fixture = try StoreFixture()
        let summary = try fixture.importFiles(export: data)
        #expect(summary.schools == ["École A", "École B"])
        #expect(try fixture.links() == a.trueLinks.union(b.trueLinks))
        var filter = AccountFilter()
        filter.schools = ["École B"]
        #expect(try fixture.store.accounts(matching: filter).count == b.people.count { !$0.isGhost })
        // A newer export of school A alone says nothing about school B's accounts.
        let again = try fixture.importFiles(export: a.exportFile(encoding: .utf8))
        #expect(again.changes.removed.isEmpty)
        #expect(try fixture.store.accounts(matching: filter).count == b.people.count { !$0.isGhost })
    }

    @Test func aSchoolTheFileComesBackToIsSettledWithAllItsRows() throws {
        let (a, b) = twoSchools()
        let header = GeneratedSchool.quotedLine(GeneratedSchool.exportHeader(.full))
        func file(_ lines: [String]) -> Data { Data(([header] + lines).joined(separator: "\n").utf8) }
        // School A's rows on either side of school B's: A's families span the two parts.
        let aLines = a.exportLines()
        let split = aLines.count / 2
        let apart = try StoreFixture().importFiles(export: file(aLines + b.exportLines()))
        let fixture = try StoreFixture()
        let summary = try fixture.importFiles(export: file(Array(aLines[..<split]) + b.exportLines() + Array(aLines[split...])))
        #expect(try fixture.links() == a.trueLinks.union(b.trueLinks))
        #expect(summary.links == apart.links)
        // The same problems, but for the line a duplicate row is a duplicate of.
        func problems(_ summary: ImportSummary) -> [String] {
            summary.problems.map { $0.kind == .duplicateRow ? "\($0.kind)" : $0.message }.sorted()
        }
        #expect(problems(summary) == problems(apart))
        #expect(summary.links.unresolved == 2)
    }

    @Test func aPersonALaterRowPlacesInSeveralSchoolsIsReportedOnlyIfNoSchoolFindsTheChild() throws {
        func row(_ id: String, _ type: String, _ last: String, _ first: String, schools: String, classes: String,
                 children: String = "", parents: String = "") -> String {
            GeneratedSchool.quotedLine([
                id, "", type, last, first, "\(first).\(last)\(id)".lowercased(), "", "code\(id)", "", schools, classes,
                children, parents, "", "", "",
            ])
        }
        // Théo Martin's first row places him in school A alone, where his daughter is not;
        // a later row, after more rows than the import writes at once, places him in B and
        // C, and B has her.
        let classmates = (10..<60).map { row("\($0)", "Élève", "Petit", "Élève\($0)", schools: "École B", classes: "CE1") }
        let lines = [
            GeneratedSchool.quotedLine(GeneratedSchool.exportHeader(.full)),
            row("1", "Parent", "Martin", "Théo", schools: "École A", classes: "CP", children: "Léa Martin"),
            row("2", "Élève", "Durand", "Paul", schools: "École A", classes: "CP"),
            row("3", "Élève", "Martin", "Léa", schools: "École B", classes: "CE1", parents: "Théo Martin"),
        ] + classmates + [
            row("1", "Parent", "Martin", "Théo", schools: "École B, École C", classes: "CE1", children: "Léa Martin"),
        ]
        let fixture = try StoreFixture()
        let summary = try fixture.importFiles(export: Data(lines.joined(separator: "\n").utf8))
        #expect(summary.schools == ["École A", "École B", "École C"])
        #expect(summary.links.resolved == 1)
        #expect(summary.problems.filter { $0.kind == .unresolvedChild }.isEmpty)
    }

    @Test func rowsTooLongToBeWrittenManyAtOnceAreStoredWhole() throws {
        // Accounts are inserted 32 per statement, their text kept in a 64 KiB buffer until the
        // statement runs; past it, SQLite copies the values. 40 parents with 40-character logins
        // and 40 long-named children each.
        let children = (1...40).map { "Marie-Amélie-Bérénice\($0) de La Tour-Maubourg-Saint-Exupéry" }
        let parents = (1...40).map { n in
            (login: "responsable.delatourmaubourg.annelaure" + String(format: "%02d", n), children: children.map { "\($0) \(n)" })
        }
        #expect(parents.prefix(32).map { ListColumn.join($0.children).utf8.count }.reduce(0, +) > 1 << 16)
        let lines = [GeneratedSchool.quotedLine(GeneratedSchool.exportHeader(.full))] + parents.enumerated().map { i, parent in
            GeneratedSchool.quotedLine([
                "id-\(i)", "", "Parent", "de La Tour-Maubourg", "Anne-Laure \(i)", parent.login, "", "code\(i)", "",
                "École A", "CM2", parent.children.joined(separator: ", "), "", "", "", "",
            ])
        }
        let fixture = try StoreFixture()
        let summary = try fixture.importFiles(export: Data(lines.joined(separator: "\n").utf8))
        #expect(summary.accounts == 40)
        let stored = try fixture.store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT login, children_names FROM account ORDER BY id").map { [$0[0], $0[1]] as [String] }
        }
        #expect(stored == parents.map { [$0.login, ListColumn.join($0.children)] })
        #expect(parents.allSatisfy { $0.login.count == 40 })
    }

    @Test func addressesAreMatchedAndTheirEmailsCount() throws {
        let fixture = try StoreFixture()
        let summary = try fixture.importFiles(export: school.exportFile(), addresses: school.addressFile())
        let addresses = try #require(summary.addresses)
        #expect(addresses.rows == school.addressRows.count)
        #expect(addresses.unmatched == 1)
        #expect(addresses.ambiguous == 0)
        let withAddress = Set(school.addressRows.filter { $0.parent >= 0 }.map(\.parent))
        #expect(addresses.matchedParents == withAddress.count)
        #expect(summary.problems.contains { $0.kind == .unmatchedAddress && $0.message.contains("Sandrine Lemoine") })

        var filter = AccountFilter()
        filter.profiles = [.parent]
        let parents = try fixture.store.accounts(matching: filter)
        #expect(parents.count { $0.postalAddress != nil } == withAddress.count)
        let collected = parents.filter { $0.email?.source == .collected }
        #expect(!collected.isEmpty)
        for parent in collected {
            let truth = try #require(school.person(login: parent.login))
            #expect(truth.email == nil || EmailAddress(truth.email!) == nil)
            #expect(parent.email?.address == truth.collectedEmail.flatMap(EmailAddress.init))
        }
        filter.email = .with
        #expect(try fixture.store.accounts(matching: filter).count == parents.count { $0.email != nil })
    }

    @Test func anAddressFileAloneCanBeImportedLater() throws {
        let fixture = try StoreFixture()
        try fixture.importFiles(export: school.exportFile())
        let summary = try fixture.importFiles(addresses: school.addressFile())
        #expect(summary.file == nil)
        #expect(summary.addresses?.matchedParents ?? 0 > 0)
        let again = try fixture.importFiles(addresses: school.addressFile())
        #expect(again.addresses?.alreadyImportedAt != nil)
    }
}
