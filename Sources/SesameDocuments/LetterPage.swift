import CPangoCairo
import SesameCore

/// Draws a letter: on a whole A4 page (layout 1), or on an A5 half of a landscape A4 (layout 2).
///
/// On A4 the letter is made to be folded in three (bottom up, then top backwards): the top
/// third carries the school, the date and the recipient, placed for the right-hand window
/// of a DL or C5 envelope; the code sits in the middle third, hidden once folded. Positions
/// are in millimetres of an A4 page; the A5 letter is the same letter drawn smaller.
struct LetterPage {
    let typesetter: Typesetter

    enum Format { case a4, a5 }

    /// Where a letter's text must end, in millimetres of the A4 page (an A5 letter is drawn
    /// at the same positions, smaller): a printer's margin leaves the last few alone.
    static let bottom = 285.0

    /// Draws the letter's blocks with its top-left corner at (x, y) points.
    ///
    /// A letter for many children with long names can be longer than its page: its prose
    /// (not the box with the code) is then set smaller, a step at a time, until it fits.
    func draw(_ blocks: [String: String], qr: String, format: Format, x: Double, y: Double) {
        let context = typesetter.context
        cairo_save(context)
        cairo_translate(context, x, y)
        // A5 is A4 scaled by 1/√2; its text is enlarged a little so that it stays readable.
        let scale = format == .a4 ? 1.0 : mm(148) / mm(210)
        let text = format == .a4 ? 1.0 : 1.18
        cairo_scale(context, scale, scale)
        var prose = text
        while prose > 0.7 * text, compose(blocks, qr: qr, format: format, text: text, prose: prose, drawing: false) > mm(Self.bottom) {
            prose -= 0.05 * text
        }
        compose(blocks, qr: qr, format: format, text: text, prose: prose, drawing: true)
        cairo_restore(context)
    }

    /// Lays the letter out with its prose at `prose` times its A4 size (`text`: the size of
    /// everything else), drawing it or only measuring; returns where its text ends.
    @discardableResult
    private func compose(_ blocks: [String: String], qr: String, format: Format, text: Double, prose: Double, drawing: Bool) -> Double {
        func place(_ block: String, x: Double, y: Double, width: Double, style: TextStyle) -> Double {
            let markup = blocks[block] ?? ""
            return drawing
                ? typesetter.draw(markup, x: x, y: y, width: width, style: style) : typesetter.height(markup, width: width, style: style)
        }
        let left = mm(20), width = mm(175)
        let headerHeight = place("en-tete", x: left, y: mm(16), width: mm(100), style: TextStyle.sans(11 * text))
        if drawing {
            typesetter.draw(blocks["date"] ?? "", x: mm(125), y: mm(16), width: mm(70), style: TextStyle.sans(11 * text, alignment: .right))
        }
        var cursor: Double
        if format == .a4 {
            // In the envelope's window; a recipient too long for it pushes the letter down
            // rather than run into it.
            let recipient = place("destinataire", x: mm(110), y: mm(50), width: mm(85), style: TextStyle.sans(11.5 * prose))
            if drawing { drawFoldMarks() }
            cursor = max(mm(106), mm(50) + recipient + mm(8))
        } else {
            cursor = mm(16) + headerHeight + mm(10)
            cursor += place("destinataire", x: mm(95), y: cursor, width: mm(100), style: TextStyle.sans(10 * prose)) + mm(10)
        }
        let body = TextStyle.sans(11 * prose)
        cursor += place("objet", x: left, y: cursor, width: width, style: TextStyle.sans(12.5 * prose)) + mm(5)
        cursor += place("corps", x: left, y: cursor, width: width, style: body) + mm(6)
        cursor += credentials(
            blocks["identifiants"] ?? "", caption: blocks["qr"] ?? "", qr: qr, x: left, y: cursor, width: width, text: text, drawing: drawing) + mm(7)
        cursor += place("etapes", x: left, y: cursor, width: width, style: body) + mm(7)
        return cursor + place("pied", x: left, y: cursor, width: width, style: TextStyle.sans(10 * prose))
    }

