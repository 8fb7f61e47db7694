import CPangoCairo

/// Eight cut-out cards on an A4 page (layout 8): name, class, login, code or "compte
/// activé", and the ENT's address with a small QR code.
struct CardSheet {
    let typesetter: Typesetter
    static let perPage = 8
    private let cardWidth = mm(105)
    private let cardHeight = mm(297.0 / 4)

    /// Draws a card in slot 0…7 of the current page.
    func draw(_ blocks: [String: String], qr: String, slot: Int) {
        let x = Double(slot % 2) * cardWidth, y = Double(slot / 2) * cardHeight
        let margin = mm(7), qrSize = mm(17)
        let inner = cardWidth - 2 * margin
        var cursor = y + margin
        cursor += typesetter.draw(blocks["nom"] ?? "", x: x + margin, y: cursor, width: inner - qrSize, style: .sans(10.5, bold: false)) + mm(1)
        cursor += typesetter.draw(blocks["details"] ?? "", x: x + margin, y: cursor, width: inner - qrSize, style: .sans(8)) + mm(4)
        typesetter.qrCode(qr, x: x + cardWidth - margin - qrSize, y: y + margin - mm(2), size: qrSize)
        for (label, value) in CredentialRows(blocks["identifiants"] ?? "").rows {
            let labelHeight = typesetter.draw(label, x: x + margin, y: cursor + mm(1.2), width: mm(24), style: .sans(8.5))
            // Shrunk to 9 pt at most beside its label; longer, on a line of its own: never broken.
            if let height = typesetter.drawFitted(value, x: x + margin + mm(24), y: cursor, width: inner - mm(24), style: .mono(13, bold: true), minimumSize: 9) {
                cursor += height + mm(1.5)
            } else {
                cursor += labelHeight + mm(1.5)
                let style = typesetter.fitted(value, width: inner, style: .mono(13, bold: true), minimumSize: 1) ?? .mono(9, bold: true)
                cursor += typesetter.draw(value, x: x + margin, y: cursor, width: -1, style: style) + mm(1.5)
            }
        }
        typesetter.draw(blocks["adresse"] ?? "", x: x + margin, y: y + cardHeight - margin - mm(8), width: inner, style: .sans(7.5))
    }

    /// Dashed lines to cut along, drawn once per page.
    func drawCutLines() {
        let context = typesetter.context
        cairo_save(context)
        cairo_set_source_rgb(context, 0.55, 0.55, 0.55)
        cairo_set_line_width(context, 0.5)
        var dashes: [Double] = [4, 3]
        cairo_set_dash(context, &dashes, 2, 0)
        cairo_move_to(context, cardWidth, 0)
        cairo_line_to(context, cardWidth, mm(297))
        for row in 1..<4 {
            cairo_move_to(context, 0, Double(row) * cardHeight)
            cairo_line_to(context, mm(210), Double(row) * cardHeight)
        }
        cairo_stroke(context)
        cairo_restore(context)
    }
}

/// A cut line between the two A5 letters of a landscape A4 page (layout 2).
func drawA5CutLine(_ context: OpaquePointer) {
    cairo_save(context)
    cairo_set_source_rgb(context, 0.55, 0.55, 0.55)
    cairo_set_line_width(context, 0.5)
    var dashes: [Double] = [4, 3]
    cairo_set_dash(context, &dashes, 2, 0)
    cairo_move_to(context, mm(148.5), mm(5))
    cairo_line_to(context, mm(148.5), mm(205))
    cairo_stroke(context)
    cairo_restore(context)
}
