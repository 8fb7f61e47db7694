import GRDB
import SesameCore

extension Store {
    /// Inside a write transaction on `db`: runs `read` on a reading connection and a thread
    /// of its own, and hands what it produces to `write` on this one, in order (`ReadAhead`).
    ///
    /// A plan and a follow-up are reading and planning on one side, writing on the other,
    /// of similar size: both cores work. The reading snapshot is taken once the transaction
    /// holds the write lock, so `read` sees the store as the transaction does, without its
    /// writes; the callers only write what was already read, or rows `read` does not look at.
    func readingAhead<Item: Sendable>(
        whileWriting db: Database, read: @escaping @Sendable (Database, (Item) throws -> Void) throws -> Void,
        write: (Item) throws -> Void
    ) throws {
        precondition(db.isInsideTransaction, "the write lock is held before the reading snapshot is taken")
        try ReadAhead.run(chunkSize: 1, produce: { emit in try self.pool.read { try read($0, emit) } }, emit: write)
    }
}
