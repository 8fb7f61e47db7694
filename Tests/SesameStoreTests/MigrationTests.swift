import Foundation
import GRDB
import SesameCore
import SesameTestSupport
import Testing
@testable import SesameStore

/// A store written by the previous release (`Resources/store-v4.sql`, migrations v1 to v4,
/// kept as it was) opened by today's Sésame: migrated, nothing lost, every command works.
@Suite struct MigrationTests {
    private func previousReleaseStore() throws -> String {
        let folder = try TestFolders.make("sesame-v4")
        let path = folder.appendingPathComponent("sesame.db").path
        let sql = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Resources/store-v4.sql"), encoding: .utf8)
        try DatabaseQueue(path: path).writeWithoutTransaction { try $0.execute(sql: sql) }
        return path
    }

    @Test func theStoreOfThePreviousReleaseMigratesWithEverythingInIt() throws {
        let store = try Store(path: try previousReleaseStore())
        let applied = try store.pool.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") }
        #expect(applied == [
            "v1-accounts", "v2-plans", "v3-tracking", "v4-registry", "v5-identity", "v6-event-command", "v7-web", "v8-teachers-by-school",
        ])
        // Its teachers are found by school, as before by class.
        let teachers = try store.pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM class_teacher ct JOIN class c ON c.id = ct.class_id WHERE ct.school_id = c.school_id"),
             try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM account_class ac JOIN account a ON a.id = ac.account_id
                WHERE a.profile = 'teacher' AND a.removed_import_id IS NULL
                """))
        }
        #expect(teachers.0 == teachers.1 && (teachers.0 ?? 0) > 0)
        #expect(try store.identity().count == 24)
        #expect(try store.accounts(matching: AccountFilter()).count == 30)
        let plan = try store.plan(try store.latestPlanID())
        let states = plan.batches.flatMap(\.deliveries).map(\.state)
        #expect(states.filter { $0 == .handedOver }.count == 3 && states.contains(.issued))
        // The old records can be undone: before v6, only `record` wrote a hand-over.
        let recorded = try store.outcomesToUndo(.lastRecord, plan: nil)
        #expect(recorded.count == 3 && recorded.allSatisfy { $0.recorded == .handedOver && $0.before == .issued })
        try store.undo(.accounts([recorded[0].login]), plan: nil, actor: "test", reason: "migration")
        // New records are written, with the command that wrote them.
        let issued = try #require(plan.batches.flatMap(\.deliveries).first { $0.state == .issued })
        _ = try store.record(.absent, .accounts([issued.login]), plan: nil, actor: "test", note: nil)
        let command = try store.pool.read { try String.fetchOne($0, sql: "SELECT command FROM event ORDER BY id DESC LIMIT 1") }
        #expect(command == "record")
    }

    @Test func migrationsOnceShippedAreNeverEdited() throws {
        // The previous release's schema, as its migrations made it, equals what today's migrator makes up to v4.
        let old = try DatabaseQueue(path: try previousReleaseStore())
        let fresh = try DatabaseQueue()
        try Schema.migrator.migrate(fresh, upTo: "v4-registry")
        func schema(_ queue: DatabaseQueue) throws -> [String] {
            try queue.read { try String.fetchAll($0, sql: "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'grdb%' ORDER BY name") }
        }
        #expect(try schema(old) == schema(fresh))
    }

    /// A store a newer Sésame migrated (a director's other computer, a copy going back) is
    /// refused, untouched: this version would write it without knowing its rules.
    @Test func aStoreFromANewerVersionIsRefusedAndLeftAlone() throws {
        let fixture = try StoreFixture()
        try fixture.store.pool.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99-future')") }
        let migrations = { try fixture.store.pool.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations ORDER BY 1") } }
        let before = (try fixture.dump(excluding: []), try migrations())
        #expect(throws: StoreError.newerStore(path: fixture.store.path)) { try Store(path: fixture.store.path) }
        #expect(StoreError.newerStore(path: "s.db").userMessage.contains("version plus récente de Sésame : mettez Sésame à jour"))
        #expect(try fixture.dump(excluding: []) == before.0 && migrations() == before.1)
    }
}
