import Foundation
import SesameCore
import SesameTemplates

/// Words a credential email from `Reports/courriel.mustache`, with the same content rules as
/// the printed letters (activation or reminder, the children of a parent, the ENT's address).
public struct MailComposer: Sendable {
    public static let templates: [String: [String]] = ["courriel.mustache": ["sujet", "texte", "html"]]

    let templates: TemplateSet
    let settings: Settings
    let schools: SchoolLookup
    let sender: MailAddress
    let date: Date
    /// The store's random name, in every Message-ID: two schools' stores never make the same one.
    let storeIdentity: String

    public init(templates: TemplateSet, settings: Settings, sender: MailAddress, date: Date, storeIdentity: String) {
        self.templates = templates
        self.settings = settings
        schools = SchoolLookup(settings)
        self.sender = sender
        self.date = date
        self.storeIdentity = storeIdentity
    }

    /// The message of a letter sent by email; nil when the account has no address.
    public func message(for letter: Letter, plan: Int64) -> MailMessage? {
        guard let address = letter.account.email?.address else { return nil }
        let school = schools[letter.account.school] ?? Settings.School(name: letter.account.school)
        let blocks = templates.render("courriel.mustache", LetterContext.make(letter, school: school, ent: settings.ent, date: date))
        let domain = sender.address.value.split(separator: "@").last.map(String.init) ?? "sesame.invalid"
        return MailMessage(
            from: sender, to: MailAddress(name: letter.account.displayName, address: address),
            subject: Self.plain(blocks["sujet"] ?? ""), text: Self.plain(blocks["texte"] ?? ""), html: blocks["html"] ?? "",
            messageID: "<sesame.\(storeIdentity).p\(plan).d\(letter.deliveryID)@\(domain)>", date: date)
    }

    /// Mustache escapes values for HTML; the subject and the text part are not HTML. One pass
    /// over the bytes: an escaped "&amp;lt;" comes back as the "&lt;" that was typed.
    static func plain(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        next: while i < bytes.count {
            if bytes[i] == UInt8(ascii: "&") {
                for (entity, character) in entities where bytes[i...].starts(with: entity) {
                    out.append(character)
                    i += entity.count
                    continue next
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let entities: [([UInt8], UInt8)] = [
        ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&"),
    ].map { (Array($0.utf8), UInt8(ascii: $1)) }
}
