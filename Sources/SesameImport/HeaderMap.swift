import SesameCore

/// A column a file may have, with the header spellings it is known by.
protocol KnownColumn: CaseIterable, Hashable, Sendable, RawRepresentable where RawValue == Int {
    /// The header as the reference export writes it, shown in messages.
    var header: String { get }
    /// Other spellings, compared by their loose key (no case, accents, spaces or punctuation).
    var aliases: [String] { get }
}

/// Where each known column sits in a file, from its header row.
struct HeaderMap<Column: KnownColumn>: Sendable {
    /// Field index per column, by the column's raw value; -1 when the file lacks it.
    private let positions: [Int]

    /// `ignoringUnknown`: for registry extractions, which carry many columns Sésame has no use for.
    init(header: [String], file: String, required: [Column], ignoringUnknown: Bool = false) throws(ImportError) {
        var lookup: [String: Column] = [:]
        for column in Column.allCases {
            for spelling in [column.header] + column.aliases { lookup[NameKey.loose(spelling)] = column }
        }
        var positions = Array(repeating: -1, count: Column.allCases.count)
        for (index, name) in header.enumerated() {
            guard let column = lookup[NameKey.loose(name)] else {
                if ignoringUnknown { continue }
                if DelimitedFile.isBlank(name) { throw .blankHeader(file: file, column: index + 1) }
                throw .unknownHeader(
                    file: file, column: index + 1, header: name, expected: Column.allCases.map(\.header))
            }
            guard positions[column.rawValue] < 0 else {
                throw .duplicateHeader(file: file, column: index + 1, header: name)
            }
            positions[column.rawValue] = index
        }
        let missing = required.filter { positions[$0.rawValue] < 0 }
        guard missing.isEmpty else { throw .missingColumns(file: file, names: missing.map(\.header)) }
        self.positions = positions
    }

    func has(_ column: Column) -> Bool { positions[column.rawValue] >= 0 }

    /// The trimmed, composed (NFC) value of a column, nil when the column is absent or the cell
    /// empty; a cell Sésame wrote neutralised (`'=…`) reads as what it was.
    func value(_ column: Column, in fields: [String]) -> String? {
        let index = positions[column.rawValue]
        guard index >= 0 else { return nil }
        let cell = fields[index]
        if TextNormalization.isClean(cell) { return cell }
        let value = TextNormalization.trimmed(CSVLine.restored(cell))
        return value.isEmpty ? nil : TextNormalization.composed(value)
    }

    /// A comma-separated cell as a list, without empty items or repeats.
    func list(_ column: Column, in fields: [String]) -> [String] {
        items(of: value(column, in: fields))
    }

    /// The items of a comma-separated cell (a `value`), without empty items or repeats.
    func items(of cell: String?) -> [String] {
        guard let cell else { return [] }
        // Read as the bytes they are: through the generic UTF-8 view, finding the commas of
        // the Enfants, Parents and Classes cells took a sixth of the parsing thread.
        return cell.withUTF8Bytes { utf8 in
            guard utf8.contains(UInt8(ascii: ",")) else { return [cell] }
            var items: [String] = []
            var keys: [String] = []
            for item in utf8.split(separator: UInt8(ascii: ",")) {
                let text = TextNormalization.trimmed(String(decoding: item, as: UTF8.self))
                let key = NameKey.exact(text)
                guard !text.isEmpty, !keys.contains(key) else { continue }
                items.append(text)
                keys.append(key)
            }
            return items
        }
    }

    /// The column's number in the file, from 1 (0 when the file lacks it).
    func number(_ column: Column) -> Int { positions[column.rawValue] + 1 }

    /// "colonne 8 « Code d'activation »", for messages about one cell.
    func describe(_ column: Column) -> String {
        "colonne \(positions[column.rawValue] + 1) « \(column.header) »"
    }
}

