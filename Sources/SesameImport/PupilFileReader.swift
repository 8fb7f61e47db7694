import Foundation
import SesameCore

/// Reads ONDE's "extraction des élèves" (ISO-8859-1, every field quoted): the pupils of one
/// school with their birth date, sex and class. Its other columns are not read.
public struct PupilFileReader: Sendable {
    public let fileName: String
    public let encoding: TextEncoding
    public let pupils: [RegistryPupil]
    public let problems: [ImportProblem]

    public init(contentsOf url: URL) throws {
        try self.init(data: FileLoading.load(url), fileName: url.lastPathComponent)
    }

    public init(data: Data, fileName: String) throws {
        let file = try DelimitedFile(data: data, fileName: fileName)
        let encoding = file.encoding
        let columns = try HeaderMap<PupilColumn>(
            header: file.header, file: fileName, required: [.lastName, .firstName, .className], ignoringUnknown: true)
        var pupils: [RegistryPupil] = []
        var problems: [ImportProblem] = []
        try file.forEachRow { row in
            let f = row.fields
            try file.checkWidth(of: row)
            func problem(_ kind: ImportProblem.Kind, _ column: PupilColumn, _ message: String) {
                problems.append(ImportProblem(
                    kind: kind, file: fileName, line: row.line, column: columns.number(column), message: message))
            }
            guard let last = columns.value(.lastName, in: f), let first = columns.value(.firstName, in: f),
                  let className = columns.value(.className, in: f)
            else {
                problem(.missingValue, .lastName, "nom, prénom ou classe vide ; ligne ignorée")
                return
            }
            let names = [PupilColumn.lastName, .usageName, .firstName].filter { columns.value($0, in: f) != nil }
            problems += CellProblems.damagedNames(
                names.map { (columns.value($0, in: f)!, columns.number($0)) }, file: fileName, line: row.line,
                label: { columns.describe(names[$0]) }, source: .onde(encoding))
            var birthDate: String?
            if let raw = columns.value(.birthDate, in: f) {
                birthDate = SchoolCalendar.parse(raw).map(SchoolCalendar.isoDay)
                if birthDate == nil {
                    problem(.invalidValue, .birthDate, "\(columns.describe(.birthDate)) : date « \(raw) » illisible (attendu AAAA-MM-JJ ou JJ/MM/AAAA) ; ignorée")
                }
            }
            let sex: RegistryPupil.Sex? = switch columns.value(.sex, in: f).map(NameKey.loose) {
            case "f", "feminin", "fille": .female
            case "m", "masculin", "garcon": .male
            default: nil
            }
            let usage = columns.value(.usageName, in: f).flatMap { $0 == last ? nil : $0 }
            var pupil = RegistryPupil(
                line: row.line, name: RegistryName(lastName: last, usageName: usage, firstName: first),
                birthDate: birthDate, sex: sex, level: columns.value(.level, in: f), className: className)
            for (street, postcode) in [(PupilColumn.street1, PupilColumn.postcode1), (.street2, .postcode2)] {
                guard let s = columns.value(street, in: f), let p = columns.value(postcode, in: f) else { continue }
                pupil.homes.append(PostalAddress(street: s, postcode: p, city: ""))
            }
            pupils.append(pupil)
        }
        self.fileName = fileName
        self.encoding = encoding
        self.pupils = pupils
        self.problems = problems
    }

    /// What the store needs to import this file into a school (nil: the store's only one); `data` is the file as read.
    public func input(data: Data, school: String?) -> PupilInput {
        PupilInput(
            fileName: fileName, sha256: FileFingerprint.sha256(data), encoding: encoding.rawValue, school: school,
            pupils: pupils, problems: problems)
    }
}
