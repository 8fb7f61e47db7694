/// A value for `BulkStatement` and `BatchInsert`, typed so that binding needs no boxing.
enum BulkValue {
    case int(Int64)
    case double(Double)
    case text(String)
    case null

    static func text(_ value: String?) -> BulkValue { value.map { .text($0) } ?? .null }
    static func double(_ value: Double?) -> BulkValue { value.map { .double($0) } ?? .null }
    static func int(_ value: Int64?) -> BulkValue { value.map { .int($0) } ?? .null }
}

extension BulkStatement {
    mutating func bind(_ value: BulkValue) {
        switch value {
        case .int(let v): bind(v)
        case .double(let v): bind(v)
        case .text(let v): bind(v)
        case .null: bind(nil as Int64?)
        }
    }
}
