import Foundation
import Synchronization

/// Progress of a long job on stderr: one line rewritten in place on a terminal (count,
/// rate, time left); nothing otherwise, so that logs and cron mails hold only the
/// command's summary, not a line per message.
final class ProgressLine: Sendable {
    private let unit: String
    private let start = Date()
    private let terminal = isatty(STDERR_FILENO) != 0
    /// Whether a line was shown, to end it.
    private let shown = Mutex(false)

    init(unit: String) {
        self.unit = unit
    }

    func update(done: Int, total: Int, label: String) {
        guard terminal else { return }
        let elapsed = Date().timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let left = rate > 0 ? Double(total - done) / rate : 0
        let text = "\(done)/\(total) \(unit) — \(Int(rate)) \(unit)/s — reste ~\(Int(left.rounded(.up))) s — \(label)"
        shown.withLock { shown in
            shown = true
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
        }
    }

    func finish() {
        shown.withLock { shown in
            if shown { FileHandle.standardError.write(Data("\n".utf8)) }
            shown = false
        }
    }
}
