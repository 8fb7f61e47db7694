import Foundation
import SesameCore
import SesameFiles

/// Names a director can hand packets out by without opening them:
/// `CP-A_Camille-Roux_remise-en-classe.pdf`, `CM1_reunion-2026-09-15.pdf`,
/// `bureau-du-directeur.pdf`, `courrier-postal.pdf`; a folder per school when a plan has several.
enum FileNames {
    /// Paths relative to the output folder, one per batch, all different.
    static func assign(_ batches: [LetterBatch], severalSchools: Bool) -> [String] {
        var used: Set<String> = []
        return batches.map { batch in
            var parts: [String] = []
            if let className = batch.className { parts.append(FileName.slug(className)) }
            switch batch.channel {
            case .inClass, .viaStudent:
                let teachers = batch.recipients.prefix(2).map(FileName.slug).joined(separator: "_")
                if !teachers.isEmpty { parts.append(teachers) }
                parts.append(batch.channel == .inClass ? "remise-en-classe" : "via-eleve")
            case .meeting:
                parts.append(batch.meeting.map { "reunion-\(SchoolCalendar.isoDay($0))" } ?? "reunion")
            case .office: parts.append("bureau-du-directeur")
            case .post: parts.append("courrier-postal")
            case .email: parts.append("courriel")
            }
            var name = parts.joined(separator: "_")
            let folder = severalSchools ? FileName.slug(batch.school) + "/" : ""
            var candidate = folder + name
            var n = 2
            while used.contains(candidate) {
                candidate = folder + name + "-\(n)"
                n += 1
            }
            used.insert(candidate)
            name = candidate
            return name + ".pdf"
        }
    }
}
