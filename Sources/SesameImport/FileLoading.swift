import Foundation

/// Reading input files, with errors a director understands.
public enum FileLoading {
    /// The bytes of a file, mapped rather than copied when the system allows it.
    public static func load(_ url: URL) throws(ImportError) -> Data {
        do {
            return try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            let reason = !exists ? "fichier introuvable" : isDirectory.boolValue ? "c’est un dossier" : "accès refusé"
            throw .unreadable(file: url.path, reason: reason)
        }
    }
}
