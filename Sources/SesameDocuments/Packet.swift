import Foundation
import SesameCore
import SesameTemplates

/// Renders one batch into its PDF: the service pages its channel needs, then its letters.
///
/// - class packets (in class, via the pupil): a cover for the teacher, a roster to tick;
/// - meetings: a sign-off sheet; the office: a pickup list with identity checks;
/// - post: a dispatch list, and letters laid out for window envelopes.
struct Packet {
    let batch: LetterBatch
    let templates: TemplateSet
    let settings: Settings
    let options: PrintOptions
    /// Only the letters, without cover or sheet: re-printing a lost letter.
    var lettersOnly = false

    /// The letters in the order they are printed and listed.
    var letters: [Letter] {
        guard !options.sort.isEmpty else { return batch.letters }
        return batch.letters.sorted { a, b in
            for key in options.sort {
                switch key {
                case .profile where a.account.profile != b.account.profile:
                    return a.account.profile < b.account.profile
                case .class:
                    let (ka, kb) = (ClassLevel.sortKey(forClasses: a.account.classes), ClassLevel.sortKey(forClasses: b.account.classes))
                    if ka != kb { return ka < kb }
                default: continue
                }
            }
            return a.account.nameSortKey < b.account.nameSortKey
        }
    }

    var layout: Layout { batch.channel == .post ? .one : options.layout }

    func render(to url: URL) throws -> Int {
        let school = settings.school(named: batch.school) ?? Settings.School(name: batch.school)
        let file = try PDFFile(destination: url, title: title, author: school.name)
        let typesetter = Typesetter(context: file.context) { [unowned file] in file.pageCount }
        let service = ServicePages(typesetter: typesetter, file: file)
        let letters = self.letters
        guard !lettersOnly else {
            try drawLetters(letters, school: school, file: file, typesetter: typesetter)
            try file.finish()
            return file.pageCount
        }
        let context = serviceContext(school: school, letters: letters)
        let texts = templates.render("paquet.mustache", context)
        if batch.channel == .inClass || batch.channel == .viaStudent {
            service.cover(
                title: texts["couverture-titre"] ?? "", label: batch.className ?? batch.school, school: school.name,
                text: texts["couverture-texte"] ?? "")
        }
        let sheet = SignOffSheet(channel: batch.channel, letters: letters)
        service.table(
            title: texts["feuille-titre"] ?? "", subtitle: Markup.escape("\(school.name) — \(FrenchDate.long(options.date))"),
            instruction: texts["feuille-consigne"] ?? "",
            columns: (texts["colonnes"] ?? "").split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) },
            widths: sheet.widths, rows: sheet.rows.map { $0.map(Markup.escape) })
        try drawLetters(letters, school: school, file: file, typesetter: typesetter)
        try file.finish()
        return file.pageCount
    }

    private func drawLetters(_ letters: [Letter], school: Settings.School, file: PDFFile, typesetter: Typesetter) throws {
        let qr = settings.ent.url ?? ""
        var reused = ReusedBlocks()
        switch layout {
        case .one:
            let page = LetterPage(typesetter: typesetter)
            for letter in letters {
                file.newPage()
                page.draw(try blocks("lettre.mustache", letter, school, &reused), qr: qr, format: .a4, x: 0, y: 0)
            }
        case .two:
            let page = LetterPage(typesetter: typesetter)
            for (index, letter) in letters.enumerated() {
                if index % 2 == 0 {
                    file.newPage(.a4Landscape)
                    drawA5CutLine(typesetter.context)
                }
                page.draw(try blocks("lettre.mustache", letter, school, &reused), qr: qr, format: .a5, x: index % 2 == 0 ? 0 : mm(148.5), y: 0)
            }
        case .eight:
            let cards = CardSheet(typesetter: typesetter)
            for (index, letter) in letters.enumerated() {
                if index % CardSheet.perPage == 0 {
                    file.newPage()
                    cards.drawCutLines()
                }
                cards.draw(try blocks("carte.mustache", letter, school, &reused), qr: qr, slot: index % CardSheet.perPage)
            }
        }
    }

    /// `reused`: the blocks no letter of this packet words its own way, rendered once.
    private func blocks(_ template: String, _ letter: Letter, _ school: Settings.School, _ reused: inout ReusedBlocks) throws -> [String: String] {
        if letter.lacksCode {
            throw DocumentError.purgedCode(login: letter.account.login)
        }
        return templates.render(
            template, LetterContext.make(letter, school: school, ent: settings.ent, date: options.date), personal: LetterContext.personal, reusing: &reused)
    }

    private var title: String {
        [batch.channel.frenchName, batch.className, batch.school].compactMap { $0 }.joined(separator: " — ")
    }

    private func serviceContext(school: Settings.School, letters: [Letter]) -> [String: Any] {
        var context: [String: Any] = [
            "ecole": school.templateValue,
            "classe": batch.className ?? "",
            "enseignants": batch.recipients.isEmpty ? "l’enseignant de la classe" : batch.recipients.joined(separator: ", "),
            "date": FrenchDate.long(options.date),
            "rendreAvant": FrenchDate.long(options.returnBy),
            "nombre": letters.count,
            "plan": options.planID,
        ]
        let students = letters.count { $0.account.profile == .student }
        let parents = letters.count { $0.account.profile == .parent }
        let adults = letters.count - students - parents
        if students > 0 { context["eleves"] = students }
        if parents > 0 { context["parents"] = parents }
        if adults > 0 { context["adultes"] = adults }
        if let meeting = batch.meeting { context["reunionDate"] = FrenchDate.longWithTime(meeting) }
        context[Self.section(for: batch.channel)] = true
        return context
    }

    /// The section of `paquet.mustache` a channel's packet turns on.
    static func section(for channel: Channel) -> String {
        switch channel {
        case .inClass: "enClasse"
        case .viaStudent: "viaEleve"
        case .meeting: "reunion"
        case .office: "bureau"
        case .post: "courrier"
        case .email: "courriel"
        }
    }
}

