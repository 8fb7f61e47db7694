import Foundation
import SesameFiles

/// Writes messages as `.eml` files instead of sending them: a dry run a director can open
/// in any mail program. Files are readable by their owner only (they hold codes) and
/// written whole: to a temporary name, then renamed.
public enum Outbox {
    /// Writes each message that can be written; the others are told by reason.
    public static func write(_ mails: [OutgoingMail], to folder: URL) throws -> (files: [URL], unwritable: [String]) {
        do {
            try Folder.create(folder)
        } catch {
            throw MailError.cannotWrite(path: folder.path, reason: error.reason)
        }
        var files: [URL] = [], unwritable: [String] = []
        for mail in mails {
            let data: Data
            do {
                data = try mail.render()
            } catch let error as MailError {
                unwritable.append(error.userMessage)
                continue
            }
            let url = folder.appendingPathComponent("\(mail.deliveryID)_\(FileName.slug(mail.login)).eml")
            do {
                try AtomicFile.write(data, to: url)
            } catch {
                throw MailError.cannotWrite(path: url.path, reason: error.reason)
            }
            files.append(url)
        }
        return (files, unwritable)
    }
}
