import Foundation

/// Who does something, for the history: `--by`, else the system user.
enum ActingUser {
    static var current: String {
        ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "sesame"
    }
}
