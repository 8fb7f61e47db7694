import ArgumentParser
import Foundation
import SesameCore
import SesameStore

/// `--meeting "CP A=15/09/2026 18h"` (or `2026-09-15 18:00`): a class's start-of-year meeting.
struct MeetingArgument: ExpressibleByArgument {
    var className: String
    var date: Date

    init?(argument: String) {
        guard let equals = argument.lastIndex(of: "="),
              let date = SchoolCalendar.parseMeeting(String(argument[argument.index(after: equals)...]))
        else { return nil }
        className = TextNormalization.trimmed(String(argument[..<equals]))
        self.date = date
        guard !className.isEmpty else { return nil }
    }

    static var defaultValueDescription: String { "CLASSE=JJ/MM/AAAA 17h30" }
}
