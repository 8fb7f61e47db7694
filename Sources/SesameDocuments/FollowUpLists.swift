import Foundation
import SesameFiles
import SesameCore
import SesameTemplates

/// The follow-up's printed lists (`sesame followup --out`): one per class for its teachers,
/// the pupils and parents of the class still to reach; and one for the director with
/// everybody, what to do first on top, and whether an email or a postal address is known.
public struct FollowUpLists: Sendable {
    let templates: TemplateSet
    let settings: Settings
    let date: Date
    let plan: Int64
    /// The follow-up plan made, if any.
    let followUpPlan: Int64?

    public init(templates: TemplateSet, settings: Settings, date: Date, plan: Int64, followUpPlan: Int64?) {
        self.templates = templates
        self.settings = settings
        self.date = date
        self.plan = plan
        self.followUpPlan = followUpPlan
    }

    /// Writes one school's lists into `folder` (a sub-folder per school when `severalSchools`);
    /// returns the files written. Nothing for a school with nobody left to reach. `children`
    /// gives the parents' children: a class list names, for each parent, the pupil of the
    /// class who carries the reminder home.
    public func write(
        _ items: [FollowUpItem], school name: String, children: [Account.ID: [Relative]] = [:], to folder: URL, severalSchools: Bool
    ) throws -> [URL] {
        let open = items.filter { $0.action != .done }
        guard !open.isEmpty else { return [] }
        let school = settings.school(named: name) ?? Settings.School(name: name)
        let target = severalSchools ? folder.appendingPathComponent(FileName.slug(name), isDirectory: true) : folder
        try DocumentError.writing { try Folder.create(target) }
        var files: [URL] = []
        let keys = Dictionary(open.map { ($0.delivery.deliveryID, $0.nameSortKey) }, uniquingKeysWith: { a, _ in a })
        var classes: [String: [FollowUpItem]] = [:]
        for item in open {
            for className in Set(item.delivery.facts.classes) { classes[className, default: []].append(item) }
        }
        for className in classes.keys.sorted(by: { ClassLevel.sortKey(forClass: $0) < ClassLevel.sortKey(forClass: $1) }) {
            let rows = classes[className]!.sorted { keys[$0.delivery.deliveryID]! < keys[$1.delivery.deliveryID]! }.map { item in
                [item.delivery.lastName, item.delivery.identifyingFirstName, Self.who(item.delivery, in: className, children: children),
                 item.delivery.state.frenchName, item.action.shortAdvice].map(Markup.escape)
            }
            let url = target.appendingPathComponent("relance_\(FileName.slug(className)).pdf")
            try render(rows, to: url, school: school, section: ["classe": className], widths: Self.classWidths)
            files.append(url)
        }
        let director = open.sorted { a, b in
            (a.action.rank, a.action.shortAdvice, keys[a.delivery.deliveryID]!) < (b.action.rank, b.action.shortAdvice, keys[b.delivery.deliveryID]!)
        }
        let rows = director.map { item -> [String] in
            let d = item.delivery
            let who = ([d.facts.profile.frenchName] + d.facts.classes).joined(separator: ", ")
            let reach = [d.facts.hasEmail ? "courriel" : nil, d.facts.hasAddress ? "poste" : nil].compactMap { $0 }.joined(separator: ", ")
            return [d.lastName, d.identifyingFirstName, who, d.state.frenchName, item.action.shortAdvice, reach.isEmpty ? "—" : reach].map(Markup.escape)
        }
        let url = target.appendingPathComponent("relance_direction.pdf")
        try render(rows, to: url, school: school, section: ["direction": true], widths: Self.directorWidths)
        files.append(url)
        return files
    }

    /// "Élève", or for a parent the pupil of this class who carries the reminder: "Parent d’Élodie Martin".
    static func who(_ delivery: TrackedDelivery, in className: String, children: [Account.ID: [Relative]]) -> String {
        guard delivery.facts.profile == .parent,
              let carrier = children[delivery.accountID]?.first(where: { $0.classes.contains(className) }) else {
            return delivery.facts.profile.frenchName
        }
        return "Parent " + French.de(carrier.identifyingName)
    }

    /// Column widths of the class lists and of the director's, matching `relance.mustache`'s columns.
    static let classWidths = [0.2, 0.16, 0.27, 0.11, 0.26]
    static let directorWidths = [0.16, 0.13, 0.17, 0.1, 0.26, 0.18]

    private func render(_ rows: [[String]], to url: URL, school: Settings.School, section: [String: Any], widths: [Double]) throws {
        var context: [String: Any] = [
            "ecole": school.templateValue, "date": FrenchDate.long(date), "plan": "\(plan)", "nombre": "\(rows.count)",
        ]
        if let followUpPlan { context["relance"] = "\(followUpPlan)" }
        context.merge(section) { $1 }
        let texts = templates.render("relance.mustache", context)
        let file = try PDFFile(destination: url, title: texts["titre"] ?? "", author: school.name)
        let pages = ServicePages(typesetter: Typesetter(context: file.context) { [unowned file] in file.pageCount }, file: file)
        pages.table(
            title: texts["titre"] ?? "", subtitle: Markup.escape("\(school.name) — plan \(plan) — \(FrenchDate.long(date)) — \(French.plural(rows.count, "personne"))"),
            instruction: texts["consigne"] ?? "",
            columns: (texts["colonnes"] ?? "").split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) },
            widths: widths, rows: rows)
        try file.finish()
    }
}
