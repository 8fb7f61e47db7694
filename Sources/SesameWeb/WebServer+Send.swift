import Foundation
import HTTPTypes
import Hummingbird
import SesameCore
import SesameSeason

extension WebServer {
    /// Envoyer: the school's email letters of its latest plan, sent in the server to the SMTP
    /// server the administrator set (with its password, from a file or the server's
    /// environment: never typed into a page), with the message a family receives shown first
    /// (its code masked) and live counts that follow the store, whoever sends. Sending again
    /// resumes: a letter sent, or left uncertain, is not sent again.
    func addSend(to router: Router<WebContext>) {
        router.get("/envoi") { _, context in
            let person = try context.person()
            let school = try Self.directorsSchool(person)
            return pages.render("envoi", try await sendValues(school: school, person: person), context: context)
        }
        router.get("/envoi/etat") { _, context in
            let person = try context.person()
            let school = try Self.directorsSchool(person)
            let job = await jobs.latest(.send, school: school)
            let progress = try season.emailProgress(school: school, by: person)
            return try Pages.json([
                "enCours": job?.isRunning ?? false, "fait": job?.done ?? 0, "total": job?.total ?? 0, "texte": progress.frenchSummary,
            ])
        }
        router.post("/envoi") { _, context in
            let person = try context.person()
            let school = try Self.directorsSchool(person)
            let (season, password) = (season, smtpPassword)
            _ = try await jobs.start(.send, school: school, by: person.name) { _, progress in
                .sent(try season.send(school: school, by: person, environmentPassword: password) { progress($0, $1, "") })
            }
            return Response.redirect(to: "/envoi")
        }
        router.post("/envoi/reglages") { _, context in
            let person = try context.person()
            let school = try Self.directorsSchool(person)
            let field = context.field
            var change = SettingsChange()
            (change.from, change.fromName) = (field("expediteur"), field("nomExpediteur"))
            // The server's fields are in the form only when the page may change them.
            if context.form["serveur"] != nil {
                (change.smtpURL, change.smtpUser, change.starttls) = (field("serveur"), field("compte"), context.form["starttls"] != nil)
            }
            _ = try season.configure(change, by: person, environmentPassword: smtpPassword != nil)
            var values = try await sendValues(school: school, person: person)
            values["enregistre"] = true
            return pages.render("envoi", values, context: context)
        }
    }

    private func sendValues(school: String, person: WebPerson) async throws -> [String: Any] {
        let settings = try season.settings()
        let counts = try season.emailProgress(school: school, by: person)
        var values: [String: Any] = [
            "ecole": school, "serveur": settings.email.smtpURL ?? "", "aServeur": settings.email.smtpURL != nil,
            "compte": settings.email.user ?? "", "starttls": settings.email.starttls == true,
            "motDePasse": settings.email.passwordFile != nil ? "lu dans le fichier que l’administrateur a indiqué"
                : smtpPassword != nil ? "donné au serveur par l’administrateur (SESAME_SMTP_PASSWORD)" : "aucun",
            "expediteur": settings.email.from ?? "", "nomExpediteur": settings.email.fromName ?? "",
            "expediteurModifiable": try season.mayChangeSharedSettings(person),
            "serveurModifiable": try season.mayChangeServer(person, environmentPassword: smtpPassword != nil),
            "compteurs": counts.frenchSummary, "aEnvoyer": counts.toSend > 0, "reprise": counts.sent + counts.deferred + counts.bounced > 0,
            "incertains": counts.uncertain > 0, "nombreIncertains": "\(counts.uncertain)",
        ]
        if let message = try season.previewMessage(school: school, by: person) {
            values["apercu"] = ["sujet": message.subject, "texte": message.text, "de": message.from.address.value]
        }
        if let job = await jobs.latest(.send, school: school) {
            values["travail"] = true
            values["enCours"] = job.isRunning
            (values["fait"], values["total"]) = ("\(job.done)", "\(max(job.total, 1))")
            values["par"] = job.startedBy
            values["debut"] = "\(SchoolCalendar.frenchDate(job.startedAt)) à \(SchoolCalendar.time(job.startedAt))"
            if let failure = job.failure { values["echec"] = "L’envoi s’est arrêté : \(failure)" }
            if let report = job.sent, !report.skipped.isEmpty { values["ecartes"] = report.skipped.joined(separator: " ; ") }
        }
        return values
    }
}
