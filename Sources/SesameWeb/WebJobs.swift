import Foundation
import SesameCore
import SesameFiles
import SesameSeason

/// The long work a page starts (printing a school's packets, sending its emails): run in the
/// server, not in the request, so that the page can be closed and opened again while it runs.
/// One of each kind at a time per school: pressing the button again shows the job under way
/// instead of starting another.
actor WebJobs {
    enum Kind: Sendable {
        case print, send
    }

    /// What a job did.
    enum Outcome: Sendable {
        case printed(PrintResult)
        case sent(SendReport)
    }

    /// A job as the pages show it.
    struct Job: Sendable {
        let id: String
        let kind: Kind
        let school: String
        let startedBy: String
        let startedAt: Date
        /// Where its files are written (0700): they hold codes.
        let folder: URL
        var done = 0
        var total = 0
        var label = ""
        var outcome: Outcome?
        var failure: String?

        var isRunning: Bool { outcome == nil && failure == nil }

        var printed: PrintResult? { if case .printed(let result) = outcome { result } else { nil } }
        var sent: SendReport? { if case .sent(let report) = outcome { report } else { nil } }
    }

    /// Where the jobs' folders go: beside the store, never served but through the pages.
    let root: URL
    private var jobs: [String: Job] = [:]

    init(root: URL) {
        self.root = root
    }

    /// The school's latest job of a kind, running or finished.
    func latest(_ kind: Kind, school: String) -> Job? {
        jobs.values.filter { $0.kind == kind && $0.school == school }.max { $0.startedAt < $1.startedAt }
    }

    func job(_ id: String) -> Job? { jobs[id] }

    /// Starts `work` for the school unless a job of that kind runs for it: then returns that
    /// one. A new job removes the school's earlier files of its kind (their codes need not stay on disk).
    func start(
        _ kind: Kind, school: String, by person: String,
        work: @escaping @Sendable (URL, @escaping @Sendable (Int, Int, String) -> Void) throws -> Outcome
    ) throws -> Job {
        if let running = latest(kind, school: school), running.isRunning { return running }
        for old in jobs.values where old.kind == kind && old.school == school {
            try? FileManager.default.removeItem(at: old.folder)
            jobs[old.id] = nil
        }
        let id = Season.secret()
        let folder = root.appendingPathComponent(id, isDirectory: true)
        try Folder.create(folder, permissions: 0o700)
        let job = Job(id: id, kind: kind, school: school, startedBy: person, startedAt: Date(), folder: folder)
        jobs[id] = job
        Task.detached {
            do {
                let outcome = try work(folder) { done, total, label in Task { await self.progress(id, done, total, label) } }
                await self.finish(id, outcome: outcome, failure: nil)
            } catch let error as UserFacingError {
                await self.finish(id, outcome: nil, failure: error.userMessage)
            } catch {
                await self.finish(id, outcome: nil, failure: "\(error)")
            }
        }
        return job
    }

    private func progress(_ id: String, _ done: Int, _ total: Int, _ label: String) {
        guard jobs[id]?.isRunning == true, done >= jobs[id]!.done else { return }
        (jobs[id]!.done, jobs[id]!.total, jobs[id]!.label) = (done, total, label)
    }

    private func finish(_ id: String, outcome: Outcome?, failure: String?) {
        jobs[id]?.outcome = outcome
        jobs[id]?.failure = failure
    }
}
