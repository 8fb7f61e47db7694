import Foundation
import GRDB
import SesameCore
import SesameFixtures
import SesameImport
import SesameTestSupport
import Testing
@testable import SesameStore

/// The files schools really have: exports damaged by a spreadsheet, ONDE's extractions.
@Suite struct RegistryImportTests {
    /// A school whose names hold letters Windows-1252 lacks ("Nguyễn", "Trần") and decomposed accents.
    let school: GeneratedSchool = {
        var options = SchoolGenerator.Options()
        options.seed = 7
        return SchoolGenerator(options).generate()
    }()

    @Test func aSpreadsheetDamagedExportNeverProducesALinkTheOriginalDoesNot() throws {
        let original = try StoreFixture()
        try original.importFiles(export: school.exportFile())
        let good = try original.links()
        #expect(good == school.trueLinks)

        let damagedFile = school.exportFile(format: .full, encoding: .spreadsheetWindows1252, lineEnding: "\r\n")
        #expect(damagedFile.contains(UInt8(ascii: "?")))
        let damaged = try StoreFixture()
        let summary = try damaged.importFiles(export: damagedFile, name: "resave.csv")
        let links = try damaged.links()
        // No link differs from the original's: nothing is linked that the original does not link.
        #expect(links.isSubset(of: good))
        #expect(links.count > good.count * 9 / 10)
        // Every link the damage cost is reported, and so is every damaged name.
        let reported = Set(summary.problems.filter {
            [.contradictedLink, .ambiguousChild, .ambiguousParent, .unresolvedChild, .unresolvedParent].contains($0.kind)
        }.compactMap(\.line))
        #expect(good.subtracting(links).isEmpty || !reported.isEmpty)
        let damagedNames = summary.problems.filter { $0.kind == .damagedName }
        // Every name cell (Nom, Prénom, Enfants, Parents) holding a "?" in the re-saved file.
        let lines = String(decoding: damagedFile, as: UTF8.self).components(separatedBy: "\r\n").dropFirst()
        let expected = lines.reduce(0) { count, line in
            let fields = line.dropFirst().dropLast().components(separatedBy: "\";\"")
            guard fields.count == 16 else { return count }
            return count + [3, 4, 11, 12].count { fields[$0].contains("?") }
        }
        #expect(expected > 0)
        #expect(damagedNames.count == expected)
        #expect(damagedNames.allSatisfy { $0.line != nil && $0.column != nil && $0.message.contains("tableur") })
    }

    @Test func aDamagedSpellingNeverReplacesTheStoredOne() throws {
        let fixture = try StoreFixture()
        try fixture.importFiles(export: school.exportFile())
        let names = try fixture.store.pool.read { db in try String.fetchAll(db, sql: "SELECT last_name || ' ' || first_name FROM account ORDER BY id") }
        let links = try fixture.links()
        let summary = try fixture.importFiles(
            export: school.exportFile(encoding: .spreadsheetWindows1252), name: "resave.csv")
        let after = try fixture.store.pool.read { db in try String.fetchAll(db, sql: "SELECT last_name || ' ' || first_name FROM account ORDER BY id") }
        #expect(after == names)
        #expect(!after.contains { NameKey.isDamaged($0) })
        #expect(summary.problems.contains { $0.kind == .keptStoredName && $0.message.contains("est conservée") })
        #expect(try fixture.links() == links)
        #expect(!summary.changes.updated.contains { login in school.person(login: login).map { NameKey.isDamaged($0.lastName) } ?? false })
    }

