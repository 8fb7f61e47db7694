import Foundation

/// The folders Sésame writes its files into (packets, lists, outboxes), made with the
/// folders above them; when one cannot be, the reason is said in French, not in
/// Foundation's English (whose errors do not carry the system's reason on Linux).
public enum Folder {
    /// Creates `url` and the missing folders above it (mode 0777 less the umask, or
    /// `permissions`); an existing folder is left as it is.
    public static func create(_ url: URL, permissions: mode_t = 0o777) throws(FileWriteFailure) {
        if let number = make(url.standardizedFileURL.path, permissions) {
            throw FileWriteFailure(folder: url.path, errorNumber: number)
        }
    }

    /// mkdir -p: nil once `path` is a folder, else the error number of the first failure.
    private static func make(_ path: String, _ permissions: mode_t) -> Int32? {
        if isFolder(path) { return nil }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path, let failure = make(parent, permissions) { return failure }
        guard mkdir(path, permissions) != 0 else { return nil }
        let number = errno
        // Made meanwhile by another command: as good as made here.
        return number == EEXIST && isFolder(path) ? nil : number
    }

    private static func isFolder(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
    }
}
