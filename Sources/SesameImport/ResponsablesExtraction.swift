import Foundation
import SesameCore

/// ONDE's "extraction des responsables", exactly as ONDE writes it: one row per responsable,
/// their contacts, then the group `Nom d'usage enfant;Nom de famille enfant;Prénom enfant;Classes enfants`
/// once per child (rows with fewer children leave the last groups empty; the header and the
/// rows may end with a `;`).
struct ResponsablesExtraction {
    /// Whether a header is this extraction's: it names the child groups.
    static func recognises(_ header: [String]) -> Bool {
        let child = NameKey.loose(ResponsableChildColumn.firstName.header)
        return header.contains { NameKey.loose($0) == child }
    }

    let fileName: String
    let encoding: TextEncoding
    /// The header's fields, to name a column in a message.
    let header: [String]
    let columns: HeaderMap<ResponsableColumn>
    /// Field indexes of each child group's columns, by `ResponsableChildColumn`.
    let groups: [[Int]]
    /// Fields a row must have: the header's (`DelimitedFile` left out its trailing empty ones).
    let width: Int
    /// The fields holding names, checked for letters a legacy encoding lost.
    let nameFields: [Int]

    init(header fields: [String], fileName: String, encoding: TextEncoding) throws(ImportError) {
        let width = fields.count
        let childHeaders = Dictionary(
            uniqueKeysWithValues: ResponsableChildColumn.allCases.map { (NameKey.loose($0.header), $0) })
        guard let firstChild = fields.firstIndex(where: { childHeaders[NameKey.loose($0)] != nil }) else {
            throw .missingColumns(file: fileName, names: ResponsableChildColumn.allCases.map(\.header))
        }
        columns = try HeaderMap(
            header: Array(fields[..<firstChild]), file: fileName, required: [.lastName, .firstName])
        var groups: [[Int]] = []
        var index = firstChild
        while index < width {
            var group = Array(repeating: -1, count: ResponsableChildColumn.allCases.count)
            for offset in 0..<ResponsableChildColumn.allCases.count {
                let position = index + offset
                guard position < width, let column = childHeaders[NameKey.loose(fields[position])],
                      column.rawValue == offset
                else {
                    let found = position < width ? fields[position] : ""
                    throw .unknownHeader(
                        file: fileName, column: position + 1, header: found,
                        expected: [ResponsableChildColumn.allCases[offset].header])
                }
                group[offset] = position
            }
            groups.append(group)
            index += ResponsableChildColumn.allCases.count
        }
        self.fileName = fileName
        self.encoding = encoding
        header = fields.map(TextNormalization.trimmed)
        self.groups = groups
        self.width = width
        let columns = self.columns
        nameFields = [ResponsableColumn.usageName, .lastName, .firstName].filter(columns.has).map { columns.number($0) - 1 }
            + groups.flatMap { $0[...ResponsableChildColumn.firstName.rawValue] }
    }

    /// The record of one row, or nil when the row names no one (problems say why).
    func record(_ row: CSVRecord, problems: inout [ImportProblem]) throws(ImportError) -> AddressRecord? {
        var f = row.fields
        // Trailing empty groups may be left out, and a trailing ";" added.
        while f.count > width, DelimitedFile.isBlank(f[f.count - 1]) { f.removeLast() }
        guard f.count <= width, f.count >= width - (groups.count - 1) * ResponsableChildColumn.allCases.count else {
            throw .fieldCount(file: fileName, line: row.line, expected: width, found: row.fields.count)
        }
        f += Array(repeating: "", count: width - f.count)
        func problem(_ kind: ImportProblem.Kind, column: Int? = nil, _ message: String) {
            problems.append(ImportProblem(kind: kind, file: fileName, line: row.line, column: column, message: message))
        }
        func cell(_ index: Int) -> String? {
            let value = TextNormalization.trimmed(f[index])
            return value.isEmpty ? nil : TextNormalization.composed(value)
        }
        guard let lastName = columns.value(.lastName, in: f), let firstName = columns.value(.firstName, in: f) else {
            problem(.missingValue, "\(columns.describe(.lastName)) ou \(columns.describe(.firstName)) vide ; ligne ignorée")
            return nil
        }
        let parent = RegistryName(
            lastName: lastName, usageName: columns.value(.usageName, in: f).flatMap { $0 == lastName ? nil : $0 },
            firstName: firstName)
        var children: [AddressChild] = []
        for (number, group) in groups.enumerated() {
            let values = group.map(cell)
            if values.allSatisfy({ $0 == nil }) { continue }
            let usage = values[ResponsableChildColumn.usageName.rawValue]
            guard let first = values[ResponsableChildColumn.firstName.rawValue],
                  let last = values[ResponsableChildColumn.lastName.rawValue] ?? usage
            else {
                problem(.missingValue, column: group[0] + 1,
                        "enfant n° \(number + 1) : nom ou prénom vide ; cet enfant n’est pas pris en compte")
                continue
            }
            children.append(AddressChild(
                name: RegistryName(lastName: last, usageName: usage.flatMap { $0 == last ? nil : $0 }, firstName: first),
                className: values[ResponsableChildColumn.className.rawValue] ?? ""))
        }
        guard !children.isEmpty else {
            problem(.missingValue, "« \(parent.displayName) » : aucun enfant sur la ligne ; ligne ignorée")
            return nil
        }
        problems += CellProblems.damagedNames(
            nameFields.map { (TextNormalization.trimmed(f[$0]), $0 + 1) }, file: fileName, line: row.line,
            label: { "colonne \(nameFields[$0] + 1) « \(header[nameFields[$0]]) »" }, source: .onde(encoding))
        let abroad = columns.value(.country, in: f).flatMap { NameKey.loose($0) == "france" ? nil : $0 }
        let address = CellProblems.address(
            .street, .postcode, .city, abroad: abroad, in: f, columns: columns, file: fileName, line: row.line, encoding: encoding, problems: &problems)
        let email = CellProblems.email(
            columns.value(.email, in: f), file: fileName, line: row.line, column: columns.number(.email),
            label: columns.describe(.email), problems: &problems)
        // A mobile reaches the family best: it comes first.
        let phone = [ResponsableColumn.mobilePhone, .homePhone, .workPhone].lazy.compactMap { columns.value($0, in: f) }.first
        return AddressRecord(line: row.line, parent: parent, address: address, children: children, email: email, phone: phone)
    }
}
