import Foundation

/// Runs a reader on a thread of its own and hands its items to the caller in chunks.
///
/// An import is two jobs of similar size, parsing the file and writing SQLite, and so are a
/// plan (reading and planning the accounts, writing the letters) and a follow-up (reading the
/// letters under way and planning the escalations, writing them); SQLite must be written from
/// one thread: reading one chunk ahead lets both cores work. The items reach
/// `emit` in the order produced, on the caller's thread; a reading error is rethrown there,
/// and an error thrown by `emit` stops the reading thread.
public enum ReadAhead {
    public static func run<Item: Sendable>(
        chunkSize: Int = 512,
        produce: @escaping @Sendable ((Item) throws -> Void) throws -> Void,
        emit: (consuming Item) throws -> Void
    ) throws {
        let channel = Chunks<Item>(capacity: 8)
        let thread = Thread {
            var chunk: [Item] = []
            chunk.reserveCapacity(chunkSize)
            do {
                try produce { item in
                    chunk.append(item)
                    if chunk.count == chunkSize {
                        // Handed over whole: copying its items would count each of their
                        // strings once more here, and freeing the chunk count them down again.
                        try channel.send(chunk)
                        chunk = []
                        chunk.reserveCapacity(chunkSize)
                    }
                }
                try channel.send(chunk)
                channel.finish(nil)
            } catch {
                channel.finish(error)
            }
        }
        thread.stackSize = 1 << 20
        thread.start()
        do {
            while var chunk = try channel.receive() {
                // Moved out, last first, rather than copied out and then freed with the chunk:
                // an export item holds a row's dozen strings, each counted at every copy.
                // Reversing in place swaps the items without counting them.
                chunk.reverse()
                while let item = chunk.popLast() { try emit(item) }
            }
        } catch {
            channel.cancel()
            throw error
        }
    }

    /// A bounded queue of chunks between the reading thread and the caller.
    private final class Chunks<Item>: @unchecked Sendable {
        private let condition = NSCondition()
        private var chunks: [[Item]] = []
        private var finished = false
        private var failure: Error?
        private var cancelled = false
        private let capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
        }

        func send(_ chunk: [Item]) throws {
            condition.lock()
            defer { condition.unlock() }
            while chunks.count >= capacity && !cancelled { condition.wait() }
            if cancelled { throw CancellationError() }
            chunks.append(chunk)
            condition.broadcast()
        }

        func finish(_ error: Error?) {
            condition.lock()
            finished = true
            failure = error
            condition.broadcast()
            condition.unlock()
        }

        /// The next chunk, nil at the end; rethrows the reading thread's error.
        func receive() throws -> [Item]? {
            condition.lock()
            defer { condition.unlock() }
            while chunks.isEmpty && !finished { condition.wait() }
            if !chunks.isEmpty {
                condition.broadcast()
                return chunks.removeFirst()
            }
            if let failure { throw failure }
            return nil
        }

        /// Stops the reading thread and waits until it has let go of the data.
        func cancel() {
            condition.lock()
            cancelled = true
            condition.broadcast()
            while !finished { condition.wait() }
            condition.unlock()
        }
    }
}
