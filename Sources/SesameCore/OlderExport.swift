import Foundation

/// Whether an export predates the one already imported. The ENT writes no date in its
/// export, but every account's last login: a file that does not know a login the store
/// already holds was exported before. Imported, it would bring back the activation codes of
/// accounts activated since, and the follow-up would send letters whose code opens nothing.
public struct OlderExport: Sendable {
    public private(set) var count = 0
    public private(set) var example: (login: String, lastLogin: Date)?

    /// A stored login this much later than the file's is not a rounding: the ENT's own format
    /// gives minutes, ISO 8601 seconds, and an hour repeats when the clocks go back.
    static let tolerance: TimeInterval = 2 * 3600

    public init() {}

    /// One account of the file: its last login there, and the one stored (seconds since 1970).
    public mutating func compare(_ lastLogin: Double?, stored: Double?, login: String) {
        guard let stored, stored > (lastLogin ?? -.infinity) + Self.tolerance else { return }
        count += 1
        if example.map({ stored > $0.lastLogin.timeIntervalSince1970 }) ?? true {
            example = (login, Date(timeIntervalSince1970: stored))
        }
    }
}
