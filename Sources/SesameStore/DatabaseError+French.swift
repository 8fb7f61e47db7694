import GRDB
import SesameCore

/// SQLite's errors as a director reads them: what happened and what to do, never SQLite's
/// English alone. The store's transactions are all or nothing, so each message can say that
/// the command wrote nothing.
extension DatabaseError: UserFacingError {
    public var userMessage: String {
        let unchanged = "rien n’a été enregistré par cette commande, la base est restée telle qu’avant"
        switch resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return "la base est occupée par une autre commande sesame depuis plus de \(Int(Store.busyWait / 60)) minutes ; \(unchanged). Relancez quand l’autre commande aura fini"
        case .SQLITE_FULL:
            return "le disque est plein : \(unchanged). Libérez de la place, puis relancez la commande"
        case .SQLITE_READONLY:
            return "la base est en lecture seule (droits du fichier ou du dossier) : \(unchanged)"
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return "le fichier n’est pas une base Sésame ou il est endommagé (\(message ?? "SQLite \(resultCode.rawValue)")) ; repartez de votre dernière copie de la base"
        case .SQLITE_IOERR:
            return "erreur d’entrée-sortie du disque en écrivant la base : \(unchanged). Vérifiez le disque, puis relancez"
        case .SQLITE_CANTOPEN:
            return "la base ne peut pas être ouverte (fichier ou dossier inaccessible)"
        case .SQLITE_PERM, .SQLITE_AUTH:
            return "accès à la base refusé : vérifiez les droits du fichier"
        default:
            return "erreur de la base SQLite (\(message ?? "code \(resultCode.rawValue)")) : \(unchanged)"
        }
    }
}
