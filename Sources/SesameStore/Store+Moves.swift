import Foundation
import GRDB
import SesameCore

/// One delivery to move to a state, with the note of its event.
public struct DeliveryChange: Sendable, Equatable {
    public var deliveryID: Int64
    public var state: DeliveryState
    public var note: String?

    public init(_ deliveryID: Int64, to state: DeliveryState, note: String? = nil) {
        self.deliveryID = deliveryID
        self.state = state
        self.note = note
    }
}

extension Store {
    /// Moves deliveries to a state, each with its event, in one transaction: if one move is
    /// illegal for the state machine, none is made.
    public func move(_ deliveries: [Int64], to state: DeliveryState, actor: String, note: String? = nil, at date: Date = Date()) throws {
        try move(deliveries.map { DeliveryChange($0, to: state, note: note) }, actor: actor, at: date)
    }

    /// Makes changes to different states in one transaction, in order, all or none.
    public func move(_ changes: [DeliveryChange], actor: String, at date: Date = Date()) throws {
        guard !changes.isEmpty else { return }
        try pool.write { db in
            let ledger = DeliveryLedger(db: db)
            try ledger.apply(try ledger.moves(of: changes), actor: actor, at: date)
        }
    }
}
