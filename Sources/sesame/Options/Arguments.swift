import ArgumentParser
import Foundation
import SesameCore

extension Profile: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension Channel: ExpressibleByArgument {}
extension ActivationFilter: ExpressibleByArgument {}
extension EmailFilter: ExpressibleByArgument {}
extension LocalAdminFilter: ExpressibleByArgument {}
extension AccountSortKey: ExpressibleByArgument {
    public init?(argument: String) {
        switch NameKey.loose(argument) {
        case "profile", "profil": self = .profile
        case "class", "classe": self = .class
        case "name", "nom": self = .name
        default: return nil
        }
    }
}

/// A day as a director types it: 2026-09-01 or 01/09/2026 (Paris time).
struct DayArgument: ExpressibleByArgument {
    var date: Date

    init?(argument: String) {
        guard let date = SchoolCalendar.parse(argument) else { return nil }
        self.date = date
    }

    static var defaultCompletionKind: CompletionKind { .default }
}

/// Output formats of listings.
enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

extension FollowUpOutput.Format: ExpressibleByArgument {}

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
