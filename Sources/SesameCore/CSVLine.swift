/// Lines of the `;`-separated files Sésame writes for French spreadsheets: a field is quoted
/// only when it holds a `;`, a quote or a line break.
public enum CSVLine {
    public static func make(_ fields: [String]) -> String {
        fields.map { f in
            f.contains(where: { $0 == ";" || $0 == "\"" || $0.isNewline })
                ? "\"" + f.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\"" : f
        }.joined(separator: ";")
    }
}
