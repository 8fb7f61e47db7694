import Testing
@testable import SesameCore

@Suite struct ImportReportTests {
    /// A file with a hundred damaged names lists twenty, then says how many more of which kind.
    @Test func problemsBeyondTwentyOfAKindAreCountedByName() {
        var summary = ImportSummary()
        summary.problems = (1...100).map {
            ImportProblem(kind: .damagedName, file: "eleves.csv", line: $0 + 1, column: 2, message: "« NGUY?N » a perdu une lettre")
        } + [ImportProblem(kind: .duplicateRow, file: "eleves.csv", line: 200, message: "doublon de la ligne 3 ; ignoré")]
        let lines = ImportReport(summary).text.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.contains("NGUY?N") }.count == 20)
        #expect(lines.contains("  … noms qui ont perdu des lettres : 80 de plus (--format json les donne tous)"))
        #expect(lines.contains { $0.hasPrefix("  eleves.csv:200 : doublon") })
    }

    /// The report is also the web page's before an import is confirmed: what to do is said
    /// in words, not as a command.
    @Test func lettersToRemakeAreLeftToTheNextFollowUp() {
        var summary = ImportSummary()
        summary.file = "export.csv"
        summary.deliveries.toRemake = ["lea.martin"]
        let lines = ImportReport(summary).lines
        #expect(lines.contains("Plans : 1 lettre déjà remise ou envoyée porte un code qui a changé, à refaire par la prochaine relance : lea.martin"))
        #expect(!lines.contains { $0.contains("sesame") })
    }
}
