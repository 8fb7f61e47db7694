import Foundation
import GRDB
import SesameCore

/// Writes a planner's draft, inside the caller's transaction.
struct PlanWriter {
    let db: Database
    let request: PlanRequest

    func write(_ draft: PlanDraft) throws -> Int64 {
        let now = request.now.timeIntervalSince1970
        try db.execute(sql: """
            INSERT INTO plan (name, strategy, strategy_source, selection, created_at, created_by, follows_plan_id)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [request.name, request.strategy.name, request.strategySource, request.selection, now, request.actor, request.follows])
        let planID = db.lastInsertedRowID
        if !draft.replanned.isEmpty {
            try DeliveryLedger(db: db).cancelActive(
                of: draft.replanned, actor: request.actor, note: "replanifié dans le plan \(planID)", at: request.now)
        }
        var schoolIDs: [String: Int64] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT name, id FROM school") { schoolIDs[row[0]] = row[1] }

        var deliveries = try BatchInsert(db, table: "delivery", columns: [
            "id", "plan_id", "batch_id", "position", "account_id", "channel", "letter", "step", "is_copy", "state", "state_at",
        ], orIgnore: false)
        var events = try BatchInsert(db, table: "event", columns: ["delivery_id", "at", "actor", "to_state"], orIgnore: false)
        var nextID = (try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM delivery") ?? 0) + 1
        let insertBatch = try db.makeStatement(sql: """
            INSERT INTO batch (plan_id, position, school_id, channel, class_name, recipients, meeting_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for (position, batch) in draft.batches.enumerated() {
            try insertBatch.execute(arguments: [
                planID, position, schoolIDs[batch.school], batch.channel.rawValue, batch.className,
                ListColumn.join(batch.recipients), batch.meeting?.timeIntervalSince1970,
            ])
            let batchID = db.lastInsertedRowID
            for (index, d) in batch.deliveries.enumerated() {
                try deliveries.add([
                    .int(nextID), .int(planID), .int(batchID), .int(Int64(index)), .int(d.accountID), .text(d.channel.rawValue),
                    .text(d.letter.rawValue), .int(Int64(d.step)), .int(d.isCopy ? 1 : 0), .text(DeliveryState.planned.rawValue),
                    .double(now),
                ])
                try events.add([.int(nextID), .double(now), .text(request.actor), .text(DeliveryState.planned.rawValue)])
                nextID += 1
            }
        }
        try deliveries.flush()
        try events.flush()
        var leftOut = try BatchInsert(db, table: "left_out", columns: ["plan_id", "account_id", "code", "reason"], orIgnore: false)
        for item in draft.leftOut {
            try leftOut.add([.int(planID), .int(item.accountID), .text(item.reason.code), .text(item.message)])
        }
        try leftOut.flush()
        return planID
    }
}
