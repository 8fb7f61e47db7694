import Foundation
import Testing
@testable import SesameCore

@Suite struct NameKeyTests {
    @Test func looseKeysBothWaysAreTheKeysOfTheNamesJoined() {
        let names = [("Léa", "O’Connor"), ("He\u{301}loi\u{308}se", "Nguyễn"), ("Zoé", "Lœuillet"), ("", "Roux"), ("Jean-Luc", "?ayed"), ("\u{301}", "x")]
        for (first, last) in names {
            let keys = NameKey.looseBothWays(first, last)
            #expect(keys.firstLast == NameKey.loose(first + last) && keys.lastFirst == NameKey.loose(last + first))
        }
    }

    /// The key made from the bytes of Latin-1 text is the key made scalar by scalar.
    @Test func latin1NamesAreKeyedFromTheirBytesAsScalarByScalar() {
        var texts = ["", " ", "Léa", "  Élodie   LEFÈVRE\t", "O'Connor", "D`Alembert", "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞß", "àÿ÷\n\r\u{0B}\u{0C}x"]
        // Every Latin-1 letter and sign (U+00C0–U+00FF) and every ASCII character, between letters.
        texts += (0xC0...0xFF).map { "a\(Character(Unicode.Scalar($0)!))Z" }
        texts += (0x00...0x7F).map { "Ab\(Character(Unicode.Scalar($0)!))Cd" }
        for text in texts {
            #expect(NameKey.latin1Exact(text) == NameKey.scalarwiseExact(text), "\(text.unicodeScalars.map(\.value))")
        }
        // Anything else is keyed scalar by scalar, and exact() still gives its key.
        for text in ["N’Diaye", "Nguyễn", "Lœuillet", "He\u{301}loi\u{308}se", "Anne\u{A0}Roux", "µ", "Trần Ben–Salah"] {
            #expect(NameKey.latin1Exact(text) == nil)
            #expect(NameKey.exact(text) == NameKey.scalarwiseExact(text))
        }
    }

    /// A damaged name is found from its bytes: "?" anywhere, U+FFFD (EF BF BD) and no other
    /// character whose UTF-8 starts with 0xEF, in short (inline) and long strings alike.
    @Test func damagedNamesAreFoundByTheirBytes() {
        for text in ["?", "Nguy?n", "?ayed", "Tr?", "\u{FFFD}", "Nguy\u{FFFD}n", "Jean-Baptiste-Marie de La Trémoïlle\u{FFFD}"] {
            #expect(NameKey.isDamaged(text), "\(text)")
        }
        // U+FB01 (ﬁ) is EF AC 81 and U+FF21 (Ａ) EF BC A1: lead byte 0xEF, not a lost letter.
        for text in ["", "Nguyễn", "Léa", "\u{FB01}lomène", "\u{FF21}nne", "Jean-Baptiste-Marie de La Trémoïlle\u{FF21}"] {
            #expect(!NameKey.isDamaged(text), "\(text)")
        }
    }

    @Test func composedAndDecomposedAccentsCompareEqual() {
        let composed = "Héloïse Lefèvre"
        let decomposed = composed.decomposedStringWithCanonicalMapping
        #expect(composed.unicodeScalars.count != decomposed.unicodeScalars.count)
        #expect(NameKey.exact(composed) == NameKey.exact(decomposed))
    }

    @Test func exactKeyIgnoresCaseSpacingAndApostropheStyle() {
        #expect(NameKey.exact("Léa  O’Connor ") == NameKey.exact("LÉA O'CONNOR"))
        #expect(NameKey.exact("Benoît–Hamon") == NameKey.exact("benoît-hamon"))
    }

    @Test func exactKeyKeepsAccents() {
        #expect(NameKey.exact("Léa") != NameKey.exact("Lea"))
        #expect(NameKey.loose("Léa") == NameKey.loose("Lea"))
    }

    @Test func looseKeyDropsPunctuationAndExpandsLigatures() {
        #expect(NameKey.loose("De La Fontaine") == "delafontaine")
        #expect(NameKey.loose("N'Diaye") == "ndiaye")
        #expect(NameKey.loose("Lœuillet") == "loeuillet")
    }

    @Test func aKeyMayBeLongerThanItsNameWhateverTheScript() {
        // A Hangul syllable (3 bytes) is three jamo apart (9 bytes): a three-syllable Korean
        // name once outgrew the room its key was made in and stopped the program.
        let name = "김민준"
        let key = NameKey.loose(name)
        #expect(key.unicodeScalars.count == 9)
        #expect(key.utf8.count == 3 * name.utf8.count)
        #expect(NameKey.loose("박 " + name + " 이") == NameKey.loose("박") + key + NameKey.loose("이"))
        #expect(NameKey.exact(String(repeating: "İ", count: 40)) == String(repeating: "i\u{307}", count: 40))
    }

