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
struct PersonIndex: Sendable {
    private var byExact: [String: [Int]] = [:]
    private var byLoose: [String: [Int]] = [:]
    private var all: [(index: Int, keys: PersonNameKeys)] = []

    mutating func insert(_ index: Int, keys: PersonNameKeys) {
        byExact[keys.exact, default: []].append(index)
        if keys.exactReversed != keys.exact { byExact[keys.exactReversed, default: []].append(index) }
        byLoose[keys.loose, default: []].append(index)
        if keys.looseReversed != keys.loose { byLoose[keys.looseReversed, default: []].append(index) }
        all.append((index, keys))
    }

    /// Candidates for a written name: exact spellings first, then loose ones.
    func candidates(for written: String) -> [Int] {
        if let hits = byExact[NameKey.exact(written)] { return hits }
        let looseKey = NameKey.loose(written)
        if looseKey.contains("?") {
            return all.filter {
                NameKey.looseEqual(looseKey, $0.keys.loose) || NameKey.looseEqual(looseKey, $0.keys.looseReversed)
            }.map(\.index)
        }
        if let hits = byLoose[looseKey] { return hits }
        // A candidate may itself carry the "?" (a name read from an ISO-8859-1 file).
        return all.filter { $0.keys.loose.contains("?") && $0.keys.isNamed(written) }.map(\.index)
    }
}
