import Foundation
import SesameCore
import Yams

/// Reads a distribution strategy from its YAML file (see `Strategies/ecole.yaml`).
///
///     title: texte
///     profiles:
///       parent:
///         - meeting
///         - channel: email
///           if: has-email          # or a list, or {classes: [CP A]}
///           also: [email]
///       teacher:
///         excluded: raison
///
/// Anything else (an unknown key, channel, condition or profile, a channel that does not
/// apply to the profile) is refused with its line, before anything is planned.
public enum StrategyReader {
    public static func load(_ url: URL) throws -> Strategy {
        try loadWithSource(url).strategy
    }

    /// The strategy and its file's text, which a plan keeps.
    public static func loadWithSource(_ url: URL) throws -> (strategy: Strategy, source: String) {
        let source = try FileLoading.text(url)
        return (try read(source, file: url.path, name: url.deletingPathExtension().lastPathComponent), source)
    }

    /// The header comment's paragraph saying when to choose the strategy ("À choisir quand…"):
    /// its sentence, the points listed under it ("- les élèves …", a point's next lines
    /// indented under it), and what follows the list, each joined into one text; empty when
    /// the file has none.
    public static func explanation(of source: String) -> StrategyExplanation {
        var explanation = StrategyExplanation()
        var started = false
        var pointIndent: Int?
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("#") else { break }
            let comment = line.dropFirst()
            let indent = comment.prefix { $0 == " " }.count
            let text = comment.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "'", with: "’")
            if !started {
                started = text.hasPrefix("À choisir")
                if started { explanation.text = text }
            } else if text.isEmpty {
                break
            } else if text.hasPrefix("- ") {
                explanation.points.append(String(text.dropFirst(2)))
                pointIndent = indent
            } else if let pointIndent, indent > pointIndent, explanation.conclusion.isEmpty {
                explanation.points[explanation.points.count - 1] += " " + text
            } else if explanation.points.isEmpty {
                explanation.text += " " + text
            } else {
                explanation.conclusion += (explanation.conclusion.isEmpty ? "" : " ") + text
            }
        }
        return explanation
    }

    public static func read(_ text: String, file: String, name: String) throws -> Strategy {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw YAMLFileError(error, file: file)
        }
        let reader = Reader(file: file)
        guard let root, let top = root.mapping else {
            throw reader.invalid(root, "une table avec « title » et « profiles » était attendue")
        }
        var title = name
        var rules: [Profile: Strategy.ProfileRule] = [:]
        for (key, value) in top {
            switch try reader.key(key) {
            case "title":
                title = try reader.scalar(value, "un titre")
            case "profiles":
                guard let profiles = value.mapping else { throw reader.invalid(value, "une table profil → canaux était attendue") }
                for (profileKey, rule) in profiles {
                    let label = try reader.key(profileKey)
                    guard let profile = Profile(parsing: label) else {
                        throw reader.invalid(profileKey, "profil « \(label) » inconnu ; attendu : \(Profile.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    rules[profile] = try reader.rule(rule, for: profile)
                }
            default:
                throw reader.invalid(key, "clé « \(key.string ?? "") » inconnue ; attendu : title, profiles")
            }
        }
        guard !rules.isEmpty else { throw reader.invalid(root, "« profiles » manque ou est vide") }
        return Strategy(name: name, title: title, rules: rules)
    }

    private struct Reader {
        let file: String

        func invalid(_ node: Node?, _ message: String) -> YAMLFileError {
            .invalid(file: file, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1, message: message)
        }

        func key(_ node: Node) throws -> String {
            guard let text = node.string else { throw invalid(node, "une clé texte était attendue") }
            return text
        }

        func scalar(_ node: Node, _ what: String) throws -> String {
            guard let text = node.string, node.scalar != nil else { throw invalid(node, "\(what) était attendu") }
            return text
        }

        func rule(_ node: Node, for profile: Profile) throws -> Strategy.ProfileRule {
            if let mapping = node.mapping {
                guard mapping.count == 1, let (key, reason) = mapping.first, key.string == "excluded" else {
                    throw invalid(node, "une liste de canaux ou « excluded: raison » était attendue")
                }
                return .excluded(reason: try scalar(reason, "la raison de l’exclusion"))
            }
            guard let list = node.sequence else {
                throw invalid(node, "une liste de canaux ou « excluded: raison » était attendue")
            }
            guard !list.isEmpty else { throw invalid(node, "la liste des canaux est vide") }
            return .channels(try list.map { try step($0, for: profile) })
        }

        func step(_ node: Node, for profile: Profile) throws -> ChannelStep {
            if node.scalar != nil { return ChannelStep(try channel(node, for: profile)) }
            guard let mapping = node.mapping else { throw invalid(node, "un canal était attendu") }
            var channelNode: Node?
            var conditions: [Condition] = []
            var also: [Channel] = []
            for (key, value) in mapping {
                switch try self.key(key) {
                case "channel": channelNode = value
                case "if": conditions = try self.conditions(value)
                case "also":
                    let nodes = value.sequence.map(Array.init) ?? [value]
                    also = try nodes.map { try channel($0, for: profile) }
                default:
                    throw invalid(key, "clé « \(key.string ?? "") » inconnue ; attendu : channel, if, also")
                }
            }
            guard let channelNode else { throw invalid(node, "« channel » manque") }
            return ChannelStep(try channel(channelNode, for: profile), when: conditions, also: also)
        }

        func channel(_ node: Node, for profile: Profile) throws -> Channel {
            let name = try scalar(node, "un canal")
            guard let channel = Channel(rawValue: name) else {
                throw invalid(node, "canal « \(name) » inconnu ; canaux : \(Channel.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard channel.applies(to: profile) else {
                throw invalid(node, "le canal « \(name) » (\(channel.frenchName)) ne s’applique pas aux \(profile.frenchPlural.lowercased())")
            }
            return channel
        }

        func conditions(_ node: Node) throws -> [Condition] {
            let nodes = node.sequence.map(Array.init) ?? [node]
            return try nodes.map { item in
                if let mapping = item.mapping {
                    guard mapping.count == 1, let (key, value) = mapping.first, key.string == "classes" else {
                        throw invalid(item, "condition inconnue ; attendu : \(Condition.keywords.keys.sorted().joined(separator: ", ")) ou classes: [...]")
                    }
                    let names = try (value.sequence.map(Array.init) ?? [value]).map { try scalar($0, "un nom de classe") }
                    guard !names.isEmpty else { throw invalid(value, "la liste des classes est vide") }
                    return .classes(names)
                }
                let word = try scalar(item, "une condition")
                guard let condition = Condition.keywords[word] else {
                    throw invalid(item, "condition « \(word) » inconnue ; attendu : \(Condition.keywords.keys.sorted().joined(separator: ", ")) ou classes: [...]")
                }
                return condition
            }
        }
    }
}

/// When to choose a strategy, as its file's header comment says: a sentence, the points it
/// lists, and what follows the list.
public struct StrategyExplanation: Sendable, Equatable {
    public var text = ""
    public var points: [String] = []
    public var conclusion = ""
}
