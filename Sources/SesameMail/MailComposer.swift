import Foundation
import SesameCore
import SesameTemplates

/// Words a credential email from `Reports/courriel.mustache`, with the same content rules as
/// the printed letters (activation or reminder, the children of a parent, the ENT's address).
public struct MailComposer: Sendable {
    public static let templates: [String: [String]] = ["courriel.mustache": ["sujet", "texte", "html"]]

    let templates: TemplateSet
    let settings: Settings
    let sender: MailAddress
    let date: Date

    public init(templates: TemplateSet, settings: Settings, sender: MailAddress, date: Date) {
        self.templates = templates
        self.settings = settings
        self.sender = sender
        self.date = date
    }

    /// The message of a letter sent by email; nil when the account has no address.
    public func message(for letter: Letter, plan: Int64) -> MailMessage? {
        guard let address = letter.account.email?.address else { return nil }
        let school = settings.school(named: letter.account.school) ?? Settings.School(name: letter.account.school)
        let blocks = templates.render("courriel.mustache", LetterContext.make(letter, school: school, ent: settings.ent, date: date))
        let domain = sender.address.value.split(separator: "@").last.map(String.init) ?? "sesame.invalid"
        return MailMessage(
            from: sender, to: MailAddress(name: letter.account.displayName, address: address),
            subject: Self.plain(blocks["sujet"] ?? ""), text: Self.plain(blocks["texte"] ?? ""), html: blocks["html"] ?? "",
            messageID: "<sesame.p\(plan).d\(letter.deliveryID)@\(domain)>", date: date)
    }

    /// Mustache escapes values for HTML; the subject and the text part are not HTML.
    static func plain(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
