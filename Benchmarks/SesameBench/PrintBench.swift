import Foundation
import SesameCore
import SesameFixtures
import SesameImport
import SesameStore

/// Printing, side by side in one run with what a developer would pick instead: the same
/// letters drawn with ReportLab's canvas (`Benchmarks/reportlab_letters.py`) and, for the
/// smaller run, rendered by wkhtmltopdf from one HTML document (it holds the whole document
/// in memory, so 100,000 pages are not asked of it). Targets: ≥ 3× ReportLab, ≥ 5×
/// wkhtmltopdf, memory flat (≤ 200 MiB at 100,000 letters). The references print each
/// school's pickup sheet before its letters, as Sésame does, and their page counts are
/// checked (every letter, and a sheet for every school), so that no side does less work.
struct PrintBench {
    let options: Options

    init(_ options: Options) {
        self.options = options
    }

    func run() throws {
        // The smaller run is measured five times in turn, each side's median kept.
        for (size, rounds) in [(options.letters, 5), (100_000, 1)] {
            let run = try prepare(letters: size, name: "print-\(size)")
            let written = try ReferenceLetters.write(db: run.db, into: run.folder)
            guard written.letters == run.letters else { throw BenchError.failed("\(written.letters) reference letters for \(run.letters)") }
            let least = written.letters + written.batches
            var referencePages = [String: Int]()
            let ourFolder = run.folder.appendingPathComponent("sesame")
            var peak = 0.0
            let ours = {
                try? FileManager.default.removeItem(at: ourFolder)
                let printed = try Measure.sesame(["print", "--db", run.db, "--out", ourFolder.path])
                guard printed.status == 0 else { throw BenchError.failed("sesame print") }
                peak = max(peak, printed.peakMiB)
                return printed.seconds
            }
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("reportlab_letters.py")
            let reportlabPDF = run.folder.appendingPathComponent("reportlab.pdf")
            let reportlab = {
                let seconds = try Measure.reference(
                    "/usr/bin/python3", [script.path, run.folder.appendingPathComponent("lettres.tsv").path, run.folder.appendingPathComponent("qr.png").path, reportlabPDF.path],
                    package: "python3-reportlab").seconds
                referencePages["ReportLab"] = try check(reportlabPDF, least: least, by: "ReportLab")
                return seconds
            }
            // wkhtmltopdf holds the whole document in memory: 100,000 pages are not asked of it.
            let wkPDF = run.folder.appendingPathComponent("wkhtmltopdf.pdf")
            let wkhtmltopdf = {
                let seconds = try Measure.reference(
                    "/usr/bin/wkhtmltopdf",
                    ["-q", "--enable-local-file-access", "--page-size", "A4", "--margin-top", "0", "--margin-bottom", "0", "--margin-left", "0", "--margin-right", "0",
                     run.folder.appendingPathComponent("lettres.html").path, wkPDF.path],
                    package: "wkhtmltopdf", environment: ["QT_QPA_PLATFORM": "offscreen"]).seconds
                referencePages["wkhtmltopdf"] = try check(wkPDF, least: least, by: "wkhtmltopdf")
                return seconds
            }
            let withWkhtmltopdf = size < 100_000
            let times = try Measure.medians(rounds: rounds, withWkhtmltopdf ? [ours, reportlab, wkhtmltopdf] : [ours, reportlab])
            let median = rounds > 1 ? " (median of \(rounds) runs in turn)" : ""
            print("\(run.letters) letters, one A4 letter a page with its QR code\(median):")
            print("  sesame print: \(Measure.format(times[0])), \(pages(in: ourFolder)) pages with the packets' pickup sheets, peak \(Int(peak)) MiB")
            print("  ReportLab canvas: \(Measure.format(times[1])), \(referencePages["ReportLab"] ?? 0) pages with the same sheets")
            print(Measure.ratio("Sésame vs ReportLab", ours: times[0], reference: times[1], target: 3, speedUp: true))
            guard withWkhtmltopdf else { continue }
            print("  wkhtmltopdf: \(Measure.format(times[2])), \(referencePages["wkhtmltopdf"] ?? 0) pages with the same sheets")
            print(Measure.ratio("Sésame vs wkhtmltopdf", ours: times[0], reference: times[2], target: 5, speedUp: true))
        }
    }

    /// A reference's PDF has a page per letter and at least one per sheet, or its figure
    /// means nothing; returns its pages.
    private func check(_ pdf: URL, least: Int, by name: String) throws -> Int {
        let count = pages(in: pdf.deletingLastPathComponent(), named: pdf.lastPathComponent)
        guard count >= least else { throw BenchError.failed("\(name) made \(count) pages, fewer than its letters and sheets (\(least))") }
        return count
    }

    /// A store with about `letters` letters planned at the office of a few schools (every
    /// account but the teachers, activated ones getting a reminder), its settings written.
    private func prepare(letters: Int, name: String) throws -> (db: String, folder: URL, letters: Int) {
        let folder = options.work.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let export = folder.appendingPathComponent("export.csv")
        _ = try AcademyGenerator.writeExport(accounts: letters * 102 / 100, seed: 7, to: export)
        let db = folder.appendingPathComponent("sesame.db").path
        guard try Measure.sesame(["import", export.path, "--db", db]).status == 0 else { throw BenchError.failed("import") }
        var settings = Settings()
        settings.ent.name = "e-primO"
        settings.ent.url = "https://www.e-primo.fr"
        settings.schools = try Store(path: db).schools().map { Settings.School(name: $0.name, address: "1 place de la Mairie", city: "Nantes", director: "Anne Roux") }
        try SettingsFile.write(settings, to: SettingsFile.location(forStore: db))
        let plan = try Measure.sesame(["plan", "--db", db, "--strategy", "bureau", "--activation", "all"])
        guard plan.status == 0 else { throw BenchError.failed("plan") }
        let count = try Store(path: db).planOverview(1).letters
        return (db, folder, count)
    }

    /// Pages of the PDFs of a folder and its subfolders (one per school), read with pdfinfo.
    private func pages(in folder: URL, named: String? = nil) -> Int {
        let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
        return files.filter { $0.hasSuffix(".pdf") && (named == nil || $0 == named) && !$0.hasPrefix("sesame/") }.reduce(0) { total, file in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/pdfinfo")
            process.arguments = [folder.appendingPathComponent(file).path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try? process.run()
            let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            let line = text.split(separator: "\n").first { $0.hasPrefix("Pages:") } ?? ""
            return total + (Int(line.split(separator: " ").last ?? "") ?? 0)
        }
    }
}
