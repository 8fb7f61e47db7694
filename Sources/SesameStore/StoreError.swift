import Foundation
import SesameCore

/// What the store refuses, with a French message naming what to fix.
public enum StoreError: UserFacingError, Equatable {
    case cannotOpen(path: String, reason: String)
    /// No store at this path, for a command that only works on one already there: a
    /// mistyped `--db`, or a command run from another folder, must not start an empty store.
    case noStore(path: String)
    /// A store a newer Sésame has migrated: this one does not know its schema.
    case newerStore(path: String)
    /// An export older than the one already imported (`OlderExport`).
    case olderExport(file: String, accounts: Int, example: String, lastLogin: Date)
    case unknownSchool(String, known: [String])
    case ambiguousSchool(String, matches: [String])
    case schoolRequired(known: [String])
    case unknownClass(String, school: String?, known: [String])
    /// A value this version of Sésame does not know, read from the store.
    case unknownValue(column: String, value: String)

    public var userMessage: String {
        switch self {
        case let .cannotOpen(path, reason):
            "impossible d’ouvrir la base \(path) : \(reason)"
        case let .noStore(path):
            "aucune base Sésame n’existe à \(path) : importez d’abord l’export de l’ENT (sesame import export-comptes.csv), "
                + "ou indiquez la base avec --db (ou $SESAME_DB) ; rien n’a été créé"
        case let .newerStore(path):
            "la base \(path) a été écrite par une version plus récente de Sésame : mettez Sésame à jour pour l’ouvrir (rien n’y a été changé)"
        case let .olderExport(file, accounts, example, lastLogin):
            "\(file) est plus ancien que l’export déjà importé : \(French.plural(accounts, "compte s’est connecté", "comptes se sont connectés")) depuis qu’il a été fait "
                + "(\(example) le \(SchoolCalendar.frenchDate(lastLogin)) à \(SchoolCalendar.time(lastLogin)), ce que le fichier ignore) ; l’importer ramènerait les codes de comptes déjà activés. "
                + "Importez l’export le plus récent, ou exportez à nouveau depuis l’ENT (rien n’a été changé)"
        case let .unknownSchool(name, known):
            known.isEmpty
                ? "aucun établissement « \(name) » : la base est vide, importez d’abord un export de l’ENT (sesame import)"
                : "aucun établissement « \(name) » ; établissements connus : \(known.joined(separator: " ; "))"
        case let .ambiguousSchool(name, matches):
            "« \(name) » désigne plusieurs établissements : \(matches.joined(separator: " ; ")) ; précisez"
        case let .schoolRequired(known):
            "ce fichier ne dit pas l’établissement de ses comptes : précisez-le avec --school"
                + (known.isEmpty ? "" : " (établissements connus : \(known.joined(separator: " ; ")))")
        case let .unknownValue(column, value):
            "la base contient une valeur inconnue « \(value) » (\(column)) : elle a sans doute été écrite par une version plus récente de Sésame ; mettez Sésame à jour"
        case let .unknownClass(name, school, known):
            "aucune classe « \(name) »\(school.map { " à \($0)" } ?? "") ; classes connues : \(known.joined(separator: ", "))"
        }
    }
}
