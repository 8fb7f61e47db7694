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

    /// A table over as many pages as it needs, its header repeated, rows tall enough to sign.
    /// `widths` are fractions of the table's width, for the columns after the row number.
    func table(title: String, subtitle: String, instruction: String, columns: [String], widths: [Double], rows: [[String]]) {
        let left = mm(15), width = mm(180), top = mm(15)
        let rowHeight = mm(9), headerHeight = mm(8), numberWidth = mm(10)
        let titleHeight = typesetter.height("<b>\(title)</b>", width: width, style: .sans(13))
            + typesetter.height(subtitle, width: width, style: .sans(9)) + typesetter.height(instruction, width: width, style: .sans(9.5)) + mm(8)
        let perPage = max(1, Int((mm(297) - top - mm(18) - titleHeight - headerHeight) / rowHeight))
        let pages = max(1, (rows.count + perPage - 1) / perPage)
        let context = typesetter.context
        var xs: [Double] = [left, left + numberWidth]
        for w in widths { xs.append(xs.last! + (width - numberWidth) * w) }
        for page in 0..<pages {
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
            for (i, column) in (["N°"] + columns).enumerated() {
                typesetter.draw("<b>\(Markup.escape(column))</b>", x: xs[i] + mm(1.5), y: y + mm(2), width: xs[i + 1] - xs[i] - mm(3), style: .sans(8.5))
            }
            let pageRows = rows[(page * perPage)..<min(rows.count, (page + 1) * perPage)]
            var rowY = y + headerHeight
            for (index, row) in pageRows.enumerated() {
                let cells = ["\(page * perPage + index + 1)"] + row
                for (i, cell) in cells.enumerated() where i < xs.count - 1 {
                    typesetter.draw(cell, x: xs[i] + mm(1.5), y: rowY + mm(1.3), width: xs[i + 1] - xs[i] - mm(3), style: .sans(9))
                }
                rowY += rowHeight
            }
            // The grid, drawn once per page.
            cairo_save(context)
            cairo_set_source_rgb(context, 0.35, 0.35, 0.35)
            cairo_set_line_width(context, 0.6)
            cairo_rectangle(context, left, y, width, rowY - y)
            var lineY = y + headerHeight
            while lineY <= rowY + 0.1 {
                cairo_move_to(context, left, lineY)
                cairo_line_to(context, left + width, lineY)
                lineY += rowHeight
            }
            for x in xs.dropFirst().dropLast() {
                cairo_move_to(context, x, y)
                cairo_line_to(context, x, rowY)
            }
            cairo_stroke(context)
            cairo_restore(context)
            typesetter.draw("\(title) — page \(page + 1)/\(pages)", x: left, y: mm(285), width: width, style: .sans(7.5, alignment: .right), gray: 0.4)
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