    /// The framed login and code, in a large monospaced font, with the QR code beside them.
    /// Returns the height taken; draws nothing unless `drawing`.
    private func credentials(
        _ block: String, caption: String, qr: String, x: Double, y: Double, width: Double, text: Double, drawing: Bool
    ) -> Double {
        let rows = CredentialRows(block)
        let qrSize = mm(28), padding = mm(4), gap = mm(2.5)
        let labelWidth = mm(40)
        let valueWidth = width - labelWidth - qrSize - 3 * padding
        let label = TextStyle.sans(10 * text), value = TextStyle.mono(16 * text, bold: true)
        // A value too long for its place, even shrunk to 11 pt, goes on a line of its own
        // across the box: the box grows, the login is never broken.
        let fullWidth = width - qrSize - 2 * padding
        let placed: [(style: TextStyle, ownLine: Bool)] = rows.rows.map { row in
            if let style = typesetter.fitted(row.value, width: valueWidth, style: value, minimumSize: 11 * text) { return (style, false) }
            return (typesetter.fitted(row.value, width: fullWidth, style: value, minimumSize: 1) ?? value, true)
        }
        var heights: [Double] = []
        for (row, place) in zip(rows.rows, placed) {
            let labelHeight = typesetter.height(row.label, width: labelWidth, style: label)
            let valueHeight = typesetter.height(row.value, width: -1, style: place.style)
            heights.append(place.ownLine ? labelHeight + valueHeight : max(valueHeight, labelHeight))
        }
        let captionStyle = TextStyle.sans(7.5 * text, alignment: .center)
        // "e-primO" is a name: a no-break hyphen keeps it whole ("e-/primO" read as two words).
        let caption = caption.replacingOccurrences(of: "-", with: "\u{2011}")
        let qrBlock = qrSize + typesetter.height(caption, width: qrSize + mm(6), style: captionStyle) + mm(2)
        let boxHeight = max(heights.reduce(0, +) + gap * Double(max(0, rows.count - 1)), qrBlock) + 2 * padding
        guard drawing else { return boxHeight }
        let context = typesetter.context
        cairo_save(context)
        cairo_set_source_rgb(context, 0.95, 0.95, 0.95)
        cairo_rectangle(context, x, y, width, boxHeight)
        cairo_fill_preserve(context)
        cairo_set_source_rgb(context, 0.3, 0.3, 0.3)
        cairo_set_line_width(context, 0.8)
        cairo_stroke(context)
        cairo_restore(context)
        var row = y + padding
        for (((labelText, valueText), place), height) in zip(zip(rows.rows, placed), heights) {
            let labelHeight = typesetter.draw(labelText, x: x + padding, y: row + mm(1.3) * text, width: labelWidth, style: label)
            if place.ownLine {
                typesetter.draw(valueText, x: x + padding, y: row + labelHeight + mm(1.3) * text, width: -1, style: place.style)
            } else {
                typesetter.draw(valueText, x: x + padding + labelWidth, y: row, width: -1, style: place.style)
            }
            row += height + gap
        }
        let qrX = x + width - qrSize - padding
        typesetter.qrCode(qr, x: qrX, y: y + padding, size: qrSize)
        typesetter.draw(caption, x: qrX - mm(3), y: y + padding + qrSize + mm(1), width: qrSize + mm(6), style: captionStyle, gray: 0.3)
        return boxHeight
    }

    /// Ticks in the margin where an A4 letter folds in three.
    private func drawFoldMarks() {
        let context = typesetter.context
        cairo_save(context)
        cairo_set_source_rgb(context, 0.6, 0.6, 0.6)
        cairo_set_line_width(context, 0.5)
        for fold in [99.0, 198.0] {
            cairo_move_to(context, mm(4), mm(fold))
            cairo_line_to(context, mm(9), mm(fold))
        }
        cairo_stroke(context)
        cairo_restore(context)
    }
}

/// The "Libellé | valeur" lines of an `identifiants` block; empty lines are dropped.
struct CredentialRows {
    let rows: [(label: String, value: String)]

    init(_ block: String) {
        rows = block.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: "|", maxSplits: 1).map { TextNormalization.trimmed(String($0)) }
            guard parts.count == 2, !parts[1].isEmpty else { return nil }
            return (parts[0], parts[1])
        }
    }

    var count: Int { rows.count }
}
