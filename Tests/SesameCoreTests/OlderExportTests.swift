import Testing
@testable import SesameCore

@Suite struct OlderExportTests {
    /// Minutes against seconds, or the hour that repeats when the clocks go back, are no sign
    /// of an older file; a login the file does not have at all is.
    @Test func anOlderExportIsToldByLoginsHoursLaterOnly() {
        var older = OlderExport()
        let stored = 1_790_000_000.0
        older.compare(stored - 59, stored: stored, login: "secondes")
        older.compare(stored - 3600, stored: stored, login: "heure-repetee")
        older.compare(nil, stored: nil, login: "jamais")
        older.compare(stored + 86_400, stored: stored, login: "plus-recent")
        #expect(older.count == 0 && older.example == nil)
        older.compare(stored - 3 * 3600, stored: stored, login: "avant")
        older.compare(nil, stored: stored + 60, login: "inconnu")
        #expect(older.count == 2 && older.example?.login == "inconnu")
    }
}
