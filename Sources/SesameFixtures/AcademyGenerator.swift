import Foundation
import SesameCore

/// An ENT export at académie scale: thousands of schools in one file, written school by
/// school so that memory stays flat whatever the size.
public enum AcademyGenerator {
    public struct Result: Sendable {
        public var schools = 0
        public var accounts = 0
        public var bytes = 0
    }

    /// Writes schools of 3 to 7 classes until at least `accounts` accounts are written; with
    /// `addresses`, also the families' file, every parent in it having given an email.
    public static func writeExport(accounts target: Int, seed: UInt64, to url: URL, addresses: URL? = nil) throws -> Result {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path])
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var result = Result()
        var header = Data([0xEF, 0xBB, 0xBF])
        header.append(Data((GeneratedSchool.quotedLine(GeneratedSchool.exportHeader(.full)) + "\n").utf8))
        try handle.write(contentsOf: header)
        result.bytes += header.count
        var logins = LoginRegistry()
        var families = Data()
        var random = SeededRandom(seed: seed)
        let towns = ["Nantes", "Angers", "Le Mans", "Laval", "La Roche-sur-Yon", "Saint-Nazaire", "Cholet", "Saumur"]
        let patrons = ["Jules Ferry", "Jean Moulin", "Victor Hugo", "Les Tilleuls", "Marie Curie", "Jacques Prévert", "Pasteur", "Louise Michel"]
        let levels = ["PS", "MS", "GS", "CP", "CE1", "CE2", "CM1", "CM2"]
        while result.accounts < target {
            var options = SchoolGenerator.Options()
            options.seed = seed &+ UInt64(result.schools) &* 7919
            let town = random.pick(towns)
            options.city = town
            options.schoolName = "École \(random.pick(patrons)) n°\(result.schools + 1) (\(town))"
            let classCount = random.int(3...7)
            let first = random.int(0...(levels.count - classCount))
            options.classNames = Array(levels[first..<first + classCount])
            options.collectedEmailShare = 1
            let school = SchoolGenerator(options).generate(logins: &logins)
            if addresses != nil {
                // ONDE's responsables extraction of every school, under one header.
                let file = school.responsablesExtraction(groups: 6)
                families.append(families.isEmpty ? file : file.drop { $0 != UInt8(ascii: "\n") }.dropFirst())
            }
            var chunk = ""
            for line in school.exportLines() { chunk += line + "\n" }
            let data = Data(chunk.utf8)
            try handle.write(contentsOf: data)
            result.bytes += data.count
            result.accounts += school.exportOrder.count
            result.schools += 1
        }
        if let addresses { try families.write(to: addresses) }
        return result
    }
}
