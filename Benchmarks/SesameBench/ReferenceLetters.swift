import Foundation
import SesameCore
import SesameDocuments
import SesameStore

/// The same letters as Sésame's, for the references Sésame is measured against: one HTML
/// document for wkhtmltopdf, and the fields as TSV for the ReportLab script
/// (`Benchmarks/reportlab_letters.py`). Header, date, recipient, object, text, the framed
/// login and code with the QR code (one ready-made image, the same for every letter), the
/// steps and the footer; one A4 page each. Each school's letters come after its pickup
/// sheet, as Sésame prints them: the same rows (`SignOffSheet`), so that the references
/// print every page Sésame does.
enum ReferenceLetters {
    /// Writes `lettres.html`, `lettres.tsv` and `qr.png` into `folder`; returns the letters
    /// and the batches (each with a sheet of at least one page).
    static func write(db: String, into folder: URL) throws -> (letters: Int, batches: Int) {
        let store = try Store(path: db)
        let batches = try store.letterBatches(plan: 1, channels: [.office])
        try qrImage(to: folder.appendingPathComponent("qr.png"))
        var tsv = ""
        for batch in batches {
            let sheet = SignOffSheet(channel: batch.channel, letters: batch.letters).rows
            for (letter, row) in zip(batch.letters, sheet) {
                let a = letter.account
                tsv += [a.school, a.displayName, a.profile.frenchName, a.login, letter.kind == .activation ? a.activationCode ?? "" : "", row[0], row[1]]
                    .joined(separator: "\t") + "\n"
            }
        }
        try tsv.write(to: folder.appendingPathComponent("lettres.tsv"), atomically: true, encoding: .utf8)
        try html(batches).write(to: folder.appendingPathComponent("lettres.html"), atomically: true, encoding: .utf8)
        return (batches.reduce(0) { $0 + $1.letters.count }, batches.count)
    }

    private static func html(_ batches: [LetterBatch]) -> String {
        var html = """
            <!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><style>
            body { font-family: "DejaVu Sans"; font-size: 11pt; margin: 0; }
            .page { width: 210mm; height: 296mm; padding: 16mm 15mm 0 20mm; box-sizing: border-box; page-break-after: always; position: relative; }
            .date { position: absolute; right: 15mm; top: 16mm; }
            .to { position: absolute; left: 110mm; top: 50mm; font-size: 11.5pt; }
            .object { margin-top: 90mm; font-weight: bold; font-size: 12.5pt; }
            table.codes { width: 100%; background: #f2f2f2; border: 1px solid #4d4d4d; margin: 6mm 0; }
            table.codes td.v { font-family: "DejaVu Sans Mono"; font-size: 16pt; font-weight: bold; }
            .foot { font-size: 10pt; margin-top: 7mm; }
            .sheet { padding: 15mm 15mm 18mm 15mm; page-break-after: always; font-size: 9pt; }
            table.sheet { border-collapse: collapse; width: 180mm; }
            table.sheet th { background: #e6e6e6; font-size: 8.5pt; }
            table.sheet td, table.sheet th { border: 0.6pt solid #595959; height: 9mm; padding: 1.5mm; text-align: left; }
            </style></head><body>

            """
        for batch in batches {
            html += """
                <div class="sheet"><b style="font-size: 13pt">Retrait des identifiants au bureau du directeur</b><br>
                <span style="color: #404040">\(batch.school) — 25 novembre 2026</span><br>
                <i>Vérifiez une pièce d’identité avant de remettre une lettre ; la personne signe et date.</i>
                <table class="sheet"><thead><tr><th>N°</th><th>Nom</th><th>Profil, enfants</th><th>Date</th><th>Pièce d’identité vérifiée</th><th>Signature</th></tr></thead>

                """
            for (index, row) in SignOffSheet(channel: batch.channel, letters: batch.letters).rows.enumerated() {
                html += "<tr><td>\(index + 1)</td>" + row.map { "<td>\($0)</td>" }.joined() + "</tr>\n"
            }
            html += "</table></div>\n"
            html += letters(batch)
        }
        html += "</body></html>\n"
        return html
    }

    private static func letters(_ batch: LetterBatch) -> String {
        var html = ""
        for letter in batch.letters {
            let a = letter.account
            let code = letter.kind == .activation ? "<tr><td>Code d’activation</td><td class=\"v\">\(a.activationCode ?? "")</td></tr>" : ""
            html += """
                <div class="page"><b>\(a.school)</b><br>1 place de la Mairie
                <div class="date">Nantes, le 25 novembre 2026</div>
                <div class="to"><b>\(a.displayName)</b><br>\(a.profile.frenchName)</div>
                <div class="object">Objet : votre compte e-primO — première connexion</div>
                <p>Voici les informations de connexion de votre compte dans e-primO, l’espace numérique de travail de l’école.</p>
                <table class="codes"><tr><td>Adresse</td><td class="v">https://www.e-primo.fr</td><td rowspan="3"><img src="qr.png" width="100"><br><small>Scannez pour ouvrir e-primO</small></td></tr>
                <tr><td>Identifiant</td><td class="v">\(a.login)</td></tr>\(code)</table>
                <p><b>Première connexion, en 5 étapes</b><br>1. Ouvrez <b>https://www.e-primo.fr</b>, ou scannez le code ci-contre avec un téléphone.<br>
                2. Saisissez l’identifiant et le code d’activation ci-dessus.<br>3. Choisissez un mot de passe personnel, que vous seul connaîtrez.<br>
                4. Indiquez une adresse électronique : elle servira si le mot de passe est oublié.<br>5. Acceptez la charte d’utilisation de l’ENT.</p>
                <p class="foot"><b>Conservez cette lettre. Ne communiquez votre code à personne</b> : il donne accès au compte, et il ne sert qu’une fois.<br>
                Pour toute question : \(a.school).<br><br>Anne Roux, directrice de l’école</p></div>

                """
        }
        return html
    }

    /// The ENT address's QR code as a PNG, drawn by qrencode's own command when available.
    private static func qrImage(to url: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/qrencode")
        process.arguments = ["-o", url.path, "-s", "6", "https://www.e-primo.fr"]
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            // Without the qrencode command, a blank image of the same size keeps the comparison fair enough.
            try Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==")!.write(to: url)
        }
    }
}