/// The rows of a packet's sheet, one per letter, in the letters' order. Public for the
/// benchmark's references, which print the same sheets.
public struct SignOffSheet {
    let channel: Channel
    let letters: [Letter]

    public init(channel: Channel, letters: [Letter]) {
        self.channel = channel
        self.letters = letters
    }

    /// Column widths after the row number, as fractions, matching `paquet.mustache`'s columns.
    var widths: [Double] {
        switch channel {
        case .inClass: [0.45, 0.2, 0.35]
        case .viaStudent: [0.3, 0.3, 0.2, 0.2]
        case .meeting: [0.32, 0.38, 0.3]
        case .office: [0.25, 0.3, 0.12, 0.13, 0.2]
        case .post, .email: [0.5, 0.2, 0.3]
        }
    }

    public var rows: [[String]] {
        letters.map { letter in
            let a = letter.account
            switch channel {
            case .inClass: return [a.identifyingName, "", ""]
            case .viaStudent: return [carrier(letter)?.identifyingName ?? "", a.identifyingName, "", ""]
            case .meeting: return [a.identifyingName, a.children.map(\.nameWithClass).joined(separator: ", "), ""]
            case .office:
                let who = switch a.profile {
                case .parent: "Parent " + French.de(a.children.map(\.nameWithClass).joined(separator: ", "))
                case .student: "Élève" + (a.classes.isEmpty ? "" : " de " + a.classes.joined(separator: ", "))
                default: a.profile.frenchName
                }
                return [a.identifyingName, who, "", "☐", ""]
            case .post, .email: return [a.identifyingName, a.postalAddress?.postcode ?? "", a.postalAddress?.city ?? ""]
            }
        }
    }

    /// The pupil who carries a parent's letter home: the child in the packet's class.
    func carrier(_ letter: Letter) -> Relative? {
        let children = letter.account.children
        return children.first { $0.classes.contains(letter.packetClass ?? "") } ?? children.first
    }
}
