import Foundation
import SesameCore

/// The import summary as a director reads it.
struct ImportReport {
    let summary: ImportSummary

    init(_ summary: ImportSummary) {
        self.summary = summary
    }

    var text: String {
        var out = ""
        func line(_ text: String = "") { out += text + "\n" }
        if let file = summary.file {
            if let date = summary.alreadyImportedAt {
                line("\(file) a déjà été importé le \(SchoolCalendar.frenchDate(date)) : rien n’a changé.")
            } else {
                line("Import de \(file) (\(summary.encoding ?? "?"))\(summary.schools.isEmpty ? "" : " — " + summary.schools.joined(separator: " ; "))")
                accounts(line)
                changes(line)
                deliveries(line)
            }
        }
        if let a = summary.addresses {
            if let date = a.alreadyImportedAt {
                line("\(a.file) a déjà été importé le \(SchoolCalendar.frenchDate(date)) : rien n’a changé.")
            } else {
                line("Adresses des familles : \(a.file) (\(a.encoding))")
                line("  \(plural(a.rows, "ligne")) ; \(plural(a.matchedParents, "responsable trouvé", "responsables trouvés"))")
                line("  \(plural(a.withAddress, "adresse postale", "adresses postales")), \(plural(a.withEmail, "courriel recueilli", "courriels recueillis"))")
                if a.unmatched + a.ambiguous > 0 {
                    line("  \(plural(a.unmatched, "ligne sans correspondance", "lignes sans correspondance")), \(plural(a.ambiguous, "ligne ambiguë", "lignes ambiguës"))")
                }
            }
        }
        if let p = summary.pupils {
            if let date = p.alreadyImportedAt {
                line("\(p.file) a déjà été importé le \(SchoolCalendar.frenchDate(date)) : rien n’a changé.")
            } else {
                line("Élèves d’ONDE : \(p.file) (\(p.encoding)) — \(p.school)")
                line("  \(plural(p.rows, "élève")) ; \(plural(p.matched, "retrouvé", "retrouvés")) dans l’ENT")
                line("  \(plural(p.withoutAccount, "élève sans compte ENT", "élèves sans compte ENT")), \(plural(p.notInRegistry, "compte élève absent d’ONDE", "comptes élèves absents d’ONDE")), \(plural(p.classDiffers, "classe différente", "classes différentes")), \(plural(p.ambiguous, "élève indiscernable", "élèves indiscernables"))")
            }
        }
        problems(line)
        return out
    }

    private func accounts(_ line: (String) -> Void) {
        let profiles = Profile.allCases.compactMap { p -> String? in
            guard let n = summary.byProfile[p.rawValue], n > 0 else { return nil }
            return "\(n) \(n > 1 ? p.frenchPlural.lowercased() : p.frenchName.lowercased())"
        }
        line("  \(plural(summary.accounts, "compte")) : \(profiles.joined(separator: ", "))")
        line("  \(plural(summary.classes, "classe"))")
        line("  \(plural(summary.activated, "compte activé", "comptes activés")), \(plural(summary.pending, "non activé", "non activés"))")
        line("  \(plural(summary.withEmail, "compte avec une adresse électronique", "comptes avec une adresse électronique"))")
        if summary.localAdmins > 0 { line("  \(plural(summary.localAdmins, "administrateur local", "administrateurs locaux"))") }
        let l = summary.links
        line("  Liens parent–enfant : \(plural(l.resolved, "établi")), \(plural(l.unresolved, "introuvable")), \(plural(l.ambiguous, "ambigu"))")
    }

    private func changes(_ line: (String) -> Void) {
        let c = summary.changes
        guard !c.isEmpty else { return }
        line("Changements depuis l’import précédent :")
        let groups: [(String, [String])] = [
            ("activés depuis", c.activated),
            ("code d’activation changé (lettres déjà imprimées périmées)", c.codeChanged),
            ("nouveaux comptes", c.new),
            ("comptes disparus de l’export", c.removed),
            ("comptes modifiés", c.updated),
        ]
        for (label, logins) in groups where !logins.isEmpty {
            line("  \(logins.count) \(label) : \(shortList(logins, limit: 10))")
        }
    }

    private func deliveries(_ line: (String) -> Void) {
        let d = summary.deliveries
        if d.closedByActivation > 0 {
            line("Plans : \(plural(d.closedByActivation, "lettre close", "lettres closes")) (comptes activés depuis)")
        }
        if !d.toRemake.isEmpty {
            line("Plans : \(plural(d.toRemake.count, "lettre déjà remise ou envoyée porte", "lettres déjà remises ou envoyées portent")) un code qui a changé, à refaire (sesame followup) : \(shortList(d.toRemake, limit: 10))")
        }
        if d.cancelled > 0 {
            line("Plans : \(plural(d.cancelled, "lettre annulée", "lettres annulées")) (comptes disparus de l’export)")
        }
    }

    private func problems(_ line: (String) -> Void) {
        let problems = summary.problems
        guard !problems.isEmpty else { return }
        line("\(plural(problems.count, "problème")) à vérifier :")
        // A file with thousands of the same problem stays readable: 20 per kind, then a count.
        var shown: [ImportProblem.Kind: Int] = [:]
        for p in problems {
            shown[p.kind, default: 0] += 1
            if shown[p.kind]! <= 20 { line("  \(p.location) : \(p.message)") }
        }
        for kind in ImportProblem.Kind.allCases {
            if let n = shown[kind], n > 20 { line("  … et \(n - 20) autres du même type (--format json les donne tous)") }
        }
    }
}

/// "a, b, c, … (12 de plus)": the first `limit` names of a list that may be long.
func shortList(_ names: [String], limit: Int) -> String {
    names.prefix(limit).joined(separator: ", ") + (names.count > limit ? ", … (\(names.count - limit) de plus)" : "")
}

/// "1 compte", "3 comptes".
func plural(_ count: Int, _ singular: String, _ pluralForm: String? = nil) -> String {
    "\(count) \(count > 1 ? pluralForm ?? singular + "s" : singular)"
}
