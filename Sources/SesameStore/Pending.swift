import Dispatch

/// A value computed on another thread, waited for on this one.
final class Pending<Value: Sendable>: @unchecked Sendable {
    private let ready = DispatchSemaphore(value: 0)
    // Written once before `ready` is signalled, read only after waiting on it.
    private var value: Value?

    func fulfil(_ value: Value) {
        self.value = value
        ready.signal()
    }

    func wait() -> Value {
        ready.wait()
        return value!
    }
}
