import SesameCore

/// A text column holding an enum's raw values, read as the case's index: SQLite compares the
/// text, Swift reads an integer. Scans of a million deliveries spent more time making Strings
/// of "handed-over" and "meeting" than reading the rows.
struct EnumColumn<Value: RawRepresentable & CaseIterable & Sendable>: Sendable where Value.RawValue == String {
    /// `CASE column WHEN 'a' THEN 0 WHEN 'b' THEN 1 … END`, generated from the enum itself.
    let sql: String
    private let cases: [Value]
    private let column: String

    init(_ column: String) {
        self.column = column
        cases = Array(Value.allCases)
        sql = "CASE \(column) " + cases.enumerated().map { "WHEN '\($1.rawValue)' THEN \($0)" }.joined(separator: " ") + " END"
    }

    /// The case read; a value the `CASE` did not know (NULL) is an error, never a default.
    func value(_ index: Int64?) throws -> Value {
        guard let index, index >= 0, index < cases.count else { throw StoreError.unknownValue(column: column, value: "?") }
        return cases[Int(index)]
    }
}

/// The enum columns of a delivery (`d`) and its account (`a`), read as indexes by the scans
/// of a plan's letters.
enum DeliveryColumns {
    static let state = EnumColumn<DeliveryState>("d.state"), letter = EnumColumn<LetterKind>("d.letter")
    static let channel = EnumColumn<Channel>("d.channel"), profile = EnumColumn<Profile>("a.profile")
}

extension RawRepresentable where RawValue == String {
    /// A value read from the store by its raw text: one this version does not know (a store
    /// written by a newer Sésame, or damaged) is an error, never a silent default.
    static func stored(_ raw: String?, column: String) throws -> Self {
        guard let raw, let value = Self(rawValue: raw) else { throw StoreError.unknownValue(column: column, value: raw ?? "NULL") }
        return value
    }
}
