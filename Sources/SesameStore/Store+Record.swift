import Foundation
import GRDB
import SesameCore

/// Whose letters `sesame record` is about.
public enum RecordTarget: Sendable, Equatable {
    case accounts([String])
    /// Every letter of a class's packets (of one channel when the class has several), except these accounts'.
    case classes(String, school: String?, channel: Channel?, except: [String])
    /// The rows of a filled-in sign-off sheet.
    case sheet([SheetEntry])
    /// The addresses of emails bounced after the server accepted them: their email letters.
    case addresses([String])
    /// These letters, by delivery (a tick in the web pages, which knows its letter).
    case deliveries([Int64])
}

/// What `record` did.
public struct RecordResult: Sendable, Equatable {
    /// Letters whose state changed, with the new state.
    public var recorded: [(login: String, state: DeliveryState)] = []
    /// Letters already in that state: nothing written.
    public var unchanged: [String] = []

    public static func == (a: RecordResult, b: RecordResult) -> Bool {
        a.recorded.map(\.login) == b.recorded.map(\.login) && a.recorded.map(\.state) == b.recorded.map(\.state) && a.unchanged == b.unchanged
    }
}

extension Store {
    /// Records what happened to letters, all in one transaction: an unknown login, a class
    /// without letters or a change the state machine refuses, and nothing is written.
    ///
    /// An account's letter is its open main letter, in `plan` if given (else wherever it is:
    /// an account has one letter under way at a time). A class's letters are those of the
    /// class's packets in `plan`, or in the latest plan that has packets for it.
    public func record(_ outcome: Outcome?, _ target: RecordTarget, plan: Int64?, actor: String, note: String?, at date: Date = Date()) throws -> RecordResult {
        try pool.write { db in
            let ledger = DeliveryLedger(db: db)
            var changes: [(DeliveryLedger.Current, DeliveryState, String?)] = []
            switch target {
            case .accounts(let logins):
                for login in logins {
                    changes.append((try Self.openLetter(of: login, plan: plan, line: nil, db: db, ledger: ledger), outcome!.state, note))
                }
            case let .classes(name, school, channel, except):
                let letters = try Self.classLetters(name, school: school, channel: channel, plan: plan, db: db, ledger: ledger)
                let excluded = Set(except.map(NameKey.exact))
                for login in except where !letters.contains(where: { NameKey.exact($0.login) == NameKey.exact(login) }) {
                    throw TrackingError.notInClass(login: login, className: name)
                }
                for letter in letters where !excluded.contains(NameKey.exact(letter.login)) {
                    changes.append((letter, outcome!.state, note))
                }
            case .sheet(let entries):
                guard !entries.isEmpty else { throw TrackingError.nothingToRecord }
                for entry in entries {
                    let noted = [note, entry.note].compactMap { $0 }.joined(separator: " — ")
                    changes.append((try Self.openLetter(of: entry.login, plan: plan, line: entry.line, db: db, ledger: ledger),
                                    entry.outcome.state, noted.isEmpty ? nil : noted))
                }
            case .deliveries(let ids):
                for letter in try ledger.current(ids) { changes.append((letter, outcome!.state, note)) }
            case .addresses(let addresses):
                guard !addresses.isEmpty else { throw TrackingError.nothingToRecord }
                for address in addresses {
                    for letter in try Self.emailLetters(to: address, plan: plan, db: db, ledger: ledger) {
                        changes.append((letter, outcome!.state, [note, "adresse \(address)"].compactMap { $0 }.joined(separator: " — ")))
                    }
                }
            }
            var result = RecordResult()
            var moves: [DeliveryLedger.Move] = []
            var seen = Set<Int64>()
            for (letter, state, note) in changes where seen.insert(letter.deliveryID).inserted {
                if letter.state == state {
                    result.unchanged.append(letter.login)
                    continue
                }
                moves.append(DeliveryLedger.Move(letter, to: state, note: note))
                result.recorded.append((letter.login, state))
            }
            try ledger.apply(moves, actor: actor, at: date, command: .record)
            return result
        }
    }

    /// What in a sheet cannot be recorded, every row at once, each with its line and column:
    /// a login no account has (with the closest one known, when there is one), or an account
    /// without a letter under way. Reads only.
    public func problems(in entries: [SheetEntry], file: String, plan: Int64?, school: String? = nil) throws -> [(line: Int, message: String)] {
        try pool.read { db in
            let ledger = DeliveryLedger(db: db)
            // A sheet given for one school (a director's, from the web pages) names its accounts only,
            // and the suggestions come from them alone: no login of another school is told.
            let schoolID = try school.map { try SchoolDirectory.ids(of: [$0], db: db)[0] }
            let scope = schoolID.map { "AND a.school_id = \($0)" } ?? ""
            var problems: [(line: Int, message: String)] = []
            var known: [String]?
            for entry in entries {
                let place = "\(file), ligne \(entry.line), colonne \(entry.loginColumn)"
                do {
                    if schoolID != nil, try Bool.fetchOne(db, sql: """
                        SELECT 1 FROM account a WHERE (a.login = ? OR a.alias = ?) AND a.removed_import_id IS NULL \(scope)
                        """, arguments: [entry.login, entry.login]) == nil {
                        throw TrackingError.unknownLogin(entry.login, line: entry.line)
                    }
                    _ = try Self.openLetter(of: entry.login, plan: plan, line: nil, db: db, ledger: ledger)
                } catch TrackingError.unknownLogin {
                    if known == nil {
                        known = try String.fetchAll(db, sql: "SELECT \(SQLFragment.printedLogin("a")) FROM account a WHERE a.removed_import_id IS NULL \(scope)")
                    }
                    let suggestion = EditDistance.closest(to: entry.login, among: known!).map { " : vouliez-vous dire \($0) ?" } ?? ""
                    problems.append((entry.line, "\(place) : aucun compte « \(entry.login) »\(school.map { " à " + $0 } ?? "")\(suggestion)"))
                } catch let error as TrackingError {
                    problems.append((entry.line, "\(place) : \(error.userMessage)"))
                }
            }
            return problems
        }
    }

