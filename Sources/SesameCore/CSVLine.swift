/// Lines of the `;`-separated files Sésame writes for French spreadsheets: a field is quoted
/// only when it holds a `;`, a quote or a line break.
///
/// A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (and tab or
/// CR can hide one), so such a cell is written with a leading apostrophe, as OWASP's CSV
/// injection guidance advises: `=HYPERLINK(…)` in a name is shown, never run. Readers give
/// the cell back its value with `restored`.
public enum CSVLine {
    public static func make(_ fields: [String]) -> String {
        var line: [UInt8] = []
        append(fields, to: &line)
        return String(decoding: line, as: UTF8.self)
    }

    /// Writes the line's bytes at the end of `bytes`, without its line break: a million-row
    /// listing spent most of its time making each line, in characters first, then in growing
    /// a string cell by cell, then in appending a cell's bytes one at a time. Each cell's bytes
    /// are read where they are.
    public static func append(_ fields: [String], to bytes: inout [UInt8]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ";")) }
            field.withUTF8Bytes { cell in
                let quoted = cell.contains(where: needsQuotes)
                if quoted { bytes.append(UInt8(ascii: "\"")) }
                if startsFormula(cell.first) { bytes.append(UInt8(ascii: "'")) }
                if quoted {
                    for byte in cell {
                        bytes.append(byte)
                        if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                    }
                    bytes.append(UInt8(ascii: "\""))
                } else {
                    bytes.append(contentsOf: cell)
                }
            }
        }
    }

    private static func needsQuotes(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ";") || byte == UInt8(ascii: "\"") || byte == 10 || byte == 13
    }

    /// The bytes a spreadsheet reads as the start of a formula.
    private static func startsFormula(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "@") || byte == 9 || byte == 13
    }

    /// The cell as written: an apostrophe before a formula's first character.
    public static func neutralised(_ field: String) -> String {
        startsFormula(field.utf8.first) ? "'" + field : field
    }

    /// The value of a cell Sésame neutralised: without the apostrophe it added.
    public static func restored(_ cell: String) -> String {
        var bytes = cell.utf8.makeIterator()
        guard bytes.next() == UInt8(ascii: "'"), startsFormula(bytes.next()) else { return cell }
        return String(cell.dropFirst())
    }
}
