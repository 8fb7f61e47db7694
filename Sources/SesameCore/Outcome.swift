/// What a director records about a letter that went out: the `sesame record` verbs and
/// the words of the sign-off sheets' "Remis" column.
public enum Outcome: String, Sendable, Hashable, CaseIterable {
    case received, absent, returned, lost, refused
    /// An email the server accepted and the académie's relay bounced later.
    case bounced

    /// The state a delivery takes.
    public var state: DeliveryState {
        switch self {
        case .received: .handedOver
        case .absent: .absent
        case .returned: .returned
        case .lost: .lost
        case .refused: .refused
        case .bounced: .bounced
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
        case .bounced: "rejet"
        }
    }

    /// From a verb or a sheet's word, in English or French, in any case, with or without accents.
    public init?(word: String) {
        let key = NameKey.loose(word)
        // A tick mark has no letter for the loose key to keep: it is looked up as typed.
        guard let found = Outcome.allCases.first(where: { [$0.rawValue, $0.sheetWord].contains(key) })
            ?? Outcome.aliases[key] ?? Outcome.aliases[TextNormalization.trimmed(word)] else { return nil }
        self = found
    }

    private static let aliases: [String: Outcome] = [
        // What a teacher types for a tick: « O » for oui, « OK », « V » as a tick is written by
        // hand, the square-root sign (Alt+251 on a French keyboard), a ticked box.
        "remis": .received, "remise": .received, "recu": .received, "x": .received, "o": .received, "ok": .received, "v": .received,
        "✓": .received, "✔": .received, "√": .received, "☑": .received,
        "abs": .absent, "absente": .absent, "retourne": .returned, "retournee": .returned, "perdue": .lost, "refuse": .refused,
        "refusee": .refused, "rejete": .bounced, "rejetee": .bounced,
    ]

    /// The states a recorded outcome leads to: what `record undo` may take back.
    public static let recordedStates: Set<DeliveryState> = Set(allCases.map(\.state))
}

/// One row of a sign-off sheet with its "Remis" column filled in.
public struct SheetEntry: Sendable, Equatable {
    public var line: Int
    /// The column of the login, for the messages about it.
    public var loginColumn: Int
    public var login: String
    public var outcome: Outcome
    public var note: String?

    public init(line: Int, loginColumn: Int = 1, login: String, outcome: Outcome, note: String?) {
        self.line = line
        self.loginColumn = loginColumn
        self.login = login
        self.outcome = outcome
        self.note = note
    }
}
