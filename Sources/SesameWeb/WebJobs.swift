import Foundation
import SesameCore
import SesameSeason

/// The long work a page starts (printing a school's packets): run in the server, not in the
/// request, so that the page can be closed and opened again while it runs. One at a time per
/// school: pressing the button again shows the job under way instead of starting another.
actor WebJobs {
    /// A job as the pages show it.
    struct Job: Sendable {
        let id: String
        let school: String
        let startedBy: String
        let startedAt: Date
        /// Where its files are written (0700): they hold codes.
        let folder: URL
        var done = 0
        var total = 0
        var label = ""
        var result: PrintResult?
        var failure: String?

        var isRunning: Bool { result == nil && failure == nil }
    }

    /// Where the jobs' folders go: beside the store, never served but through the pages.
    let root: URL
    private var jobs: [String: Job] = [:]

    init(root: URL) {
        self.root = root
    }

    /// The school's latest job, running or finished.
    func latest(school: String) -> Job? {
        jobs.values.filter { $0.school == school }.max { $0.startedAt < $1.startedAt }
    }

    func job(_ id: String) -> Job? { jobs[id] }

    /// Starts `work` for the school unless a job of the school runs: then returns that one.
    /// A new job removes the school's earlier files (their codes need not stay on disk).
    func start(
        school: String, by person: String, work: @escaping @Sendable (URL, @escaping @Sendable (Int, Int, String) -> Void) throws -> PrintResult
    ) throws -> Job {
        if let running = latest(school: school), running.isRunning { return running }
        for old in jobs.values where old.school == school {
            try? FileManager.default.removeItem(at: old.folder)
            jobs[old.id] = nil
        }
        let id = Season.secret()
        let folder = root.appendingPathComponent(id, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let job = Job(id: id, school: school, startedBy: person, startedAt: Date(), folder: folder)
        jobs[id] = job
        Task.detached {
            do {
                let result = try work(folder) { done, total, label in Task { await self.progress(id, done, total, label) } }
                await self.finish(id, result: result, failure: nil)
            } catch let error as UserFacingError {
                await self.finish(id, result: nil, failure: error.userMessage)
            } catch {
                await self.finish(id, result: nil, failure: "\(error)")
            }
        }
        return job
    }

    private func progress(_ id: String, _ done: Int, _ total: Int, _ label: String) {
        guard jobs[id]?.isRunning == true, done >= jobs[id]!.done else { return }
        (jobs[id]!.done, jobs[id]!.total, jobs[id]!.label) = (done, total, label)
    }

    private func finish(_ id: String, result: PrintResult?, failure: String?) {
        jobs[id]?.result = result
        jobs[id]?.failure = failure
        if let result { jobs[id]?.done = result.letters }
    }
}
