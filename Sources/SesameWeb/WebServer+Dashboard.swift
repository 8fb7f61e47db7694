import Foundation
import HTTPTypes
import Hummingbird
import SesameCore
import SesameSeason
import SesameStore

extension WebServer {
    /// The director's (and the support's) view of the season: the funnel by class, the
    /// packets out and the sheets still expected. The same figures as `sesame status`.
    func addDashboard(to router: Router<WebContext>) {
        router.get("/tableau") { _, context in
            let person = try context.person()
            guard person.role != .teacher else { throw SeasonError.forbidden }
            let status: (plan: Int64, report: StatusReport)
            do {
                status = try season.status(plan: nil, school: person.directedSchool)
            } catch PlanError.noPlan {
                // A season not planned yet: the page says where to start.
                return pages.render("tableau", ["ecole": person.school ?? "toutes les écoles", "pasDePlan": true], context: context)
            }
            let (plan, report) = status
            // The support's page is the table of schools: an académie's every packet would be tens of thousands of lines.
            let packets = person.role == .support ? [] : try season.packets(for: person)
            let expected = packets.filter { $0.states[.issued, default: 0] > 0 }
            return pages.render("tableau", [
                "ecole": person.school ?? "toutes les écoles", "plan": "\(plan)",
                "etapes": Stage.allCases.map { ["nom": $0.frenchName] },
                "classes": report.byClass.map { Self.funnelRow($0.key.className ?? "sans classe", $0.funnel) },
                "total": Self.funnelRow("Total", report.total),
                "paquets": packets.map(packetValues),
                "aFeuilles": !expected.isEmpty,
                "feuilles": expected.map { p in
                    packetValues(p).merging(["attendues": Self.lettersWithoutOutcome(p.states[.issued, default: 0])]) { $1 }
                },
                "aPaquets": person.role != .support,
                "parEcole": person.role == .support && report.bySchool.count > 1, "direction": person.role == .director,
                "profils": report.byProfile.map { Self.funnelRow($0.profile.frenchName, $0.funnel) },
                "canaux": report.byChannel.map { Self.funnelRow($0.channel.frenchName, $0.funnel) },

                "ecoles": report.bySchool.map { row in
                    Self.funnelRow(row.school, row.funnel).merging(["lien": "/relances?ecole=\(Self.queryValue(row.school))"]) { $1 }
                },
            ], context: context)
        }
        // The packets' counts, for the dashboard to follow the teachers' ticks as they come.
        router.get("/tableau/paquets") { _, context in
            let person = try context.person()
            guard person.role == .director else { throw SeasonError.forbidden }
            var counts: [String: [String: String]] = [:]
            for p in try season.packets(for: person) {
                counts["\(p.id)"] = ["compte": countsText(p), "attendues": Self.lettersWithoutOutcome(p.states[.issued, default: 0])]
            }
            return try Pages.json(counts)
        }
        // The chart of `sesame status --chart`, as SVG: an image, since its drawing uses style
        // attributes that the pages' policy forbids inside a page.
        router.get("/tableau/graphique.svg") { _, context in
            let person = try context.person()
            guard person.role != .teacher else { throw SeasonError.forbidden }
            let (plan, report) = try season.status(plan: nil, school: person.directedSchool)
            return Response(
                status: .ok, headers: [.contentType: "image/svg+xml"],
                body: .init(byteBuffer: ByteBuffer(string: try season.chartSVG(report, plan: plan))))
        }
        // A person's history: the login is posted, never in the address (it names someone).
        router.post("/historique") { _, context in
            let person = try context.person()
            let history = try season.history(of: context.form["identifiant"] ?? "", for: person)
            return pages.render("historique", [
                "nom": history.name, "identifiant": history.login, "profil": history.profile.frenchName, "ecole": history.school,
                "active": history.isActivated, "aEvenements": !history.entries.isEmpty,
                "evenements": history.entries.map { e in
                    [
                        "date": "\(SchoolCalendar.frenchDate(e.at)) \(SchoolCalendar.time(e.at))", "par": e.actor, "plan": "\(e.planID)",
                        "canal": e.channel.frenchName, "etat": e.from.map { "\($0.frenchName) → \(e.to.frenchName)" } ?? e.to.frenchName,
                        "note": e.note ?? "",
                    ]
                },
            ], context: context)
        }
    }

    /// "3 lettres sans retour": the letters of a packet whose sheet is still expected.
    static func lettersWithoutOutcome(_ n: Int) -> String {
        n == 1 ? "1 lettre sans retour" : "\(n) lettres sans retour"
    }

    /// A row of the dashboard's tables: a name, the counts by stage, the total.
    static func funnelRow(_ name: String, _ funnel: Funnel) -> [String: Any] {
        ["nom": name, "total": "\(funnel.total)", "valeurs": Stage.allCases.map { ["n": "\(funnel[$0])"] }]
    }
}
