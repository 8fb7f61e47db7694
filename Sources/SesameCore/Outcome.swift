/// What a director records about a letter that went out: the `sesame record` verbs and
/// the words of the sign-off sheets' "Remis" column.
public enum Outcome: String, Sendable, Hashable, CaseIterable {
    case received, absent, returned, lost, refused

    /// The state a delivery takes.
    public var state: DeliveryState {
        switch self {
        case .received: .handedOver
        case .absent: .absent
        case .returned: .returned
        case .lost: .lost
        case .refused: .refused
        }
    }

    /// The word of the sheets' "Remis" column.
    public var sheetWord: String {
        switch self {
        case .received: "oui"
        case .absent: "absent"
        case .returned: "retour"
        case .lost: "perdu"
        case .refused: "refus"
        }
    }

    /// From a verb or a sheet's word, in English or French, in any case, with or without accents.
    public init?(word: String) {
        let key = NameKey.loose(word)
        guard let found = Outcome.allCases.first(where: { [$0.rawValue, $0.sheetWord].contains(key) })
            ?? Outcome.aliases[key] else { return nil }
        self = found
    }

    private static let aliases: [String: Outcome] = [
        "remis": .received, "remise": .received, "recu": .received, "x": .received,
        "absente": .absent, "retourne": .returned, "retournee": .returned, "perdue": .lost, "refuse": .refused, "refusee": .refused,
    ]
}

/// One row of a sign-off sheet with its "Remis" column filled in.
public struct SheetEntry: Sendable, Equatable {
    public var line: Int
    public var login: String
    public var outcome: Outcome
    public var note: String?

    public init(line: Int, login: String, outcome: Outcome, note: String?) {
        self.line = line
        self.login = login
        self.outcome = outcome
        self.note = note
    }
}
