import Foundation

/// How a name written in a file ("Prénom Nom") is matched to a person.
///
/// Exports write people as "Prénom Nom"; spreadsheets sometimes as "Nom Prénom". The exact
/// keys are tried first; the loose key (no accents, no punctuation, "?" as a wildcard) only
/// when the exact ones find no one.
struct PersonNameKeys: Sendable, Hashable {
    let exact: String
    let exactReversed: String
    let loose: String
    let looseReversed: String

    init(firstName: String, lastName: String) {
        exact = NameKey.exact(firstName + " " + lastName)
        exactReversed = NameKey.exact(lastName + " " + firstName)
        (loose, looseReversed) = NameKey.looseBothWays(firstName, lastName)
    }

    /// Whether a written name refers to this person.
    func isNamed(_ written: String) -> Bool {
        isNamed(WrittenName(written))
    }

    /// The same, for a name whose keys were made once to be compared with many people.
    func isNamed(_ written: WrittenName) -> Bool {
        if written.exact == exact || written.exact == exactReversed { return true }
        return NameKey.looseEqual(written.loose, loose) || NameKey.looseEqual(written.loose, looseReversed)
    }
}

/// A name as a file writes it, with its keys.
struct WrittenName: Sendable, Hashable {
    let exact: String
    let loose: String

    init(_ written: String) {
        exact = NameKey.exact(written)
        loose = NameKey.loose(written)
    }
}

/// An index of people by name, answering "who could « Prénom Nom » be?".
///
/// Nearly every name in an export is written exactly as the person's own row writes it,
/// so only the "Prénom Nom" keys are made up front; the reversed and loose keys are made
/// the first time a name is not found that way. Keys are kept as bytes in sorted tables
/// (`SortedKeys`) rather than as strings in dictionaries: for an académie's 1,200,000 links
/// of parents to children, 190 MiB instead of 870.
struct PersonIndex: Sendable {
    private var people: [(index: Int, firstName: String, lastName: String, exact: String?)] = []
    private var byExact: SortedKeys?
    private var fallback: Fallback?

    private struct Fallback: Sendable {
        var byExactReversed: SortedKeys
        /// Each person's loose key (key 2p) and loose reversed key (2p + 1), in byte order and
        /// spelt backwards: a damaged name keeps its letters before its first "?" and after its
        /// last, and the people whose keys start (or end) with those are one range, found
        /// without scanning everyone (an académie has 600,000 parents). People whose own key
        /// is damaged are left out of the ranges and kept aside (usually none).
        var loose: SortedKeys
        var damaged: [(position: Int, keys: PersonNameKeys)]
    }

    /// `exactKey`: the person's `NameKey.exact` of "Prénom Nom", when the caller made it.
    mutating func insert(_ index: Int, firstName: String, lastName: String, exactKey: String? = nil) {
        people.append((index, firstName, lastName, exactKey))
        byExact = nil
        fallback = nil
    }

    /// Candidates for a written name: exact spellings first, then loose ones.
    mutating func candidates(for written: String) -> [Int] {
        let exact = exactCandidates(for: written)
        return exact.isEmpty ? looseCandidates(for: written) : exact
    }

    /// People whose name is this one, in either order, up to case and Unicode form.
    mutating func exactCandidates(for written: String) -> [Int] {
        exactCandidates(forKey: NameKey.exact(written))
    }

    /// The same, for a name's `NameKey.exact` key made once.
    mutating func exactCandidates(forKey exact: String) -> [Int] {
        if byExact == nil {
            byExact = SortedKeys(people.lazy.map { $0.exact ?? NameKey.exact($0.firstName + " " + $0.lastName) }, backwards: false)
        }
        let hits = byExact!.positions(equalTo: exact)
        if !hits.isEmpty { return hits.map { people[$0].index } }
        return fallbackIndex().byExactReversed.positions(equalTo: exact).map { people[$0].index }
    }

    /// People whose name is this one up to accents and punctuation, a "?" on either side
    /// standing for a lost letter.
    mutating func looseCandidates(for written: String) -> [Int] {
        let index = fallbackIndex()
        let looseKey = NameKey.loose(written)
        var found: [Int] = []
        func add(_ position: Int) {
            if !found.contains(people[position].index) { found.append(people[position].index) }
        }
        guard looseKey.contains("?") else {
            // Keys 2p and 2p + 1 are person p's, next to each other in the answer: a person both of
            // whose keys are this one counts once.
            for key in index.loose.positions(equalTo: looseKey) where found.last != people[key / 2].index {
                found.append(people[key / 2].index)
            }
            // A candidate may itself carry the "?" (a name read from a damaged file).
            for damaged in index.damaged where damaged.keys.isNamed(written) { add(damaged.position) }
            return found
        }
        // A damaged name keeps its letters before its first "?" and after its last: the people
        // whose key starts with the first and ends with the second are within the smaller of
        // two ranges, each checked for the other end before a full comparison.
        let bytes = Array(looseKey.utf8)
        let question = UInt8(ascii: "?")
        let prefix = bytes.prefix { $0 != question }
        let suffix = bytes.reversed().prefix { $0 != question }.reversed()
        func consider(_ position: Int, _ keys: [String]) {
            if keys.contains(where: { NameKey.looseEqual(looseKey, $0) }) { add(position) }
        }
        for key in index.loose.candidates(prefix: Array(prefix), suffix: Array(suffix)) {
            consider(key / 2, [index.loose.key(key)])
        }
        for damaged in index.damaged { consider(damaged.position, [damaged.keys.loose, damaged.keys.looseReversed]) }
        return found
    }

