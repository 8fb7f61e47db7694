import Foundation
import SesameTestSupport
import GRDB
import SesameCore
import SesameFixtures
import SesameImport
@testable import SesameStore

/// A store in a fresh temporary folder, and imports done the way the CLI does them.
struct StoreFixture {
    let folder: URL
    let store: Store

    init() throws {
        folder = try TestFolders.make("sesame-tests")
        store = try Store(path: folder.appendingPathComponent("sesame.db").path)
    }

    @discardableResult
    func importFiles(export: Data? = nil, name: String = "export.csv", school: String? = nil, addresses: Data? = nil,
                     pupils: Data? = nil, now: Date = Date()) throws -> ImportSummary {
        let exportInput = try export.map { data in
            try ENTExportReader(data: data, fileName: name).input(defaultSchool: school)
        }
        let addressInput = try addresses.map { data in
            try AddressFileReader(data: data, fileName: "adresses.csv").input(data: data)
        }
        let pupilInput = try pupils.map { data in
            try PupilFileReader(data: data, fileName: "eleves.csv").input(data: data, school: nil)
        }
        return try store.importFiles(export: exportInput, addresses: addressInput, pupils: pupilInput, now: now)
    }

    /// Every row of every data table, to compare the store before and after.
    func dump(excluding: Set<String> = ["import"]) throws -> String {
        try store.pool.read { db in
            var out = ""
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'grdb%' ORDER BY name")
            where !excluding.contains(table) {
                out += "## \(table)\n"
                let order = try db.columns(in: table).count > 1 ? "1, 2" : "1"
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY \(order)") { out += "\(row)\n" }
            }
            return out
        }
    }

    /// (parent login, child login) pairs stored.
    func links() throws -> Set<[String]> {
        try store.pool.read { db in
            Set(try Row.fetchAll(db, sql: """
                SELECT COALESCE(p.alias, p.login), COALESCE(c.alias, c.login) FROM parent_child pc
                JOIN account p ON p.id = pc.parent_id JOIN account c ON c.id = pc.child_id
                """).map { [$0[0], $0[1]] })
        }
    }
}

extension GeneratedSchool {
    /// The parent–child pairs the export describes, by printed login (children who left excluded).
    var trueLinks: Set<[String]> {
        var links: Set<[String]> = []
        for parent in people where parent.profile == .parent {
            for c in parent.children where !people[c].isGhost { links.insert([parent.printedLogin, people[c].printedLogin]) }
        }
        return links
    }
}