    @Test(arguments: [
        ("Nguy?n", "Nguyễn", true),
        ("C?urdevey", "Cœurdevey", true),
        ("Tr?n", "Trần", true),
        ("Nguy?n", "Nguyen", true),
        ("Nguy?n", "Nguyenne", false),
        ("Martin", "Martine", false),
    ])
    func questionMarkStandsForALostCharacter(written: String, actual: String, same: Bool) {
        #expect(NameKey.looseEqual(NameKey.loose(written), NameKey.loose(actual)) == same)
    }

    @Test func personSortKeyOrdersByLastNameThenFirstName() {
        let keys = [("Émile", "Zola"), ("Anne", "Le Goff"), ("Zoé", "Leroy"), ("Adam", "Leroy")]
            .map { NameKey.person(lastName: $0.1, firstName: $0.0, tieBreaker: "") }
        #expect(keys.sorted() == [keys[1], keys[3], keys[2], keys[0]])
    }
}

@Suite struct ClassLevelTests {
    @Test(arguments: [
        ("CP A", ClassLevel.cp), ("CM1-CM2", .cm1), ("MS-GS", .ms), ("CM1 Mme Roux", .cm1),
        ("PS de Carole", .ps), ("ce2", .ce2), ("TPS-PS", .tps),
    ])
    func readsTheYoungestLevel(name: String, level: ClassLevel) {
        #expect(ClassLevel.youngest(in: name) == level)
    }

    @Test func classWithoutLevelHasNone() {
        #expect(ClassLevel.youngest(in: "ULIS") == nil)
        #expect(ClassLevel.youngest(in: "UPE2A") == nil)
    }

    @Test func sortKeysFollowSchoolOrder() {
        let names = ["CM2", "ULIS", "CP B", "GS", "CE1-CE2", "CP A", "PS"]
        let sorted = names.sorted { ClassLevel.sortKey(forClass: $0) < ClassLevel.sortKey(forClass: $1) }
        #expect(sorted == ["PS", "GS", "CP A", "CP B", "CE1-CE2", "CM2", "ULIS"])
    }

    @Test func someoneInNoClassSortsLast() {
        #expect(ClassLevel.sortKey(forClasses: []) > ClassLevel.sortKey(forClasses: ["ULIS"]))
        #expect(ClassLevel.sortKey(forClasses: ["CM2", "CP"]) == ClassLevel.sortKey(forClass: "CP"))
    }
}

@Suite struct ProfileTests {
    @Test(arguments: [
        ("Élève", Profile.student), ("Eleve", .student), ("Student", .student), ("Relative", .parent),
        ("Parent", .parent), ("Enseignant", .teacher), ("Teacher", .teacher), ("Personnel", .staff),
        ("staff", .staff), ("Invité", .guest), ("Guest", .guest), ("ÉLÈVE", .student),
    ])
    func parsesFrenchAndEnglishNames(text: String, profile: Profile) {
        #expect(Profile(parsing: text) == profile)
    }

    @Test func rejectsUnknownProfiles() {
        #expect(Profile(parsing: "Tuteur") == nil)
        #expect(Profile(parsing: "") == nil)
    }
}

@Suite struct EmailAddressTests {
    @Test(arguments: ["lea.martin@orange.fr", "YANIS.DURAND@SFR.FR", "a+b@sub.domaine-ecole.fr", " x@y.fr "])
    func acceptsDeliverableAddresses(text: String) {
        #expect(EmailAddress(text) != nil)
    }

    @Test func lowerCasesAndTrims() {
        #expect(EmailAddress(" Lea.MARTIN@Orange.FR")?.value == "lea.martin@orange.fr")
    }

    @Test(arguments: [
        "à demander", "jean.dupont@", "@orange.fr", "martin chez orange", "a@b", "a@@b.fr", "a..b@c.fr",
        "a@-b.fr", "a@b.f", "lea\r\nBcc: x@y.fr", "a@b.123", "",
    ])
    func rejectsWhatCannotBeDelivered(text: String) {
        #expect(EmailAddress(text) == nil)
    }
}

