import Foundation
import Hummingbird
import SesameCore
import SesameSeason
import SesameStore

extension WebServer {
    /// Purge: the school's codes no longer needed (every letter of the account handed over,
    /// refused or closed), shown by login before they are erased, as `sesame purge` erases them.
    func addPurge(to router: Router<WebContext>) {
        router.get("/purge") { _, context in
            let person = try context.person()
            let school = try Self.directorsSchool(person)
            var values = Self.purgeValues(try season.purgeCodes(by: person, dryRun: true))
            values["ecole"] = school
            return pages.render("purge", values, context: context)
        }
        router.post("/purge") { _, context in
            let person = try context.person()
            let school = try Self.directorsSchool(person)
            var values = Self.purgeValues(try season.purgeCodes(by: person, dryRun: false))
            (values["ecole"], values["fait"]) = (school, true)
            return pages.render("purge", values, context: context)
        }
    }

    static func purgeValues(_ result: PurgeResult) -> [String: Any] {
        [
            "aEffacer": !result.erased.isEmpty, "identifiants": result.erased.map { ["identifiant": $0] },
            "seront": French.plural(result.erased.count, "code sera effacé", "codes seront effacés"),
            "effaces": French.plural(result.erased.count, "code effacé", "codes effacés"),
            "bouton": result.erased.count == 1 ? "Effacer ce code" : "Effacer ces \(result.erased.count) codes",
            "gardes": result.stillNeeded > 0 ? French.plural(result.stillNeeded, "code gardé", "codes gardés") : "",
        ]
    }
}
