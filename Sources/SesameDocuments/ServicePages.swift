import CPangoCairo
import Foundation

/// The pages of a packet that are not letters: the teacher's cover sheet, and the tables
/// to sign (class rosters, meeting sign-off sheets, the office pickup list).
struct ServicePages {
    let typesetter: Typesetter
    let file: PDFFile

    /// A cover sheet: the class in large print, then the packet's title and instructions.
    func cover(title: String, label: String, school: String, text: String) {
        file.newPage()
        let left = mm(20), width = mm(170)
        let context = typesetter.context
        cairo_save(context)
        cairo_set_source_rgb(context, 0.92, 0.92, 0.92)
        cairo_rectangle(context, left, mm(20), width, mm(38))
        cairo_fill(context)
        cairo_restore(context)
        typesetter.draw(Markup.escape(label), x: left, y: mm(24), width: width, style: .sans(40, bold: true, alignment: .center))
        var y = mm(68)
        y += typesetter.draw("<b>\(title)</b>", x: left, y: y, width: width, style: .sans(17)) + mm(2)
        y += typesetter.draw(Markup.escape(school), x: left, y: y, width: width, style: .sans(11), gray: 0.25) + mm(10)
        typesetter.draw(text, x: left, y: y, width: width, style: .sans(11.5))
    }

    /// A table over as many pages as it needs, its header repeated on each. Every row is as
    /// tall as its tallest cell (and at least tall enough to sign), headers wrap inside their
    /// cells: nothing is drawn over anything else. `widths` are fractions of the table's
    /// width, for the columns after the row number.
    func table(title: String, subtitle: String, instruction: String, columns: [String], widths: [Double], rows: [[String]]) {
        let left = mm(15), width = mm(180), top = mm(15), bottom = mm(297) - mm(18)
        let minimumRow = mm(9), numberWidth = mm(10), padding = mm(1.5)
        let cellStyle = TextStyle.sans(9), headerStyle = TextStyle.sans(8.5)
        let context = typesetter.context
        var xs: [Double] = [left, left + numberWidth]
        for w in widths { xs.append(xs.last! + (width - numberWidth) * w) }
        func cellWidth(_ i: Int) -> Double { xs[i + 1] - xs[i] - 2 * padding }
        let header = (["N°"] + columns).prefix(xs.count - 1).map { "<b>\(Markup.escape($0))</b>" }
        let headerHeight = max(mm(8), header.enumerated().map { typesetter.height($1, width: cellWidth($0), style: headerStyle) }.max()! + 2 * padding)
        // Every cell laid out once: its height places the rows and the pages, then it is drawn.
        // The empty ones (to fill in by hand) are neither laid out nor drawn.
        let cells = rows.enumerated().map { index, row in
            (["\(index + 1)"] + row).prefix(xs.count - 1).enumerated().map { $1.isEmpty ? nil : typesetter.layOut($1, width: cellWidth($0), style: cellStyle) }
        }
        let heights = cells.map { row in max(minimumRow, (row.compactMap { $0?.height }.max() ?? 0) + 2 * padding) }
        let titleHeight = typesetter.height("<b>\(title)</b>", width: width, style: .sans(13)) + mm(1)
            + typesetter.height(subtitle, width: width, style: .sans(9)) + mm(2)
            + typesetter.height("<i>\(instruction)</i>", width: width, style: .sans(9.5)) + mm(5)
        // Rows by page: as many as fit below the title and the header.
        var pages: [Range<Int>] = []
        var first = 0, used = 0.0
        let room = bottom - top - titleHeight - headerHeight
        for (i, height) in heights.enumerated() {
            if used + height > room, i > first {
                pages.append(first..<i)
                (first, used) = (i, 0)
            }
            used += height
        }
        pages.append(first..<rows.count)
        for (number, range) in pages.enumerated() {
            file.newPage()
            var y = top
            y += typesetter.draw("<b>\(title)</b>", x: left, y: y, width: width, style: .sans(13)) + mm(1)
            y += typesetter.draw(subtitle, x: left, y: y, width: width, style: .sans(9), gray: 0.25) + mm(2)
            y += typesetter.draw("<i>\(instruction)</i>", x: left, y: y, width: width, style: .sans(9.5)) + mm(5)
            cairo_save(context)
            cairo_set_source_rgb(context, 0.9, 0.9, 0.9)
            cairo_rectangle(context, left, y, width, headerHeight)
            cairo_fill(context)
            cairo_restore(context)
            for (i, text) in header.enumerated() {
                typesetter.draw(text, x: xs[i] + padding, y: y + padding, width: cellWidth(i), style: headerStyle)
            }
            var lines = [y, y + headerHeight]
            var rowY = y + headerHeight
            for index in range {
                for (i, cell) in cells[index].enumerated() {
                    if let cell { typesetter.draw(cell, x: xs[i] + padding, y: rowY + padding) }
                }
                rowY += heights[index]
                lines.append(rowY)
            }
            // The grid, drawn once per page.
            cairo_save(context)
            cairo_set_source_rgb(context, 0.35, 0.35, 0.35)
            cairo_set_line_width(context, 0.6)
            for lineY in lines {
                cairo_move_to(context, left, lineY)
                cairo_line_to(context, left + width, lineY)
            }
            for x in xs {
                cairo_move_to(context, x, y)
                cairo_line_to(context, x, rowY)
            }
            cairo_stroke(context)
            cairo_restore(context)
            typesetter.draw("\(title) — page \(number + 1)/\(pages.count)", x: left, y: mm(285), width: width, style: .sans(7.5, alignment: .right), gray: 0.4)
        }
    }
}

/// Text placed in Pango markup.
enum Markup {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(c)
            }
        }
        return out
    }
}
