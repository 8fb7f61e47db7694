import CPangoCairo
import SesameCore

/// Text styles of the documents: DejaVu, which fontconfig always has on Debian
/// (fonts-dejavu-core) and which covers Latin, Vietnamese and Arabic.
public struct TextStyle: Hashable, Sendable {
    var family: String
    var size: Double
    var bold = false
    var alignment: Alignment = .left
    /// Extra space between lines, as a factor of the font size.
    var lineSpacing = 1.15

    enum Alignment: Hashable, Sendable { case left, center, right }

    static func sans(_ size: Double, bold: Bool = false, alignment: Alignment = .left) -> TextStyle {
        TextStyle(family: "DejaVu Sans", size: size, bold: bold, alignment: alignment)
    }

    static func mono(_ size: Double, bold: Bool = false) -> TextStyle {
        TextStyle(family: "DejaVu Sans Mono", size: size, bold: bold)
    }

    func scaled(_ factor: Double) -> TextStyle {
        var copy = self
        copy.size *= factor
        return copy
    }

    var fontDescription: String { "\(family)\(bold ? " Bold" : "") \(size)" }
}

/// Text laid out by a `Typesetter`, held until it is drawn.
final class LaidOutText {
    fileprivate let layout: OpaquePointer
    /// In points.
    let height: Double

    fileprivate init(_ layout: OpaquePointer) {
        self.layout = layout
        height = size(of: layout).height
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(layout)) }
}

/// Lays out and draws Pango markup on one cairo context.
///
/// Text that every letter shares (the steps, the footer…) is laid out once: layouts are
/// kept by their markup, width and style. Text drawn a second time is recorded as a
/// `Stamp` and placed from then on, so the PDF carries it once. Confined to the thread of
/// its context.
final class Typesetter {
    let context: OpaquePointer
    /// Pango's context for this cairo context, at 72 dpi: sizes are then true points on
    /// the PDF page (Pango assumes 96 otherwise, a third larger).
    private let pango: OpaquePointer
    private var layouts: [LayoutKey: OpaquePointer] = [:]
    private var fonts: [TextStyle: OpaquePointer] = [:]
    private var qrCodes: [String: Stamp] = [:]
    /// Text drawn once already, and the stamps of text drawn again; both bounded, as
    /// per-letter text (names, codes) never repeats.
    private var drawn: Set<StampKey> = []
    private var stamps: [StampKey: Stamp] = [:]
    /// The page being drawn (from the PDF file), and the stamps placed on it: cairo 1.16
    /// lists a form placed twice on one page twice in the page's resources, which `qpdf
    /// --check` rejects, so a stamp goes once per page and the repeats are drawn.
    private let page: () -> Int
    private var stampPage = -1
    private var stampedOnPage: Set<ObjectIdentifier> = []
    private var followedScale: [Double] = []

    private struct StampKey: Hashable {
        var layout: LayoutKey
        var gray: Double
    }

    /// Draws the QR code of `text`, recorded once per text and placed as a stamp.
    func qrCode(_ text: String, x: Double, y: Double, size: Double) {
        let stamp = qrCodes[text] ?? Stamp(width: 1, height: 1, margin: 0) { QRCode.drawUnit(text, in: $0) }
        qrCodes[text] = stamp
        guard firstOnPage(stamp) else {
            cairo_save(context)
            cairo_translate(context, x, y)
            cairo_scale(context, size, size)
            QRCode.drawUnit(text, in: context)
            cairo_restore(context)
            return
        }
        stamp.place(on: context, x: x, y: y, scale: size)
    }

    /// Whether `stamp` is not yet on the current page (and is now).
    private func firstOnPage(_ stamp: Stamp) -> Bool {
        let current = page()
        if current != stampPage {
            stampPage = current
            stampedOnPage.removeAll(keepingCapacity: true)
        }
        return stampedOnPage.insert(ObjectIdentifier(stamp)).inserted
    }

    private struct LayoutKey: Hashable {
        var markup: String
        /// In Pango units; -1: no width, one line.
        var width: Int32
        var style: TextStyle

