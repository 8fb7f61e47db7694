import CPangoCairo
import CQRencode

/// A QR code drawn with cairo from libqrencode's modules: rows of dark modules are merged
/// into rectangles and filled at once, so the code has no seams when printed.
enum QRCode {
    /// Draws the code of `text` in a square of `size` points, quiet zone included.
    static func draw(_ text: String, in context: OpaquePointer, x: Double, y: Double, size: Double) {
        cairo_save(context)
        cairo_translate(context, x, y)
        cairo_scale(context, size, size)
        drawUnit(text, in: context)
        cairo_restore(context)
    }

    /// Draws the code in the unit square at the origin.
    static func drawUnit(_ text: String, in context: OpaquePointer) {
        let (x, y, size) = (0.0, 0.0, 1.0)
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else { return }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        let quiet = 4
        let module = size / Double(width + 2 * quiet)
        let data = code.pointee.data!
        cairo_save(context)
        cairo_set_source_rgb(context, 1, 1, 1)
        cairo_rectangle(context, x, y, size, size)
        cairo_fill(context)
        cairo_set_source_rgb(context, 0, 0, 0)
        for row in 0..<width {
            var column = 0
            while column < width {
                guard data[row * width + column] & 1 == 1 else { column += 1; continue }
                let start = column
                while column < width, data[row * width + column] & 1 == 1 { column += 1 }
                cairo_rectangle(
                    context, x + Double(quiet + start) * module, y + Double(quiet + row) * module,
                    Double(column - start) * module, module)
            }
        }
        cairo_fill(context)
        cairo_restore(context)
    }
}
