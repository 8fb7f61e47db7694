import Foundation
import GRDB
import SesameCore

/// Letters leaving: printed, or handed to the mail server. Each is marked in a transaction
/// that also reads the account's current code, so that an import running at the same time
/// either sees the letter already out (and flags it) or is seen by it.
extension Store {
    /// Records that letters were printed: planned ones become issued. Printing again changes
    /// nothing; a re-print (`reprint`) is written in the history, and a lost letter printed
    /// again is issued again. A letter printed with a code the ENT has replaced since it was
    /// read is flagged stale, to be made again by the follow-up.
    public func recordPrinted(_ letters: [IssuedLetter], actor: String, reprint: Bool, at date: Date = Date()) throws {
        try pool.write { db in
            let ledger = DeliveryLedger(db: db)
            var moves: [DeliveryLedger.Move] = []
            var stale: [DeliveryLedger.Current] = []
            var flag = try BulkStatement(db, sql: "UPDATE delivery SET stale_code = ? WHERE id = ?", cached: true)
            for (current, letter) in zip(try ledger.current(letters.map(\.deliveryID)), letters) {
                switch current.state {
                case .planned: moves.append(DeliveryLedger.Move(current, to: .issued, note: "imprimée"))
                case .issued where reprint, .lost where reprint:
                    moves.append(DeliveryLedger.Move(current, to: .issued, note: "réimprimée"))
                default: continue
                }
                let outdated = letter.code != nil && letter.code != current.code
                if outdated { stale.append(current) }
                flag.bind(outdated)
                flag.bind(current.deliveryID)
                try flag.execute()
            }
            try ledger.apply(moves, actor: actor, at: date)
            try ledger.annotate(stale, note: "nouveau code d’activation dans l’ENT pendant l’impression : lettre à refaire", actor: actor, at: date)
        }
    }

    /// Writes what became of messages and claims the next one for sending, in one
    /// transaction. A change to the state a delivery is already in (a message left
    /// uncertain) is written as a note. The claim succeeds only if the letter is still to
    /// send and its code is still the account's: two runs of one plan never send one
    /// letter twice, and no message leaves with a code the ENT has replaced.
    public func recordSending(_ changes: [DeliveryChange], claiming next: IssuedLetter?, actor: String, at date: Date = Date()) throws -> SendingClaim? {
        try pool.write { db in
            let ledger = DeliveryLedger(db: db)
            var moves: [DeliveryLedger.Move] = []
            for (current, change) in zip(try ledger.current(changes.map(\.deliveryID)), changes) {
                if current.state == change.state {
                    try ledger.annotate([current], note: change.note ?? "", actor: actor, at: date)
                } else {
                    moves.append(DeliveryLedger.Move(current, to: change.state, note: change.note))
                }
            }
            try ledger.apply(moves, actor: actor, at: date)
            guard let next else { return nil }
            let current = try ledger.current([next.deliveryID])[0]
            guard current.state == .planned || current.state == .deferred else { return .takenElsewhere }
            guard next.code == nil || next.code == current.code else { return .codeChanged }
            try ledger.apply([DeliveryLedger.Move(current, to: .sending, note: "envoi")], actor: actor, at: date)
            return .claimed
        }
    }
}
