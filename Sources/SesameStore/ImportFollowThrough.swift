import Foundation
import GRDB
import SesameCore

/// What a newer export means for the plans, applied in the import's transaction: an account
/// activated since closes its open activation letters; a new code makes the letters already
/// printed or sent useless (they are flagged, to be made again by the follow-up); an account
/// gone from the export has its letters under way cancelled.
struct ImportFollowThrough {
    let db: Database
    let file: String
    let now: Date

    /// Who the history names for what an import changes.
    private let actor = "import"

    func apply(activated: [Int64], codeChanged: [Int64], removed: [Int64]) throws -> ImportSummary.Deliveries {
        var result = ImportSummary.Deliveries()
        let ledger = DeliveryLedger(db: db)

        let closing = try ledger.deliveries(ofAccounts: activated).filter { !$0.state.isClosed && $0.letter == .activation }
        try ledger.apply(closing.map { DeliveryLedger.Move($0, to: .activated, note: "compte activé (\(file))") }, actor: actor, at: now)
        result.closedByActivation = closing.count

        // A letter that exists with the old code: printed, handed over, lost, or an email
        // sent or being sent (it may reach the family).
        let stale = try ledger.deliveries(ofAccounts: codeChanged).filter {
            $0.letter == .activation && [.sending, .issued, .handedOver, .lost].contains($0.state)
        }
        var flag = try BulkStatement(db, sql: "UPDATE delivery SET stale_code = 1 WHERE id = ?")
        for d in stale {
            flag.bind(d.deliveryID)
            try flag.execute()
        }
        try ledger.annotate(stale, note: "nouveau code d’activation dans l’ENT (\(file)) : lettre à refaire", actor: actor, at: now)
        var seen = Set<Int64>()
        result.toRemake = stale.filter { seen.insert($0.accountID).inserted }.map(\.login)

        result.cancelled = try ledger.cancelActive(of: removed, actor: actor, note: "compte absent de l’export (\(file))", at: now)
        return result
    }
}
