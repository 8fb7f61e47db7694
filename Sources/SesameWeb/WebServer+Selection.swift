import Foundation
import Hummingbird
import SesameCore
import SesameSeason

extension WebServer {
    /// The seed's steps 1 and 2: the ENT's publipostage filters, and the list they select with
    /// its columns (the code always masked) and totals. The filters travel in the address:
    /// they name classes and profiles, never a person.
    func addSelection(to router: Router<WebContext>) {
        router.get("/selection") { request, context in
            let person = try context.person()
            let query = try SelectionQuery(SelectionQuery.parameters(request), person: person, defaultActivation: .all)
            let schools = person.role == .support ? try season.store.schools().map(\.name) : []
            var values: [String: Any] = [
                "support": person.role == .support, "lien": query.query,
            ]
            // The support chooses a school first: an académie's every account is no list to read.
            guard let school = query.filter.schools.first else {
                values.merge(query.formValues(classes: [], schools: schools)) { $1 }
                return pages.render("selection", values, context: context)
            }
            let classes = try season.classNames(school: school)
            let (accounts, standIn) = try season.select(query.filter, sortedBy: query.sort)
            values.merge(query.formValues(classes: classes, schools: schools)) { $1 }
            values.merge([
                "ecole": school, "choisie": true, "remarque": standIn?.frenchNote ?? "",
                "total": "\(accounts.count)", "actives": "\(accounts.filter(\.isActivated).count)",
                "sansCourriel": "\(accounts.filter { $0.email == nil }.count)",
                "comptes": accounts.map { a in
                    [
                        "nom": a.lastName, "prenom": a.firstName + (a.distinction.map { " (\($0))" } ?? ""), "profil": a.profile.frenchName,
                        "identifiant": a.login, "code": a.maskedCodeColumn,
                        "courriel": a.email.map { $0.address.value + ($0.source == .collected ? " (recueilli)" : " (ENT)") } ?? "—",
                        "classes": a.classes.joined(separator: ", "), "enfants": a.children.map(\.displayName).joined(separator: ", "),
                    ]
                },
            ]) { $1 }
            return pages.render("selection", values, context: context)
        }
    }
}
