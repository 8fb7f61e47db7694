import Foundation

/// The import summary as a director reads it: `sesame import`'s report, and the web
/// page's before an import is confirmed.
public struct ImportReport: Sendable {
    public let summary: ImportSummary

    public init(_ summary: ImportSummary) {
        self.summary = summary
    }

    /// The report's lines, without the problems: each line a sentence, details indented by two spaces.
    public var lines: [String] {
        var out: [String] = []
        func line(_ text: String = "") { out.append(text) }
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
                line("  \(French.plural(a.rows, "ligne")) ; \(French.plural(a.matchedParents, "responsable trouvé", "responsables trouvés"))")
                line("  \(French.plural(a.withAddress, "adresse postale", "adresses postales")), \(French.plural(a.withEmail, "courriel recueilli", "courriels recueillis"))")
                if a.unmatched + a.ambiguous > 0 {
                    line("  \(French.plural(a.unmatched, "ligne sans correspondance", "lignes sans correspondance")), \(French.plural(a.ambiguous, "ligne ambiguë", "lignes ambiguës"))")
                }
            }
        }
        if let p = summary.pupils {
            if let date = p.alreadyImportedAt {
                line("\(p.file) a déjà été importé le \(SchoolCalendar.frenchDate(date)) : rien n’a changé.")
            } else {
                line("Élèves d’ONDE : \(p.file) (\(p.encoding)) — \(p.school)")
                line("  \(French.plural(p.rows, "élève")) ; \(French.plural(p.matched, "retrouvé", "retrouvés")) dans l’ENT")
                line("  \(French.plural(p.withoutAccount, "élève sans compte ENT", "élèves sans compte ENT")), \(French.plural(p.notInRegistry, "compte élève absent d’ONDE", "comptes élèves absents d’ONDE")), \(French.plural(p.classDiffers, "classe différente", "classes différentes")), \(French.plural(p.ambiguous, "élève indiscernable", "élèves indiscernables"))")
            }
        }
        return out
    }

    /// The whole report as text, with up to 20 problems of each kind.
    public var text: String {
        var out = lines.map { $0 + "\n" }.joined()
        problems { out += $0 + "\n" }
        return out
    }

    private func accounts(_ line: (String) -> Void) {
        let profiles = Profile.allCases.compactMap { p -> String? in
            guard let n = summary.byProfile[p.rawValue], n > 0 else { return nil }
            return p.counted(n)
        }
        line("  \(French.plural(summary.accounts, "compte")) : \(profiles.joined(separator: ", "))")
        line("  \(French.plural(summary.classes, "classe"))")
        line("  \(French.plural(summary.activated, "compte activé", "comptes activés")), \(French.plural(summary.pending, "non activé", "non activés"))")
        line("  \(French.plural(summary.withEmail, "compte avec une adresse électronique", "comptes avec une adresse électronique"))")
        if summary.localAdmins > 0 { line("  \(French.plural(summary.localAdmins, "administrateur local", "administrateurs locaux"))") }
        let l = summary.links
        // A file without the Enfants and Parents columns (the class-level export) says nothing of families.
        guard l.resolved + l.unresolved + l.ambiguous > 0 else { return }
        line("  Liens parent–enfant : \(French.plural(l.resolved, "établi")), \(French.plural(l.unresolved, "introuvable")), \(French.plural(l.ambiguous, "ambigu"))")
    }

    private func changes(_ line: (String) -> Void) {
        let c = summary.changes
        guard !c.isEmpty else { return }
        line("Changements depuis l’import précédent :")
        let groups: [(singular: String, plural: String, logins: [String])] = [
            ("activé depuis", "activés depuis", c.activated),
            ("code d’activation changé (lettres déjà imprimées périmées)", "codes d’activation changés (lettres déjà imprimées périmées)", c.codeChanged),
            ("nouveau compte", "nouveaux comptes", c.new),
            ("compte disparu de l’export", "comptes disparus de l’export", c.removed),
            ("compte modifié", "comptes modifiés", c.updated),
        ]
        for group in groups where !group.logins.isEmpty {
            line("  \(French.plural(group.logins.count, group.singular, group.plural)) : \(French.shortList(group.logins, limit: 10))")
        }
    }

    private func deliveries(_ line: (String) -> Void) {
        let d = summary.deliveries
        if d.closedByActivation > 0 {
            line("Plans : \(French.plural(d.closedByActivation, "lettre close", "lettres closes")) (comptes activés depuis)")
        }
        if !d.toRemake.isEmpty {
            line("Plans : \(French.plural(d.toRemake.count, "lettre déjà remise ou envoyée porte", "lettres déjà remises ou envoyées portent")) un code qui a changé, à refaire par la prochaine relance : \(French.shortList(d.toRemake, limit: 10))")
        }
        if d.cancelled > 0 {
            line("Plans : \(French.plural(d.cancelled, "lettre annulée", "lettres annulées")) (comptes disparus de l’export)")
        }
    }

    private func problems(_ line: (String) -> Void) {
        let problems = summary.problems
        guard !problems.isEmpty else { return }
        line("\(French.plural(problems.count, "problème")) à vérifier :")
        // A file with thousands of the same problem stays readable: 20 per kind, then a count.
        var shown: [ImportProblem.Kind: Int] = [:]
        for p in problems {
            shown[p.kind, default: 0] += 1
            if shown[p.kind]! <= 20 { line("  \(p.location) : \(p.message)") }
        }
        for kind in ImportProblem.Kind.allCases {
            if let n = shown[kind], n > 20 { line("  … \(kind.frenchPlural) : \(n - 20) de plus (--format json les donne tous)") }
        }
    }
}

