import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import SesameCore

/// The French pages of `Reports/web/`, rendered on the server with Mustache: each page
/// template uses the partials `entete` and `pied`. Values are escaped by Mustache.
struct Pages: Sendable {
    let library: MustacheLibrary
    let folder: URL

    init(folder: URL) async throws {
        self.folder = folder
        library = try await MustacheLibrary(directory: folder.path)
    }

    /// A page as HTML, with the person's name and form token for the header.
    func render(_ name: String, _ values: [String: Any], context: WebContext, status: HTTPResponse.Status = .ok) -> Response {
        var values = values
        values["titre"] = values["titre"] ?? Self.titles[name] ?? "Sésame"
        if let session = context.session {
            values["moi"] = ["nom": session.person.name, "role": session.person.role.frenchName]
            values["csrf"] = session.csrf
            let menu = Self.menu(for: session.person.role, page: name)
            (values["menu"], values["aMenu"]) = (menu, !menu.isEmpty)
        }
        let html = library.render(Self.withoutEmptyTexts(values), withTemplate: name) ?? "page « \(name) » introuvable"
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The values without their empty texts, at every depth. Mustache takes an empty text for
    /// true: `{{#reunion}} ({{reunion}}){{/reunion}}` printed "()" beside a packet without a
    /// meeting. Left out, a value is false to a section and prints nothing as a variable.
    static func withoutEmptyTexts(_ values: [String: Any]) -> [String: Any] {
        values.compactMapValues { value -> Any? in
            switch value {
            case let text as String: text.isEmpty ? nil : text
            case let nested as [String: Any]: withoutEmptyTexts(nested)
            case let rows as [[String: Any]]: rows.map(withoutEmptyTexts)
            default: value
            }
        }
    }

    /// Each page's title, for the window and for screen readers.
    static let titles = [
        "connexion": "Connexion", "inscription": "Inscription", "paquets": "Mes paquets", "paquet": "Paquet",
        "tableau": "Tableau de bord", "erreur": "Impossible", "historique": "Historique", "equipe": "Équipe",
        "relances": "Relances", "selection": "Sélectionner", "plan": "Planifier", "apercu": "Aperçu du plan", "plan-cree": "Plan créé",
        "reglages": "Réglages", "relance-faite": "Relance", "impression": "Imprimer", "envoi": "Envoyer", "import": "Importer", "import-apercu": "Compte rendu de l’import", "import-fait": "Import enregistré", "feuille-faite": "Feuille enregistrée", "purge": "Purge des codes",
    ]

    /// The season's steps, in the header of the director's and the support's pages; the
    /// current one marked for screen readers. A teacher's pages have none.
    static func menu(for role: WebRole, page: String) -> [[String: Any]] {
        let steps: [(link: String, name: String, pages: Set<String>)] = switch role {
        case .teacher: []
        case .director: [
            ("/tableau", "Tableau de bord", ["tableau", "historique", "feuille-faite"]), ("/import", "Importer", ["import", "import-apercu", "import-fait"]),
            ("/selection", "Sélectionner", ["selection"]),
            ("/plan", "Planifier", ["plan", "apercu", "plan-cree"]), ("/impression", "Imprimer", ["impression"]), ("/envoi", "Envoyer", ["envoi"]),
            ("/relances", "Relances", ["relances", "relance-faite"]),
            ("/reglages", "Réglages", ["reglages"]), ("/purge", "Purge", ["purge"]), ("/equipe", "Équipe", ["equipe"]),
        ]
        case .support: [("/tableau", "Tableau de bord", ["tableau", "historique", "relances"]), ("/selection", "Sélectionner", ["selection"])]
        }
        return steps.map { ["lien": $0.link, "nom": $0.name, "courant": $0.pages.contains(page)] }
    }

    /// A short French text, for refusals outside any page.
    static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A file to download under its name (the browser saves it rather than opening a tab).
    static func attachment(_ data: Data, name: String, type: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name)\""],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// What the pages' script asks for (progress, counts), as JSON.
    static func json(_ object: Any) throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object))))
    }

    /// A file of the pages' folder served as is (the style sheet, the script).
    func asset(_ name: String, type: String) -> Response {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(name)) else { return Self.plain(.notFound, "introuvable") }
        return Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
