import Foundation
import HTTPTypes
import Hummingbird
import SesameCore
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
            return enrolmentPage(person, error: nil, context: context)
        }
        router.post("/inscription/{jeton}") { _, context in
            let token = try context.parameters.require("jeton")
            guard let person = try season.enrolment(token: token) else { throw SeasonError.enrolmentLinkInvalid }
            let password = context.form["motdepasse"] ?? ""
            guard password == context.form["confirmation"] else {
                return enrolmentPage(person, error: "les deux mots de passe diffèrent", context: context)
            }
            do {
                let grant = try season.completeEnrolment(token: token, password: password)
                var response = Response.redirect(to: "/")
                response.setCookie(check.sessionCookie(grant.token))
                return response
            } catch SeasonError.passwordTooShort {
                return enrolmentPage(person, error: SeasonError.passwordTooShort.userMessage, context: context)
            }
        }
        router.post("/deconnexion") { _, context in
            if let token = context.session?.token { try season.logOut(token: token) }
            var response = Response.redirect(to: "/connexion")
            response.setCookie(check.sessionCookie("", maxAge: 0))
            return response
        }
    }

    /// The enrolment form, with what was wrong in the last attempt (then 400).
    private func enrolmentPage(_ person: WebPerson, error: String?, context: WebContext) -> Response {
        var values: [String: Any] = ["nom": person.name, "identifiant": person.username]
        values["erreur"] = error
        return formPage("inscription", values, context: context, status: error == nil ? .ok : .badRequest)
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
