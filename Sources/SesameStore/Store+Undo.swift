import Foundation
import GRDB
import SesameCore

/// Whose recorded outcome `record undo` takes back.
public enum UndoTarget: Sendable, Equatable {
    /// The last outcome recorded for these accounts' letters.
    case accounts([String])
    /// Everything the last `record` command recorded, still as it left it.
    case lastRecord
    /// These letters' last recorded outcome, by delivery (a tick undone in the web pages).
    case deliveries([Int64])
}

/// A recorded outcome that is (or would be) taken back.
public struct RecordedOutcome: Sendable, Hashable {
    public var login: String
    /// The state the outcome put the letter in, and the state it goes back to.
    public var recorded: DeliveryState
    public var before: DeliveryState
    public var recordedBy: String
    public var recordedAt: Date
}

extension Store {
    /// The outcomes `undo` would take back, without changing anything: to show them first.
    public func outcomesToUndo(_ target: UndoTarget, plan: Int64?) throws -> [RecordedOutcome] {
        try pool.read { db in try Self.undoable(target, plan: plan, db: db).map(\.outcome) }
    }

    /// Takes back recorded outcomes: each letter returns to the state it was in before, with
    /// an event saying who undid what and why. Nothing is deleted from the history. All or
    /// nothing: an account whose letter has no recorded outcome as its last change (never
    /// recorded, already undone, escalated since) is an error and nothing changes.
    @discardableResult
    public func undo(_ target: UndoTarget, plan: Int64?, actor: String, reason: String?, at date: Date = Date()) throws -> [RecordedOutcome] {
        try pool.write { db in
            let found = try Self.undoable(target, plan: plan, db: db)
            let moves = found.map { item in
                let when = "\(SchoolCalendar.frenchDate(item.outcome.recordedAt)) à \(SchoolCalendar.time(item.outcome.recordedAt))"
                let why = reason.map { " : \($0)" } ?? ""
                return DeliveryLedger.Move(
                    item.current, to: item.outcome.before,
                    note: "annulation de l’état « \(item.outcome.recorded.frenchName) », enregistré par \(item.outcome.recordedBy) le \(when)\(why)")
            }
            try DeliveryLedger(db: db).revert(moves, actor: actor, at: date)
            return found.map(\.outcome)
        }
    }

    private static func undoable(_ target: UndoTarget, plan: Int64?, db: Database) throws -> [(current: DeliveryLedger.Current, outcome: RecordedOutcome)] {
        let ledger = DeliveryLedger(db: db)
        switch target {
        case .accounts(let logins):
            return try logins.map { login in
                let id = try accountID(login, line: nil, db: db)
                guard let letter = try ledger.deliveries(ofAccounts: [id]).last(where: { !$0.isCopy && (plan == nil || $0.planID == plan) }) else {
                    throw TrackingError.noLetter(login: login, plan: plan, line: nil)
                }
                guard let outcome = try lastRecord(of: letter, db: db) else {
                    throw TrackingError.nothingToUndo(login: login, reason: "sa lettre est « \(letter.state.frenchName) » et sa dernière étape n’a pas été enregistrée avec sesame record")
                }
                return (letter, outcome)
            }
        case .deliveries(let ids):
            return try ledger.current(ids).map { letter in
                guard let outcome = try lastRecord(of: letter, db: db) else {
                    throw TrackingError.nothingToUndo(login: letter.login, reason: "sa lettre est « \(letter.state.frenchName) » et sa dernière étape n’a pas été enregistrée")
                }
                return (letter, outcome)
            }
        case .lastRecord:
            guard let at = try Double.fetchOne(db, sql: "SELECT MAX(at) FROM event WHERE \(recordedEvent)") else {
                throw TrackingError.noRecordToUndo
            }
            let ids = try Int64.fetchAll(db, sql: "SELECT delivery_id FROM event WHERE \(recordedEvent) AND at = ? ORDER BY id", arguments: [at])
            let found = try ledger.current(ids).compactMap { letter in try lastRecord(of: letter, db: db).map { (letter, $0) } }
            guard !found.isEmpty else { throw TrackingError.noRecordToUndo }
            return found
        }
    }

    /// An event written by `record`: marked so since v6; before, the outcomes only `record`
    /// could write (every one but a bounce, which `send` wrote too).
    private static let recordedEvent = """
        (COALESCE(command, '') = '\(DeliveryLedger.Command.record.rawValue)' OR (command IS NULL AND to_state IN \(SQLFragment.states { Outcome.recordedStates.contains($0) && $0 != .bounced })))
        """

    /// The letter's last event, if it is a recorded outcome that still holds.
    private static func lastRecord(of letter: DeliveryLedger.Current, db: Database) throws -> RecordedOutcome? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT from_state, to_state, actor, at, \(recordedEvent) AS recorded FROM event WHERE delivery_id = ? ORDER BY id DESC LIMIT 1
            """, arguments: [letter.deliveryID]),
            row["recorded"] as Bool == true,
            let recorded = DeliveryState(rawValue: row["to_state"]), recorded == letter.state,
            let before = (row["from_state"] as String?).flatMap(DeliveryState.init(rawValue:))
        else { return nil }
        return RecordedOutcome(login: letter.login, recorded: recorded, before: before, recordedBy: row["actor"], recordedAt: Date(timeIntervalSince1970: row["at"]))
    }
}
