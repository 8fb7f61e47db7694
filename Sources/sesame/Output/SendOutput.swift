import SesameCore
import SesameSeason

/// What `sesame send` says at the end.
enum SendOutput {
    static func print(_ report: SendReport) {
        var out = Console.Output()
        let summary = report.summary
        if let files = report.outboxFiles {
            out.line("\(French.plural(files.count, "message écrit", "messages écrits")) dans \(files.first?.deletingLastPathComponent().path ?? "le dossier") (rien n’a été envoyé, aucun état n’a changé)")
        } else {
            out.line("Envoi du plan \(report.planID)")
            out.line("  envoyés : \(summary.sent)")
            out.line("  différés (à renvoyer plus tard) : \(summary.deferred)")
            out.line("  rejetés par le serveur : \(summary.bounced)")
            for bounce in summary.bounces.prefix(20) { out.line("    \(bounce.login) : \(bounce.reply)") }
        }
        let skipped = report.skipped + summary.unwritable
        if report.outboxFiles == nil || !skipped.isEmpty { out.line("  sans adresse valide ou impossibles à écrire : \(skipped.count)") }
        for reason in skipped.prefix(20) { out.line("    \(reason)") }
        if report.left > 0 { out.line("  restant à envoyer (au-delà de --limit) : \(report.left)") }
        if report.alreadySent > 0 { out.line("  déjà envoyés auparavant : \(report.alreadySent)") }
        if summary.takenElsewhere > 0 { out.line("  envoyés par une autre exécution en même temps : \(summary.takenElsewhere)") }
        if !summary.codeChanged.isEmpty {
            out.line("  non envoyés, nouveau code dans l’ENT pendant l’envoi : \(summary.codeChanged.count) — relancez « sesame send » pour les envoyer avec le nouveau code")
            out.line("    \(French.shortList(summary.codeChanged, limit: 20))")
        }
        let uncertain = report.uncertain + summary.uncertain
        if !uncertain.isEmpty {
            out.line("  incertains (envoi interrompu, peut-être reçus) : \(uncertain.count) — non renvoyés ; --resend-uncertain pour les renvoyer")
            out.line("    \(French.shortList(uncertain, limit: 20))")
        }
        out.flush()
    }
}
