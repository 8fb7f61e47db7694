import Foundation
import SesameCore
import SesameTemplates

/// The templates the documents are worded by, and the blocks each must have.
public enum DocumentTemplates {
    public static let required: [String: [String]] = [
        "lettre.mustache": ["en-tete", "date", "destinataire", "objet", "corps", "identifiants", "etapes", "qr", "pied"],
        "carte.mustache": ["nom", "details", "identifiants", "adresse"],
        "paquet.mustache": ["couverture-titre", "couverture-texte", "feuille-titre", "feuille-consigne", "colonnes"],
        "index.html.mustache": [],
        "relance.mustache": ["titre", "consigne", "colonnes"],
    ]

    /// The document templates of a folder, all checked before anything is printed: their
    /// blocks, their Mustache, and the number of columns each table's `colonnes` gives.
    public static func load(_ folder: URL) throws -> TemplateSet {
        let templates = try TemplateSet(folder: folder, templates: required)
        var tables: [(file: String, section: [String: Any], case: String, expected: Int)] = Channel.allCases.filter(\.isPaper).map {
            ("paquet.mustache", [Packet.section(for: $0): true], $0.frenchName, SignOffSheet(channel: $0, letters: []).widths.count)
        }
        tables.append(("relance.mustache", ["classe": "CP"], "la liste d’une classe", FollowUpLists.classWidths.count))
        tables.append(("relance.mustache", ["direction": true], "la liste de la direction", FollowUpLists.directorWidths.count))
        for table in tables {
            let given = (templates.render(table.file, table.section)["colonnes"] ?? "").split(separator: "|").count
            guard given == table.expected else {
                throw TemplateError.invalid(
                    file: folder.appendingPathComponent(table.file).path, line: templates.line(ofBlock: "colonnes", in: table.file), column: 1,
                    message: "« colonnes » donne \(given) colonne\(given > 1 ? "s" : "") pour \(table.case), \(table.expected) attendues (séparées par « | »)")
            }
        }
        return templates
    }
}
