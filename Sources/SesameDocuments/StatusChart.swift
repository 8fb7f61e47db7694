import CPangoCairo
import Foundation
import SesameCore
import SesameFiles

/// The status as a bar chart a director can show at the school council: one bar per class
/// (per school when there are several), split by where the letters stand, and the total.
/// PDF, PNG or SVG, by the file's extension.
public struct StatusChart: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case pdf, png, svg
    }

    let report: StatusReport
    let title: String
    let subtitle: String

    public init(report: StatusReport, title: String, subtitle: String) {
        self.report = report
        self.title = title
        self.subtitle = subtitle
    }

    /// The stages from reached to not yet, in the chart's colours.
    static let stages: [(Stage, (Double, Double, Double))] = [
        (.activated, (0.18, 0.55, 0.34)), (.handedOver, (0.30, 0.52, 0.78)), (.issued, (0.62, 0.77, 0.91)),
        (.missed, (0.93, 0.56, 0.20)), (.planned, (0.80, 0.80, 0.80)),
    ]

    public func write(to url: URL) throws {
        guard let format = Format(rawValue: url.pathExtension.lowercased()) else {
            throw DocumentError.unknownChartFormat(url.lastPathComponent)
        }
        let bars: [(String, Funnel)] = (report.isMultiSchool
            ? report.bySchool.map { ($0.school, $0.funnel) }
            : report.byClass.map { ($0.key.className ?? "sans classe", $0.funnel) }) + [("Total", report.total)]
        let width = 842.0, rowHeight = 24.0, top = 86.0
        let height = top + Double(bars.count) * rowHeight + 60
        let file = try DocumentError.writing { try AtomicFileWriter(url) }
        let scale = format == .png ? 150.0 / 72 : 1
        let surface: OpaquePointer? = switch format {
        case .pdf: cairo_pdf_surface_create_for_stream(cairoWriteToFile, file.cairoClosure, width, height)
        case .svg: cairo_svg_surface_create_for_stream(cairoWriteToFile, file.cairoClosure, width, height)
        case .png: cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width * scale), Int32(height * scale))
        }
        guard let surface, cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            surface.map(cairo_surface_destroy)
            throw DocumentError.cannotWrite(path: url.path, reason: "cairo n’a pas pu créer le graphique")
        }
        if format == .pdf {
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Sésame")
        }
        let context = cairo_create(surface)!
        cairo_scale(context, scale, scale)
        cairo_set_source_rgb(context, 1, 1, 1)
        cairo_paint(context)
        draw(bars, on: context, width: width, top: top, rowHeight: rowHeight)
        cairo_destroy(context)
        cairo_surface_flush(surface)
        if format == .png { cairo_surface_write_to_png_stream(surface, cairoWriteToFile, file.cairoClosure) }
        try file.commit(finishing: surface)
    }

    private func draw(_ bars: [(String, Funnel)], on context: OpaquePointer, width: Double, top: Double, rowHeight: Double) {
        let text = Typesetter(context: context)
        let left = 30.0, labelWidth = 150.0, countWidth = 90.0
        let barLeft = left + labelWidth, barWidth = width - barLeft - countWidth - left
        text.draw("<b>\(Markup.escape(title))</b>", x: left, y: 22, width: width - 2 * left, style: .sans(16))
        text.draw(Markup.escape(subtitle), x: left, y: 46, width: width - 2 * left, style: .sans(10), gray: 0.3)
        var y = top
        for (label, funnel) in bars {
            let bold = label == "Total"
            // A long school name is made smaller to stay on its bar's line (two lines ran
            // into the next bar's); only one too long even at 7 points wraps.
            let markup = (bold ? "<b>" : "") + Markup.escape(label) + (bold ? "</b>" : "")
            if let style = text.fitted(markup, width: labelWidth - 8, style: .sans(9.5), minimumSize: 7) {
                text.draw(markup, x: left, y: y + 5 + (9.5 - style.size) * 0.6, width: -1, style: style)
            } else {
                text.draw(markup, x: left, y: y + 1, width: labelWidth - 8, style: .sans(7))
            }
            var x = barLeft
            for (stage, color) in Self.stages {
                let share = funnel.total == 0 ? 0 : Double(funnel[stage]) / Double(funnel.total)
                let w = barWidth * share
                guard w > 0 else { continue }
                cairo_set_source_rgb(context, color.0, color.1, color.2)
                cairo_rectangle(context, x, y + 2, w, rowHeight - 6)
                cairo_fill(context)
                if w > 30 {
                    text.draw("\(Int((share * 100).rounded())) %", x: x, y: y + 6, width: w, style: .sans(8, alignment: .center), gray: stage == .planned || stage == .issued ? 0 : 1)
                }
                x += w
            }
            text.draw("\(funnel.total) compte\(funnel.total > 1 ? "s" : "")", x: barLeft + barWidth + 8, y: y + 5, width: countWidth, style: .sans(9), gray: 0.3)
            y += rowHeight
        }
        y += 14
        var x = barLeft
        for (stage, color) in Self.stages {
            cairo_set_source_rgb(context, color.0, color.1, color.2)
            cairo_rectangle(context, x, y + 1, 12, 12)
            cairo_fill(context)
            let label = Markup.escape(stage.frenchName.prefix(1).uppercased() + stage.frenchName.dropFirst())
            text.draw(label, x: x + 16, y: y, width: 130, style: .sans(9))
            x += 16 + text.width(label, style: .sans(9)) + 18
        }
    }
}
