import Foundation

/// Writes messages as `.eml` files instead of sending them: a dry run a director can open
/// in any mail program. Files are readable by their owner only (they hold codes) and
/// written whole: to a temporary name, then renamed.
public enum Outbox {
    public static func write(_ mails: [OutgoingMail], to folder: URL) throws -> [URL] {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw MailError.cannotWrite(path: folder.path)
        }
        return try mails.map { mail in
            let url = folder.appendingPathComponent("\(mail.deliveryID)_\(mail.login).eml")
            let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).tmp")
            guard FileManager.default.createFile(atPath: temporary.path, contents: mail.data, attributes: [.posixPermissions: 0o600]),
                  rename(temporary.path, url.path) == 0
            else {
                try? FileManager.default.removeItem(at: temporary)
                throw MailError.cannotWrite(path: url.path)
            }
            return url
        }
    }
}
