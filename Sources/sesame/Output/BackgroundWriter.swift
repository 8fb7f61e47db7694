import Dispatch

/// Formats output on a second core while the store reads on the first: work items run in
/// order on a serial queue, at most a few ahead, so memory stays bounded.
final class BackgroundWriter<State>: @unchecked Sendable {
    private var state: State
    private let queue = DispatchQueue(label: "sesame.output")
    private let slots = DispatchSemaphore(value: 4)

    init(_ state: State) {
        self.state = state
    }

    func async(_ work: @escaping @Sendable (inout State) -> Void) {
        slots.wait()
        queue.async {
            work(&self.state)
            self.slots.signal()
        }
    }

    /// Waits for what was queued: a command that fails must not exit while it runs.
    func wait() {
        queue.sync {}
    }

    /// Waits for what was queued, then runs `work` on the final state.
    func finish<Result>(_ work: (inout State) -> Result) -> Result {
        queue.sync { work(&state) }
    }
}
