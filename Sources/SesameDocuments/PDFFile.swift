import CPangoCairo
import Foundation
import SesameFiles

/// Millimetres to PDF points.
@inline(__always)
func mm(_ value: Double) -> Double { value * 72 / 25.4 }

/// Page sizes in points.
public enum PageSize: Sendable {
    case a4Portrait, a4Landscape

    var width: Double { self == .a4Portrait ? mm(210) : mm(297) }
    var height: Double { self == .a4Portrait ? mm(297) : mm(210) }
}

/// A PDF being written with cairo, to a temporary name until it is finished.
///
/// Cairo streams each page to the file as it is done, so memory stays flat whatever the
/// number of pages. The file is created readable by its owner only (letters hold
/// activation codes) and only renamed to its final name once complete: a director never
/// finds a half-written packet where a finished one is expected. Confined to one thread.
final class PDFFile {
    let destination: URL
    private let file: AtomicFileWriter
    private let surface: OpaquePointer
    let context: OpaquePointer
    private(set) var pageCount = 0
    private var currentSize: PageSize?
    private var finished = false

    init(destination: URL, title: String, author: String) throws {
        self.destination = destination
        file = try DocumentError.writing { try AtomicFileWriter(destination) }
        surface = cairo_pdf_surface_create_for_stream(cairoWriteToFile, file.cairoClosure, PageSize.a4Portrait.width, PageSize.a4Portrait.height)
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw DocumentError.cannotWrite(path: destination.path, reason: "cairo n’a pas pu créer le document")
        }
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, author)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Sésame")
        context = cairo_create(surface)
    }

    /// Starts a page; the previous one is emitted.
    func newPage(_ size: PageSize = .a4Portrait) {
        if pageCount > 0 { cairo_show_page(context) }
        if size != currentSize {
            cairo_pdf_surface_set_size(surface, size.width, size.height)
            currentSize = size
        }
        pageCount += 1
    }

    /// Completes the file and gives it its final name; a write that failed on the way
    /// (a full disk) is thrown here, and nothing takes the final name.
    func finish() throws {
        guard !finished else { return }
        finished = true
        if pageCount > 0 { cairo_show_page(context) }
        cairo_destroy(context)
        try file.commit(finishing: surface)
    }

    /// Abandons the file: the temporary is removed, nothing takes the final name.
    func discard() {
        guard !finished else { return }
        finished = true
        cairo_destroy(context)
        cairo_surface_finish(surface)
        cairo_surface_destroy(surface)
        file.discard()
    }

    deinit { discard() }
}

extension PageSize: Equatable {}
