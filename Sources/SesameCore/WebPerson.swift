import Foundation

/// Who may use the web pages, and what they may see.
public enum WebRole: String, Sendable, Hashable, CaseIterable, Codable {
    /// Their classes' packets: ticking hand-overs.
    case teacher
    /// Their school's season.
    case director
    /// The DSDEN's ENT support: every school of the store.
    case support

    public var frenchName: String {
        switch self {
        case .teacher: "enseignant"
        case .director: "direction"
        case .support: "assistance ENT"
        }
    }
}

/// A person enrolled for the web pages. Never holds a password, only whether one is set.
public struct WebPerson: Sendable, Hashable {
    public var id: Int64
    public var name: String
    /// What they type to log in: "camille.roux".
    public var username: String
    public var role: WebRole
    /// Their school; nil for the support, who sees every school.
    public var school: String?
    /// A teacher's classes.
    public var classes: [String]
    public var hasPassword: Bool

    public init(id: Int64, name: String, username: String, role: WebRole, school: String?, classes: [String], hasPassword: Bool) {
        self.id = id
        self.name = name
        self.username = username
        self.role = role
        self.school = school
        self.classes = classes
        self.hasPassword = hasPassword
    }

    /// The school they direct; nil for a teacher or the support. What only a director does
    /// (import, plan, print, send, settings, purge from the pages) is for this school.
    public var directedSchool: String? { role == .director ? school : nil }

    /// Whether they may see a class's packets of a school.
    public func mayHandle(school other: String, className: String?) -> Bool {
        switch role {
        case .support: true
        case .director: school.map { NameKey.exact($0) == NameKey.exact(other) } ?? false
        case .teacher:
            school.map { NameKey.exact($0) == NameKey.exact(other) } ?? false
                && className.map { name in classes.contains { NameKey.exact($0) == NameKey.exact(name) } } ?? false
        }
    }

    /// Whether they may see a school's whole season.
    public func mayOversee(school other: String) -> Bool {
        switch role {
        case .support: true
        case .director: school.map { NameKey.exact($0) == NameKey.exact(other) } ?? false
        case .teacher: false
        }
    }
}
