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
/// Every change goes through here: the state machine (`DeliveryState.successors`, and what
/// each channel allows) is checked for all the deliveries first, and nothing is written if
/// one move is illegal.
struct DeliveryLedger {
    let db: Database

    /// A delivery as the ledger sees it.
    struct Current {
        var deliveryID: Int64
        var planID: Int64
        var accountID: Int64
        var login: String
        var state: DeliveryState
        var channel: Channel
        var letter: LetterKind
        var isCopy: Bool
        /// The account's activation code as it is now (nil: activated).
        var code: String?
    }

    struct Move {
        var deliveryID: Int64
        var login: String
        var channel: Channel
        var from: DeliveryState
        var to: DeliveryState
        var note: String?

        init(_ current: Current, to state: DeliveryState, note: String?) {
            self.init(deliveryID: current.deliveryID, login: current.login, channel: current.channel, from: current.state, to: state, note: note)
        }

        init(deliveryID: Int64, login: String, channel: Channel, from: DeliveryState, to: DeliveryState, note: String?) {
            self.deliveryID = deliveryID
            self.login = login
            self.channel = channel
            self.from = from
            self.to = to
            self.note = note
        }
    }

    private enum Column: Int32, SelectedColumn {
        case delivery, plan, account, login, state, channel, letter, isCopy, code

        var expression: String {
            switch self {
            case .delivery: "d.id"
            case .plan: "d.plan_id"
            case .account: "d.account_id"
            case .login: SQLFragment.printedLogin("a")
            case .state: "d.state"
            case .channel: "d.channel"
            case .letter: "d.letter"
            case .isCopy: "d.is_copy"
            case .code: "a.activation_code"
            }
        }
    }

    private static let columns = "\(Column.selectList) FROM delivery d JOIN account a ON a.id = d.account_id"

    private static func current(_ r: RowReader) throws -> Current {
        Current(
            deliveryID: r.int64(Column.delivery)!, planID: r.int64(Column.plan)!, accountID: r.int64(Column.account)!,
            login: r.string(Column.login)!, state: try DeliveryState.stored(r.string(Column.state), column: "delivery.state"),
            channel: try Channel.stored(r.string(Column.channel), column: "delivery.channel"),
            letter: try LetterKind.stored(r.string(Column.letter), column: "delivery.letter"), isCopy: r.bool(Column.isCopy),
            code: r.string(Column.code))
    }

    /// The commands whose events `record undo` looks for.
    enum Command: String {
        case record, undo
    }

    /// Applies moves, all or none; `command` names the command in the events.
    func apply(_ moves: [Move], actor: String, at date: Date, command: Command? = nil) throws {
        try Self.check(moves)
        try write(moves, actor: actor, at: date, command: command)
    }

    /// Throws on the first move the state machine does not allow.
    static func check(_ moves: some Sequence<Move>) throws {
        if let illegal = moves.first(where: { !$0.from.canMove(to: $0.to, on: $0.channel) }) {
            throw IllegalTransition(login: illegal.login, from: illegal.from, to: illegal.to, channel: illegal.channel)
        }
    }

    /// Escalates the letters that `letters` (a follow-up plan's, by id) follow, each with an
    /// event naming the channel of the letter that follows it, in two statements: one at a
    /// time, the moves were a third of writing the escalations. The caller checked the moves
    /// (`check`).
    func escalateFollowed(by letters: Range<Int64>, actor: String, at date: Date) throws {
        guard !letters.isEmpty else { return }
        let now = date.timeIntervalSince1970
        let escalated = DeliveryState.escalated.rawValue
        // The events first: they note the state each letter leaves.
        try db.cachedStatement(sql: Self.escalationEvents).execute(arguments: [now, actor, escalated, letters.lowerBound, letters.upperBound])
        try db.cachedStatement(sql: Self.escalation).execute(arguments: [escalated, now, letters.lowerBound, letters.upperBound])
    }

