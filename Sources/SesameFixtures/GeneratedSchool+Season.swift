import Foundation
import SesameCore

extension GeneratedSchool {
    /// The same school some weeks later, as its next ENT export shows it: a share of the
    /// accounts activated (no code any more, a last login), and a few codes the ENT made anew
    /// (an administrator reset them). Deterministic for a seed.
    public func later(days: Int = 28, activated share: Double, newCodes: Int, seed: UInt64 = 2026) -> GeneratedSchool {
        var random = SeededRandom(seed: seed)
        var school = self
        school.exportDate = exportDate.addingTimeInterval(Double(days) * 86_400)
        let pending = people.indices.filter { people[$0].activationCode != nil && !people[$0].isGhost && people[$0].profile != .teacher }
        var renewed = 0
        for i in pending {
            if random.chance(share) {
                school.people[i].activationCode = nil
                school.people[i].lastLogin = school.exportDate.addingTimeInterval(-Double(random.int(1...days)) * 86_400)
            } else if renewed < newCodes && random.chance(0.2) {
                school.people[i].activationCode = Builder.activationCode(using: &random)
                renewed += 1
            }
        }
        return school
    }
}
