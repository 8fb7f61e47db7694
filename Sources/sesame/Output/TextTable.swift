/// A plain-text table with aligned columns, for terminals and for logs.
struct TextTable {
    let headers: [String]
    private var rows: [[String]] = []

    init(headers: [String]) {
        self.headers = headers
    }

    mutating func add(_ row: [String]) {
        rows.append(row)
    }

    func render(into out: inout Console.Output) {
        var widths = headers.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        func format(_ cells: [String]) -> String {
            var line = ""
            for (i, cell) in cells.enumerated() {
                let last = i == cells.count - 1
                line += last ? cell : cell + String(repeating: " ", count: widths[i] - cell.count + 2)
            }
            return line
        }
        out.line(format(headers))
        out.line(format(widths.map { String(repeating: "─", count: $0) }))
        for row in rows { out.line(format(row)) }
    }
}
