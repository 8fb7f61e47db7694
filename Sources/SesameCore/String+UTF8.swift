extension String {
    /// Calls `body` with the string's UTF-8 bytes where they are.
    ///
    /// `withUTF8` is mutating: called on a value it takes a copy first, counted up and down
    /// again, which on the import's hot paths (a million rows, a dozen cells each) added up.
    /// A native string is contiguous UTF-8; only another (bridged) one is copied.
    @inlinable
    public func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}
