import Foundation
import SesameCore
import SesameFixtures
import SesameImport
import SesameStore
import SesameTemplates

/// Issue 5's targets: 10,000 messages to a loopback SMTP sink at ≥ 1,000 messages/s, and the
/// same messages sent by a plain Python smtplib script over one connection, Sésame at least
/// twice as fast. The script does what a helper's would: word each message from a list and
/// send it; its replay of Sésame's ready-made files is measured too, as the transport alone.
struct SendBench {
    let options: Options

    init(_ options: Options) {
        self.options = options
    }

    func run() throws {
        let count = 10_000
        let folder = options.work.appendingPathComponent("send")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let export = folder.appendingPathComponent("export.csv"), families = folder.appendingPathComponent("familles.csv")
        _ = try AcademyGenerator.writeExport(accounts: count * 2, seed: 11, to: export, addresses: families)
        let db = folder.appendingPathComponent("sesame.db").path
        guard try Measure.sesame(["import", export.path, "--addresses", families.path, "--db", db]).status == 0 else { throw BenchError.failed("import") }
        var settings = Settings()
        settings.ent.name = "e-primO"
        settings.ent.url = "https://www.e-primo.fr"
        settings.email.from = "direction@ecoles.example"
        settings.schools = try Store(path: db).schools().map { Settings.School(name: $0.name, city: "Nantes", director: "Anne Roux") }
        try SettingsFile.write(settings, to: SettingsFile.location(forStore: db))
        guard try Measure.sesame(["plan", "--db", db, "--strategy", "courriel", "--profile", "parent", "--activation", "all"]).status == 0 else {
            throw BenchError.failed("plan")
        }
        let outbox = folder.appendingPathComponent("outbox")
        guard try Measure.sesame(["send", "--db", db, "--limit", "\(count)", "--outbox", outbox.path]).status == 0 else { throw BenchError.failed("outbox") }

        let sink = try SMTPSink()
        let ours = try Measure.sesame(["send", "--db", db, "--limit", "\(count)", "--smtp", "smtp://127.0.0.1:\(sink.port)"])
        guard ours.status == 0, sink.count == count else { throw BenchError.failed("sesame send: \(sink.count) received") }
        print("sesame send: \(count) messages in \(Measure.format(ours.seconds)), \(Int(Double(count) / ours.seconds)) messages/s (every one recorded in the store before and after), peak \(Int(ours.peakMiB)) MiB")

        let list = folder.appendingPathComponent("liste.csv")
        try writeList(db: db, settings: settings, count: count, to: list)
        let composing = try python(["\(sink.port)", list.path, "direction@ecoles.example"], sink: sink, count: count)
        print("python smtplib, composing with the email package (one connection): \(count) messages in \(Measure.format(composing)), \(Int(Double(count) / composing)) messages/s")
        let replay = try python(["\(sink.port)", "--replay", outbox.path, "direction@ecoles.example"], sink: sink, count: count)
        print("python smtplib, replaying Sésame's .eml files (one connection, no composing): \(count) messages in \(Measure.format(replay)), \(Int(Double(count) / replay)) messages/s")
        print("ratio: Sésame \(String(format: "%.1f", composing / ours.seconds))× faster than the composing script, \(String(format: "%.1f", replay / ours.seconds))× the replay")
    }

    /// The list the helper's script reads: what Sésame's messages say, one account a line.
    private func writeList(db: String, settings: Settings, count: Int, to url: URL) throws {
        let store = try Store(path: db)
        let schools = SchoolLookup(settings)
        var text = "adresse;nom;identifiant;code;enfants;ecole;directeur\n"
        let letters = try store.letterBatches(plan: try store.latestPlanID(), channels: [.email]).flatMap(\.letters)
        for letter in letters.prefix(count) {
            let a = letter.account
            let school = schools[a.school] ?? Settings.School(name: a.school)
            let context = LetterContext.make(letter, school: school, ent: settings.ent, date: Date())
            let fields = [a.email?.address.value ?? "", a.displayName, a.login, a.activationCode ?? "", context["enfantsTexte"] as? String ?? "", school.name, school.director ?? ""]
            text += fields.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ";") + "\n"
        }
        try Data(text.utf8).write(to: url)
    }

    /// Runs the baseline script and returns the seconds it took, checking the sink got every message.
    private func python(_ arguments: [String], sink: SMTPSink, count: Int) throws -> TimeInterval {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("smtplib_baseline.py")
        process.arguments = [script.path] + arguments
        process.standardOutput = Pipe()
        let before = sink.count
        let start = Date()
        try process.run()
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(start)
        let sent = sink.count - before
        guard process.terminationStatus == 0, sent == count else { throw BenchError.failed("smtplib: \(sent) received") }
        return seconds
    }
}
