import Foundation
import GRDB
import SesameCore

/// Writes a plan, school by school, inside the caller's transaction.
struct PlanWriter {
    private let db: Database
    private let request: PlanRequest
    let planID: Int64
    private let now: Double
    private var schoolIDs: [String: Int64] = [:]
    private var nextDeliveryID: Int64
    /// The letters from here on have no event yet.
    private var firstWithoutEvent: Int64
    /// The letters the last `write` or `finish` put in the table, each now with its first
    /// event: the plan's latest, as the letters of no other plan come after them.
    private(set) var justStored: Range<Int64> = 0..<0
    private var nextPosition = 0
    private var deliveryCount = 0
    private var leftOutReasons: [(String, Int)] = []
    private var deliveries, leftOut: BatchInsert
    private let insertBatch: Statement

    init(db: Database, request: PlanRequest) throws {
        self.db = db
        self.request = request
        now = request.now.timeIntervalSince1970
        try db.execute(sql: """
            INSERT INTO plan (name, strategy, strategy_source, selection, created_at, created_by, follows_plan_id)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [request.name, request.strategy.name, request.strategySource, request.selection, now, request.actor, request.follows])
        planID = db.lastInsertedRowID
        for row in try Row.fetchAll(db, sql: "SELECT name, id FROM school") { schoolIDs[row["name"]] = row["id"] }
        nextDeliveryID = (try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM delivery") ?? 0) + 1
        firstWithoutEvent = nextDeliveryID
        deliveries = try BatchInsert(db, table: "delivery", columns: [
            "id", "plan_id", "batch_id", "position", "account_id", "channel", "letter", "step", "is_copy", "state", "state_at",
            "follows_delivery_id",
        ], orIgnore: false)
        leftOut = try BatchInsert(db, table: "left_out", columns: ["plan_id", "account_id", "code", "reason"], orIgnore: false)
        insertBatch = try db.makeStatement(sql: """
            INSERT INTO batch (plan_id, position, school_id, channel, class_name, recipients, meeting_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
    }

    /// Adds a draft's batches (a delivery per letter, with its first event once it is in the
    /// table), what it left out, and cancels the deliveries it replans.
    mutating func write(_ draft: PlanDraft) throws {
        if !draft.replanned.isEmpty {
            try DeliveryLedger(db: db).cancelActive(
                of: draft.replanned, actor: request.actor, note: "replanifié dans le plan \(planID)", at: request.now)
        }
        for batch in draft.batches {
            try insertBatch.execute(arguments: [
                planID, nextPosition, schoolIDs[batch.school], batch.channel.rawValue, batch.className,
                ListColumn.join(batch.recipients), batch.meeting?.timeIntervalSince1970,
            ])
            nextPosition += 1
            let batchID = db.lastInsertedRowID
            for (index, d) in batch.deliveries.enumerated() {
                try deliveries.add([
                    .int(nextDeliveryID), .int(planID), .int(batchID), .int(Int64(index)), .int(d.accountID),
                    .text(d.channel.rawValue), .text(d.letter.rawValue), .int(Int64(d.step)), .int(d.isCopy ? 1 : 0),
                    .text(DeliveryState.planned.rawValue), .double(now), .int(d.follows),
                ])
                nextDeliveryID += 1
            }
            deliveryCount += batch.deliveries.count
        }
        for item in draft.leftOut {
            try leftOut.add([.int(planID), .int(item.accountID), .text(item.reason.code), .text(item.message)])
            if let i = leftOutReasons.firstIndex(where: { $0.0 == item.message }) { leftOutReasons[i].1 += 1 } else {
                leftOutReasons.append((item.message, 1))
            }
        }
        try writeFirstEvents()
    }

    /// The first event of each letter in the table and without one, in one statement: made
    /// and bound row by row, planning the académie took a tenth more CPU. Written as the
    /// letters are, not all at the end, where nothing else would run alongside.
    private mutating func writeFirstEvents() throws {
        justStored = firstWithoutEvent..<(nextDeliveryID - Int64(deliveries.pendingRows))
        guard !justStored.isEmpty else { return }
        try db.cachedStatement(sql: "INSERT INTO event (delivery_id, at, actor, to_state) SELECT id, ?, ?, ? FROM delivery WHERE id >= ? AND id < ?")
            .execute(arguments: [now, request.actor, DeliveryState.planned.rawValue, justStored.lowerBound, justStored.upperBound])
        firstWithoutEvent = justStored.upperBound
    }

    var hasDeliveries: Bool { deliveryCount > 0 }

    /// Writes what is pending, and each letter's first event; throws if the plan has no letter
    /// at all.
    mutating func finish() throws -> Int64 {
        guard deliveryCount > 0 else {
            throw PlanError.nothingToPlan(selected: leftOutReasons.reduce(0) { $0 + $1.1 }, reasons: leftOutReasons)
        }
        try deliveries.flush()
        try writeFirstEvents()
        try leftOut.flush()
        return planID
    }
}
