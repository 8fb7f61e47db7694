import CPangoCairo

/// Content drawn once and placed on many pages: cairo records it, and its PDF backend
/// writes a recorded surface once, as a form XObject every page refers to.
///
/// Every letter carries the same QR code and the same paragraphs (the steps, the footer):
/// written once instead of per page, they cost neither the float formatting nor the
/// compression of their operators again, and the file shrinks.
final class Stamp {
    private let surface: OpaquePointer
    let height: Double

    /// Records what `draw` draws on the context it is given, at the origin, within
    /// `width` × `height` (plus a margin: glyphs may reach a little outside their box).
    init(width: Double, height: Double, margin: Double = 20, _ draw: (OpaquePointer) -> Void) {
        // Explicit extents: cairo's own estimate of an unbounded recording clips glyph tops.
        var extents = cairo_rectangle_t(x: -margin, y: -margin, width: width + 2 * margin, height: height + 2 * margin)
        surface = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents)
        let context = cairo_create(surface)!
        draw(context)
        cairo_destroy(context)
        self.height = height
    }

    deinit { cairo_surface_destroy(surface) }

    /// Places the recording with its origin at (x, y), scaled by `scale`.
    func place(on context: OpaquePointer, x: Double, y: Double, scale: Double = 1) {
        cairo_save(context)
        cairo_translate(context, x, y)
        cairo_scale(context, scale, scale)
        cairo_set_source_surface(context, surface, 0, 0)
        cairo_paint(context)
        cairo_restore(context)
    }
}