    @Test func ONDEsResponsablesExtractionGivesAddressesThroughAnyChild() throws {
        let fixture = try StoreFixture()
        let summary = try fixture.importFiles(export: school.exportFile(), addresses: school.responsablesExtraction())
        let a = try #require(summary.addresses)
        let rows = Set(school.addressRows.map(\.parent))
        #expect(a.rows == rows.count)
        // The one responsable the ENT does not know is reported; every other is found.
        #expect(a.unmatched == 1 && a.ambiguous == 0)
        #expect(a.matchedParents == rows.count - 1)
        let registry = school.registry
        #expect(a.withAddress == rows.filter { $0 >= 0 && !registry[$0].noAddress }.count)
        // A responsable known under a usage name differing from the birth name is matched.
        let usage = try #require(rows.first { $0 >= 0 && registry[$0].birthLastName != nil })
        let stored = try fixture.store.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT street, collected_phone FROM account WHERE login = ?", arguments: [school.people[usage].login])
        }
        #expect((stored?[0] as String?) == (registry[usage].noAddress ? nil : school.people[usage].address?.street))
    }

    @Test func pupilsAreReconciledAndHomonymsToldApartByBirthDate() throws {
        let fixture = try StoreFixture()
        let summary = try fixture.importFiles(
            export: school.exportFile(), addresses: school.responsablesExtraction(), pupils: school.pupilsExtraction())
        let p = try #require(summary.pupils)
        #expect(p.school == school.name)
        #expect(p.rows == school.pupilsInRegistry.count + 1)
        #expect(p.withoutAccount == 1)
        #expect(p.notInRegistry == 1)
        #expect(p.classDiffers == 1)
        let missing = try #require(school.pupilMissingFromRegistry)
        #expect(summary.problems.contains { $0.kind == .pupilNotInRegistry && $0.message.contains(missing.printedLogin) && $0.message.hasSuffix("départ de l’école à vérifier") })
        #expect(summary.problems.contains { $0.kind == .pupilWithoutAccount && $0.message.contains("Yasmine HADDAD") })
        // The two Jade Petit of one class: told apart by their birth dates, and by nothing else.
        let jades = try fixture.store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT distinction FROM account WHERE first_name = 'Jade' AND last_name = 'Petit' AND profile = 'student'")
        }
        #expect(jades.count == 2)
        #expect(jades.allSatisfy { $0.contains("née le ") || $0.contains("né le ") }, "\(jades) \(summary.problems.filter { $0.message.contains("Jade") }.map(\.message))")
        #expect(Set(jades).count == 2)
        // Nobody without a homonym of their profile in the school carries a distinction.
        let alone = try fixture.store.pool.read { db in
            try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM account a WHERE a.distinction IS NOT NULL AND NOT EXISTS (
                    SELECT 1 FROM account b WHERE b.id <> a.id AND b.profile = a.profile
                    AND b.first_name = a.first_name AND b.last_name = a.last_name)
                """)!
        }
        #expect(alone == 0)
    }

    @Test func aStoreOfThePreviousReleaseMigrates() throws {
        let folder = try TestFolders.make("sesame-v3")
        let path = folder.appendingPathComponent("sesame.db").path
        do {
            let queue = try DatabaseQueue(path: path)
            try Schema.migrator.migrate(queue, upTo: "v3-tracking")
            try queue.write { db in
                try db.execute(sql: "INSERT INTO import (kind, file_name, sha256, encoding, imported_at) VALUES ('accounts', 'e.csv', 'x', 'UTF-8', 0)")
                try db.execute(sql: "INSERT INTO school (name) VALUES ('École')")
                try db.execute(sql: """
                    INSERT INTO account (school_id, ent_key, profile, profile_rank, last_name, first_name, name_sort, login,
                        functions, is_local_admin, classes, class_sort, children_names, parent_names, first_seen_at,
                        first_import_id, changed_import_id, source_line)
                    VALUES (1, 'k', 'student', 0, 'Petit', 'Jade', 'petit', 'jade.petit', '', 0, 'CM1', '07', '', '', 0, 1, 1, 2)
                    """)
            }
        }
        let store = try Store(path: path)
        let (imports, account, tables) = try store.pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM import WHERE kind = 'accounts'"),
             try Row.fetchOne(db, sql: "SELECT birth_date, distinction FROM account"),
             try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%import'"))
        }
        #expect(imports == 1)
        #expect(account != nil)
        #expect(tables == ["import"])
        try store.pool.write { db in
            try db.execute(sql: "INSERT INTO import (kind, file_name, sha256, encoding, imported_at) VALUES ('pupils', 'p.csv', 'y', 'ISO-8859-1', 0)")
        }
    }
}
