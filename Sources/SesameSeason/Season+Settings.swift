import Foundation
import SesameCore
import SesameImport
import SesameStore

/// Settings to change; nil leaves a setting as it is.
public struct SettingsChange: Sendable {
    public var entName: String?
    public var entURL: String?
    public var from: String?
    public var fromName: String?
    public var smtpURL: String?
    public var starttls: Bool?
    public var smtpUser: String?
    public var passwordFile: String?
    /// The school the next three are about; nil: the store's only school.
    public var school: String?
    public var director: String?
    /// "directrice" or "directeur".
    public var directorTitle: String?
    public var city: String?
    public var address: String?
    public var phone: String?
    public var email: String?

    public init() {}

    var changesSchool: Bool { [director, directorTitle, city, address, phone, email].contains { $0 != nil } }

    /// Throws for the first value given that cannot be its setting; an empty one clears it.
    func check() throws {
        let given: [(SettingRule, String?)] = [(.entURL, entURL), (.sender, from), (.server, smtpURL), (.directorTitle, directorTitle), (.phone, phone), (.email, email)]
        for case let (rule, value?) in given where !value.isEmpty && !rule.accepts(value) { throw rule.refusal(value) }
    }
}

/// A setting whose value has a form: its name as the Réglages page says it, what it expects,
/// and the rule (`SesameCore`'s) it is held to.
struct SettingRule: Sendable {
    let name: String
    let expected: String
    let accepts: @Sendable (String) -> Bool

    func refusal(_ value: String) -> SeasonError {
        .invalidSetting(name: name, value: value, expected: expected)
    }

    static let entURL = SettingRule(name: "adresse de l’ENT", expected: "une adresse commençant par https:// est attendue", accepts: Settings.isWebAddress)
    static let sender = SettingRule(name: "expéditeur des courriels", expected: address, accepts: { EmailAddress($0) != nil })
    static let server = SettingRule(name: "serveur d’envoi des courriels", expected: "smtp://hôte:port ou smtps://hôte:port est attendu", accepts: Settings.Email.isServerURL)
    static let directorTitle = SettingRule(
        name: "signature des lettres", expected: "directrice ou directeur est attendu", accepts: { Settings.School.directorTitles.contains($0) })
    static let phone = SettingRule(name: "téléphone de l’école", expected: "un numéro de téléphone est attendu (02 40 12 34 56)", accepts: Settings.School.isPhoneNumber)
    static let email = SettingRule(name: "courriel de l’école", expected: address, accepts: { EmailAddress($0) != nil })

    private static let address = "une adresse électronique est attendue (nom@domaine.fr)"
}

/// What a change of settings did.
public struct SettingsResult: Sendable {
    public var file: URL
    /// What printing still needs, named as in the file.
    public var missingForPrinting: [String]
    /// The schools to choose from when a school's settings were given without the school,
    /// with several in the store: those settings were not written, the others were.
    public var schoolRequired: [String]?
}

extension Season {
    /// Writes settings to the settings file: the ENT's and the sender's for every school, a
    /// school's own (director and title, city, address, phone, email) for the school named,
    /// or the only one. The
    /// schools imported are added to the file. With several schools and none named, the
    /// school's settings are left out and `schoolRequired` lists the schools; the rest is
    /// written. Throws for an unknown school or a value that cannot be its setting (nothing
    /// written then); writes the settings file (0600).
    public func configure(_ change: SettingsChange) throws -> SettingsResult {
        try change.check()
        var settings = try settings()
        for name in try store.schools().map(\.name) where settings.school(named: name) == nil {
            settings.schools.append(Settings.School(name: name))
        }
        if let value = change.entName { settings.ent.name = value }
        if let value = change.entURL { settings.ent.url = value }
        if let value = change.from { settings.email.from = value }
        if let value = change.fromName { settings.email.fromName = value }
        if let value = change.smtpURL { settings.email.smtpURL = value }
        if let value = change.starttls { settings.email.starttls = value }
        if let value = change.smtpUser { settings.email.user = value }
        if let value = change.passwordFile { settings.email.passwordFile = value }
        var schoolRequired: [String]?
        if change.changesSchool {
            let target: String? = if let school = change.school { try store.resolveSchool(school) }
                else if settings.schools.count == 1 { settings.schools[0].name }
                else { nil }
            if let target, let index = settings.schools.firstIndex(where: { NameKey.exact($0.name) == NameKey.exact(target) }) {
                if let value = change.director { settings.schools[index].director = value }
                if let value = change.city { settings.schools[index].city = value }
                if let value = change.address { settings.schools[index].address = value }
                if let value = change.directorTitle { settings.schools[index].directorTitle = value }
                if let value = change.phone { settings.schools[index].phone = value }
                if let value = change.email { settings.schools[index].email = value }
            } else {
                schoolRequired = settings.schools.map(\.name)
            }
        }
        try SettingsFile.write(settings, to: settingsFile)
        return SettingsResult(
            file: settingsFile, missingForPrinting: settings.missingForPrinting(schools: settings.schools.map(\.name)),
            schoolRequired: schoolRequired)
    }
}

extension Season {
    /// Writes settings for a director, from the web pages: their school's own; the ENT's and
    /// the sender's only in a store of their school alone (they are every school's); the SMTP
    /// server, STARTTLS and account only there too, and only while no password is set for it
    /// (a file in the settings, or `environmentPassword` given to the server): pointing the
    /// server elsewhere would hand that password to another server. A password file is never
    /// a page's to name. Throws `forbidden` for anyone but a director, or for a change they
    /// may not make; and what `configure(_:)` throws.
    public func configure(_ change: SettingsChange, by person: WebPerson, environmentPassword: Bool = false) throws -> SettingsResult {
        guard let school = person.directedSchool, change.passwordFile == nil else { throw SeasonError.forbidden }
        let shared = [change.entName, change.entURL, change.from, change.fromName].contains { $0 != nil }
        let server = change.smtpURL != nil || change.smtpUser != nil || change.starttls != nil
        guard try !shared || mayChangeSharedSettings(person),
              try !server || mayChangeServer(person, environmentPassword: environmentPassword) else { throw SeasonError.forbidden }
        var change = change
        change.school = school
        return try configure(change)
    }

    /// Whether a director may set the settings every school shares (the ENT's, the sender's):
    /// only in a store of their school alone.
    public func mayChangeSharedSettings(_ person: WebPerson) throws -> Bool {
        guard person.directedSchool != nil else { return false }
        return try store.schools().count == 1
    }

    /// Whether a director may set the SMTP server from the pages: as the shared settings, and
    /// only while no password is set for the server.
    public func mayChangeServer(_ person: WebPerson, environmentPassword: Bool) throws -> Bool {
        try mayChangeSharedSettings(person) && !environmentPassword && settings().email.passwordFile == nil
    }
}
