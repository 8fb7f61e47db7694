import Foundation
import SesameFiles
import ZIPFoundation

/// A print's packets and sign-off sheets as one ZIP, for a director who takes them all at
/// once. Made in memory and written whole (0600): it holds every code of the packets.
public enum PacketArchive {
    /// Writes `files` (each under its own name) into the ZIP at `url`. Throws when a file
    /// cannot be read or the archive cannot be written whole.
    public static func write(_ files: [URL], to url: URL) throws {
        let archive: Archive
        do {
            archive = try Archive(data: Data(), accessMode: .create)
            for file in files {
                try archive.addEntry(
                    with: file.lastPathComponent, relativeTo: file.deletingLastPathComponent(), compressionMethod: .deflate)
            }
        } catch {
            throw DocumentError.cannotWrite(path: url.path, reason: "archive ZIP impossible à constituer (\(error.localizedDescription))")
        }
        guard let data = archive.data else {
            throw DocumentError.cannotWrite(path: url.path, reason: "archive ZIP impossible à constituer")
        }
        try AtomicFile.write(data, to: url)
    }
}
