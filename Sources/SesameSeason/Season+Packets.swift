import Foundation
import SesameCore
import SesameDocuments
import SesameFiles
import SesameStore

extension Season {
    /// The packets a person may handle: a teacher's classes, a director's school, every school
    /// for the support. Reads only.
    public func packets(for person: WebPerson) throws -> [PacketSummary] {
        switch person.role {
        case .support: try store.packets(school: nil, classes: nil)
        case .director: try store.packets(school: person.school, classes: nil)
        case .teacher: try store.packets(school: person.school, classes: person.classes)
        }
    }

    /// A packet and its letters (never a code), if the person may handle it. Throws
    /// `SeasonError.forbidden` otherwise, the same for a packet that does not exist. Reads only.
    public func packet(_ id: Int64, for person: WebPerson) throws -> (summary: PacketSummary, letters: [PacketLetter]) {
        guard let found = try store.packet(id), person.mayHandle(school: found.summary.school, className: found.summary.className) else {
            throw SeasonError.forbidden
        }
        return found
    }

    /// Records what happened to one letter of a packet, as the person's event, exactly as
    /// `sesame record` does. Throws `forbidden` for a letter outside the person's packets,
    /// or what the state machine refuses.
    public func tick(_ delivery: Int64, in packet: Int64, _ outcome: Outcome, by person: WebPerson, now: Date = Date()) throws -> RecordResult {
        let plan = try check(delivery, in: packet, for: person)
        // By its delivery: the same record as `sesame record`, without looking the login up.
        return try store.record(outcome, .deliveries([delivery]), plan: plan, actor: person.name, note: nil, at: now)
    }

    /// Takes back the last outcome recorded for one letter of a packet (a wrong tick).
    public func untick(_ delivery: Int64, in packet: Int64, by person: WebPerson, now: Date = Date()) throws {
        let plan = try check(delivery, in: packet, for: person)
        try store.undo(.deliveries([delivery]), plan: plan, actor: person.name, reason: "correction depuis les pages web", at: now)
    }

    /// A packet's PDF, made afresh, for a director of its school or the support: the letters'
    /// states do not change, and every letter's history notes the download (who, when, which
    /// file), since the file holds codes. Throws `forbidden` for anyone else.
    public func downloadPacket(_ id: Int64, by person: WebPerson, now: Date = Date()) throws -> (name: String, data: Data) {
        guard let found = try store.packet(id), person.mayOversee(school: found.summary.school) else { throw SeasonError.forbidden }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sesame-telechargement-\(UUID().uuidString)")
        try Folder.create(folder, permissions: 0o700)
        defer { try? FileManager.default.removeItem(at: folder) }
        let batches = try store.letterBatches(plan: found.summary.plan, channels: [found.summary.channel]).filter { $0.batchID == id }
        let options = PrintOptions(
            layout: .one, folder: folder, sort: [], date: now, returnBy: now.addingTimeInterval(7 * 86_400), planID: found.summary.plan,
            planName: found.summary.planName)
        let files = try printJob(for: batches, options: options).run(batches)
        guard let file = files.first(where: { $0.batchID == id }) else { throw SeasonError.nothingToPrint(plan: found.summary.plan, logins: []) }
        let data = try Data(contentsOf: file.url)
        try store.noteDownload(of: id, file: file.url.lastPathComponent, actor: person.name, at: now)
        return (file.url.lastPathComponent, data)
    }

    /// An account's history, for a director of its school or the support; never its code.
    /// Throws `forbidden` for anyone else, and for an account that does not exist.
    public func history(of login: String, for person: WebPerson) throws -> AccountHistory {
        let history: AccountHistory
        do { history = try self.history(of: login) } catch is TrackingError { throw SeasonError.forbidden }
        guard person.mayOversee(school: history.school) else { throw SeasonError.forbidden }
        return history
    }

    /// The plan of a letter of a packet the person may handle; `forbidden` otherwise.
    private func check(_ delivery: Int64, in packet: Int64, for person: WebPerson) throws -> Int64 {
        let found = try self.packet(packet, for: person)
        guard found.letters.contains(where: { $0.deliveryID == delivery }) else { throw SeasonError.forbidden }
        return found.summary.plan
    }
}
