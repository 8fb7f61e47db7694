import Foundation

/// A file that could not be written; the caller says so in its own words.
public struct FileWriteFailure: Error, Equatable {
    public let path: String
}

/// Files written whole or not at all: to a hidden temporary name beside the destination,
/// then renamed. rename(2) replaces the destination atomically, so a reader sees the old
/// file or the new one, never half of one, and an interrupted run leaves no partial file
/// under the real name.
public enum AtomicFile {
    /// Writes `data` to `url`, with `permissions` from the start (codes are in most of them).
    public static func write(_ data: Data, to url: URL, permissions: mode_t = 0o644) throws(FileWriteFailure) {
        let temporary = try reserve(url, permissions: permissions)
        let fd = open(temporary.path, O_WRONLY | O_TRUNC | O_CLOEXEC)
        var written = 0
        if fd >= 0 {
            written = data.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    if n <= 0 { return -1 }
                    offset += n
                }
                return offset
            }
            close(fd)
        }
        guard fd >= 0, written == data.count else {
            unlink(temporary.path)
            throw FileWriteFailure(path: url.path)
        }
        try commit(temporary, to: url)
    }

    /// Creates the empty temporary file of `url` with `permissions`, for a writer that fills
    /// it itself (cairo), and returns it; `commit` then gives it its name.
    public static func reserve(_ url: URL, permissions: mode_t) throws(FileWriteFailure) -> URL {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
        unlink(temporary.path)
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard fd >= 0 else { throw FileWriteFailure(path: url.path) }
        // The umask may have taken bits away; a file of codes must not have gained any.
        fchmod(fd, permissions)
        close(fd)
        return temporary
    }

    /// Gives a completed temporary file its final name.
    public static func commit(_ temporary: URL, to url: URL) throws(FileWriteFailure) {
        guard rename(temporary.path, url.path) == 0 else {
            unlink(temporary.path)
            throw FileWriteFailure(path: url.path)
        }
    }
}
