import Foundation

/// The real tools tests read outputs back with (Debian's poppler-utils and zbar-tools).
public enum Tools {
    /// Runs a program and returns its standard output, or nil if it failed.
    public static func run(_ program: String, _ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("tool-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: output.path, contents: nil) else { return nil }
        defer { try? FileManager.default.removeItem(at: output) }
        guard let handle = try? FileHandle(forWritingTo: output) else { return nil }
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        process.waitUntilExit()
        try? handle.close()
        guard process.terminationStatus == 0 else { return nil }
        return (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    }

    /// The text of a PDF, page by page (pdftotext separates pages with a form feed).
    public static func pdfPages(_ url: URL) -> [String] {
        guard let text = run("/usr/bin/pdftotext", ["-layout", url.path, "-"]) else { return [] }
        var pages = text.components(separatedBy: "\u{0C}")
        if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
        return pages
    }

    public static func pdfPageCount(_ url: URL) -> Int {
        guard let info = run("/usr/bin/pdfinfo", [url.path]),
              let line = info.split(separator: "\n").first(where: { $0.hasPrefix("Pages:") })
        else { return 0 }
        return Int(line.split(separator: " ").last ?? "") ?? 0
    }

    /// The fonts of a PDF, with whether each is embedded (`pdffonts`).
    public static func pdfFonts(_ url: URL) -> [(name: String, embedded: Bool)] {
        guard let text = run("/usr/bin/pdffonts", [url.path]) else { return [] }
        return text.split(separator: "\n").dropFirst(2).map { line in
            let columns = line.split(separator: " ", omittingEmptySubsequences: true)
            // name type [type2] encoding emb sub uni object ID: "emb" is the 4th column from the end.
            return (String(columns.first ?? ""), columns.count >= 5 && columns[columns.count - 5] == "yes")
        }
    }

    /// The QR codes zbarimg reads on one page of a PDF.
    public static func qrCodes(_ url: URL, page: Int) -> [String] {
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString)")
        guard run("/usr/bin/pdftoppm", ["-png", "-r", "300", "-f", "\(page)", "-l", "\(page)", "-singlefile", url.path, prefix.path]) != nil else { return [] }
        let png = prefix.appendingPathExtension("png")
        defer { try? FileManager.default.removeItem(at: png) }
        guard let text = run("/usr/bin/zbarimg", ["--quiet", "--raw", png.path]) else { return [] }
        return text.split(separator: "\n").map(String.init)
    }

    /// A word of a PDF page and its box, in points from the top-left corner (`pdftotext -bbox-layout`).
    public struct PDFWord: Sendable {
        public var text: String
        public var xMin, yMin, xMax, yMax: Double

        /// Whether two boxes share more than a hair (a tenth of a point).
        public func overlaps(_ other: PDFWord) -> Bool {
            min(xMax, other.xMax) - max(xMin, other.xMin) > 0.1 && min(yMax, other.yMax) - max(yMin, other.yMin) > 0.1
        }
    }

    /// The words of each page of a PDF, with their boxes.
    public static func pdfWords(_ url: URL) -> [[PDFWord]] {
        guard let xml = run("/usr/bin/pdftotext", ["-bbox-layout", url.path, "-"]) else { return [] }
        var pages: [[PDFWord]] = []
        let pattern = try! NSRegularExpression(pattern: #"<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>"#)
        for page in xml.components(separatedBy: "<page ").dropFirst() {
            let range = NSRange(page.startIndex..., in: page)
            pages.append(pattern.matches(in: page, range: range).map { m in
                func group(_ i: Int) -> String { String(page[Range(m.range(at: i), in: page)!]) }
                let text = group(5).replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
                    .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
                return PDFWord(text: text, xMin: Double(group(1))!, yMin: Double(group(2))!, xMax: Double(group(3))!, yMax: Double(group(4))!)
            })
        }
        return pages
    }
}
