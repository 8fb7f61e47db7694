import Foundation
import HTTPTypes
import Hummingbird
import SesameSeason

/// Finds the session of the request's cookie, and checks the CSRF token of every request
/// that changes something: the session's token once logged in; before, the token of the
/// form cookie the log-in and enrolment pages set (double submit). A request without the
/// right token gets 403 and changes nothing.
struct SessionCheck: RouterMiddleware {
    typealias Context = WebContext

    let season: Season
    /// Behind a TLS reverse proxy: cookies are `Secure`, the client's address is the proxy's `X-Forwarded-For`.
    let trustProxy: Bool

    static let sessionCookie = "sesame_session"
    static let formCookie = "sesame_formulaire"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if trustProxy, let forwarded = request.headers[HTTPField.Name("X-Forwarded-For")!]?.split(separator: ",").last {
            context.address = forwarded.trimmingCharacters(in: .whitespaces)
        }
        if let token = request.cookies[Self.sessionCookie]?.value, let found = try season.session(token: token) {
            context.session = (found.person, token, found.csrf)
        }
        if request.method == .post {
            let expected = context.session?.csrf ?? request.cookies[Self.formCookie]?.value
            if let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data") {
                do {
                    (context.form, context.uploads) = try await UploadedForm.parse(request, contentType: type)
                } catch let error as HTTPResponseError where error.status == .contentTooLarge {
                    return Pages.plain(.contentTooLarge, "Fichiers trop volumineux : 32 Mo au plus par envoi. Pour l’export d’une académie, utilisez « sesame import ».")
                }
            } else {
                context.form = try await Self.form(of: request)
            }
            guard let expected, let given = context.form["csrf"], Self.same(given, expected) else {
                return Pages.plain(.forbidden, "Requête refusée : le formulaire a expiré ou ne vient pas de Sésame. Rechargez la page.")
            }
        }
        return try await next(request, context)
    }

    /// The fields of a form posted (application/x-www-form-urlencoded).
    static func form(of request: Request) async throws -> [String: String] {
        let buffer = try await request.body.collect(upTo: 64 * 1024)
        return Dictionary(pairs(String(buffer: buffer)), uniquingKeysWith: { _, last in last })
    }

    /// The name–value pairs of `a=1&b=x+y`, decoded, in order (a name may come several times).
    static func pairs(_ text: String) -> [(String, String)] {
        text.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            return (parts[0], parts.count > 1 ? parts[1] : "")
        }
    }

    /// Compared in constant time: the time taken says nothing of how much of a token was right.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// The session cookie: HttpOnly, SameSite=Strict, Secure behind TLS; `maxAge` 0 ends it.
    func sessionCookie(_ token: String, maxAge: Int? = nil) -> Cookie {
        Cookie(name: Self.sessionCookie, value: token, maxAge: maxAge, path: "/", secure: trustProxy, httpOnly: true, sameSite: .strict)
    }
}
