import SesameCore

/// SQL written once, from the domain's rules: no query spells a list of delivery states, or
/// which login is the printed one, by hand.
enum SQLFragment {
    /// The login a person knows and letters print: the alias when the ENT gave one.
    static func printedLogin(_ table: String) -> String { "COALESCE(\(table).alias, \(table).login)" }

    /// `('planned', 'sending', …)`: the states that satisfy `rule`, for `state IN …`.
    static func states(where rule: (DeliveryState) -> Bool) -> String {
        "(" + DeliveryState.allCases.filter(rule).map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")"
    }

    /// Deliveries still under way: `d.state IN openStates`.
    static let openStates = states { !$0.isClosed }
    /// Deliveries the status counts: not replaced by another letter, not cancelled.
    static let countedStates = states { !$0.isSuperseded }
    /// The others, for `state NOT IN …`: two values to test instead of eleven, in the scan of
    /// a million letters.
    static let supersededStates = states(where: \.isSuperseded)
    /// Deliveries that may still carry the account's code.
    static let codeNeededStates = states(where: \.needsCode)

    /// The French name of the channel stored in `column` (`Channel.frenchName`).
    static func frenchName(ofChannel column: String) -> String {
        "CASE \(column)" + Channel.allCases.map { " WHEN \(literal($0.rawValue)) THEN \(literal($0.frenchName))" }.joined() + " END"
    }

    /// `text` as an SQL string literal.
    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
