import Foundation
import Hummingbird
import SesameCore
import SesameFiles
import SesameSeason

extension WebServer {
    /// A signed sign-off sheet uploaded by the director (the CSV printed beside a packet,
    /// filled in): recorded as `sesame record --from` records it, checked whole first.
    func addSheets(to router: Router<WebContext>) {
        router.post("/feuilles") { _, context in
            let person = try context.person()
            _ = try Self.directorsSchool(person)
            guard let upload = context.uploads["feuille"] else { throw WebInputError.missingField("Feuille d’émargement") }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sesame-feuille-\(Season.secret())", isDirectory: true)
            try Folder.create(folder, permissions: 0o700)
            defer { try? FileManager.default.removeItem(at: folder) }
            let url = folder.appendingPathComponent(upload.fileName)
            try AtomicFile.write(upload.data, to: url)
            let result = try season.recordSheet(url, by: person)
            var byState: [DeliveryState: Int] = [:]
            for entry in result.recorded { byState[entry.state, default: 0] += 1 }
            return pages.render("feuille-faite", [
                "fichier": upload.fileName, "nombre": French.plural(result.recorded.count, "lettre notée", "lettres notées"),
                "etats": DeliveryState.allCases.compactMap { state in byState[state].map { ["etat": state.frenchName, "n": "\($0)"] } },
                "inchanges": result.unchanged.isEmpty ? "" : French.plural(result.unchanged.count, "lettre déjà dans cet état", "lettres déjà dans cet état"),
            ], context: context)
        }
    }
}
