import CPangoCairo
import SesameFiles

/// Cairo's stream callback: cairo writes PDF, SVG and PNG through it into an
/// `AtomicFileWriter`, so that every write is checked and a full disk stops the file
/// instead of leaving it truncated. The closure is the writer, unretained.
let cairoWriteToFile: cairo_write_func_t = { closure, data, length in
    let file = Unmanaged<AtomicFileWriter>.fromOpaque(closure!).takeUnretainedValue()
    return file.append(UnsafeRawBufferPointer(start: data, count: Int(length))) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR
}

extension AtomicFileWriter {
    /// The closure cairo passes back to `cairoWriteToFile`; valid while `self` lives.
    var cairoClosure: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    /// Finishes `surface`, which wrote into this file, destroys it, and gives the file its
    /// final name. A write error is the file's own, told by `commit`; any other is cairo's.
    func commit(finishing surface: OpaquePointer) throws {
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        guard status == CAIRO_STATUS_SUCCESS || status == CAIRO_STATUS_WRITE_ERROR else {
            discard()
            throw DocumentError.cannotWrite(path: destination.path, reason: String(cString: cairo_status_to_string(status)))
        }
        try DocumentError.writing { try commit() }
    }
}