    /// Throws `TrackingError.unknownLogin` (or `ambiguousLogin`) for the first login or
    /// alias that names no account still in the export, or more than one. Reads only.
    public func checkLogins(_ logins: [String]) throws {
        try pool.read { db in
            for login in logins { _ = try Self.accountID(login, line: nil, db: db) }
        }
    }

    /// The account a login or alias names, among the accounts still in the export.
    static func accountID(_ login: String, line: Int?, db: Database) throws -> Int64 {
        let rows = try Row.fetchAll(db, sql: """
            SELECT a.id, s.name AS school FROM account a JOIN school s ON s.id = a.school_id
            WHERE (a.login = ? OR a.alias = ?) AND a.removed_import_id IS NULL
            """, arguments: [login, login])
        guard let first = rows.first else { throw TrackingError.unknownLogin(login, line: line) }
        guard rows.count == 1 else { throw TrackingError.ambiguousLogin(login, schools: rows.map { $0["school"] }) }
        return first["id"]
    }

    private static func openLetter(of login: String, plan: Int64?, line: Int?, db: Database, ledger: DeliveryLedger) throws -> DeliveryLedger.Current {
        let id = try accountID(login, line: line, db: db)
        guard let letter = try ledger.deliveries(ofAccounts: [id])
            .last(where: { !$0.isCopy && !$0.state.isClosed && (plan == nil || $0.planID == plan) })
        else { throw TrackingError.noLetter(login: login, plan: plan, line: line) }
        return letter
    }

    /// The email letters under way of the accounts whose address (ENT or collected) is `address`.
    private static func emailLetters(to address: String, plan: Int64?, db: Database, ledger: DeliveryLedger) throws -> [DeliveryLedger.Current] {
        let accounts = try Int64.fetchAll(db, sql: """
            SELECT id FROM account WHERE removed_import_id IS NULL AND (lower(ent_email) = lower(?1) OR lower(collected_email) = lower(?1))
            """, arguments: [address])
        let letters = try ledger.deliveries(ofAccounts: accounts).filter {
            $0.channel == .email && !$0.isCopy && !$0.state.isClosed && (plan == nil || $0.planID == plan)
        }
        guard !letters.isEmpty else { throw TrackingError.unknownAddress(address) }
        return letters
    }

    private static func classLetters(
        _ name: String, school: String?, channel: Channel?, plan: Int64?, db: Database, ledger: DeliveryLedger
    ) throws -> [DeliveryLedger.Current] {
        let key = NameKey.exact(name)
        let schoolKey = school.map(NameKey.exact)
        var batches: [(plan: Int64, id: Int64, channel: Channel, school: String)] = []
        for row in try Row.fetchAll(db, sql: """
            SELECT b.plan_id, b.id, b.class_name, s.name AS school, b.channel FROM batch b JOIN school s ON s.id = b.school_id
            WHERE b.class_name IS NOT NULL \(plan == nil ? "" : "AND b.plan_id = ?") ORDER BY b.plan_id DESC, b.position
            """, arguments: plan.map { [$0] } ?? []) {
            let batchChannel = try Channel.stored(row["channel"], column: "batch.channel")
            guard NameKey.exact(row["class_name"]) == key, schoolKey == nil || NameKey.exact(row["school"]) == schoolKey,
                  channel == nil || channel == batchChannel else { continue }
            batches.append((row["plan_id"], row["id"], batchChannel, row["school"]))
        }
        guard let latest = batches.first?.plan else { throw TrackingError.noClassLetters(className: name, plan: plan) }
        if school == nil {
            let schools = Set(batches.map(\.school))
            guard schools.count == 1 else { throw TrackingError.classInSeveralSchools(className: name, schools: schools.sorted()) }
        }
        let chosen = batches.filter { $0.plan == latest }
        let channels = Set(chosen.map(\.channel)).sorted()
        guard channels.count == 1 else { throw TrackingError.severalPackets(className: name, plan: latest, channels: channels) }
        let ids = try chosen.flatMap { batch in
            try Int64.fetchAll(db, sql: "SELECT id FROM delivery WHERE batch_id = ? AND is_copy = 0 ORDER BY position", arguments: [batch.id])
        }
        let letters = try ledger.current(ids).filter { !$0.state.isClosed }
        guard !letters.isEmpty else { throw TrackingError.noClassLetters(className: name, plan: latest) }
        return letters
    }
}