    private mutating func fallbackIndex() -> Fallback {
        if fallback == nil { fallback = buildFallback() }
        return fallback!
    }

    private func buildFallback() -> Fallback {
        // A loose key has a "?" only where the name has one.
        let damaged = people.indices.filter { people[$0].firstName.utf8.contains(0x3F) || people[$0].lastName.utf8.contains(0x3F) }
            .map { (position: $0, keys: PersonNameKeys(firstName: people[$0].firstName, lastName: people[$0].lastName)) }
            .filter { $0.keys.loose.contains("?") }
        return Fallback(
            byExactReversed: SortedKeys(people.lazy.map { NameKey.exact($0.lastName + " " + $0.firstName) }, backwards: false),
            loose: SortedKeys(
                people.lazy.flatMap { person in
                    let keys = NameKey.looseBothWays(person.firstName, person.lastName)
                    return [keys.firstLast, keys.lastFirst]
                },
                backwards: true, leavingOut: Set(damaged.flatMap { [2 * $0.position, 2 * $0.position + 1] })),
            damaged: damaged)
    }
}

/// Keys held as bytes, one run of memory for all of them, with their numbers sorted in byte
/// order (and, when asked, in the order of their bytes read backwards): the keys equal to
/// one, or starting and ending with given bytes, are ranges found by bisection. Byte order
/// is what both the sorting and the searching use, so they agree whatever the script.
struct SortedKeys: Sendable {
    private var bytes: [UInt8] = []
    /// Key k is `bytes[ends[k - 1] ..< ends[k]]`.
    private var ends: [UInt32] = []
    /// Key numbers in byte order, equal keys by number.
    private var forward: [Int32] = []
    /// Key numbers in the byte order of the keys read backwards; empty unless asked for.
    private var backward: [Int32] = []

    /// `keys` is read once, each key dropped once stored (give a lazy sequence: an array of
    /// a million strings is what this type saves). `leavingOut`: keys stored (their numbers
    /// stay) but in neither order.
    init(_ keys: some Sequence<String>, backwards: Bool, leavingOut: Set<Int> = []) {
        ends.reserveCapacity(keys.underestimatedCount)
        for key in keys {
            bytes.append(contentsOf: key.utf8)
            ends.append(UInt32(bytes.count))
        }
        let numbers = (0..<Int32(ends.count)).filter { !leavingOut.contains(Int($0)) }
        forward = sorted(numbers, backwards: false)
        if backwards { backward = sorted(numbers, backwards: true) }
    }

    private func sorted(_ numbers: [Int32], backwards: Bool) -> [Int32] {
        bytes.withUnsafeBufferPointer { b in
            ends.withUnsafeBufferPointer { e in
                // Each key's first eight bytes (its last eight, backwards) as one number, compared
                // first: most keys differ within them, and the bytes are compared only for ties.
                // A key shorter than eight bytes is padded with zeros, which no key holds, so a
                // key sorts before the longer keys it starts, as byte order has it.
                var heads = numbers.map { (head: Self.head(Int($0), bytes: b, ends: e, backwards: backwards), number: $0) }
                heads.sort { x, y in
                    if x.head != y.head { return x.head < y.head }
                    let order = Self.compare(Int(x.number), Int(y.number), bytes: b, ends: e, backwards: backwards)
                    return order != 0 ? order < 0 : x.number < y.number
                }
                return heads.map(\.number)
            }
        }
    }

    private static func head(_ key: Int, bytes: UnsafeBufferPointer<UInt8>, ends: UnsafeBufferPointer<UInt32>, backwards: Bool) -> UInt64 {
        let start = key == 0 ? 0 : Int(ends[key - 1]), end = Int(ends[key])
        var head: UInt64 = 0
        for offset in 0..<8 {
            let byte = offset < end - start ? (backwards ? bytes[end - 1 - offset] : bytes[start + offset]) : 0
            head = head << 8 | UInt64(byte)
        }
        return head
    }

