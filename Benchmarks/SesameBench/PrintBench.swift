import Foundation
import SesameCore
import SesameFixtures
import SesameImport
import SesameStore

/// Issue 4's targets: the same 1,000 letters rendered by Sésame and by wkhtmltopdf (Debian's
/// package, from an equivalent HTML letter), Sésame at least twice as fast; then 100,000
/// letters with flat memory (≤ 200 MiB peak).
struct PrintBench {
    let options: Options

    init(_ options: Options) {
        self.options = options
    }

    func run() throws {
        let small = try prepare(letters: options.letters, name: "print-\(options.letters)")
        let ours = try Measure.sesame(["print", "--db", small.db, "--out", small.folder.appendingPathComponent("sesame").path])
        guard ours.status == 0 else { throw BenchError.failed("sesame print") }
        let ourPages = pages(in: small.folder.appendingPathComponent("sesame"))
        let html = small.folder.appendingPathComponent("lettres.html")
        try WkhtmlLetters.write(db: small.db, to: html)
        let wk = try wkhtmltopdf(html, to: small.folder.appendingPathComponent("wkhtmltopdf.pdf"))
        let wkPages = pages(in: small.folder, named: "wkhtmltopdf.pdf")
        print("\(small.letters) letters (\(ourPages) pages with the packets' sheets):")
        print("  sesame print: \(Measure.format(ours.seconds)), \(Int(Double(ourPages) / ours.seconds)) pages/s, peak \(Int(ours.peakMiB)) MiB")
        print("  wkhtmltopdf:  \(Measure.format(wk)), \(Int(Double(wkPages) / wk)) pages/s (\(wkPages) pages)")
        print("  ratio: Sésame \(String(format: "%.1f", wk / ours.seconds))× faster")

        let large = try prepare(letters: 100_000, name: "print-100000")
        let big = try Measure.sesame(["print", "--db", large.db, "--out", large.folder.appendingPathComponent("sesame").path])
        guard big.status == 0 else { throw BenchError.failed("sesame print 100,000") }
        let bigPages = pages(in: large.folder.appendingPathComponent("sesame"))
        print("\(large.letters) letters: \(Measure.format(big.seconds)), \(bigPages) pages, \(Int(Double(bigPages) / big.seconds)) pages/s, peak \(Int(big.peakMiB)) MiB")
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

    private func wkhtmltopdf(_ html: URL, to pdf: URL) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/wkhtmltopdf")
        process.arguments = ["-q", "--enable-local-file-access", "--page-size", "A4", "--margin-top", "0", "--margin-bottom", "0", "--margin-left", "0", "--margin-right", "0", html.path, pdf.path]
        var environment = ProcessInfo.processInfo.environment
        environment["QT_QPA_PLATFORM"] = "offscreen"
        process.environment = environment
        process.standardError = FileHandle.nullDevice
        let start = Date()
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchError.failed("wkhtmltopdf (apt-get install wkhtmltopdf)") }
        return Date().timeIntervalSince(start)
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
