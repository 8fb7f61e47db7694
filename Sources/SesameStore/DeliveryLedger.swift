import Foundation
import GRDB
import SesameCore

public enum LedgerError: UserFacingError, Equatable {
    case unknownDelivery(Int64)

    public var userMessage: String {
        switch self {
        case .unknownDelivery(let id): "aucune remise n° \(id)"
        }
    }
}

/// Changes of delivery state, each written with its event in the caller's transaction.
///
/// Every change goes through here: the state machine (`DeliveryState.successors`) is
/// checked for all the deliveries first, and nothing is written if one move is illegal.
struct DeliveryLedger {
    let db: Database

    struct Move {
        var deliveryID: Int64
        var login: String
        var from: DeliveryState
        var to: DeliveryState
        var note: String?
    }

    /// Applies moves, all or none.
    func apply(_ moves: [Move], actor: String, at date: Date) throws {
        if let illegal = moves.first(where: { !$0.from.canMove(to: $0.to) }) {
            throw IllegalTransition(login: illegal.login, from: illegal.from, to: illegal.to)
        }
        let now = date.timeIntervalSince1970
        var update = try BulkStatement(db, sql: "UPDATE delivery SET state = ?, state_at = ? WHERE id = ?", cached: true)
        var events = try BatchInsert(db, table: "event", columns: ["delivery_id", "at", "actor", "from_state", "to_state", "note"], orIgnore: false)
        for move in moves {
            update.bind(move.to.rawValue)
            update.bind(now)
            update.bind(move.deliveryID)
            try update.execute()
            try events.add([.int(move.deliveryID), .double(now), .text(actor), .text(move.from.rawValue), .text(move.to.rawValue), .text(move.note)])
        }
        try events.flush()
    }

    /// The moves of these deliveries from their current state to `state`.
    func moves(of deliveries: [Int64], to state: DeliveryState, note: String?) throws -> [Move] {
        try moves(of: deliveries.map { DeliveryChange($0, to: state, note: note) })
    }

    /// The moves that make these changes, from the deliveries' current states.
    func moves(of changes: [DeliveryChange]) throws -> [Move] {
        var moves: [Move] = []
        var statement = try BulkStatement(db, sql: """
            SELECT d.state, COALESCE(a.alias, a.login) FROM delivery d JOIN account a ON a.id = d.account_id WHERE d.id = ?
            """, cached: true)
        for change in changes {
            statement.bind(change.deliveryID)
            guard let (from, login) = try statement.first({ ($0.string(0) ?? "", $0.string(1) ?? "") }),
                  let current = DeliveryState(rawValue: from)
            else { throw LedgerError.unknownDelivery(change.deliveryID) }
            moves.append(Move(deliveryID: change.deliveryID, login: login, from: current, to: change.state, note: change.note))
        }
        return moves
    }

    /// Cancels the deliveries still under way of these accounts. A letter already handed over
    /// or being sent stays as it is: it did happen, or may have.
    func cancelActive(of accounts: [Int64], actor: String, note: String, at date: Date) throws {
        let ids = Set(accounts)
        var moves: [Move] = []
        for row in try Row.fetchAll(db, sql: """
            SELECT d.id, d.account_id, COALESCE(a.alias, a.login), d.state FROM delivery d JOIN account a ON a.id = d.account_id
            WHERE d.state NOT IN ('escalated', 'activated', 'cancelled') ORDER BY d.id
            """) where ids.contains(row[1]) {
            let from = DeliveryState(rawValue: row[3]) ?? .planned
            guard from.canMove(to: .cancelled) else { continue }
            moves.append(Move(deliveryID: row[0], login: row[2], from: from, to: .cancelled, note: note))
        }
        try apply(moves, actor: actor, at: date)
    }
}
