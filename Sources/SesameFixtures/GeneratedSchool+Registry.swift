import Foundation
import SesameCore

/// What the school registry (ONDE) knows of a person beyond the ENT: birth date and sex of a
/// pupil, a parent's birth name when it differs from the name in use.
public struct RegistryDetails: Sendable, Hashable {
    /// "2017-03-12", for pupils.
    public var birthDate: String?
    public var sex: RegistryPupil.Sex
    /// The birth name ("Nom responsable", "Nom de famille enfant") when the ENT knows the
    /// person by a usage name.
    public var birthLastName: String?
    /// ONDE has no postal address for this responsable.
    public var noAddress = false
}

extension GeneratedSchool {
    /// The registry's details of every person (indexed like `people`), drawn from their own
    /// seed so that the ENT side of the school does not change.
    public var registry: [RegistryDetails] {
        var random = SeededRandom(seed: UInt64(people.count) &* 0x0DE5 &+ UInt64(exportOrder.count))
        return people.map { p in
            let sex: RegistryPupil.Sex = NamePool.femaleFirstNames.contains(p.firstName) ? .female : .male
            var details = RegistryDetails(sex: sex)
            switch p.profile {
            case .student:
                let level = p.classes.compactMap(ClassLevel.youngest(in:)).min()
                let year = 2026 - 3 - (level?.rawValue ?? ClassLevel.cm2.rawValue)
                let (month, day) = (random.int(1...12), random.int(1...28))
                details.birthDate = "\(year - (random.chance(0.1) ? 1 : 0))-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
                if random.chance(0.05) { details.birthLastName = p.lastName + "-" + random.pick(NamePool.lastNames.prefix(20).map { $0 }) }
            case .parent:
                if sex == .female && random.chance(0.2) { details.birthLastName = random.pick(NamePool.lastNames.prefix(40).map { $0 }) }
                details.noAddress = random.chance(0.05)
            default:
                break
            }
            if details.birthLastName == p.lastName { details.birthLastName = nil }
            return details
        }
    }

    /// ONDE's "extraction des responsables" exactly as ONDE writes it: ISO-8859-1, `;`, CRLF,
    /// not quoted, last names in capitals, one row per responsable, then a group of four
    /// columns per child (at least three groups, empty at the end of a row with fewer children).
    /// `groups`: how many child groups the header has (at least the school's largest family, by default).
    public func responsablesExtraction(
        encoding: FileEncoding = .isoLatin1, lineEnding: String = "\r\n", groups fixedGroups: Int? = nil
    ) -> Data {
        let registry = self.registry
        let parents = addressRows.map(\.parent).reduce(into: [Int]()) { if !$0.contains($1) { $0.append($1) } }
        let children = { (p: Int) in self.people[p].children.filter { !self.people[$0].isGhost } }
        let groups = fixedGroups ?? max(3, parents.filter { $0 >= 0 }.map { children($0).count }.max() ?? 0)
        var header = ["Civilité Responsable", "Nom usage responsable", "Nom responsable", "Prénom responsable",
                      "Adresse responsable", "CP responsable", "Commune responsable", "Pays", "Courriel",
                      "Téléphone domicile", "Téléphone travail", "Téléphone portable"]
        for _ in 0..<groups { header += ["Nom d'usage enfant", "Nom de famille enfant", "Prénom enfant", "Classes enfants"] }
        var text = header.joined(separator: ";") + ";" + lineEnding
        for p in parents {
            var fields: [String]
            var kids: [[String]]
            if p < 0 {
                // A responsable the ENT does not know.
                let child = people[addressRows.first?.child ?? 0]
                fields = ["MME", "LEMOINE", "LEMOINE", "Sandrine", "3 rue du Port", "44000", city.uppercased(), "FRANCE", "", "", "", ""]
                kids = [[child.lastName.uppercased(), child.lastName.uppercased(), child.firstName, child.classes.first ?? ""]]
            } else {
                let person = people[p], details = registry[p]
                let address = details.noAddress ? nil : person.address
                fields = [
                    details.sex == .female ? "MME" : "M.", person.lastName.uppercased(),
                    (details.birthLastName ?? person.lastName).uppercased(), person.firstName,
                    address?.street ?? "", address?.postcode ?? "", address?.city.uppercased() ?? "", address == nil ? "" : "FRANCE",
                    person.collectedEmail ?? "", "", "", person.phone ?? "",
                ]
                kids = children(p).prefix(groups).map { c in
                    let child = people[c]
                    return [child.lastName.uppercased(), (registry[c].birthLastName ?? child.lastName).uppercased(),
                            child.firstName, child.classes.first ?? ""]
                }
            }
            for k in 0..<groups { fields += k < kids.count ? kids[k] : ["", "", "", ""] }
            text += fields.joined(separator: ";") + ";" + lineEnding
        }
        return TextEncoder.encode(text, encoding)
    }

    /// ONDE's "extraction des élèves": ISO-8859-1, every field quoted, with columns Sésame does
    /// not read. With oddities, a pupil the ENT does not have yet, one it still has but ONDE no
    /// longer lists, and one whose class ONDE gives differently.
    public func pupilsExtraction(encoding: FileEncoding = .isoLatin1, lineEnding: String = "\r\n") -> Data {
        let registry = self.registry
        let header = ["Nom Elève", "Nom d'usage Elève", "Prénom Elève", "Date naissance", "Sexe", "Adresse1", "Cp1",
                      "Commune1", "Pays1", "Adresse2", "Cp2", "Commune2", "Pays2", " Cycle", "Niveau", "Classe",
                      "Regroupement", "Date inscription"]
        var text = Self.quotedLine(header) + lineEnding
        let pupils = pupilsInRegistry
        for (n, i) in pupils.enumerated() {
            let p = people[i], details = registry[i]
            var className = p.classes.first ?? ""
            if hasOddities, n == pupils.count / 3, let other = classes.first(where: { $0 != className }) { className = other }
            let level = ClassLevel.youngest(in: className)
            let cycle = level.map { $0 <= .gs ? "CYCLE I" : $0 <= .ce2 ? "CYCLE II" : "CYCLE III" } ?? ""
            let address = p.parents.first.flatMap { people[$0].address }
            text += Self.quotedLine([
                (details.birthLastName ?? p.lastName).uppercased(), p.lastName.uppercased(), p.firstName,
                details.birthDate ?? "", details.sex.rawValue, address?.street ?? "", address?.postcode ?? "",
                address?.city.uppercased() ?? "", "FRANCE", "", "", "", "", cycle, level?.label ?? "", className, "",
                SchoolCalendar.isoDay(exportDate),
            ]) + lineEnding
        }
        if hasOddities {
            text += Self.quotedLine([
                "HADDAD", "HADDAD", "Yasmine", "2019-05-04", "F", "", "", "", "", "", "", "", "", "CYCLE II", "CE1",
                classes.first ?? "", "", "",
            ]) + lineEnding
        }
        return TextEncoder.encode(text, encoding)
    }

    /// The pupils ONDE lists (indices into `people`): every pupil of the export, less one
    /// who left when the school has oddities.
    public var pupilsInRegistry: [Int] {
        let pupils = people.indices.filter { people[$0].profile == .student && !people[$0].isGhost }
        return hasOddities ? Array(pupils.dropFirst()) : pupils
    }

    /// The pupil ONDE no longer lists, when the school has oddities.
    public var pupilMissingFromRegistry: GeneratedPerson? {
        hasOddities ? people.first { $0.profile == .student && !$0.isGhost } : nil
    }

    var hasOddities: Bool { exportOrder.count != Set(exportOrder).count }
}
