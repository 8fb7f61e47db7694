import ArgumentParser
import SesameCore

/// The seed's selection filters (step 1), shared by every command that selects accounts.
struct SelectionOptions: ParsableArguments {
    @Option(name: .customLong("school"), help: ArgumentHelp(
        "Établissement (nom complet ou partie du nom) ; répétable.", valueName: "nom"))
    var schools: [String] = []

    @Option(name: .customLong("profile"), help: ArgumentHelp(
        "Profil : student|parent|teacher|staff|guest (ou élève, enseignant…) ; répétable.", valueName: "profil"))
    var profiles: [Profile] = []

    @Option(name: .customLong("class"), help: ArgumentHelp("Classe ; répétable.", valueName: "classe"))
    var classes: [String] = []

    @Option(help: ArgumentHelp(
        "Comptes non activés (pending), activés (activated) ou tous (all).", valueName: "état"))
    var activation: ActivationFilter?

    @Option(help: ArgumentHelp(
        "Avec une adresse électronique seulement (with), sans (without) ou tous (any).", valueName: "choix"))
    var email: EmailFilter = .any

    @Option(name: .customLong("local-admins"), help: ArgumentHelp(
        "Administrateurs locaux seulement (only), exclus (exclude) ou tous (any).", valueName: "choix"))
    var localAdmins: LocalAdminFilter = .any

    @Option(name: .customLong("created-before"), help: ArgumentHelp(
        "Comptes créés avant ce jour (AAAA-MM-JJ ou JJ/MM/AAAA).", valueName: "date"))
    var createdBefore: DayArgument?

    @Option(name: .customLong("created-since"), help: ArgumentHelp(
        "Comptes créés depuis ce jour (inclus).", valueName: "date"))
    var createdSince: DayArgument?

    func filter(defaultActivation: ActivationFilter) -> AccountFilter {
        var filter = AccountFilter()
        filter.schools = schools
        filter.profiles = Set(profiles)
        filter.classes = classes
        filter.activation = activation ?? defaultActivation
        filter.email = email
        filter.localAdmins = localAdmins
        filter.createdBefore = createdBefore?.date
        filter.createdSince = createdSince?.date
        return filter
    }
}

extension SelectionOptions {
    /// The selection as given, kept with a plan (JSON), so a listing can say what was planned.
    func recorded(defaultActivation: ActivationFilter) -> String {
        var fields: [String: [String]] = [:]
        if !schools.isEmpty { fields["school"] = schools }
        if !profiles.isEmpty { fields["profile"] = profiles.map(\.rawValue) }
        if !classes.isEmpty { fields["class"] = classes }
        fields["activation"] = [(activation ?? defaultActivation).rawValue]
        if email != .any { fields["email"] = [email.rawValue] }
        if localAdmins != .any { fields["local-admins"] = [localAdmins.rawValue] }
        if let date = createdBefore?.date { fields["created-before"] = [SchoolCalendar.isoDay(date)] }
        if let date = createdSince?.date { fields["created-since"] = [SchoolCalendar.isoDay(date)] }
        return (try? JSONOutput.compact(fields)) ?? "{}"
    }
}
