import SesameCore

/// A text column holding an enum's raw values, read as the case's index: SQLite compares the
/// text, Swift reads an integer. Scans of a million deliveries spent more time making Strings
/// of "handed-over" and "meeting" than reading the rows.
struct EnumColumn<Value: RawRepresentable & CaseIterable> where Value.RawValue == String {
    /// `CASE column WHEN 'a' THEN 0 WHEN 'b' THEN 1 … END`, generated from the enum itself.
    let sql: String
    private let cases: [Value]

    init(_ column: String) {
        cases = Array(Value.allCases)
        sql = "CASE \(column) " + cases.enumerated().map { "WHEN '\($1.rawValue)' THEN \($0)" }.joined(separator: " ") + " END"
    }

    func value(_ index: Int64?) -> Value? {
        guard let index, index >= 0, index < cases.count else { return nil }
        return cases[Int(index)]
    }
}
