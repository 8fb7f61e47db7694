import Foundation
import Synchronization
import SesameFiles
import SesameCore
import SesameTemplates

/// Progress of a print job, after each file.
public struct PrintProgress: Sendable {
    public var files: Int
    public var totalFiles: Int
    public var letters: Int
    public var totalLetters: Int
    public var elapsed: TimeInterval
    public var lastFile: String
}

/// Prints a plan's paper batches: one PDF per batch, a sign-off CSV beside each sheet, and
/// an index. Batches are rendered in parallel, one per core; each file appears under its
/// final name only once complete.
public struct PrintJob: Sendable {
    public let templates: TemplateSet
    public let settings: Settings
    public let options: PrintOptions

    public init(templates: TemplateSet, settings: Settings, options: PrintOptions) {
        self.templates = templates
        self.settings = settings
        self.options = options
    }

    public func run(_ batches: [LetterBatch], progress: @Sendable (PrintProgress) -> Void = { _ in }) throws -> [PrintedFile] {
        try run(batches.map(PendingBatch.init), progress: progress)
    }

    /// Prints batches whose letters are read as each file is drawn: memory holds the letters
    /// of the files being drawn, not the plan's.
    public func run(_ pending: [PendingBatch], progress: @Sendable (PrintProgress) -> Void = { _ in }) throws -> [PrintedFile] {
        try DocumentError.writing { try Folder.create(options.folder) }
        let names = FileNames.assign(pending.map(\.batch), severalSchools: Set(pending.map(\.batch.school)).count > 1)
        for name in names where name.contains("/") {
            try DocumentError.writing { try Folder.create(options.folder.appendingPathComponent(name).deletingLastPathComponent()) }
        }
        let results = Results(count: pending.count, totalLetters: pending.reduce(0) { $0 + $1.count })
        let start = Date()
        // The largest batches first, so that the last one to finish is a short one.
        let order = pending.indices.sorted { pending[$0].count > pending[$1].count }
        DispatchQueue.concurrentPerform(iterations: pending.count) { i in
            let index = order[i]
            var batch = pending[index].batch
            let url = options.folder.appendingPathComponent(names[index])
            do {
                batch.letters = try pending[index].letters()
                let packet = Packet(batch: batch, templates: templates, settings: settings, options: options)
                let pages = try packet.render(to: url)
                let signOff = batch.channel == .email ? nil : try SignOffCSV.write(packet.letters, channel: batch.channel, beside: url)
                let file = PrintedFile(
                    url: url, batchID: batch.batchID, channel: batch.channel, school: batch.school, className: batch.className,
                    recipients: batch.recipients, letters: batch.letters.count, pages: pages,
                    issued: batch.letters.map(\.issued), signOff: signOff)
                progress(results.add(file, at: index, elapsed: Date().timeIntervalSince(start)))
            } catch {
                results.fail(error)
            }
        }
        let files = try results.files()
        try writeIndex(files)
        return files
    }

    /// Re-prints letters (a lost one…) into one file of their own, `<name>_reimpression.pdf`,
    /// without cover, sheet or index: the packets already printed stay as they are.
    public func reprint(_ batches: [LetterBatch], name: String) throws -> [PrintedFile] {
        try DocumentError.writing { try Folder.create(options.folder) }
        let url = options.folder.appendingPathComponent("\(FileName.slug(name))_reimpression.pdf")
        var all = batches[0]
        all.letters = batches.flatMap(\.letters)
        let packet = Packet(batch: all, templates: templates, settings: settings, options: options, lettersOnly: true)
        let pages = try packet.render(to: url)
        return [PrintedFile(
            url: url, batchID: all.batchID, channel: all.channel, school: all.school, className: all.className,
            recipients: [], letters: all.letters.count, pages: pages, issued: all.letters.map(\.issued), signOff: nil)]
    }

    private func writeIndex(_ files: [PrintedFile]) throws {
        let rows: [[String: Any]] = files.map { f in
            let relative = f.url.path.replacingOccurrences(of: options.folder.path + "/", with: "")
            return [
                "nom": relative, "lien": relative, "canal": f.channel.frenchName, "ecole": f.school, "classe": f.className ?? "",
                "destinataires": f.handedTo, "lettres": f.letters, "pages": f.pages,
            ]
        }
        let html = templates.renderWhole("index.html.mustache", [
            "plan": options.planID, "nom": options.planName, "date": FrenchDate.long(options.date), "fichiers": rows,
            "total": files.reduce(0) { $0 + $1.letters }, "totalPages": files.reduce(0) { $0 + $1.pages },
        ])
        try DocumentError.writing { try AtomicFile.write(Data(html.utf8), to: options.folder.appendingPathComponent("index.html")) }
    }

    /// Results gathered from the rendering threads.
    private final class Results: Sendable {
        private struct State {
            var done: [PrintedFile?]
            var error: Error?
            var letters = 0
        }

        private let state: Mutex<State>
        private let totalLetters: Int

        init(count: Int, totalLetters: Int) {
            state = Mutex(State(done: Array(repeating: nil, count: count)))
            self.totalLetters = totalLetters
        }

        func add(_ file: PrintedFile, at index: Int, elapsed: TimeInterval) -> PrintProgress {
            state.withLock { s in
                s.done[index] = file
                s.letters += file.letters
                return PrintProgress(
                    files: s.done.count { $0 != nil }, totalFiles: s.done.count, letters: s.letters, totalLetters: totalLetters,
                    elapsed: elapsed, lastFile: file.url.lastPathComponent)
            }
        }

        func fail(_ error: Error) {
            state.withLock { $0.error = $0.error ?? error }
        }

        func files() throws -> [PrintedFile] {
            try state.withLock { s in
                if let error = s.error { throw error }
                return s.done.compactMap { $0 }
            }
        }
    }
}
