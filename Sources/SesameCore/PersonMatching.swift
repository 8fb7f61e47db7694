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
        loose = NameKey.loose(firstName + lastName)
        looseReversed = NameKey.loose(lastName + firstName)
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
/// so only the "Prénom Nom" key is built up front; the reversed and loose keys are built
/// the first time a name is not found that way.
struct PersonIndex: Sendable {
    private var people: [(index: Int, firstName: String, lastName: String)] = []
    private var byExact: [String: [Int]] = [:]
    private var fallback: Fallback?

    private struct Fallback: Sendable {
        var byExact: [String: [Int]] = [:]
        var byLoose: [String: [Int]] = [:]
        /// Loose keys (either order) in byte order, and the same keys spelt backwards: a
        /// damaged name keeps its letters before its first "?" and after its last, and the
        /// people whose keys start (or end) with those are one range of these arrays, found
        /// without scanning everyone (an académie has 600,000 parents).
        var sortedKeys: [(key: String, entry: Int)] = []
        var sortedBackwards: [(key: String, entry: Int)] = []
        var all: [Entry] = []
        /// The people whose own name is damaged (a "?"), usually none.
        var damaged: [Entry] = []
    }

    private typealias Entry = (index: Int, keys: PersonNameKeys)

    mutating func insert(_ index: Int, firstName: String, lastName: String) {
        byExact[NameKey.exact(firstName + " " + lastName), default: []].append(index)
        people.append((index, firstName, lastName))
        fallback = nil
    }

    /// Candidates for a written name: exact spellings first, then loose ones.
    mutating func candidates(for written: String) -> [Int] {
        let exact = exactCandidates(for: written)
        return exact.isEmpty ? looseCandidates(for: written) : exact
    }

    /// People whose name is this one, in either order, up to case and Unicode form.
    mutating func exactCandidates(for written: String) -> [Int] {
        let exact = NameKey.exact(written)
        if let hits = byExact[exact] { return hits }
        return fallbackIndex().byExact[exact] ?? []
    }

    /// People whose name is this one up to accents and punctuation, a "?" on either side
    /// standing for a lost letter.
    mutating func looseCandidates(for written: String) -> [Int] {
        let index = fallbackIndex()
        let looseKey = NameKey.loose(written)
        if looseKey.contains("?") {
            // A damaged name keeps its letters before its first "?" and after its last: the
            // people whose key starts with the first and ends with the second are within the
            // smaller of two ranges, each checked for the other end before a full comparison.
            let prefix = String(looseKey.prefix { $0 != "?" })
            let backwardSuffix = String(looseKey.reversed().prefix { $0 != "?" })
            let backwardPrefix = String(prefix.reversed())
            let forward = Self.range(of: prefix, in: index.sortedKeys)
            let backward = Self.range(of: backwardSuffix, in: index.sortedBackwards)
            let suffix = String(backwardSuffix.reversed())
            var found: [Int] = []
            func consider(_ entry: Entry) {
                if NameKey.looseEqual(looseKey, entry.keys.loose) || NameKey.looseEqual(looseKey, entry.keys.looseReversed),
                   !found.contains(entry.index) { found.append(entry.index) }
            }
            if forward.count <= backward.count {
                for i in forward where index.sortedKeys[i].key.hasSuffix(suffix) { consider(index.all[index.sortedKeys[i].entry]) }
            } else {
                for i in backward where index.sortedBackwards[i].key.hasSuffix(backwardPrefix) {
                    consider(index.all[index.sortedBackwards[i].entry])
                }
            }
            for entry in index.damaged { consider(entry) }
            return found
        }
        // A candidate may itself carry the "?" (a name read from a damaged file).
        let damaged = index.damaged.filter { $0.keys.isNamed(written) }.map(\.index)
        return (index.byLoose[looseKey] ?? []) + damaged.filter { !(index.byLoose[looseKey] ?? []).contains($0) }
    }

    /// The positions of the keys that start with `prefix` (all of them for an empty prefix).
    private static func range(of prefix: String, in sorted: [(key: String, entry: Int)]) -> Range<Int> {
        func firstPosition(where isAfter: (String) -> Bool) -> Int {
            var low = 0, high = sorted.count
            while low < high {
                let middle = (low + high) / 2
                if isAfter(sorted[middle].key) { high = middle } else { low = middle + 1 }
            }
            return low
        }
        let start = firstPosition { $0 >= prefix }
        // Keys starting with the prefix come before the first key after all of them.
        let end = firstPosition { $0 >= prefix && !$0.hasPrefix(prefix) }
        return start..<max(start, end)
    }

    private mutating func fallbackIndex() -> Fallback {
        if fallback == nil { fallback = buildFallback() }
        return fallback!
    }

    private func buildFallback() -> Fallback {
        var fallback = Fallback()
        for person in people {
            let keys = PersonNameKeys(firstName: person.firstName, lastName: person.lastName)
            fallback.byExact[keys.exactReversed, default: []].append(person.index)
            fallback.byLoose[keys.loose, default: []].append(person.index)
            if keys.looseReversed != keys.loose { fallback.byLoose[keys.looseReversed, default: []].append(person.index) }
            let entry: Entry = (person.index, keys)
            fallback.all.append(entry)
            if keys.loose.contains("?") { fallback.damaged.append(entry); continue }
            for key in keys.loose == keys.looseReversed ? [keys.loose] : [keys.loose, keys.looseReversed] {
                fallback.sortedKeys.append((key, fallback.all.count - 1))
                fallback.sortedBackwards.append((String(key.reversed()), fallback.all.count - 1))
            }
        }
        fallback.sortedKeys.sort { $0.key < $1.key }
        fallback.sortedBackwards.sort { $0.key < $1.key }
        return fallback
    }
}
