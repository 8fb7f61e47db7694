import Foundation
import SesameCore

/// An address with its display name, as a header shows it.
public struct MailAddress: Sendable, Hashable {
    public var name: String?
    public var address: EmailAddress

    public init(name: String?, address: EmailAddress) {
        self.name = name
        self.address = address
    }
}

/// A credential email: `multipart/alternative` with a text and an HTML part, UTF-8,
/// quoted-printable bodies, RFC 2047 headers.
public struct MailMessage: Sendable, Hashable {
    public var from: MailAddress
    public var to: MailAddress
    public var subject: String
    public var text: String
    public var html: String
    /// Derived from the plan and the delivery: the same on every retry.
    public var messageID: String
    public var date: Date

    public init(from: MailAddress, to: MailAddress, subject: String, text: String, html: String, messageID: String, date: Date) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.messageID = messageID
        self.date = date
    }

    /// The message as it goes on the wire: CRLF line ends, headers encoded and folded.
    /// `login` names the account in errors.
    public func rendered(login: String) throws -> Data {
        for (field, value) in [("nom de l’expéditeur", from.name ?? ""), ("nom du destinataire", to.name ?? ""), ("objet", subject)]
        where value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw MailError.unsafeHeader(field: field, login: login)
        }
        // The boundary comes from the Message-ID, so that the same message renders the same bytes.
        let boundary = "=_sesame_" + String(UInt64(bitPattern: Int64(truncatingIfNeeded: MailMessage.stableHash(messageID))), radix: 36)
        var out = ""
        func header(_ name: String, _ value: String) { out += "\(name): \(value)\r\n" }
        header("From", MIME.address(from))
        header("To", MIME.address(to))
        header("Subject", MIME.encodedWords(subject, firstLineUsed: "Subject: ".count))
        header("Date", MIME.date(date))
        header("Message-ID", messageID)
        header("MIME-Version", "1.0")
        header("Content-Type", "multipart/alternative; boundary=\"\(boundary)\"")
        out += "\r\n"
        for (type, body) in [("text/plain", text), ("text/html", html)] {
            out += "--\(boundary)\r\n"
            out += "Content-Type: \(type); charset=utf-8\r\n"
            out += "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
            out += MIME.quotedPrintable(body) + "\r\n"
        }
        out += "--\(boundary)--\r\n"
        return Data(out.utf8)
    }

    /// FNV-1a: a hash that does not change between runs (Swift's Hasher is seeded per process).
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}

/// The encodings of RFC 2045–2047.
enum MIME {
    /// `"Nom" <adresse>`: the name always as a quoted string when it is printable ASCII
    /// without `"` or `\`, so that `,`, `<`, `@`, `;` or `:` in it stay part of the name;
    /// encoded words otherwise, never bare. The address goes on a line of its own when the
    /// name's last line is long.
    static func address(_ a: MailAddress) -> String {
        guard let name = a.name, !name.isEmpty else { return a.address.value }
        let plain = name.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" }
        let shown = plain ? "\"\(name)\"" : encodedWords(name, firstLineUsed: 6, always: true)
        let lastLine = shown.components(separatedBy: "\r\n").last ?? ""
        let fold = (shown.contains("\r\n") ? 0 : 6) + lastLine.count + a.address.value.count + 3 > 78
        return shown + (fold ? "\r\n" : "") + " <\(a.address.value)>"
    }

    /// Text for a header: as it is if plain ASCII and short (unless `always`), else RFC 2047 base64 words, one
    /// per line, each line within 78 characters (the first with the header's name). Words
    /// are cut at spaces when possible, the space starting the next word: decoders that keep
    /// the folding space between words (Python's address parser does) then do not split a name.
    static func encodedWords(_ text: String, firstLineUsed: Int, always: Bool = false) -> String {
        if !always && text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 }) && text.count + firstLineUsed <= 78 { return text }
        // "=?UTF-8?B?" + base64 + "?=": 12 characters and 4 per 3 bytes; a word is at most 75.
        func budget(_ used: Int) -> Int { min(45, (78 - used - 12) / 4 * 3) }
        var words: [String] = []
        var chunk: [Character] = []
        var chunkBytes = 0
        var limit = budget(firstLineUsed)
        for character in text {
            chunk.append(character)
            chunkBytes += character.utf8.count
            guard chunkBytes > limit else { continue }
            var cut = chunk.count - 1
            if let space = chunk.dropLast().lastIndex(of: " "), space > 0 { cut = space }
            words.append(String(chunk[..<cut]))
            chunk = Array(chunk[cut...])
            chunkBytes = chunk.reduce(0) { $0 + $1.utf8.count }
            limit = budget(1)
        }
        if !chunk.isEmpty { words.append(String(chunk)) }
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    /// Quoted-printable (RFC 2045): lines of at most 76 characters, soft breaks with "=",
    /// CRLF line ends; bytes outside printable ASCII, "=" and trailing blanks encoded.
    static func quotedPrintable(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count * 11 / 10)
        var length = 0
        let bytes = Array(text.utf8)
        for (i, byte) in bytes.enumerated() {
            let next = i + 1 < bytes.count ? bytes[i + 1] : 10
            if byte == 10 || (byte == 13 && next == 10) {
                // CRLF or LF in the text: one CRLF out.
                if byte == 10 {
                    out += [13, 10]
                    length = 0
                }
                continue
            }
            let lastOfLine = next == 10 || (next == 13 && i + 2 < bytes.count && bytes[i + 2] == 10)
            let plain = (byte >= 33 && byte <= 126 && byte != 61) || ((byte == 32 || byte == 9) && !lastOfLine)
            let width = plain ? 1 : 3
            if length + width > 75 {
                out += [61, 13, 10]
                length = 0
            }
            if plain { out.append(byte) } else { out += [61, hex[Int(byte >> 4)], hex[Int(byte & 15)]] }
            length += width
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// "Wed, 25 Nov 2026 10:40:37 +0100", in Paris time (RFC 5322).
    static func date(_ date: Date) -> String {
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let c = SchoolCalendar.calendar.dateComponents([.weekday, .day, .month, .year, .hour, .minute, .second], from: date)
        let offset = SchoolCalendar.timeZone.secondsFromGMT(for: date) / 60
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(days[c.weekday! - 1]), \(c.day!) \(months[c.month! - 1]) \(c.year!) \(two(c.hour!)):\(two(c.minute!)):\(two(c.second!)) "
            + (offset < 0 ? "-" : "+") + two(abs(offset) / 60) + two(abs(offset) % 60)
    }
}
