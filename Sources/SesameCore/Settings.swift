/// What documents and emails need to know about the ENT and the schools, which the ENT
/// export does not say: kept in a settings file beside the store (`sesame init`).
public struct Settings: Sendable, Hashable {
    public var ent = ENT()
    public var schools: [School] = []
    public var email = Email()

    public init() {}

    public struct ENT: Sendable, Hashable {
        /// "e-primO", "ONE"…
        public var name: String?
        /// The address users open: "https://www.e-primo.fr".
        public var url: String?
        public init() {}
    }

    public struct School: Sendable, Hashable {
        /// As the ENT export names it.
        public var name: String
        public var address: String?
        public var city: String?
        public var director: String?
        /// "directrice" or "directeur": how the letters sign (official letters avoid the
        /// point médian); nil: "direction de l’école".
        public var directorTitle: String?
        /// How families reach the school, printed on letters, cards and emails.
        public var phone: String?
        public var email: String?

        public init(
            name: String, address: String? = nil, city: String? = nil, director: String? = nil, directorTitle: String? = nil,
            phone: String? = nil, email: String? = nil
        ) {
            self.name = name
            self.address = address
            self.city = city
            self.director = director
            self.directorTitle = directorTitle
            self.phone = phone
            self.email = email
        }

        /// The titles a director may sign with.
        public static let directorTitles = ["directrice", "directeur"]

        /// A number as a school writes it (02 40 12 34 56, +33 2 40 12 34 56, 02.40.12.34.56):
        /// digits, spaces, dots, dashes, brackets and one + before the digits; from 6 to 15
        /// digits, for the French schools abroad.
        public static func isPhoneNumber(_ text: String) -> Bool {
            let allowed = Set("0123456789 .-()+\u{00A0}\u{202F}")
            let digits = text.count(where: \.isNumber)
            let beforePlus = text.firstIndex(of: "+").map { text[..<$0] } ?? ""
            return text.allSatisfy(allowed.contains) && text.count(where: { $0 == "+" }) <= 1 && !beforePlus.contains(where: \.isNumber)
                && (6...15).contains(digits)
        }
    }

    /// The ENT's address as letters print it and QR codes open it.
    public static func isWebAddress(_ url: String) -> Bool {
        url.hasPrefix("https://") || url.hasPrefix("http://")
    }

    public struct Email: Sendable, Hashable {
        /// The sender's address, and the name shown for it.
        public var from: String?
        public var fromName: String?
        /// smtp://host:port or smtps://host:port
        public var smtpURL: String?
        public var starttls: Bool?
        public var user: String?
        /// A file holding the SMTP password (never the password itself).
        public var passwordFile: String?
        public init() {}

        /// The server URLs libcurl is given: plain SMTP (possibly with STARTTLS) or implicit TLS.
        public static func isServerURL(_ url: String) -> Bool {
            url.hasPrefix("smtp://") || url.hasPrefix("smtps://")
        }
    }

    public func school(named name: String) -> School? {
        SchoolLookup(self)[name]
    }

    /// The settings printing needs for these schools that are not filled in, named as in the file.
    public func missingForPrinting(schools names: [String]) -> [String] {
        var missing: [String] = []
        if ent.name?.isEmpty ?? true { missing.append("ent.name (nom de l’ENT)") }
        if !(ent.url.map(Self.isWebAddress) ?? false) { missing.append("ent.url (adresse de l’ENT, https://…)") }
        for name in names {
            let school = school(named: name)
            if school?.city?.isEmpty ?? true { missing.append("city (ville) de « \(name) »") }
            if school?.director?.isEmpty ?? true { missing.append("director (directeur ou directrice) de « \(name) »") }
        }
        return missing
    }
}

/// The schools of the settings by name, as the export spells them or not (case, accents,
/// spacing): built once for a run that looks one up per letter.
public struct SchoolLookup: Sendable {
    private let schools: [String: Settings.School]

    public init(_ settings: Settings) {
        schools = Dictionary(settings.schools.map { (NameKey.exact($0.name), $0) }, uniquingKeysWith: { first, _ in first })
    }

    public subscript(name: String) -> Settings.School? {
        schools[NameKey.exact(name)]
    }
}
