import SesameCore
import Testing

@Suite struct CSVLineTests {
    @Test(arguments: ["=HYPERLINK(\"http://evil.test\";\"x\")", "=cmd|' /C calc'!A0", "+SUM(1)", "-2+3", "@SUM(1+1)", "\tcaché", "\r=1"])
    func aCellASpreadsheetWouldRunIsNeutralisedAndRestored(cell: String) {
        let written = CSVLine.neutralised(cell)
        #expect(written == "'" + cell)
        #expect(CSVLine.restored(written) == cell)
        #expect(CSVLine.make(["a", cell]).hasPrefix("a;'") || CSVLine.make(["a", cell]).hasPrefix("a;\"'"))
    }

    @Test func ordinaryCellsAreWrittenAsTheyAre() {
        for cell in ["Dupont", "O'Brien", "'déjà une apostrophe", "2026-09-15", "CM1 = CM2", ""] {
            #expect(CSVLine.neutralised(cell) == cell)
            #expect(CSVLine.restored(cell) == cell)
        }
        #expect(CSVLine.make(["a;b", "dit \"oui\"", "x"]) == "\"a;b\";\"dit \"\"oui\"\"\";x")
        #expect(CSVLine.make(["=SOMME(A1;A2)", "ligne\nsuivante", "", "é;\r"]) == "\"'=SOMME(A1;A2)\";\"ligne\nsuivante\";;\"é;\r\"")
    }

    /// Lines are written byte by byte: each cell is its neutralised text, quoted (its quotes
    /// doubled) when that text holds a `;`, a quote or a line break, whatever its script.
    @Test func aLineIsItsCellsNeutralisedThenQuotedWhenNeeded() {
        let cells = [
            "", "Zoé", "\"", "\"\"", ";", "=", "=\"x\";1", "-\n", "+;", "@é", "\t\"", "\r", "a\r\nb", "«\u{00A0}guillemets\u{00A0}»",
            "日本;語", "e\u{301}", "'=déjà", "Ǆ\"", "👪;", "=" + String(repeating: "é;", count: 40),
        ]
        func expected(_ cell: String) -> String {
            let written = CSVLine.neutralised(cell)
            guard written.utf8.contains(where: { [59, 34, 10, 13].contains($0) }) else { return written }
            return "\"" + written.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        for first in cells {
            for second in cells {
                #expect(CSVLine.make([first, second]) == expected(first) + ";" + expected(second), "\(first) | \(second)")
            }
        }
    }
}

@Suite struct ProfileCountTests {
    @Test func countsAgreeWithTheirNumber() {
        #expect(Profile.student.counted(1) == "1 élève")
        #expect(Profile.student.counted(16) == "16 élèves")
        #expect(Profile.staff.counted(2) == "2 personnels")
        #expect(Profile.parent.counted(0) == "0 parent")
    }
}

@Suite struct EditDistanceTests {
    @Test func neighboursSwappedCountOnce() {
        #expect(EditDistance.between("hugo.dasliva", "hugo.dasilva", limit: 3) == 1)
        #expect(EditDistance.between("lea.martin", "lea.martin2", limit: 3) == 1)
        #expect(EditDistance.between("abc", "xyz", limit: 2) == nil)
        #expect(EditDistance.between("", "abc", limit: 3) == 3)
    }

    @Test func theClosestKnownLoginIsSuggestedOnlyWhenClose() {
        let known = ["hugo.dasilva", "hugo.petit", "lea.martin"]
        #expect(EditDistance.closest(to: "hugo.dasliva", among: known) == "hugo.dasilva")
        #expect(EditDistance.closest(to: "lea.matrin", among: known) == "lea.martin")
        #expect(EditDistance.closest(to: "inconnu.total", among: known) == nil)
    }
}
