import SesameCore

/// What `sesame record`, `history` and `purge` refuse, in French; nothing is changed.
public enum TrackingError: UserFacingError, Equatable {
    case unknownLogin(String, line: Int?)
    case ambiguousLogin(String, schools: [String])
    case noLetter(login: String, plan: Int64?, line: Int?)
    case noClassLetters(className: String, plan: Int64?)
    case notInClass(login: String, className: String)
    case nothingToRecord
    case severalPackets(className: String, plan: Int64, channels: [Channel])
    case classInSeveralSchools(className: String, schools: [String])
    case unknownAddress(String)
    /// Nothing recorded to take back for this account: why.
    case nothingToUndo(login: String, reason: String)
    case noRecordToUndo

    public var userMessage: String {
        switch self {
        case let .unknownLogin(login, line):
            "\(line.map { "ligne \($0) : " } ?? "")aucun compte « \(login) » (identifiant ou alias) dans la base"
        case let .ambiguousLogin(login, schools):
            "« \(login) » désigne des comptes de plusieurs établissements (\(schools.joined(separator: " ; "))) ; donnez l’alias du compte voulu"
        case let .noLetter(login, plan, line):
            "\(line.map { "ligne \($0) : " } ?? "")\(login) n’a pas de lettre en cours\(plan.map { " dans le plan \($0)" } ?? "")"
        case let .noClassLetters(className, plan):
            "aucune lettre en cours pour la classe « \(className) »\(plan.map { " dans le plan \($0)" } ?? " dans les plans")"
        case let .notInClass(login, className):
            "--except \(login) : pas de lettre de ce compte dans le lot de la classe « \(className) »"
        case let .severalPackets(className, plan, channels):
            "la classe « \(className) » a plusieurs paquets dans le plan \(plan) (\(channels.map(\.frenchName).joined(separator: ", "))) ; précisez lequel avec --channel (\(channels.map(\.rawValue).joined(separator: ", ")))"
        case let .classInSeveralSchools(className, schools):
            "la classe « \(className) » existe dans plusieurs établissements (\(schools.joined(separator: " ; "))) ; précisez lequel avec --school"
        case .unknownAddress(let address):
            "aucune lettre par courriel en cours pour l’adresse \(address)"
        case let .nothingToUndo(login, reason):
            "\(login) : rien à annuler (\(reason))"
        case .noRecordToUndo:
            "aucun enregistrement à annuler : « sesame record » n’a encore rien enregistré"
        case .nothingToRecord:
            "rien à enregistrer : la colonne « Remis » de la feuille est vide (oui, absent, retour, perdu ou refus)"
        }
    }
}
