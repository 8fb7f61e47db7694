import Foundation
import SesameCore

/// Runs a reader on a thread of its own and hands its items to the caller in chunks.
///
/// An import is two jobs of similar size, parsing the file and writing SQLite, and SQLite
/// must be written from one thread: parsing one chunk ahead lets both cores work. The
/// items reach `emit` in file order, on the caller's thread; a reading error is rethrown
/// there, and an error thrown by `emit` stops the reading thread.
enum ReadAhead {
    static func run(
        chunkSize: Int = 512,
        produce: @escaping @Sendable ((ExportItem) throws -> Void) throws -> Void,
        emit: (ExportItem) throws -> Void
    ) throws {
        let channel = Channel(capacity: 8)
        let thread = Thread {
            var chunk: [ExportItem] = []
            chunk.reserveCapacity(chunkSize)
            do {
                try produce { item in
                    chunk.append(item)
                    if chunk.count == chunkSize {
                        try channel.send(chunk.reversed())
                        chunk.removeAll(keepingCapacity: true)
                    }
                }
                try channel.send(chunk.reversed())
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
                // an item holds a row's dozen strings, each counted at every copy.
                while let item = chunk.popLast() { try emit(item) }
            }
        } catch {
            channel.cancel()
            throw error
        }
    }

    /// A bounded queue of chunks between the reading thread and the caller, each chunk's
    /// items last first, so that the caller takes them from its end.
    private final class Channel: @unchecked Sendable {
        private let condition = NSCondition()
        private var chunks: [[ExportItem]] = []
        private var finished = false
        private var failure: Error?
        private var cancelled = false
        private let capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
        }

        func send(_ chunk: [ExportItem]) throws {
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
        func receive() throws -> [ExportItem]? {
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
