import Foundation
import SesameCore
import SesameDocuments
import SesameFiles
import SesameStore

/// Where the distribution stands, and what is known of one person: the reading use cases.
extension Season {
    /// The accounts a filter selects (the seed's steps 1 and 2), sorted; with the note to show
    /// when the filter is on creation dates the ENT did not export. Reads only; throws
    /// `SeasonError.nothingImported` when the store holds no account yet.
    public func select(_ filter: AccountFilter, sortedBy keys: [AccountSortKey] = []) throws -> (accounts: [Account], creationDateStandIn: CreationDateStandIn?) {
        let accounts = try store.accounts(matching: filter, sortedBy: keys)
        // No account at all is not an empty selection: nothing was imported yet.
        if accounts.isEmpty, try store.schools().isEmpty { throw SeasonError.nothingImported }
        return (accounts, try creationDateStandIn(for: filter))
    }

    /// A school's classes in school order (PS before CP before CM2), as its accounts name them. Reads only.
    public func classNames(school: String) throws -> [String] {
        var filter = AccountFilter()
        filter.schools = [school]
        return Set(try select(filter).accounts.flatMap(\.classes)).sorted { ClassLevel.sortKey(forClass: $0) < ClassLevel.sortKey(forClass: $1) }
    }

    /// When a filter is on creation dates and the ENT did not export them for some schools:
    /// the date Sésame first saw their accounts stands in, and the user is told. Reads only.
    public func creationDateStandIn(for filter: AccountFilter) throws -> CreationDateStandIn? {
        try store.creationDateStandIn(for: filter)
    }

    /// The season's funnel (planned, issued, handed over, missed, activated), by class and by
    /// school, over the season's first plan and its follow-ups; one school's only if asked. Reads only.
    public func status(plan: Int64? = nil, school: String? = nil) throws -> (plan: Int64, report: StatusReport) {
        let root = try seasonPlan(plan, school: school)
        return (root, StatusReport(try store.stageCounts(ofPlan: root, school: school)))
    }

    /// Writes the status as a bar chart (.pdf, .png or .svg by the extension, 0600).
    /// Throws for another extension or a file that cannot be written whole.
    public func writeChart(_ report: StatusReport, plan: Int64, to url: URL, on date: Date = Date()) throws {
        let schools = report.bySchool.map(\.school)
        try StatusChart(
            report: report, title: "Identifiants ENT : où en est la distribution",
            subtitle: "\(schools.count == 1 ? schools[0] : "\(schools.count) établissements") — plan \(plan) et ses relances — \(SchoolCalendar.frenchDate(date))"
        ).write(to: url)
    }

    /// The status chart as SVG text, to show inside a page. Writes nothing that stays.
    public func chartSVG(_ report: StatusReport, plan: Int64, on date: Date = Date()) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sesame-graphique-\(UUID().uuidString)")
        try Folder.create(folder, permissions: 0o700)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("bilan.svg")
        try writeChart(report, plan: plan, to: url, on: date)
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// Every event of an account's letters, oldest first, never its code. Reads only.
    public func history(of login: String) throws -> AccountHistory {
        try store.history(of: login)
    }

    /// Erases the codes the store no longer needs (letters handed over, refused, closed),
    /// of the activated accounts only or of a plan's accounts if asked. Writes the accounts.
    public func purgeCodes(activatedOnly: Bool = false, plan: Int64? = nil, school: String? = nil, dryRun: Bool = false) throws -> PurgeResult {
        try store.purgeCodes(activatedOnly: activatedOnly, plan: plan, school: school, dryRun: dryRun)
    }

    /// The codes of a director's school that no longer serve: shown (`dryRun`), then erased.
    /// Throws `forbidden` for anyone but a director.
    public func purgeCodes(by person: WebPerson, dryRun: Bool) throws -> PurgeResult {
        guard let school = person.directedSchool else { throw SeasonError.forbidden }
        return try purgeCodes(school: school, dryRun: dryRun)
    }
}
