import Foundation
import SesameCore
import SesameImport
import SesameStore

/// What happened to which letters.
public struct RecordRequest: Sendable {
    public enum Letters: Sendable {
        case accounts([String])
        /// Every letter of a class's packets, except some accounts'.
        case classes(String, school: String?, channel: Channel?, except: [String])
        /// A filled-in sign-off sheet; with `bounced`, a list of bounced addresses.
        case file(URL)
    }

    /// nil only with a sheet: each row says it.
    public var outcome: Outcome?
    public var letters: Letters
    /// Only letters of this plan; nil: each account's letter under way.
    public var plan: Int64?
    public var actor: String
    public var note: String?
    public var now: Date

    public init(_ outcome: Outcome?, _ letters: Letters, plan: Int64? = nil, actor: String, note: String? = nil, now: Date = Date()) {
        self.outcome = outcome
        self.letters = letters
        self.plan = plan
        self.actor = actor
        self.note = note
        self.now = now
    }
}

extension Season {
    /// Records what happened to letters, all in one transaction.
    ///
    /// A sheet is checked whole first: every unreadable row, unknown login (with the closest
    /// known one) and account without a letter is reported at once, with file, line and
    /// column, and nothing is recorded until the sheet is clean. A class named in several
    /// schools needs its school. Throws then, or when the state machine refuses a change
    /// (a "remise" for a bounced email). Writes the deliveries' states and their events.
    public func record(_ request: RecordRequest) throws -> RecordResult {
        let target: RecordTarget
        switch request.letters {
        case .accounts(let logins): target = .accounts(logins)
        case let .classes(name, school, channel, except): target = .classes(name, school: school, channel: channel, except: except)
        case .file(let url): target = try fileTarget(url, outcome: request.outcome, plan: request.plan)
        }
        return try store.record(request.outcome, target, plan: request.plan, actor: request.actor, note: request.note, at: request.now)
    }

    /// Records a filled-in sign-off sheet uploaded by a director, as `record --from` does, for
    /// their school's accounts only: a login of another school is reported as unknown, like
    /// any other row problem, and nothing is recorded. Throws `forbidden` for anyone else.
    public func recordSheet(_ url: URL, by person: WebPerson, now: Date = Date()) throws -> RecordResult {
        guard let school = person.directedSchool else { throw SeasonError.forbidden }
        let target = try fileTarget(url, outcome: nil, plan: nil, school: school)
        return try store.record(nil, target, plan: nil, actor: person.name, note: nil, at: now)
    }

    /// A sign-off sheet, or for late bounces a list of addresses; `school`: its accounts only.
    private func fileTarget(_ url: URL, outcome: Outcome?, plan: Int64?, school: String? = nil) throws -> RecordTarget {
        let reading: SheetReading
        do {
            reading = try SignOffSheetReader.read(url, default: outcome)
        } catch let error as ImportError where outcome == .bounced && error.line ?? 1 == 1 {
            // Not a sheet (no sheet header): the addresses of the bounce messages.
            return .addresses(try BounceList.read(url))
        }
        let problems = reading.problems.map { (line: $0.line ?? 0, message: $0.userMessage) }
            + (try store.problems(in: reading.entries, file: reading.file, plan: plan, school: school))
        guard problems.isEmpty else {
            throw SeasonError.sheetProblems(file: reading.file, problems: problems.sorted { $0.line < $1.line }.map(\.message))
        }
        return .sheet(reading.entries)
    }

    /// The outcomes `undo` would take back, to show before doing it. Reads only.
    public func outcomesToUndo(_ target: UndoTarget, plan: Int64? = nil) throws -> [RecordedOutcome] {
        try store.outcomesToUndo(target, plan: plan)
    }

    /// Takes back recorded outcomes (a wrong tick, a wrong sheet): each letter returns to the
    /// state it was in, with an event naming who undid it and why; the history keeps both.
    /// Throws, and changes nothing, when an account's last change is not a recorded outcome.
    @discardableResult
    public func undo(_ target: UndoTarget, plan: Int64? = nil, actor: String, reason: String?, now: Date = Date()) throws -> [RecordedOutcome] {
        try store.undo(target, plan: plan, actor: actor, reason: reason, at: now)
    }
}