        init(_ markup: String, width: Double, style: TextStyle) {
            self.markup = markup
            self.width = width < 0 ? -1 : Int32(width * Double(PANGO_SCALE))
            self.style = style
        }
    }

    /// `page` tells the page being drawn; a single-page surface (a chart) can leave it.
    init(context: OpaquePointer, page: @escaping () -> Int = { 0 }) {
        self.context = context
        self.page = page
        pango = pango_cairo_create_context(context)
        pango_cairo_context_set_resolution(pango, 72)
        // The metrics of the document's own surface (a PDF's are not hinted, a PNG chart's
        // are), whatever surface is drawn on: text recorded into a stamp is then laid out as
        // it is measured on the page.
        let options = cairo_font_options_create()
        cairo_surface_get_font_options(cairo_get_target(context), options)
        pango_cairo_context_set_font_options(pango, options)
        cairo_font_options_destroy(options)
    }

    /// Pango's context follows the scale text is drawn at (an A5 letter is an A4 one drawn
    /// smaller). Updating it marks every layout as changed, even at the same scale, and each
    /// would be laid out again at its next use: it is updated only when the scale changes.
    private func follow(_ target: OpaquePointer) {
        var matrix = cairo_matrix_t()
        cairo_get_matrix(target, &matrix)
        let scale = [matrix.xx, matrix.yx, matrix.xy, matrix.yy]
        guard scale != followedScale else { return }
        followedScale = scale
        pango_cairo_update_context(target, pango)
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(pango))
        for layout in layouts.values { g_object_unref(UnsafeMutableRawPointer(layout)) }
        for font in fonts.values { pango_font_description_free(font) }
    }

    /// The height the markup takes at this width, in points.
    func height(_ markup: String, width: Double, style: TextStyle) -> Double {
        size(of: layout(markup, width: width, style: style)).height
    }

    /// The width of the longest line, in points.
    func width(_ markup: String, style: TextStyle) -> Double {
        size(of: layout(markup, width: -1, style: style)).width
    }

    /// Draws text that must never be broken (a login, a code, an address) on one line: at
    /// the style's size if it fits `width`, else shrunk to fit down to `minimumSize`.
    /// Returns the height drawn, or nil, drawing nothing, when even the minimum is too wide:
    /// the caller then gives it a wider box.
    @discardableResult
    func drawFitted(_ markup: String, x: Double, y: Double, width: Double, style: TextStyle, minimumSize: Double, gray: Double = 0) -> Double? {
        guard let fitted = fitted(markup, width: width, style: style, minimumSize: minimumSize) else { return nil }
        return draw(markup, x: x, y: y, width: -1, style: fitted, gray: gray)
    }

    /// The style at which `markup` fits `width` on one line, no smaller than `minimumSize`.
    func fitted(_ markup: String, width: Double, style: TextStyle, minimumSize: Double) -> TextStyle? {
        var natural = self.width(markup, style: style)
        guard natural > width else { return style }
        // Text width is about proportional to the size: each try takes the size the last
        // width asks for, in tenths of a point, and at least a tenth less. Only about: Pango
        // places glyphs on whole points (a long login at A5 size was 5 % wider than its
        // size said), and a PNG's metrics are hinted.
        var smaller = style
        for _ in 0..<20 {
            smaller.size = min((smaller.size * 10).rounded() - 1, (smaller.size * width / natural * 10).rounded(.down)) / 10
            guard smaller.size >= minimumSize else { return nil }
            natural = self.width(markup, style: smaller)
            if natural <= width { return smaller }
        }
        return nil
    }

    /// Draws the markup with its top-left corner at (x, y); returns its height.
    @discardableResult
    func draw(_ markup: String, x: Double, y: Double, width: Double, style: TextStyle, gray: Double = 0) -> Double {
        let key = StampKey(layout: LayoutKey(markup, width: width, style: style), gray: gray)
        if let stamp = stamps[key], firstOnPage(stamp) {
            stamp.place(on: context, x: x, y: y)
            return stamp.height
        }
        let layout = layout(markup, width: width, style: style)
        let (laidWidth, height) = size(of: layout)
        guard drawn.contains(key), stamps[key] == nil else {
            if drawn.count >= 4096 { drawn.removeAll(keepingCapacity: true) }
            drawn.insert(key)
            show(layout, on: context, x: x, y: y, gray: gray)
            return height
        }
        if stamps.count >= 256 { stamps.removeAll(keepingCapacity: true) }
        let stamp = Stamp(width: max(laidWidth, width), height: height) { self.show(layout, on: $0, x: 0, y: 0, gray: gray) }
        stamps[key] = stamp
        _ = firstOnPage(stamp)
        stamp.place(on: context, x: x, y: y)
        return height
    }

    /// Lays out text to be drawn later with `draw(_:x:y:gray:)`, outside the cache: a table
    /// measures every cell to place its rows and pages, then draws those same layouts (laid
    /// out twice, the cells of a thousand-row sheet cost more than the letters).
    func layOut(_ markup: String, width: Double, style: TextStyle) -> LaidOutText {
        LaidOutText(newLayout(LayoutKey(markup, width: width, style: style)))
    }

    /// Draws text laid out by `layOut` with its top-left corner at (x, y).
    func draw(_ text: LaidOutText, x: Double, y: Double, gray: Double = 0) {
        show(text.layout, on: context, x: x, y: y, gray: gray)
    }

    private func show(_ layout: OpaquePointer, on target: OpaquePointer, x: Double, y: Double, gray: Double) {
        cairo_save(target)
        cairo_set_source_rgb(target, gray, gray, gray)
        cairo_move_to(target, x, y)
        follow(target)
        pango_cairo_show_layout(target, layout)
        cairo_restore(target)
    }

    private func layout(_ markup: String, width: Double, style: TextStyle) -> OpaquePointer {
        let key = LayoutKey(markup, width: width, style: style)
        if let cached = layouts[key] { return cached }
        let layout = newLayout(key)
        // Per-letter text (names, codes) fills the cache too: start afresh when it is full,
        // the shared text is laid out again once.
        if layouts.count >= 512 {
            for old in layouts.values { g_object_unref(UnsafeMutableRawPointer(old)) }
            layouts.removeAll(keepingCapacity: true)
        }
        layouts[key] = layout
        return layout
    }

    private func newLayout(_ key: LayoutKey) -> OpaquePointer {
        let layout = pango_layout_new(pango)!
        pango_layout_set_font_description(layout, font(key.style))
        if key.width > 0 {
            pango_layout_set_width(layout, key.width)
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        }
        pango_layout_set_line_spacing(layout, Float(key.style.lineSpacing))
        switch key.style.alignment {
        case .left: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
        case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        case .right: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
        }
        pango_layout_set_markup(layout, French.typographicSpaces(key.markup), -1)
        // Pango hyphenates words it breaks: a login cut as "durandmo-reau" reads as another
        // login. No hyphen is ever added; identifiers are not wrapped at all (`drawFitted`).
        let attributes = pango_layout_get_attributes(layout).map { pango_attr_list_copy($0)! } ?? pango_attr_list_new()!
        pango_attr_list_insert(attributes, pango_attr_insert_hyphens_new(0))
        pango_layout_set_attributes(layout, attributes)
        pango_attr_list_unref(attributes)
        return layout
    }

    private func font(_ style: TextStyle) -> OpaquePointer {
        if let font = fonts[style] { return font }
        let font = pango_font_description_from_string(style.fontDescription)!
        fonts[style] = font
        return font
    }
}

/// A layout's size, in points.
private func size(of layout: OpaquePointer) -> (width: Double, height: Double) {
    var w: Int32 = 0, h: Int32 = 0
    pango_layout_get_size(layout, &w, &h)
    return (Double(w) / Double(PANGO_SCALE), Double(h) / Double(PANGO_SCALE))
}
