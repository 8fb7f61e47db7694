import Foundation

/// Progress of a long job on stderr: one line rewritten in place on a terminal (count,
/// rate, time left); nothing otherwise, so that logs and cron mails hold only the
/// command's summary, not a line per message.
final class ProgressLine: @unchecked Sendable {
    private let unit: String
    private let start = Date()
    private let lock = NSLock()
    private let terminal = isatty(STDERR_FILENO) != 0
    private var shown = false

    init(unit: String) {
        self.unit = unit
    }

    func update(done: Int, total: Int, label: String) {
        guard terminal else { return }
        let elapsed = Date().timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let left = rate > 0 ? Double(total - done) / rate : 0
        let text = "\(done)/\(total) \(unit) — \(Int(rate)) \(unit)/s — reste ~\(Int(left.rounded(.up))) s — \(label)"
        lock.withLock {
            shown = true
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
        }
    }

    func finish() {
        lock.withLock {
            if shown { FileHandle.standardError.write(Data("\n".utf8)) }
        }
    }
}
