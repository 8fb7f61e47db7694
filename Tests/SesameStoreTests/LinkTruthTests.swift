import Foundation
import GRDB
import SesameCore
import SesameFixtures
import Testing
@testable import SesameStore

/// A wrong parent–child link hands a code to another family: many generated schools, each
/// imported from an export in one of the encodings schools send (a spreadsheet's Windows-1252
/// and ISO-8859-1 lose the letters of « Nguyễn » or « Lœuillet ») with a family file in one of
/// its two formats, against the links and addresses the generator made.
@Suite struct LinkTruthTests {
    @Test(arguments: Array(UInt64(1)...UInt64(60)))
    func noLinkOrAddressGoesToAnotherFamilyAndEveryLinkNotMadeIsReported(seed: UInt64) throws {
        var options = SchoolGenerator.Options()
        options.seed = seed
        let school = SchoolGenerator(options).generate()
        let fixture = try StoreFixture()
        let encodings: [FileEncoding] = [.utf8BOM, .spreadsheetWindows1252, .isoLatin1]
        let summary = try fixture.importFiles(
            export: school.exportFile(encoding: encodings[Int(seed % 3)]),
            addresses: seed % 2 == 0 ? school.responsablesExtraction() : school.addressFile())

        let links = try fixture.links()
        #expect(links.isSubset(of: school.trueLinks), "links to another family: \(links.subtracting(school.trueLinks))")
        // Links are never guessed: one not made (homonyms, a name that lost letters) is named
        // in the report, by the parent's or the child's login.
        let reported = summary.problems.map(\.message).joined(separator: "\n")
        for missing in school.trueLinks.subtracting(links) {
            #expect(reported.contains("(\(missing[0]))") || reported.contains("(\(missing[1]))"), "\(missing) not reported")
        }

        let streets = try fixture.store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT COALESCE(alias, login), street FROM account WHERE street IS NOT NULL").map { ($0[0] as String, $0[1] as String) }
        }
        #expect(streets.count > school.people(.parent).count / 2)
        // An address that lost a letter is stored as it is, and reported for mending.
        let damagedAddresses = summary.problems.filter { $0.kind == .damagedAddress }.map(\.message).joined(separator: "\n")
        for (_, street) in streets where street.contains("?") {
            #expect(damagedAddresses.contains("« \(street) »"))
        }
        for (login, street) in streets {
            // ISO-8859-1 has no typographic apostrophe: ONDE's « l’Église » arrives as « l?Église ».
            let own = try #require(school.person(login: login)?.address?.street)
            #expect(own.replacingOccurrences(of: "’", with: "?") == street.replacingOccurrences(of: "’", with: "?"), "\(login): \(street)")
        }
    }

    /// A season's exports alternate between a clean one and one a spreadsheet damaged: a
    /// damaged one after a clean one loses no link and stores no damaged spelling; a clean one
    /// after a damaged one makes every link the clean one alone makes.
    @Test(arguments: Array(UInt64(1)...UInt64(20)))
    func aCleanAndADamagedExportInEitherOrderLinkAsTheCleanOneAlone(seed: UInt64) throws {
        var options = SchoolGenerator.Options()
        options.seed = seed
        let school = SchoolGenerator(options).generate()
        let later = school.later(activated: 0.3, newCodes: 5)
        let clean = try StoreFixture()
        try clean.importFiles(export: school.exportFile(encoding: .utf8BOM))
        let cleanLinks = try clean.links()

        let damagedFirst = try StoreFixture()
        try damagedFirst.importFiles(
            export: school.exportFile(encoding: .spreadsheetWindows1252), addresses: school.responsablesExtraction(), pupils: school.pupilsExtraction())
        try damagedFirst.importFiles(export: later.exportFile(encoding: .utf8BOM), name: "later.csv")
        let mended = try damagedFirst.links()
        #expect(mended.isSubset(of: school.trueLinks) && cleanLinks.isSubset(of: mended), "\(mended.symmetricDifference(cleanLinks))")

        // Windows-1252 has no « ễ »: the damaged export has names with a « ? ».
        #expect(later.exportFile(encoding: .spreadsheetWindows1252).contains(UInt8(ascii: "?")))
        let cleanFirst = try StoreFixture()
        try cleanFirst.importFiles(export: school.exportFile(encoding: .utf8BOM), addresses: school.addressFile(), pupils: school.pupilsExtraction())
        try cleanFirst.importFiles(export: later.exportFile(encoding: .spreadsheetWindows1252), name: "later.csv")
        let kept = try cleanFirst.links()
        #expect(kept.isSubset(of: school.trueLinks) && cleanLinks.isSubset(of: kept), "\(kept.symmetricDifference(cleanLinks))")
        let damagedNames = try cleanFirst.store.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account WHERE last_name LIKE '%?%' OR first_name LIKE '%?%'")!
        }
        #expect(damagedNames == 0)
    }
}
