/// Lines of the `;`-separated files Sésame writes for French spreadsheets: a field is quoted
/// only when it holds a `;`, a quote or a line break.
public enum CSVLine {
    public static func make(_ fields: [String]) -> String {
        var line = ""
        for (index, f) in fields.enumerated() {
            if index > 0 { line += ";" }
            // Bytes, not characters: a million-row listing spent most of its time here.
            if f.utf8.contains(where: { $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }) {
                line += "\"" + f.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
            } else {
                line += f
            }
        }
        return line
    }
}
