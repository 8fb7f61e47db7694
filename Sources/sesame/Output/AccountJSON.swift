import Foundation
import SesameCore

/// The JSON shape of an account in `sesame accounts --format json`: part of the product,
/// pinned by tests. `email` is always present (null without a valid address);
/// `activationCode` only with --show-codes.
struct AccountJSON: Encodable {
    let account: Account
    let showCode: Bool

    init(_ account: Account, showCode: Bool) {
        self.account = account
        self.showCode = showCode
    }

    enum Keys: String, CodingKey {
        case login, profile, firstName, lastName, school, classes, activated, email, emailSource, hasAddress
        case children, localAdmin, activationCode, originalLogin, phone, lastLogin
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(account.login, forKey: .login)
        try c.encode(account.originalLogin, forKey: .originalLogin)
        try c.encode(account.profile.rawValue, forKey: .profile)
        try c.encode(account.firstName, forKey: .firstName)
        try c.encode(account.lastName, forKey: .lastName)
        try c.encode(account.school, forKey: .school)
        try c.encode(account.classes, forKey: .classes)
        try c.encode(account.isActivated, forKey: .activated)
        try c.encode(account.email?.address.value, forKey: .email)
        try c.encode(account.email?.source.rawValue, forKey: .emailSource)
        try c.encode(account.postalAddress != nil, forKey: .hasAddress)
        try c.encode(account.children.map(\.login), forKey: .children)
        try c.encode(account.isLocalAdmin, forKey: .localAdmin)
        try c.encode(account.phone, forKey: .phone)
        // ISO 8601 (UTC), or null: the person never logged in (or the export does not say).
        try c.encode(account.lastLogin.map { $0.formatted(.iso8601) }, forKey: .lastLogin)
        if showCode { try c.encode(account.activationCode, forKey: .activationCode) }
    }
}
