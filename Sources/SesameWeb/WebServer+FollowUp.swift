import Foundation
import HTTPTypes
import Hummingbird
import SesameCore
import SesameSeason

extension WebServer {
    /// The follow-up's lists (`sesame followup --dry-run --out`) for a school: who is still to
    /// reach and what to do, on the page and as the PDF lists of the director and the classes.
    /// The support names the school in the address (`?ecole=`); a director's is theirs.
    func addFollowUp(to router: Router<WebContext>) {
        router.get("/relances") { request, context in
            let person = try context.person()
            let school = try Self.overseenSchool(request, person)
            let items = try season.followUpPreview(school: school, for: person).sorted { a, b in
                (a.action.rank, a.action.shortAdvice, a.nameSortKey) < (b.action.rank, b.action.shortAdvice, b.nameSortKey)
            }
            var counts: [(advice: String, n: Int)] = []
            for item in items {
                if let i = counts.firstIndex(where: { $0.advice == item.action.shortAdvice }) { counts[i].n += 1 } else { counts.append((item.action.shortAdvice, 1)) }
            }
            let classes = Set(items.flatMap(\.delivery.facts.classes)).sorted { ClassLevel.sortKey(forClass: $0) < ClassLevel.sortKey(forClass: $1) }
            let query = person.role == .support ? "&ecole=\(Self.queryValue(school))" : ""
            return pages.render("relances", [
                "ecole": school, "support": person.role == .support,
                "aRelancerParCanal": items.contains { $0.action.escalation != nil }, "aRelancer": !items.isEmpty,
                "intro": items.count == 1
                    ? "Une personne n’a pas encore été atteinte ou n’a pas activé son compte."
                    : "\(items.count) personnes n’ont pas encore été atteintes ou n’ont pas activé leur compte.",
                "resume": counts.map { ["quoi": $0.advice, "n": "\($0.n)"] },
                "direction": "/relances/liste.pdf?\(query.dropFirst())",
                "classes": classes.map { ["nom": $0, "lien": "/relances/liste.pdf?classe=\(Self.queryValue($0))\(query)"] },
                "personnes": items.map { item in
                    let d = item.delivery
                    return [
                        "nom": d.distinction.map { "\(d.firstName) \(d.lastName) (\($0))" } ?? "\(d.firstName) \(d.lastName)", "profil": d.facts.profile.frenchName,
                        "classes": d.facts.classes.joined(separator: ", "), "etat": d.state.frenchName, "quoi": item.action.shortAdvice,
                        "joindre": d.facts.hasEmail ? (d.facts.hasAddress ? "courriel, poste" : "courriel") : (d.facts.hasAddress ? "poste" : "—"),
                    ]
                },
            ], context: context)
        }
        router.post("/relances") { request, context in
            let person = try context.person()
            let school = person.role == .support ? context.form["ecole"] ?? "" : try Self.overseenSchool(request, person)
            let (result, escalated) = try season.followUp(school: school, by: person)
            return pages.render("relance-faite", [
                "ecole": school, "plan": result.followUpPlan.map { "\($0)" } ?? "", "aPlan": result.followUpPlan != nil,
                "lettres": escalated == 1 ? "1 nouvelle lettre" : "\(escalated) nouvelles lettres",
            ], context: context)
        }
        router.get("/relances/liste.pdf") { request, context in
            let person = try context.person()
            let (name, data) = try season.followUpList(
                school: try Self.overseenSchool(request, person), className: request.uri.queryParameters.get("classe"), for: person)
            return Pages.attachment(data, name: name, type: "application/pdf")
        }
    }

    /// A director's school, or the one the support names; a teacher oversees none.
    static func overseenSchool(_ request: Request, _ person: WebPerson) throws -> String {
        switch person.role {
        case .director: return person.school ?? ""
        case .support:
            guard let school = request.uri.queryParameters.get("ecole"), !school.isEmpty else { throw SeasonError.forbidden }
            return school
        case .teacher: throw SeasonError.forbidden
        }
    }

    /// A school or a class name as a query value.
    static func queryValue(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }
}
