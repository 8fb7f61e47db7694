import Foundation
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

    /// The document templates of a folder, all checked.
    public static func load(_ folder: URL) throws -> TemplateSet {
        try TemplateSet(folder: folder, templates: required)
    }
}
