import Foundation
import SesameCore
import SesameFiles
import Yams

/// The settings file beside the store (`sesame.db` → `sesame.reglages.yaml`), written by
/// `sesame init` and editable by hand; its comments say what each setting is for.
public enum SettingsFile {
    /// Where the settings of a store live.
    public static func location(forStore path: String) -> URL {
        let store = URL(fileURLWithPath: path)
        let stem = store.deletingPathExtension().lastPathComponent
        return store.deletingLastPathComponent().appendingPathComponent("\(stem).reglages.yaml")
    }

    /// The settings, or empty ones when the file does not exist yet.
    public static func read(_ url: URL) throws -> Settings {
        guard FileManager.default.fileExists(atPath: url.path) else { return Settings() }
        let text = try FileLoading.text(url)
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch let error as YamlError {
            throw YAMLFileError(error, file: url.path)
        }
        var settings = Settings()
        guard let top = root?.mapping else { return settings }
        let file = url.path
        func string(_ node: Node?) -> String? {
            guard let text = node?.string?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text
        }
        func invalid(_ node: Node, _ message: String) -> YAMLFileError {
            .invalid(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1, message: message)
        }
        for (key, value) in top {
            switch key.string {
            case "ent":
                settings.ent.name = string(value.mapping?["name"])
                settings.ent.url = string(value.mapping?["url"])
            case "schools":
                for item in value.sequence ?? [] {
                    guard let name = string(item.mapping?["name"]) else { throw invalid(item, "chaque établissement a besoin de « name »") }
                    let title = string(item.mapping?["director-title"])
                    if let title, !Settings.School.directorTitles.contains(title), let node = item.mapping?["director-title"] {
                        throw invalid(node, "director-title : « \(title) » ; attendu : directrice ou directeur")
                    }
                    settings.schools.append(Settings.School(
                        name: name, address: string(item.mapping?["address"]), city: string(item.mapping?["city"]),
                        director: string(item.mapping?["director"]), directorTitle: title,
                        phone: string(item.mapping?["phone"]), email: string(item.mapping?["email"])))
                }
            case "email":
                let m = value.mapping
                settings.email.from = string(m?["from"])
                settings.email.fromName = string(m?["from-name"])
                settings.email.smtpURL = string(m?["smtp"])
                settings.email.starttls = m?["starttls"]?.bool
                settings.email.user = string(m?["user"])
                settings.email.passwordFile = string(m?["password-file"])
            default:
                throw invalid(key, "clé « \(key.string ?? "") » inconnue ; attendu : ent, schools, email")
            }
        }
        return settings
    }

    /// Writes the settings with their French comments, readable by its owner only.
    public static func write(_ settings: Settings, to url: URL) throws {
        func value(_ text: String?) -> String {
            guard let text, !text.isEmpty else { return "" }
            return " " + (try! Yams.serialize(node: Node(text), allowUnicode: true)).trimmingCharacters(in: .newlines)
        }
        var out = """
            # Réglages de Sésame pour la base \(url.deletingLastPathComponent().path)
            # « sesame init » les écrit ; ils se modifient aussi à la main.

            # L'espace numérique de travail : son nom et l'adresse que les familles ouvrent.
            ent:
              name:\(value(settings.ent.name))
              url:\(value(settings.ent.url))

            # Les établissements, nommés comme dans l'export de l'ENT. La ville sert à dater les
            # lettres (« Nantes, le … »), le nom et le titre (directrice ou directeur) à les signer,
            # le téléphone et le courriel à joindre l'école.
            schools:

            """
        for school in settings.schools {
            out += """
                  - name:\(value(school.name))
                    address:\(value(school.address))
                    city:\(value(school.city))
                    director:\(value(school.director))
                    director-title:\(value(school.directorTitle))
                    phone:\(value(school.phone))
                    email:\(value(school.email))

                """
        }
        let e = settings.email
        out += """

            # Courriel : l'expéditeur et le serveur d'envoi (smtp://hôte:port ou smtps://hôte:port).
            # Le mot de passe n'est jamais écrit ici : password-file désigne un fichier qui le contient.
            email:
              from:\(value(e.from))
              from-name:\(value(e.fromName))
              smtp:\(value(e.smtpURL))
              starttls:\(e.starttls.map { " \($0)" } ?? "")
              user:\(value(e.user))
              password-file:\(value(e.passwordFile))

            """
        // A failure to write is told as such (FileWriteFailure), not as a file that cannot be read.
        try AtomicFile.write(Data(out.utf8), to: url)
    }
}
