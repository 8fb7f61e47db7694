import Foundation
import Hummingbird
import SesameCore
import SesameSeason

extension WebServer {
    /// Réglages: the school's settings as its letters print them, and the ENT's name and
    /// address. The ENT's are the whole store's: a director changes them only in a store of
    /// their school alone.
    func addSettings(to router: Router<WebContext>) {
        router.get("/reglages") { _, context in
            let person = try context.person()
            return pages.render("reglages", try settingsValues(for: person), context: context)
        }
        router.post("/reglages") { _, context in
            let person = try context.person()
            // An empty field leaves the setting as it is, as an option not given does in `sesame init`.
            let field = context.field
            var change = SettingsChange()
            (change.director, change.city, change.address) = (field("direction"), field("ville"), field("adresse"))
            (change.phone, change.email) = (field("telephone"), field("courriel"))
            change.directorTitle = field("titre").flatMap { ["directrice", "directeur"].contains($0) ? $0 : nil }
            if try season.mayChangeSharedSettings(person) {
                (change.entName, change.entURL) = (field("entNom"), field("entAdresse"))
            }
            let result = try season.configure(change, by: person)
            var values = try settingsValues(for: person)
            values["enregistre"] = true
            values["manque"] = result.missingForPrinting.joined(separator: ", ")
            return pages.render("reglages", values, context: context)
        }
    }

    private func settingsValues(for person: WebPerson) throws -> [String: Any] {
        let name = try Self.directorsSchool(person)
        let settings = try season.settings()
        let school = settings.school(named: name) ?? Settings.School(name: name)
        return [
            "ecole": name, "direction": school.director ?? "", "ville": school.city ?? "", "adresse": school.address ?? "",
            "telephone": school.phone ?? "", "courriel": school.email ?? "",
            "titres": [("", "direction de l’école"), ("directrice", "directrice"), ("directeur", "directeur")].map { value, label in
                ["valeur": value, "nom": label, "coche": (school.directorTitle ?? "") == value] as [String: Any]
            },
            "entModifiable": try season.mayChangeSharedSettings(person),
            "entNom": settings.ent.name ?? "", "entAdresse": settings.ent.url ?? "",
        ]
    }
}
