import Foundation
import GRDB
import SesameCore

/// What the web pages refuse about people and sessions, in French.
public enum PeopleError: UserFacingError, Equatable {
    case unknownPerson(String)
    case schoolNeeded(WebRole)
    case classesNeeded

    public var userMessage: String {
        switch self {
        case .unknownPerson(let username): "aucune personne « \(username) » (sesame user list)"
        case .schoolNeeded(let role): "un compte « \(role.frenchName) » a besoin de son établissement (--school)"
        case .classesNeeded: "un enseignant a besoin d’au moins une classe (--class)"
        }
    }
}

/// A secret's kind: an enrolment link (7 days, once) or a session (kept while used).
public enum WebTokenKind: String, Sendable {
    case enrolment, session
}

/// A token found by its digest.
public struct WebToken: Sendable {
    public var person: WebPerson
    public var csrf: String?
    public var expiresAt: Date
    public var lastSeen: Date
}

extension Store {
    /// Adds a person; their username is made from their name ("camille.roux", then
    /// "camille.roux2"…). Throws for an unknown school, a teacher without classes.
    /// `newSchool`: a school not imported yet is created under that name (a director enrolled
    /// before their first import, from the web pages).
    public func addPerson(
        name: String, role: WebRole, school: String?, classes: [String], newSchool: Bool = false, at date: Date = Date()
    ) throws -> WebPerson {
        if role != .support, school == nil { throw PeopleError.schoolNeeded(role) }
        if role == .teacher, classes.isEmpty { throw PeopleError.classesNeeded }
        return try pool.write { db in
            if newSchool, let school, try !String.fetchAll(db, sql: "SELECT name FROM school").contains(where: { NameKey.exact($0) == NameKey.exact(school) }) {
                try db.execute(sql: "INSERT INTO school (name) VALUES (?)", arguments: [school])
            }
            let schoolID = try school.map { try SchoolDirectory.ids(of: [$0], db: db)[0] }
            let base = Self.username(from: name)
            var username = base, n = 2
            while try Bool.fetchOne(db, sql: "SELECT 1 FROM web_person WHERE username = ?", arguments: [username]) != nil {
                username = "\(base)\(n)"
                n += 1
            }
            try db.execute(
                sql: "INSERT INTO web_person (name, username, role, school_id, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [name, username, role.rawValue, schoolID, date.timeIntervalSince1970])
            let id = db.lastInsertedRowID
            for className in role == .teacher ? classes : [] {
                try db.execute(sql: "INSERT OR IGNORE INTO web_person_class (person_id, class_name) VALUES (?, ?)", arguments: [id, className])
            }
            return try Self.person(id: id, db: db)!
        }
    }

    /// "Camille Roux" → "camille.roux", "Hélène D'Arc" → "helene.d.arc".
    static func username(from name: String) -> String {
        let plain = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR")).lowercased()
        let words = plain.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
        return words.isEmpty ? "personne" : words.joined(separator: ".")
    }

    /// The teachers the ENT export names at a school, with their classes: whom a director
    /// may enrol from the web pages. Reads only.
    public func teachers(ofSchool school: String) throws -> [(name: String, classes: [String])] {
        try pool.read { db in
            let id = try SchoolDirectory.ids(of: [school], db: db)[0]
            var classes: [String: [String]] = [:]
            for (ref, names) in try Self.teachers(db, schoolID: id, school: school) {
                for name in names { classes[name, default: []].append(ref.name) }
            }
            return classes.keys.sorted().map { ($0, classes[$0]!.sorted { ClassLevel.sortKey(forClass: $0) < ClassLevel.sortKey(forClass: $1) }) }
        }
    }

    /// Everyone enrolled, by name.
    public func people() throws -> [WebPerson] {
        try pool.read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM web_person ORDER BY name").compactMap { try Self.person(id: $0, db: db) }
        }
    }

    /// A person by username.
    public func person(_ username: String) throws -> WebPerson {
        try pool.read { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM web_person WHERE username = ?", arguments: [username]),
                  let person = try Self.person(id: id, db: db) else { throw PeopleError.unknownPerson(username) }
            return person
        }
    }

