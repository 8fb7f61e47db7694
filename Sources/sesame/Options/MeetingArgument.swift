import ArgumentParser
import Foundation
import SesameCore
import SesameStore

/// `--meeting "CP A=2026-09-15 18:00"`: a class's start-of-year meeting.
struct MeetingArgument: ExpressibleByArgument {
    var className: String
    var date: Date

    init?(argument: String) {
        guard let equals = argument.lastIndex(of: "="),
              let date = SchoolCalendar.parse(String(argument[argument.index(after: equals)...]))
        else { return nil }
        className = TextNormalization.trimmed(String(argument[..<equals]))
        self.date = date
        guard !className.isEmpty else { return nil }
    }

    static var defaultValueDescription: String { "CLASSE=AAAA-MM-JJ HH:MM" }
}

/// Who does something, for the history: `--by`, else the system user.
enum Actor {
    static var current: String {
        ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "sesame"
    }
}
