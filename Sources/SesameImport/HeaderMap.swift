import SesameCore

/// A column a file may have, with the header spellings it is known by.
protocol KnownColumn: CaseIterable, Hashable, Sendable {
    /// The header as the reference export writes it, shown in messages.
    var header: String { get }
    /// Other spellings, compared by their loose key (no case, accents, spaces or punctuation).
    var aliases: [String] { get }
}

/// Where each known column sits in a file, from its header row.
struct HeaderMap<Column: KnownColumn>: Sendable {
    private let positions: [Column: Int]

    init(header: [String], file: String, required: [Column]) throws(ImportError) {
        var lookup: [String: Column] = [:]
        for column in Column.allCases {
            for spelling in [column.header] + column.aliases { lookup[NameKey.loose(spelling)] = column }
        }
        var positions: [Column: Int] = [:]
        for (index, name) in header.enumerated() {
            guard let column = lookup[NameKey.loose(name)] else {
                throw .unknownHeader(
                    file: file, column: index + 1, header: name, expected: Column.allCases.map(\.header))
            }
            guard positions[column] == nil else {
                throw .duplicateHeader(file: file, column: index + 1, header: name)
            }
            positions[column] = index
        }
        let missing = required.filter { positions[$0] == nil }
        guard missing.isEmpty else { throw .missingColumns(file: file, names: missing.map(\.header)) }
        self.positions = positions
    }

    func has(_ column: Column) -> Bool { positions[column] != nil }

    /// The trimmed value of a column, nil when the column is absent or the cell empty.
    func value(_ column: Column, in fields: [String]) -> String? {
        guard let index = positions[column] else { return nil }
        let value = fields[index].trimmingCharacters(in: .whitespacesAndNewlines)
        return value.isEmpty ? nil : value
    }

    /// A comma-separated cell as a list, without empty items or repeats.
    func list(_ column: Column, in fields: [String]) -> [String] {
        guard let cell = value(column, in: fields) else { return [] }
        var seen: Set<String> = []
        return cell.split(separator: ",").compactMap { item in
            let text = item.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty, seen.insert(NameKey.exact(text)).inserted else { return nil }
            return text
        }
    }

    /// "colonne 8 « Code d'activation »", for messages about one cell.
    func describe(_ column: Column) -> String {
        "colonne \((positions[column] ?? 0) + 1) « \(column.header) »"
    }
}

import Foundation