    /// Removes a person, with their links and sessions.
    public func removePerson(_ username: String) throws {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM web_person WHERE username = ?", arguments: [username])
            guard db.changesCount == 1 else { throw PeopleError.unknownPerson(username) }
        }
    }

    /// The bcrypt hash of a person's password, to check a log-in.
    public func passwordHash(of username: String) throws -> (WebPerson, String)? {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, password_hash FROM web_person WHERE username = ?", arguments: [username]),
                  let hash = row["password_hash"] as String?, let person = try Self.person(id: row["id"], db: db) else { return nil }
            return (person, hash)
        }
    }

    /// Replaces a person's password (nil: none, until they enrol again) and ends their sessions and links.
    public func setPassword(of person: Int64, hash: String?) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE web_person SET password_hash = ? WHERE id = ?", arguments: [hash, person])
            try db.execute(sql: "DELETE FROM web_token WHERE person_id = ?", arguments: [person])
        }
    }

    /// Keeps a token's digest.
    public func addToken(digest: String, person: Int64, kind: WebTokenKind, csrf: String?, expiresAt: Date, at date: Date = Date()) throws {
        try pool.write { db in
            try db.execute(
                sql: "INSERT INTO web_token (digest, person_id, kind, csrf, expires_at, last_seen) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [digest, person, kind.rawValue, csrf, expiresAt.timeIntervalSince1970, date.timeIntervalSince1970])
        }
    }

    /// The token of this digest and kind, if it has not expired.
    public func token(digest: String, kind: WebTokenKind, at date: Date = Date()) throws -> WebToken? {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT person_id, csrf, expires_at, last_seen FROM web_token WHERE digest = ? AND kind = ? AND expires_at > ?
                """, arguments: [digest, kind.rawValue, date.timeIntervalSince1970]),
                let person = try Self.person(id: row["person_id"], db: db) else { return nil }
            return WebToken(
                person: person, csrf: row["csrf"], expiresAt: Date(timeIntervalSince1970: row["expires_at"]),
                lastSeen: Date(timeIntervalSince1970: row["last_seen"]))
        }
    }

    /// Moves a session's expiry on, as it is used.
    public func touchSession(digest: String, expiresAt: Date, at date: Date = Date()) throws {
        try pool.write { db in
            try db.execute(
                sql: "UPDATE web_token SET expires_at = ?, last_seen = ? WHERE digest = ? AND kind = 'session'",
                arguments: [expiresAt.timeIntervalSince1970, date.timeIntervalSince1970, digest])
        }
    }

    /// Uses an enrolment link, once: sets the password and removes the link, in one
    /// transaction; false if the link is unknown, used or expired.
    public func enrol(digest: String, passwordHash: String, at date: Date = Date()) throws -> WebPerson? {
        try pool.write { db in
            guard let id = try Int64.fetchOne(db, sql: """
                SELECT person_id FROM web_token WHERE digest = ? AND kind = 'enrolment' AND expires_at > ?
                """, arguments: [digest, date.timeIntervalSince1970]) else { return nil }
            try db.execute(sql: "DELETE FROM web_token WHERE person_id = ?", arguments: [id])
            try db.execute(sql: "UPDATE web_person SET password_hash = ? WHERE id = ?", arguments: [passwordHash, id])
            return try Self.person(id: id, db: db)
        }
    }

    /// Ends a session.
    public func removeToken(digest: String) throws {
        try pool.write { db in try db.execute(sql: "DELETE FROM web_token WHERE digest = ?", arguments: [digest]) }
    }

    /// Records a failed log-in under these keys (the account, the address).
    public func recordLoginFailure(keys: [String], at date: Date = Date()) throws {
        try pool.write { db in
            for key in keys {
                try db.execute(sql: "INSERT INTO web_login_failure (key, at) VALUES (?, ?)", arguments: [key, date.timeIntervalSince1970])
            }
            // Older failures no longer count.
            try db.execute(sql: "DELETE FROM web_login_failure WHERE at < ?", arguments: [date.timeIntervalSince1970 - 86_400])
        }
    }

    /// The failed log-ins under a key since a date.
    public func loginFailures(key: String, since date: Date) throws -> Int {
        try pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM web_login_failure WHERE key = ? AND at >= ?", arguments: [key, date.timeIntervalSince1970]) ?? 0
        }
    }

    static func person(id: Int64, db: Database) throws -> WebPerson? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT p.id, p.name, p.username, p.role, s.name AS school, p.password_hash IS NOT NULL AS has_password
            FROM web_person p LEFT JOIN school s ON s.id = p.school_id WHERE p.id = ?
            """, arguments: [id]) else { return nil }
        let classes = try String.fetchAll(db, sql: "SELECT class_name FROM web_person_class WHERE person_id = ? ORDER BY class_name", arguments: [id])
        return WebPerson(
            id: row["id"], name: row["name"], username: row["username"], role: try WebRole.stored(row["role"], column: "web_person.role"),
            school: row["school"], classes: classes, hasPassword: row["has_password"])
    }
}
