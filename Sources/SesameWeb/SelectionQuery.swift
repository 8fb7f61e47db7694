import Foundation
import Hummingbird
import SesameCore
import SesameSeason

/// The seed's six filters and sort as a page's address carries them
/// (`/selection?profil=parent&classe=CP+A&activation=pending`): the selection page and the
/// plan made of it read the same address. A director's school is always theirs.
struct SelectionQuery {
    var filter = AccountFilter()
    var sort: [AccountSortKey] = []

    init(_ parameters: [String: [String]], person: WebPerson, defaultActivation: ActivationFilter) throws {
        func one(_ key: String) -> String? { parameters[key]?.first.flatMap { $0.isEmpty ? nil : $0 } }
        switch person.role {
        case .director: filter.schools = person.school.map { [$0] } ?? []
        case .support: filter.schools = one("ecole").map { [$0] } ?? []
        case .teacher: throw SeasonError.forbidden
        }
        filter.profiles = Set((parameters["profil"] ?? []).compactMap(Profile.init(rawValue:)))
        filter.classes = (parameters["classe"] ?? []).filter { !$0.isEmpty }
        filter.activation = one("activation").flatMap(ActivationFilter.init(rawValue:)) ?? defaultActivation
        filter.email = one("courriel").flatMap(EmailFilter.init(rawValue:)) ?? .any
        filter.localAdmins = one("admin").flatMap(LocalAdminFilter.init(rawValue:)) ?? .any
        filter.createdBefore = try one("creeAvant").map { try Self.date($0, field: "Créés avant le") }
        filter.createdSince = try one("creeDepuis").map { try Self.date($0, field: "Créés depuis le") }
        sort = one("tri").flatMap(AccountSortKey.init(rawValue:)).map { [$0] } ?? []
    }

    /// The parameters of a request's address, each with all its values.
    static func parameters(_ request: Request) -> [String: [String]] {
        var found: [String: [String]] = [:]
        for (key, value) in request.uri.queryParameters { found[String(key), default: []].append(String(value)) }
        return found
    }

    private static func date(_ text: String, field: String) throws -> Date {
        guard let date = SchoolCalendar.parse(text) else { throw WebInputError.invalidDate(field: field, text: text) }
        return date
    }

    /// The address's query again, for the link from the selection to its plan.
    var query: String {
        var pairs: [(String, String)] = []
        if let school = filter.schools.first { pairs.append(("ecole", school)) }
        pairs += filter.profiles.map(\.rawValue).sorted().map { ("profil", $0) }
        pairs += filter.classes.map { ("classe", $0) }
        pairs.append(("activation", filter.activation.rawValue))
        if filter.email != .any { pairs.append(("courriel", filter.email.rawValue)) }
        if filter.localAdmins != .any { pairs.append(("admin", filter.localAdmins.rawValue)) }
        if let date = filter.createdBefore { pairs.append(("creeAvant", SchoolCalendar.isoDay(date))) }
        if let date = filter.createdSince { pairs.append(("creeDepuis", SchoolCalendar.isoDay(date))) }
        if let key = sort.first { pairs.append(("tri", key.rawValue)) }
        return pairs.map { "\($0)=\(WebServer.queryValue($1))" }.joined(separator: "&")
    }

    /// The filters as the form shows them: each choice with whether it is checked.
    func formValues(classes: [String], schools: [String]) -> [String: Any] {
        func choices<T: RawRepresentable<String>>(_ all: [(T, String)], _ chosen: (T) -> Bool) -> [[String: Any]] {
            all.map { ["valeur": $0.0.rawValue, "nom": $0.1, "coche": chosen($0.0)] }
        }
        return [
            "profils": choices([(Profile.student, "Élèves"), (.parent, "Parents"), (.teacher, "Enseignants"), (.staff, "Personnels"), (.guest, "Invités")]) {
                filter.profiles.contains($0)
            },
            "classesChoix": classes.map { name in ["nom": name, "coche": filter.classes.contains { NameKey.exact($0) == NameKey.exact(name) }] },
            "activations": choices([(ActivationFilter.all, "Tous"), (.pending, "Pas encore activés"), (.activated, "Déjà activés")]) { $0 == filter.activation },
            "courriels": choices([(EmailFilter.any, "Peu importe"), (.with, "Avec courriel"), (.without, "Sans courriel")]) { $0 == filter.email },
            "admins": choices([(LocalAdminFilter.any, "Peu importe"), (.only, "Seulement eux"), (.exclude, "Sans eux")]) { $0 == filter.localAdmins },
            "tris": choices([(AccountSortKey.name, "Nom"), (.profile, "Profil, puis nom"), (.class, "Classe, puis nom")]) { sort.first ?? .name == $0 },
            "creeAvant": filter.createdBefore.map(SchoolCalendar.isoDay) ?? "",
            "creeDepuis": filter.createdSince.map(SchoolCalendar.isoDay) ?? "",
            "ecoles": schools.map { ["nom": $0, "coche": filter.schools.first == $0] },
        ]
    }
}

/// What a page's form may get wrong, in French.
enum WebInputError: UserFacingError {
    case invalidDate(field: String, text: String)
    case missingField(String)
    case invalidMeeting(className: String, text: String)

    var userMessage: String {
        switch self {
        case let .invalidDate(field, text): "\(field) : « \(text) » n’est pas une date ; JJ/MM/AAAA est attendu"
        case .missingField(let field): "\(field) : à remplir"
        case let .invalidMeeting(className, text): "réunion de \(className) : « \(text) » n’est pas une date et une heure ; JJ/MM/AAAA 17h30 est attendu"
        }
    }
}
