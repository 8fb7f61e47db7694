import Foundation
import HTTPTypes
import Hummingbird
import SesameCore

/// What a request carries through the web layer: who is logged in (from the session
/// cookie), their form token, and where the request comes from.
public struct WebContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The person of the session, its secret and its CSRF token; nil before logging in.
    public var session: (person: WebPerson, token: String, csrf: String)?
    /// The client's address, for log-in throttling (the proxy's `X-Forwarded-For` if trusted).
    public var address: String
    /// The fields of a posted form, read once by `SessionCheck`.
    public var form: [String: String] = [:]
    /// The files of a posted multipart form, by field name (an empty file field is left out).
    var uploads: [String: Upload] = [:]

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        address = source.channel.remoteAddress?.ipAddress ?? "inconnue"
    }

    public var requestDecoder: URLEncodedFormDecoder { URLEncodedFormDecoder() }

    /// A posted field, trimmed; nil when absent or empty (an empty field changes nothing).
    func field(_ name: String) -> String? {
        form[name].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The logged-in person, or the 303 to the log-in page.
    func person() throws -> WebPerson {
        guard let session else { throw WebRedirect(to: "/connexion") }
        return session.person
    }
}

/// A page that sends elsewhere: thrown by routes, answered by `Pages`.
struct WebRedirect: Error {
    let location: String
    init(to location: String) { self.location = location }
}
