import Foundation

/// Whether an export predates the one already imported. The ENT writes no date in its
/// export, but every account's last login: a file that does not know a login the store
/// already holds was exported before. Imported, it would bring back the activation codes of
/// accounts activated since, and the follow-up would send letters whose code opens nothing.
struct OlderExport {
    private(set) var count = 0
    private(set) var example: (login: String, lastLogin: Date)?

    /// A stored login this much later than the file's is not a rounding: the ENT's own format
    /// gives minutes, ISO 8601 seconds, and an hour repeats when the clocks go back.
    static let tolerance: TimeInterval = 2 * 3600

    mutating func compare(_ lastLogin: Double?, stored: Double?, login: String) {
        guard let stored, stored > (lastLogin ?? -.infinity) + Self.tolerance else { return }
        count += 1
        if example.map({ stored > $0.lastLogin.timeIntervalSince1970 }) ?? true {
            example = (login, Date(timeIntervalSince1970: stored))
        }
    }
}
