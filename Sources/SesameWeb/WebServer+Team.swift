import Foundation
import HTTPTypes
import Hummingbird
import SesameCore
import SesameSeason

extension WebServer {
    /// The director enrols their school's teachers: the teachers of the ENT export are
    /// proposed with their classes; the link is shown once, to hand to the teacher alone.
    func addTeam(to router: Router<WebContext>) {
        router.get("/equipe") { request, context in
            try teamPage(try context.person(), link: nil, request: request, context: context)
        }
        router.post("/equipe") { request, context in
            let person = try context.person()
            guard let school = person.school else { throw SeasonError.forbidden }
            let classes = (context.form["classes"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let enrolment = try season.enrolTeacher(name: context.form["nom"] ?? "", classes: classes, school: school, by: person)
            return try teamPage(person, link: (enrolment.person.name, enrolment.token), request: request, context: context)
        }
    }

    private func teamPage(_ person: WebPerson, link: (name: String, token: String)?, request: Request, context: WebContext) throws -> Response {
        let (proposed, enrolled) = try season.team(for: person)
        // The link as the browser reached this server (the proxy's host behind --trust-proxy).
        let host = request.head.authority ?? "127.0.0.1"
        let scheme = trustProxy ? "https" : "http"
        return pages.render("equipe", [
            "lien": link.map { ["nom": $0.name, "url": "\(scheme)://\(host)/inscription/\($0.token)"] } as Any,
            "proposes": proposed.map { ["nom": $0.name, "classes": $0.classes.joined(separator: ", ")] },
            "inscrits": enrolled.map { ["nom": $0.name, "role": $0.role.frenchName, "classes": $0.classes.joined(separator: ", "),
                                        "etat": $0.hasPassword ? "mot de passe choisi" : "lien en attente"] },
        ], context: context)
    }
}
