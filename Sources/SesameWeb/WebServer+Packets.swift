import Foundation
import HTTPTypes
import Hummingbird
import SesameCore
import SesameSeason
import SesameStore
import SesameTemplates

extension WebServer {
    /// A teacher's packets and ticking their letters: large buttons, one form per letter,
    /// usable without JavaScript (a little script ticks in place).
    func addPackets(to router: Router<WebContext>) {
        router.get("/") { _, context in
            let person = try context.person()
            if person.role != .teacher { return Response.redirect(to: "/tableau") }
            return pages.render("paquets", ["paquets": try season.packets(for: person).map(packetValues)], context: context)
        }
        router.get("/paquets/{id}") { _, context in
            let person = try context.person()
            let (summary, letters) = try season.packet(try context.parameters.require("id", as: Int64.self), for: person)
            return pages.render("paquet", packetPage(summary, letters), context: context)
        }
        router.get("/paquets/{id}/pdf") { _, context in
            let (name, data) = try season.downloadPacket(try context.parameters.require("id", as: Int64.self), by: try context.person())
            return Pages.attachment(data, name: name, type: "application/pdf")
        }
        router.post("/paquets/{id}/lettres/{lettre}") { request, context in
            let person = try context.person()
            let packet = try context.parameters.require("id", as: Int64.self)
            let letter = try context.parameters.require("lettre", as: Int64.self)
            if context.form["annuler"] != nil {
                try season.untick(letter, in: packet, by: person)
            } else {
                guard let outcome = context.form["resultat"].flatMap(Outcome.init(rawValue:)), outcome != .bounced else {
                    throw SeasonError.forbidden
                }
                _ = try season.tick(letter, in: packet, outcome, by: person)
            }
            if request.headers[HTTPField.Name("X-Sesame-Inline")!] != nil {
                // The script updates the page in place: the new counts and the letter's state.
                let (summary, letters) = try season.packet(packet, for: person)
                let state = letters.first { $0.deliveryID == letter }?.state
                return try Pages.json(["etat": state?.frenchName ?? "", "compte": countsText(summary)])
            }
            return .redirect(to: "/paquets/\(packet)#lettre-\(letter)")
        }
    }

    func packetValues(_ p: PacketSummary) -> [String: Any] {
        [
            "id": "\(p.id)", "classe": p.className ?? "", "canal": p.channel.frenchName, "plan": p.planName,
            "ecole": p.school, "compte": countsText(p),
            "reunion": p.meeting.map(FrenchDate.longWithTime) ?? "",
        ]
    }

    /// "12 lettres remises sur 25 — 2 absents".
    func countsText(_ p: PacketSummary) -> String {
        let handed = p.states[.handedOver, default: 0] + p.states[.activated, default: 0]
        let absent = p.states[.absent, default: 0]
        return "\(French.plural(handed, "lettre remise", "lettres remises")) sur \(p.letters)"
            + (absent > 0 ? " — \(French.plural(absent, "absent"))" : "")
    }

    private func packetPage(_ summary: PacketSummary, _ letters: [PacketLetter]) -> [String: Any] {
        let tickable: Set<DeliveryState> = [.issued, .lost]
        return [
            "paquet": packetValues(summary),
            "lettres": letters.map { l in
                [
                    "id": "\(l.deliveryID)", "nom": l.name, "profil": l.profile.frenchName, "etat": l.state.frenchName,
                    "enfants": l.children.joined(separator: ", "), "aCocher": tickable.contains(l.state),
                    "coche": Outcome.recordedStates.contains(l.state), "remis": l.state == .handedOver,
                ] as [String: Any]
            },
            "autres": [Outcome.lost, .refused, .returned].map { ["valeur": $0.rawValue, "nom": $0.state.frenchName] },
        ]
    }
}
