import Foundation
import Hummingbird
import SesameCore
import SesameSeason

extension WebServer {
    /// Importer: the ENT's export and, if any, ONDE's responsables and pupils extractions,
    /// uploaded; the import's report (counts, what changed since the last import and what it
    /// does to letters already out, every problem with its line and column) shown before
    /// anything is written; then confirmed, or cancelled and nothing kept. The same readers
    /// and all-or-nothing import as `sesame import`.
    func addImport(to router: Router<WebContext>) {
        router.get("/import") { _, context in
            let school = try Self.directorsSchool(try context.person())
            return pages.render("import", ["ecole": school, "annule": false], context: context)
        }
        router.post("/import") { _, context in
            let person = try context.person()
            let school = try Self.directorsSchool(person)
            guard !context.uploads.isEmpty else { throw WebInputError.missingField("Fichier") }
            let staged = try await staging.stage(context.uploads, personID: person.id)
            let summary: ImportSummary
            do {
                summary = try season.importFiles(staged.files, by: person, dryRun: true)
            } catch {
                await staging.discard(staged.token)
                throw error
            }
            var values = Self.reportValues(summary)
            (values["ecole"], values["jeton"]) = (school, staged.token)
            return pages.render("import-apercu", values, context: context)
        }
        router.post("/import/confirmer") { _, context in
            let person = try context.person()
            let school = try Self.directorsSchool(person)
            guard let staged = await staging.take(context.form["jeton"] ?? "", personID: person.id) else { throw SeasonError.importExpired }
            defer { Task { await staging.discard(staged.token) } }
            var values = Self.reportValues(try season.importFiles(staged.files, by: person, dryRun: false))
            values["ecole"] = school
            return pages.render("import-fait", values, context: context)
        }
        router.post("/import/annuler") { _, context in
            let person = try context.person()
            let school = try Self.directorsSchool(person)
            if let staged = await staging.take(context.form["jeton"] ?? "", personID: person.id) { await staging.discard(staged.token) }
            return pages.render("import", ["ecole": school, "annule": true], context: context)
        }
    }

    /// The report's lines, and every problem with where it is in its file.
    static func reportValues(_ summary: ImportSummary) -> [String: Any] {
        let report = ImportReport(summary)
        return [
            "lignes": report.lines.filter { !$0.isEmpty }.map { ["texte": $0.trimmingCharacters(in: .whitespaces), "detail": $0.hasPrefix("  ")] },
            "aProblemes": !summary.problems.isEmpty, "nombreProblemes": French.plural(summary.problems.count, "problème"),
            "problemes": summary.problems.map { ["fichier": $0.file, "ligne": $0.line.map(String.init) ?? "—", "colonne": $0.column.map(String.init) ?? "—", "message": $0.message] },
        ]
    }
}
