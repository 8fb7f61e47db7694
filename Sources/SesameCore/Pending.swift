import Dispatch

/// A value computed on another thread, waited for on this one.
public final class Pending<Value: Sendable>: @unchecked Sendable {
    private let ready = DispatchSemaphore(value: 0)
    // Written once before `ready` is signalled, read only after waiting on it.
    private var value: Value?

    public init() {}

    /// `work`'s value, computed on another core from now.
    public static func computing(_ work: @escaping @Sendable () -> Value) -> Pending {
        let pending = Pending()
        DispatchQueue.global().async { pending.fulfil(work()) }
        return pending
    }

    public func fulfil(_ value: Value) {
        self.value = value
        ready.signal()
    }

    public func wait() -> Value {
        ready.wait()
        return value!
    }
}
