import Foundation
import HTTPTypes
import Hummingbird
import SesameCore
import SesameDocuments
import SesameSeason

extension WebServer {
    /// Imprimer: the school's packets of its latest plan, printed in the server with a
    /// progress bar; each PDF and sign-off sheet, or all as one ZIP, to download (each
    /// download noted in the letters' history: the files hold codes).
    func addPrint(to router: Router<WebContext>) {
        router.get("/impression") { _, context in
            let person = try context.person()
            let school = try Self.directorsSchool(person)
            _ = try season.seasonPlan(nil, school: school)  // nothing to print before a plan: the page says so
            var values: [String: Any] = ["ecole": school]
            if let job = await jobs.latest(.print, school: school) { values.merge(Self.jobValues(job)) { $1 } }
            return pages.render("impression", values, context: context)
        }
        router.get("/impression/etat") { _, context in
            let school = try Self.directorsSchool(try context.person())
            let job = await jobs.latest(.print, school: school)
            return try Pages.json([
                "enCours": job?.isRunning ?? false, "fait": job?.done ?? 0, "total": job?.total ?? 0, "texte": job.map(Self.progressText) ?? "",
            ])
        }
        router.post("/impression") { _, context in
            let person = try context.person()
            let school = try Self.directorsSchool(person)
            let layout = context.form["disposition"].flatMap(Int.init).flatMap(Layout.init(rawValue:)) ?? .one
            let sort = context.form["tri"].flatMap(AccountSortKey.init(rawValue:)).map { [$0] } ?? []
            let season = season
            _ = try await jobs.start(.print, school: school, by: person.name) { folder, progress in
                .printed(try season.printPackets(
                    PrintRequest(layout: layout, folder: folder, sort: sort, school: school, actor: person.name), by: person
                ) { progress($0.letters, $0.totalLetters, $0.lastFile) })
            }
            return Response.redirect(to: "/impression")
        }
        // The job's files, by their place in its list; "paquets.zip" for all of them.
        router.get("/impression/{travail}/{fichier}") { _, context in
            let person = try context.person()
            let school = try Self.directorsSchool(person)
            guard let job = await jobs.job(try context.parameters.require("travail")), job.school == school, let result = job.printed else {
                throw SeasonError.forbidden
            }
            let name = try context.parameters.require("fichier")
            let url: URL, batches: [Int64]
            if name == "paquets.zip", let archive = result.archive {
                (url, batches) = (archive, result.files.map(\.batchID))
            } else if let file = result.files.first(where: { $0.url.lastPathComponent == name || $0.signOff?.lastPathComponent == name }) {
                (url, batches) = (file.url.lastPathComponent == name ? file.url : file.signOff!, [file.batchID])
            } else {
                throw SeasonError.forbidden
            }
            try season.noteDownload(of: batches, school: school, file: name, by: person)
            let type = name.hasSuffix(".zip") ? "application/zip" : name.hasSuffix(".csv") ? "text/csv; charset=utf-8" : "application/pdf"
            return Pages.attachment(try Data(contentsOf: url), name: name, type: type)
        }
    }

    /// Printing is the director's: their school.
    static func directorsSchool(_ person: WebPerson) throws -> String {
        guard let school = person.directedSchool else { throw SeasonError.forbidden }
        return school
    }

    static func progressText(_ job: WebJobs.Job) -> String {
        if let failure = job.failure { return "L’impression n’a pas pu se faire : \(failure)" }
        if let result = job.printed { return "\(result.letters) lettres imprimées dans \(result.files.count) fichiers." }
        return job.total == 0 ? "Préparation de l’impression…" : "\(job.done) lettres imprimées sur \(job.total)…"
    }

    static func jobValues(_ job: WebJobs.Job) -> [String: Any] {
        var values: [String: Any] = [
            "travail": true, "enCours": job.isRunning, "fait": "\(job.done)", "total": "\(max(job.total, 1))", "texte": progressText(job),
            "echec": job.failure != nil, "par": job.startedBy,
            "debut": "\(SchoolCalendar.frenchDate(job.startedAt)) à \(SchoolCalendar.time(job.startedAt))",
        ]
        if let result = job.printed {
            values["fini"] = true
            values["zip"] = result.archive.map { "/impression/\(job.id)/\($0.lastPathComponent)" } ?? ""
            values["fichiers"] = result.files.map { file in
                [
                    "nom": file.className.map { "\(file.channel.frenchName) — \($0)" } ?? file.channel.frenchName,
                    "lien": "/impression/\(job.id)/\(file.url.lastPathComponent)", "lettres": "\(file.letters)", "pages": "\(file.pages)",
                    "pour": file.handedTo,
                    "feuille": file.signOff.map { "/impression/\(job.id)/\($0.lastPathComponent)" } ?? "",
                ]
            }
        }
        for note in job.printed?.notes ?? [] { values["note"] = note }
        return values
    }
}
