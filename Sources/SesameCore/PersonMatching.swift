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
        let key = NameKey.exact(written)
        if key == exact || key == exactReversed { return true }
        let looseKey = NameKey.loose(written)
        return NameKey.looseEqual(looseKey, loose) || NameKey.looseEqual(looseKey, looseReversed)
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
        var all: [(index: Int, keys: PersonNameKeys)] = []
        /// The people whose own name is damaged (a "?"), usually none.
        var damaged: [(index: Int, keys: PersonNameKeys)] = []
    }

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
            return index.all.filter {
                NameKey.looseEqual(looseKey, $0.keys.loose) || NameKey.looseEqual(looseKey, $0.keys.looseReversed)
            }.map(\.index)
        }
        // A candidate may itself carry the "?" (a name read from a damaged file).
        let damaged = index.damaged.filter { $0.keys.isNamed(written) }.map(\.index)
        return (index.byLoose[looseKey] ?? []) + damaged.filter { !(index.byLoose[looseKey] ?? []).contains($0) }
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
            fallback.all.append((person.index, keys))
            if keys.loose.contains("?") { fallback.damaged.append((person.index, keys)) }
        }
        return fallback
    }
}
