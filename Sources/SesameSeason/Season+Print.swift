import Foundation
import SesameCore
import SesameDocuments
import SesameStore

/// What to print: a plan's paper packets, or some accounts' letters again.
public struct PrintRequest: Sendable {
    /// The plan; nil: the latest.
    public var plan: Int64?
    public var layout: Layout
    public var folder: URL
    public var sort: [AccountSortKey]
    /// Only these accounts' letters, into a file of their own (a lost letter printed again).
    public var accounts: [String]
    /// When the class sheets are to come back; nil: in a week.
    public var returnBy: Date?
    /// One school's packets only (a director's); nil: every school of the plan.
    public var school: String?
    /// Also gather the packets and sheets into `paquets.zip`.
    public var archive: Bool
    public var actor: String
    public var now: Date

    public init(
        plan: Int64? = nil, layout: Layout = .one, folder: URL, sort: [AccountSortKey] = [], accounts: [String] = [],
        returnBy: Date? = nil, school: String? = nil, archive: Bool = false, actor: String, now: Date = Date()
    ) {
        self.plan = plan
        self.school = school
        self.archive = archive
        self.layout = layout
        self.folder = folder
        self.sort = sort
        self.accounts = accounts
        self.returnBy = returnBy
        self.actor = actor
        self.now = now
    }
}

/// What a print wrote.
public struct PrintResult: Sendable {
    public var planID: Int64
    public var folder: URL
    public var files: [PrintedFile]
    /// Letters printed (and now issued, or issued again).
    public var letters: Int
    /// The HTML index of the packets (none for a re-print).
    public var index: URL?
    /// The ZIP of the packets and sheets, when asked for.
    public var archive: URL?
    /// What the user should know of how it was printed (a layout that does not apply to a channel).
    public var notes: [String]
}

extension Season {
    /// Prints a plan's paper packets (or some accounts' letters again, from whichever plan
    /// holds them when no plan is given) and records the
    /// letters as issued, each with the code it carries: a letter whose code the ENT has
    /// replaced since it was read is flagged stale in that same transaction.
    ///
    /// Throws when the plan has nothing to print, a setting the letters need is missing, cards
    /// are asked for letters a pupil carries (their code must stay hidden), or a
    /// file cannot be written whole (then nothing is recorded). Writes one PDF per packet, a
    /// sign-off CSV beside each sheet and `index.html` into `request.folder`, all 0600.
    public func printPackets(_ request: PrintRequest, progress: @escaping @Sendable (PrintProgress) -> Void = { _ in }) throws -> PrintResult {
        let paper = Set(Channel.allCases.filter(\.isPaper))
        var planID = try request.plan ?? store.latestPlanID(school: request.school)
        let reprint = !request.accounts.isEmpty
        // A plan's packets are read one by one as they are drawn; a re-print's few letters at once.
        let pending: [PendingBatch]
        var batches: [LetterBatch] = []
        if reprint {
            batches = try store.letterBatches(plan: planID, channels: paper, logins: request.accounts, school: request.school)
            if batches.isEmpty, request.plan == nil {
                // A lost letter is printed again from whichever plan holds it, not only the latest.
                for plan in try store.plans().map(\.id).reversed() where plan != planID {
                    let found = try store.letterBatches(plan: plan, channels: paper, logins: request.accounts, school: request.school)
                    guard !found.isEmpty else { continue }
                    if batches.isEmpty { planID = plan }
                    batches += found
                }
            }
            pending = batches.map(PendingBatch.init)
        } else {
            pending = try store.pendingBatches(plan: planID, channels: paper, school: request.school)
        }
        guard !pending.isEmpty else {
            // A login mistyped is told as such, not as a letter that is not under way.
            if reprint { try store.checkLogins(request.accounts) }
            throw SeasonError.nothingToPrint(plan: planID, logins: request.accounts)
        }
        let outlines = pending.map(\.batch)
        // A card shows its code to whoever carries it: the letters a pupil carries home stay folded.
        let carried = outlines.filter { $0.channel == .viaStudent }
        if request.layout == .eight, !carried.isEmpty {
            throw SeasonError.cardsForCarriedLetters(classes: carried.compactMap(\.className))
        }
        let options = PrintOptions(
            layout: request.layout, folder: request.folder, sort: request.sort, date: request.now,
            returnBy: request.returnBy ?? request.now.addingTimeInterval(7 * 86_400), planID: planID,
            planName: try store.planOverview(planID).name)
        let job = try printJob(for: outlines, options: options)
        let files = reprint
            ? try job.reprint(batches, name: request.accounts.joined(separator: "_"))
            : try job.run(pending, progress: progress)

        let printed = files.flatMap(\.issued)
        try store.recordPrinted(printed, actor: request.actor, reprint: reprint, at: request.now)
        var archive: URL?
        if request.archive {
            archive = request.folder.appendingPathComponent("paquets.zip")
            try PacketArchive.write(files.flatMap { [$0.url] + ($0.signOff.map { [$0] } ?? []) }, to: archive!)
        }
        var notes: [String] = []
        if request.layout != .one, outlines.contains(where: { $0.channel == .post }) {
            notes.append("Les lettres postales restent une par page A4, pliées pour l’enveloppe à fenêtre : --layout \(request.layout.rawValue) ne s’applique pas au courrier.")
        }
        return PrintResult(
            planID: planID, folder: request.folder, files: files, letters: printed.count,
            index: reprint ? nil : request.folder.appendingPathComponent("index.html"), archive: archive, notes: notes)
    }

    /// The print job for these batches: the settings, checked for what printing their schools
    /// needs, and the document templates, checked whole. Throws before anything is written.
    func printJob(for batches: [LetterBatch], options: PrintOptions) throws -> PrintJob {
        let settings = try settings()
        let missing = settings.missingForPrinting(schools: Array(Set(batches.map(\.school))).sorted())
        guard missing.isEmpty else { throw DocumentError.missingSetting(names: missing, file: settingsFile.path) }
        return PrintJob(templates: try DocumentTemplates.load(try templates()), settings: settings, options: options)
    }
}

extension Season {
    /// Prints one school's packets, with their ZIP, for a person who oversees it (a director,
    /// from the web pages): `printPackets` for that school. Throws `forbidden` for anyone else.
    public func printPackets(
        _ request: PrintRequest, by person: WebPerson, progress: @escaping @Sendable (PrintProgress) -> Void = { _ in }
    ) throws -> PrintResult {
        guard let school = request.school, person.mayOversee(school: school) else { throw SeasonError.forbidden }
        var request = request
        request.archive = true
        request.actor = person.name
        return try printPackets(request, progress: progress)
    }

    /// Notes in every letter of these printed batches of `school` that the person downloaded
    /// `file`, which holds their codes. Throws `forbidden` unless the person oversees the school.
    public func noteDownload(of batches: [Int64], school: String, file: String, by person: WebPerson, now: Date = Date()) throws {
        guard person.mayOversee(school: school) else { throw SeasonError.forbidden }
        for batch in batches { try store.noteDownload(of: batch, file: file, actor: person.name, at: now) }
    }
}
