import Foundation
import GRDB
import Synchronization
import SesameCore
import SesameFixtures
import SesameImport
import Testing
@testable import SesameStore

/// A store's first import writes through a rollback journal, into the file itself; the store
/// is in WAL mode again afterwards, and other commands wait for it as for any write.
@Suite struct FirstLoadJournalTests {
    let school = SchoolGenerator().generate()

    private func bytes(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }

    private func journalMode(_ store: Store) throws -> String? {
        try store.pool.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
    }

    @Test func aFirstImportWritesTheFileItselfAndLeavesItInWALMode() throws {
        let fixture = try StoreFixture()
        try fixture.importFiles(export: school.exportFile())
        let path = fixture.store.path
        // Through the WAL, the WAL would hold every page the import wrote.
        #expect(bytes(path + "-wal") < bytes(path) / 4)
        #expect(try journalMode(fixture.store) == "wal")
        // Another command opens it and reads (its readers open read-only: the WAL file must exist).
        let other = try Store(path: path)
        #expect(try other.schools().map(\.name) == [school.name])
        #expect(try journalMode(other) == "wal")
        // Imports go on through the WAL, with the other command's connection open.
        var changed = school
        let pending = try #require(changed.exportOrder.first { changed.people[$0].activationCode != nil && changed.people[$0].profile == .parent })
        changed.people[pending].activationCode = nil
        #expect(try fixture.importFiles(export: changed.exportFile(), name: "export-2.csv").changes.activated.count == 1)
        #expect(try journalMode(fixture.store) == "wal")
    }

    @Test func aFirstImportThatFailsLeavesTheStoreEmptyAndInWALMode() throws {
        let fixture = try StoreFixture()
        var broken = school.exportFile()
        broken.append(contentsOf: Data("\"x\";\"\";\"Élève\";\"Roux\n".utf8))  // an unterminated quote at the end
        #expect(throws: ImportError.self) { try fixture.importFiles(export: broken) }
        #expect(try fixture.store.schools().isEmpty)
        #expect(try journalMode(fixture.store) == "wal")
        try fixture.importFiles(export: school.exportFile())
        #expect(try fixture.store.schools().map(\.name) == [school.name])
    }

    @Test func anImportIntoAStoreAnotherCommandHasOpenGoesThroughTheWAL() throws {
        let fixture = try StoreFixture()
        let other = try Store(path: fixture.store.path)
        #expect(try other.schools().isEmpty)
        try fixture.importFiles(export: school.exportFile())
        #expect(bytes(fixture.store.path + "-wal") > bytes(fixture.store.path) / 2)
        #expect(try other.schools().map(\.name) == [school.name])
    }

    @Test func aCommandOpeningTheStoreDuringAFirstImportWaitsForIt() throws {
        let fixture = try StoreFixture()
        let (paused, resume, waited) = (DispatchSemaphore(value: 0), DispatchSemaphore(value: 0), DispatchSemaphore(value: 0))
        let (export, store) = (school.exportFile(), fixture.store)
        let imported = Mutex<Result<ImportSummary, any Error>?>(nil)
        let importing = Thread {
            imported.withLock { result in
                result = Result {
                    // The export stops at its 20th row until told to go on, its transaction open.
                    var input = try ENTExportReader(data: export, fileName: "export.csv").input(defaultSchool: nil)
                    let read = input.read
                    input.read = { emit in
                        var items = 0
                        try read { item in
                            items += 1
                            if items == 20 {
                                paused.signal()
                                resume.wait()
                            }
                            try emit(item)
                        }
                    }
                    return try store.importFiles(export: input, addresses: nil)
                }
            }
        }
        importing.start()
        paused.wait()
        // The import holds the file in a rollback journal: another command opening it waits,
        // says so once, and opens it once the import is done.
        let waitings = Mutex(0)
        let opened = Mutex<Result<[String], any Error>?>(nil)
        let opening = Thread {
            opened.withLock { result in
                result = Result {
                    let other = try Store(path: store.path) {
                        waitings.withLock { $0 += 1 }
                        waited.signal()
                    }
                    return try other.schools().map(\.name)
                }
            }
        }
        opening.start()
        // Not a measure: a store that did not make it wait must not hang the test.
        _ = waited.wait(timeout: .now() + 60)
        resume.signal()
        while opened.withLock({ $0 == nil }) || imported.withLock({ $0 == nil }) { Thread.sleep(forTimeInterval: 0.01) }
        #expect(try imported.withLock { try $0!.get() }.accounts == school.people.count { !$0.isGhost })
        #expect(try opened.withLock { try $0!.get() } == [school.name])
        #expect(waitings.withLock { $0 } == 1)
    }
}
