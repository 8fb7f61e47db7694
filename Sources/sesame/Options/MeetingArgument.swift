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

    /// The meetings of the classes the selected accounts are in (in every school that has such a class).
    static func resolve(_ meetings: [MeetingArgument], among accounts: [Account]) -> [ClassRef: Date] {
        guard !meetings.isEmpty else { return [:] }
        var classes: [String: Set<ClassRef>] = [:]
        for account in accounts {
            for name in account.classes + account.children.flatMap(\.classes) {
                classes[NameKey.exact(name), default: []].insert(ClassRef(school: account.school, name: name))
            }
        }
        var result: [ClassRef: Date] = [:]
        for meeting in meetings {
            for ref in classes[NameKey.exact(meeting.className)] ?? [] { result[ref] = meeting.date }
        }
        return result
    }
}

/// Who does something, for the history: `--by`, else the system user.
enum Actor {
    static var current: String {
        ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "sesame"
    }
}
