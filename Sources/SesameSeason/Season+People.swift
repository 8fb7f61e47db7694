import Foundation
import HummingbirdBcrypt
import SesameCore
import SesameImport
import SesameStore

/// A one-time enrolment link's secret, given once to the person it enrols.
public struct Enrolment: Sendable {
    public var person: WebPerson
    /// The secret of the link (`/inscription/<token>`); the store keeps only its digest.
    public var token: String
    public var expiresAt: Date
}

/// A session opened for a person: its secret goes in a cookie, its CSRF token in every form.
public struct SessionGrant: Sendable {
    public var person: WebPerson
    public var token: String
    public var csrf: String
}

extension Season {
    /// An enrolment link is valid this long, once.
    public static let enrolmentValidity: TimeInterval = 7 * 86_400
    /// A session unused this long ends.
    public static let sessionIdleTimeout: TimeInterval = 8 * 3_600
    /// Failed log-ins allowed per account and per address in `loginWindow`.
    public static let loginAttempts = 5
    public static let loginWindow: TimeInterval = 15 * 60

    /// Enrols a person for the web pages and makes their one-time link. Throws for an unknown
    /// school (unless `newSchool`: it is created), a teacher without classes. Writes the
    /// person and the link's digest.
    public func enrolPerson(
        name: String, role: WebRole, school: String?, classes: [String], newSchool: Bool = false, now: Date = Date()
    ) throws -> Enrolment {
        let person = try store.addPerson(name: name, role: role, school: school, classes: classes, newSchool: newSchool, at: now)
        return try newEnrolment(person, now: now)
    }

    /// A director enrols a teacher of their own school (the support, of any school): the ENT
    /// export's teachers are proposed by `teachers(for:)`. Throws `forbidden` otherwise.
    public func enrolTeacher(name: String, classes: [String], school: String, by person: WebPerson, now: Date = Date()) throws -> Enrolment {
        guard person.mayOversee(school: school) else { throw SeasonError.forbidden }
        return try enrolPerson(name: name, role: .teacher, school: school, classes: classes, now: now)
    }

    /// The teachers of a director's school, as the ENT export names them, and those already
    /// enrolled. Reads only.
    public func team(for person: WebPerson) throws -> (proposed: [(name: String, classes: [String])], enrolled: [WebPerson]) {
        guard let school = person.directedSchool else { throw SeasonError.forbidden }
        let enrolled = try people().filter { $0.school.map { NameKey.exact($0) == NameKey.exact(school) } ?? false }
        let names = Set(enrolled.map { NameKey.loose($0.name) })
        return (try store.teachers(ofSchool: school).filter { !names.contains(NameKey.loose($0.name)) }, enrolled)
    }

    /// A new link for someone who lost theirs or their password: the old password, links and
    /// sessions end.
    public func resetPerson(_ username: String, now: Date = Date()) throws -> Enrolment {
        let person = try store.person(username)
        try store.setPassword(of: person.id, hash: nil)
        var reset = person
        reset.hasPassword = false
        return try newEnrolment(reset, now: now)
    }

    private func newEnrolment(_ person: WebPerson, now: Date) throws -> Enrolment {
        let token = Self.secret()
        let expires = now.addingTimeInterval(Self.enrolmentValidity)
        try store.addToken(digest: Self.digest(token), person: person.id, kind: .enrolment, csrf: nil, expiresAt: expires, at: now)
        return Enrolment(person: person, token: token, expiresAt: expires)
    }

    /// Everyone enrolled. Reads only.
    public func people() throws -> [WebPerson] { try store.people() }

    /// Removes a person, their sessions and links.
    public func removePerson(_ username: String) throws { try store.removePerson(username) }

    /// The person an enrolment link is for, if it is still valid. Reads only.
    public func enrolment(token: String, now: Date = Date()) throws -> WebPerson? {
        try store.token(digest: Self.digest(token), kind: .enrolment, at: now)?.person
    }

    /// Uses an enrolment link: sets the password (bcrypt), ends the link, opens a session.
    /// Throws for a link used, expired or unknown, or a password under 10 characters.
    public func completeEnrolment(token: String, password: String, now: Date = Date()) throws -> SessionGrant {
        guard password.count >= 10 else { throw SeasonError.passwordTooShort }
        guard let person = try store.enrol(digest: Self.digest(token), passwordHash: Bcrypt.hash(password, cost: 10), at: now) else {
            throw SeasonError.enrolmentLinkInvalid
        }
        return try openSession(person, now: now)
    }

    /// Logs a person in. After `loginAttempts` failures in `loginWindow` for the account or
    /// for the address, refuses without checking the password. Writes the failure or the session.
    public func logIn(username: String, password: String, from address: String, now: Date = Date()) throws -> SessionGrant {
        let keys = ["compte:" + username.lowercased(), "adresse:" + address]
        let since = now.addingTimeInterval(-Self.loginWindow)
        for key in keys where try store.loginFailures(key: key, since: since) >= Self.loginAttempts {
            throw SeasonError.tooManyAttempts
        }
        guard let (person, hash) = try store.passwordHash(of: username.lowercased()), Bcrypt.verify(password, hash: hash) else {
            try store.recordLoginFailure(keys: keys, at: now)
            throw SeasonError.loginRefused
        }
        return try openSession(person, now: now)
    }

    private func openSession(_ person: WebPerson, now: Date) throws -> SessionGrant {
        let token = Self.secret(), csrf = Self.secret()
        try store.addToken(
            digest: Self.digest(token), person: person.id, kind: .session, csrf: csrf, expiresAt: now.addingTimeInterval(Self.sessionIdleTimeout), at: now)
        return SessionGrant(person: person, token: token, csrf: csrf)
    }

    /// The person and CSRF token of a session still open; its idle timeout starts again.
    public func session(token: String, now: Date = Date()) throws -> (person: WebPerson, csrf: String)? {
        let digest = Self.digest(token)
        guard let found = try store.token(digest: digest, kind: .session, at: now), let csrf = found.csrf else { return nil }
        // Writing on every request would queue the pages behind each other: once a minute is enough.
        if now.timeIntervalSince(found.lastSeen) > 60 {
            try store.touchSession(digest: digest, expiresAt: now.addingTimeInterval(Self.sessionIdleTimeout), at: now)
        }
        return (found.person, csrf)
    }

    /// Ends a session.
    public func logOut(token: String) throws {
        try store.removeToken(digest: Self.digest(token))
    }

    /// 32 random bytes, URL-safe: a link's, a session's or a form's secret.
    public static func secret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func digest(_ secret: String) -> String { FileFingerprint.sha256(Data(secret.utf8)) }
}
