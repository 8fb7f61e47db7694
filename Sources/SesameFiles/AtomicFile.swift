import Foundation
import SesameCore

/// A file that could not be written, and why, in French; the caller names what it was writing.
public struct FileWriteFailure: UserFacingError, Equatable {
    public let path: String
    public let reason: String

    public init(path: String, errorNumber: Int32) {
        self.path = path
        reason = Self.reason(errorNumber)
    }

    /// A folder that could not be made.
    public init(folder: String, errorNumber: Int32) {
        path = folder
        reason = "impossible de créer le dossier (\(Self.reason(errorNumber)))"
    }

    public var userMessage: String { "impossible d’écrire \(path) : \(reason) (aucun fichier incomplet n’a été laissé)" }

    /// The causes a director can act on, in their words; the system's text for the others.
    static func reason(_ number: Int32) -> String {
        switch number {
        case ENOSPC: "le disque est plein ; libérez de la place puis relancez la commande"
        case EDQUOT: "le quota de ce compte sur le disque est atteint ; libérez de la place puis relancez la commande"
        case EFBIG: "le fichier dépasse la taille permise sur ce système ; libérez de la place ou écrivez ailleurs"
        case EACCES, EPERM: "écriture refusée dans ce dossier ; choisissez-en un autre ou vérifiez ses droits"
        case EROFS: "le disque est en lecture seule"
        case ENOENT: "le dossier n’existe pas"
        case ENOTDIR, EEXIST: "le chemin passe par un fichier qui n’est pas un dossier"
        case EIO: "erreur d’entrée-sortie du disque"
        default: String(cString: strerror(number))
        }
    }
}

/// Files written whole or not at all: to a hidden temporary name beside the destination,
/// every write checked, flushed to the disk (fsync), then renamed. rename(2) replaces the
/// destination atomically, so a reader sees the old file or the new one, never half of one,
/// and a full disk or an interrupted run leaves no partial file under the real name.
///
/// Every file Sésame writes names a person or holds a code, so files are created readable
/// by their owner only unless told otherwise.
public enum AtomicFile {
    /// Writes `data` to `url`.
    public static func write(_ data: Data, to url: URL, permissions: mode_t = 0o600) throws(FileWriteFailure) {
        let file = try AtomicFileWriter(url, permissions: permissions)
        data.withUnsafeBytes { _ = file.append($0) }
        try file.commit()
    }
}

/// A file being written to its temporary name, for writers that stream (cairo's PDF, SVG and
/// PNG surfaces). The first failed write is kept and reported by `commit`, which then gives
/// the final name to nothing. Confined to one thread.
///
/// Writes are gathered in a buffer: cairo hands over a PDF in pieces of a few bytes (140,000
/// of them for a thousand letters), and a system call for each took a tenth of the printing.
public final class AtomicFileWriter {
    public let destination: URL
    private let temporary: URL
    private var descriptor: Int32
    private var failure: FileWriteFailure?
    private var buffer: UnsafeMutableRawBufferPointer
    private var buffered = 0

    public init(_ url: URL, permissions: mode_t = 0o600) throws(FileWriteFailure) {
        destination = url
        temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
        unlink(temporary.path)
        descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard descriptor >= 0 else { throw FileWriteFailure(path: url.path, errorNumber: errno) }
        // The umask may have taken bits away; a file of codes must not have gained any.
        fchmod(descriptor, permissions)
        buffer = .allocate(byteCount: 1 << 16, alignment: 16)
    }

    /// Appends bytes; false once a write has failed (the rest is then ignored).
    @discardableResult
    public func append(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard failure == nil, descriptor >= 0 else { return false }
        if buffered + bytes.count > buffer.count {
            guard flush() else { return false }
        }
        guard bytes.count < buffer.count else { return write(bytes) }
        UnsafeMutableRawBufferPointer(rebasing: buffer[buffered...]).copyMemory(from: bytes)
        buffered += bytes.count
        return true
    }

    /// Writes out what the buffer holds.
    private func flush() -> Bool {
        let pending = buffered
        buffered = 0
        return write(UnsafeRawBufferPointer(rebasing: buffer[..<pending]))
    }

    private func write(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                failure = FileWriteFailure(path: destination.path, errorNumber: n < 0 ? errno : ENOSPC)
                return false
            }
            offset += n
        }
        return true
    }

    /// Flushes the file to the disk and gives it its final name; on any failure the
    /// temporary file is removed and the failure thrown.
    public func commit() throws(FileWriteFailure) {
        if failure == nil { _ = flush() }
        if failure == nil, fsync(descriptor) != 0 { failure = FileWriteFailure(path: destination.path, errorNumber: errno) }
        // close(2) can report a write the disk refused late (NFS, quotas).
        if close(descriptor) != 0, failure == nil { failure = FileWriteFailure(path: destination.path, errorNumber: errno) }
        descriptor = -1
        if failure == nil, rename(temporary.path, destination.path) != 0 {
            failure = FileWriteFailure(path: destination.path, errorNumber: errno)
        }
        if let failure {
            unlink(temporary.path)
            throw failure
        }
    }

    /// Abandons the file: the temporary is removed, nothing takes the final name.
    public func discard() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
        unlink(temporary.path)
    }

    deinit {
        discard()
        buffer.deallocate()
    }
}