    func key(_ number: Int) -> String {
        String(decoding: bytes[range(number)], as: UTF8.self)
    }

    /// The numbers of the keys equal to `key`, in increasing order.
    func positions(equalTo key: String) -> [Int] {
        let target = Array(key.utf8)
        let start = lowerBound(in: forward) { compare(Int($0), with: target[...], backwards: false) < 0 }
        var found: [Int] = []
        var i = start
        while i < forward.count, compare(Int(forward[i]), with: target[...], backwards: false) == 0 {
            found.append(Int(forward[i]))
            i += 1
        }
        return found
    }

    /// The numbers of the keys that start with `prefix` and end with `suffix`, read from the
    /// smaller of the two ranges (needs `backwards`).
    func candidates(prefix: [UInt8], suffix: [UInt8]) -> [Int] {
        let reversedSuffix = Array(suffix.reversed())
        let starting = range(in: forward, backwards: false, prefix: prefix[...])
        let ending = range(in: backward, backwards: true, prefix: reversedSuffix[...])
        let (order, other, otherBackwards) = starting.count <= ending.count
            ? (forward[starting], reversedSuffix, true) : (backward[ending], prefix, false)
        return order.map(Int.init).filter { hasPrefix($0, other[...], backwards: otherBackwards) }
    }

    private func range(_ number: Int) -> Range<Int> {
        (number == 0 ? 0 : Int(ends[number - 1]))..<Int(ends[number])
    }

    /// The keys of `order` starting with `prefix` (all of them for an empty prefix).
    private func range(in order: [Int32], backwards: Bool, prefix: ArraySlice<UInt8>) -> Range<Int> {
        let start = lowerBound(in: order) { compare(Int($0), with: prefix, backwards: backwards) < 0 }
        // Keys starting with the prefix come before the first key after all of them.
        let end = lowerBound(in: order) { number in
            compare(Int(number), with: prefix, backwards: backwards) < 0 || hasPrefix(Int(number), prefix, backwards: backwards)
        }
        return start..<max(start, end)
    }

    /// The first position of `order` where `isBefore` stops holding (it holds for a prefix of `order`).
    private func lowerBound(in order: [Int32], isBefore: (Int32) -> Bool) -> Int {
        var low = 0, high = order.count
        while low < high {
            let middle = (low + high) / 2
            if isBefore(order[middle]) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private func hasPrefix(_ number: Int, _ prefix: ArraySlice<UInt8>, backwards: Bool) -> Bool {
        range(number).count >= prefix.count && compare(number, with: prefix, backwards: backwards, upTo: prefix.count) == 0
    }

    /// Negative, zero or positive as key `number` (its first `limit` bytes, if given) sorts
    /// before, with or after `other`.
    private func compare(_ number: Int, with other: ArraySlice<UInt8>, backwards: Bool, upTo limit: Int? = nil) -> Int {
        let r = range(number)
        let length = min(r.count, limit ?? r.count)
        return bytes.withUnsafeBufferPointer { b in
            // Forwards, the C library compares a word at a time: keys of one school's pairs
            // share their parent's name, and bisecting among a million of them compared it
            // byte by byte again and again.
            if !backwards {
                let common = min(length, other.count)
                let order = common == 0 ? 0 : other.withUnsafeBufferPointer { memcmp(b.baseAddress! + r.lowerBound, $0.baseAddress!, common) }
                return order != 0 ? Int(order) : length - other.count
            }
            for offset in 0..<min(length, other.count) {
                let x = b[r.upperBound - 1 - offset]
                let y = other[other.startIndex + offset]
                if x != y { return Int(x) - Int(y) }
            }
            return length - other.count
        }
    }

    /// The same between two stored keys, on the storage itself: what sorting calls millions of times.
    private static func compare(
        _ a: Int, _ b: Int, bytes: UnsafeBufferPointer<UInt8>, ends: UnsafeBufferPointer<UInt32>, backwards: Bool
    ) -> Int {
        let aStart = a == 0 ? 0 : Int(ends[a - 1]), aEnd = Int(ends[a])
        let bStart = b == 0 ? 0 : Int(ends[b - 1]), bEnd = Int(ends[b])
        let common = min(aEnd - aStart, bEnd - bStart)
        if !backwards {
            let order = common == 0 ? 0 : memcmp(bytes.baseAddress! + aStart, bytes.baseAddress! + bStart, common)
            return order != 0 ? Int(order) : (aEnd - aStart) - (bEnd - bStart)
        }
        var offset = 0
        while offset < common {
            let x = bytes[aEnd - 1 - offset]
            let y = bytes[bEnd - 1 - offset]
            if x != y { return Int(x) - Int(y) }
            offset += 1
        }
        return (aEnd - aStart) - (bEnd - bStart)
    }
}
