import Foundation

/// Reading input files, with errors a director understands.
public enum FileLoading {
    /// The bytes of a file, mapped rather than copied when the system allows it.
    public static func load(_ url: URL) throws(ImportError) -> Data {
        do {
            // Foundation reads a file of size zero as one of unknown size (as /proc's are) and
            // leaks the 4 KiB it reads it into (swift-foundation 6.3, found by libFuzzer):
            // a server reading an emptied settings file at every request would grow.
            let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
            if attributes?[.type] as? FileAttributeType == .typeRegular, (attributes?[.size] as? NSNumber)?.intValue == 0 {
                return Data()
            }
            return try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            let reason = !exists ? "fichier introuvable" : isDirectory.boolValue ? "c’est un dossier" : "accès refusé"
            throw .unreadable(file: url.path, reason: reason)
        }
    }

    /// The text of a file edited by hand (settings, strategies): UTF-8 with or without its
    /// BOM, UTF-16, or the Windows-1252 or ISO-8859-1 of an editor set to "ANSI".
    public static func text(_ url: URL) throws(ImportError) -> String {
        try TextDecoding.text(load(url), file: url.path)
    }
}
