import GRDB

/// Where a scan reads the letters of a plan and its follow-ups: `d`, joined with their batch
/// `b` and account `a`, for `SELECT … FROM \(source) AND …`.
///
/// `PlanWriter` numbers a plan's letters in batch and packet order, a later plan's after an
/// earlier one's. When the plans hold most of the store's letters (batches count for them),
/// the table's own order is theirs, read without a seek through the batches' index for each
/// letter. A school's letters, or a season among the past ones a store keeps, are read
/// through the batches: a scan of the whole table would read every past season too.
struct PlanLetters {
    /// `FROM` clause and the plans' (and school's) condition.
    let source: String
    /// `ORDER BY` for plan, batch and packet order.
    let order: String

    init(plans: [Int64], school: Int64?, db: Database) throws {
        let list = "(" + plans.map(String.init).joined(separator: ", ") + ")"
        let theirs = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM batch WHERE plan_id IN \(list)") ?? 0
        let all = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM batch") ?? 0
        if school == nil && theirs * 2 >= all {
            source = "delivery d NOT INDEXED JOIN batch b ON b.id = d.batch_id JOIN account a ON a.id = d.account_id WHERE d.plan_id IN \(list)"
            order = "d.id"
        } else {
            source = "batch b JOIN delivery d ON d.batch_id = b.id JOIN account a ON a.id = d.account_id WHERE b.plan_id IN \(list)"
                + (school.map { " AND b.school_id = \($0)" } ?? "")
            order = "b.plan_id, b.position"
        }
    }
}