    // Made once: each school's escalations run them.
    private static let escalationEvents = """
        INSERT INTO event (delivery_id, at, actor, from_state, to_state, note)
        SELECT o.id, ?, ?, o.state, ?, 'relancée : ' || \(SQLFragment.frenchName(ofChannel: "n.channel")) || ' (plan ' || n.plan_id || ')'
        FROM delivery n JOIN delivery o ON o.id = n.follows_delivery_id
        WHERE n.id >= ? AND n.id < ?
        """
    private static let escalation = """
        UPDATE delivery SET state = ?, state_at = ?
        WHERE id IN (SELECT follows_delivery_id FROM delivery WHERE id >= ? AND id < ?)
        """

    /// Takes back a recorded outcome: the one move the state machine does not check, since
    /// it returns the delivery to the state it was in before, which was legal then.
    func revert(_ moves: [Move], actor: String, at date: Date) throws {
        try write(moves, actor: actor, at: date, command: .undo)
    }

    private func write(_ moves: [Move], actor: String, at date: Date, command: Command?) throws {
        let now = date.timeIntervalSince1970
        var update = try BulkStatement(db, sql: "UPDATE delivery SET state = ?, state_at = ? WHERE id = ?", cached: true)
        var events = try BatchInsert(
            db, table: "event", columns: ["delivery_id", "at", "actor", "from_state", "to_state", "note", "command"], orIgnore: false)
        for move in moves {
            update.bind(move.to.rawValue)
            update.bind(now)
            update.bind(move.deliveryID)
            try update.execute()
            try events.add([
                .int(move.deliveryID), .double(now), .text(actor), .text(move.from.rawValue), .text(move.to.rawValue), .text(move.note),
                .text(command?.rawValue),
            ])
        }
        try events.flush()
    }

    /// Writes a note in the history of deliveries, their states unchanged.
    func annotate(_ deliveries: [Current], note: String, actor: String, at date: Date) throws {
        var events = try BatchInsert(db, table: "event", columns: ["delivery_id", "at", "actor", "from_state", "to_state", "note"], orIgnore: false)
        for d in deliveries {
            try events.add([.int(d.deliveryID), .double(date.timeIntervalSince1970), .text(actor), .text(d.state.rawValue), .text(d.state.rawValue), .text(note)])
        }
        try events.flush()
    }

    /// The deliveries as they are now, in the order given.
    func current(_ deliveries: [Int64]) throws -> [Current] {
        var statement = try BulkStatement(db, sql: "SELECT \(Self.columns) WHERE d.id = ?", cached: true)
        return try deliveries.map { id in
            statement.bind(id)
            guard let found = try statement.first(Self.current) else { throw LedgerError.unknownDelivery(id) }
            return found
        }
    }

    /// Every delivery of these accounts, oldest first.
    func deliveries(ofAccounts accounts: [Int64]) throws -> [Current] {
        var statement = try BulkStatement(db, sql: "SELECT \(Self.columns) WHERE d.account_id = ? ORDER BY d.id", cached: true)
        var found: [Current] = []
        for id in accounts {
            statement.bind(id)
            try statement.forEach { found.append(try Self.current($0)) }
        }
        return found
    }

    /// The moves of these deliveries from their current state to `state`.
    func moves(of deliveries: [Int64], to state: DeliveryState, note: String?) throws -> [Move] {
        try current(deliveries).map { Move($0, to: state, note: note) }
    }

    /// The moves that make these changes, from the deliveries' current states.
    func moves(of changes: [DeliveryChange]) throws -> [Move] {
        try zip(current(changes.map(\.deliveryID)), changes).map { Move($0, to: $1.state, note: $1.note) }
    }

    /// Cancels the deliveries still under way of these accounts. A letter already handed over
    /// or being sent stays as it is: it did happen, or may have.
    @discardableResult
    func cancelActive(of accounts: [Int64], actor: String, note: String, at date: Date) throws -> Int {
        let moves = try deliveries(ofAccounts: accounts)
            .filter { !$0.state.isClosed && $0.state.canMove(to: .cancelled) }
            .map { Move($0, to: .cancelled, note: note) }
        try apply(moves, actor: actor, at: date)
        return moves.count
    }
}
