import Foundation
import HTTPTypes
import Hummingbird
import SesameSeason

extension WebServer {
    /// Log-in, enrolment from a one-time link, log-out.
    func addLogin(to router: Router<WebContext>) {
        let check = SessionCheck(season: season, trustProxy: trustProxy)
        router.get("/connexion") { _, context in
            formPage("connexion", [:], context: context)
        }
        router.post("/connexion") { _, context in
            do {
                let grant = try season.logIn(username: context.form["identifiant"] ?? "", password: context.form["motdepasse"] ?? "", from: context.address)
                var response = Response.redirect(to: "/")
                response.setCookie(check.sessionCookie(grant.token))
                return response
            } catch let error as SeasonError {
                return formPage("connexion", ["erreur": error.userMessage, "identifiant": context.form["identifiant"] ?? ""], context: context, status: .unauthorized)
            }
        }
        router.get("/inscription/{jeton}") { _, context in
            guard let person = try season.enrolment(token: try context.parameters.require("jeton")) else {
                throw SeasonError.enrolmentLinkInvalid
            }
            return formPage("inscription", ["nom": person.name, "identifiant": person.username], context: context)
        }
        router.post("/inscription/{jeton}") { _, context in
            let token = try context.parameters.require("jeton")
            guard let person = try season.enrolment(token: token) else { throw SeasonError.enrolmentLinkInvalid }
            let password = context.form["motdepasse"] ?? ""
            guard password == context.form["confirmation"] else {
                return formPage("inscription", ["nom": person.name, "identifiant": person.username, "erreur": "les deux mots de passe diffèrent"], context: context, status: .badRequest)
            }
            do {
                let grant = try season.completeEnrolment(token: token, password: password)
                var response = Response.redirect(to: "/")
                response.setCookie(check.sessionCookie(grant.token))
                return response
            } catch SeasonError.passwordTooShort {
                return formPage("inscription", ["nom": person.name, "identifiant": person.username, "erreur": SeasonError.passwordTooShort.userMessage], context: context, status: .badRequest)
            }
        }
        router.post("/deconnexion") { _, context in
            if let token = context.session?.token { try season.logOut(token: token) }
            var response = Response.redirect(to: "/connexion")
            response.setCookie(Cookie(name: SessionCheck.sessionCookie, value: "", maxAge: 0, path: "/", secure: trustProxy, httpOnly: true, sameSite: .strict))
            return response
        }
    }

    /// A page with a form before any session: its form token is a random cookie, sent back
    /// in a hidden field (double submit).
    private func formPage(_ name: String, _ values: [String: Any], context: WebContext, status: HTTPResponse.Status = .ok) -> Response {
        let token = Season.secret()
        var values = values
        values["csrf"] = token
        var response = pages.render(name, values, context: context, status: status)
        response.setCookie(Cookie(name: SessionCheck.formCookie, value: token, path: "/", secure: trustProxy, httpOnly: true, sameSite: .strict))
        return response
    }
}