@Suite struct TextNormalizationTests {
    @Test func whitespaceIsUnicodesOnEveryScalar() {
        var spaces = 0
        for value in 0...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(TextNormalization.isWhitespace(scalar) == scalar.properties.isWhitespace, "U+\(String(value, radix: 16))")
            if scalar.properties.isWhitespace { spaces += 1 }
        }
        #expect(spaces == 25)
    }

    /// A cell found clean in one pass is what trimming, restoring and composing it give; the
    /// others go through them.
    @Test func aCleanCellIsWhatNormalisingItGives() {
        let clean = ["Martin", "léa.martin", "CE1", "Léa Lefèvre", "x", "ADMIN_LOCAL", "06 12 34 56 78", "a'b"]
        // Accented ends and letters beyond Latin-1 (a byte from 0xCC up) take the long way.
        let unclean = [
            "", " ", " Martin", "Martin ", "Martin\t", "\u{A0}Léa", "'=1+2", "'Martin", "Le\u{301}a", "Chloé", "Élodie", "Ô",
            "Nguyễn Văn", "O’Connor", "\u{3000}CP", "CE1\r",
        ]
        for cell in clean {
            #expect(TextNormalization.isClean(cell), "\(cell)")
            #expect(TextNormalization.composed(TextNormalization.trimmed(CSVLine.restored(cell))) == cell, "\(cell)")
        }
        for cell in unclean {
            #expect(!TextNormalization.isClean(cell), "\(cell.unicodeScalars.map(\.value))")
        }
    }
}

@Suite struct SchoolCalendarTests {
    private func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test func readsEntcoreTimestamps() {
        #expect(SchoolCalendar.parse("2026-11-09T14:12:00.000+01:00") == utc("2026-11-09T13:12:00Z"))
        #expect(SchoolCalendar.parse("2026-11-09T14:12:00Z") == utc("2026-11-09T14:12:00Z"))
    }

    @Test func readsDaysInParisTime() {
        #expect(SchoolCalendar.parse("2026-09-01") == utc("2026-08-31T22:00:00Z"))
        #expect(SchoolCalendar.parse("01/09/2026") == utc("2026-08-31T22:00:00Z"))
        #expect(SchoolCalendar.parse("15/01/2026 08:30") == utc("2026-01-15T07:30:00Z"))
    }

    /// A French spreadsheet's two-digit years (LibreOffice shows « 10/09/22 »): this century.
    @Test func readsTwoDigitYears() {
        #expect(SchoolCalendar.parse("10/09/22") == SchoolCalendar.parse("2022-09-10"))
        #expect(SchoolCalendar.parse("01/09/26 08:05") == utc("2026-09-01T06:05:00Z"))
    }

    @Test(arguments: ["31/02/2026", "2026-13-01", "demain", "2026-09-01T25:00", "1/9/2026", "2026-09-01x", "10/09/2", "10/09/202", "10.09.22", "31/02/26"])
    func rejectsWhatIsNotADate(text: String) {
        #expect(SchoolCalendar.parse(text) == nil)
    }

    /// Dates counted from the day at the day's offset are the calendar's: every day of
    /// 1995–2035 at four times, the days the clocks change included, and days that do not exist.
    @Test func countedDatesAreTheCalendarsOnEveryDay() {
        let paris = SchoolCalendar.timeZone
        var compared = 0
        for year in 1995...2035 {
            for month in 1...12 {
                for day in [1, 15, 25, 26, 27, 28, 29, 30, 31] {
                    for (hour, minute) in [(0, 0), (2, 30), (12, 34), (23, 59)] {
                        let parts = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute)
                        #expect(SchoolCalendar.instant(parts, in: paris) == SchoolCalendar.calendarInstant(parts, in: paris), "\(parts)")
                        compared += 1
                    }
                }
            }
        }
        let fixed = TimeZone(secondsFromGMT: 5 * 3600 + 30 * 60)!
        let parts = DateComponents(year: 2026, month: 3, day: 29, hour: 2, minute: 30, second: 15)
        #expect(SchoolCalendar.instant(parts, in: fixed) == SchoolCalendar.calendarInstant(parts, in: fixed))
        #expect(SchoolCalendar.parse("29-02-2024 10:00") != nil && SchoolCalendar.parse("29-02-2026 10:00") == nil)
        #expect(compared == 41 * 12 * 9 * 4)
    }

    @Test func writesFrenchAndISODays() {
        let date = utc("2026-09-14T06:00:00Z")
        #expect(SchoolCalendar.frenchDate(date) == "14/09/2026")
        #expect(SchoolCalendar.isoDay(date) == "2026-09-14")
    }
}
