import Foundation
import Mustache
import SesameCore

/// A template that cannot be used, with where and why.
public enum TemplateError: UserFacingError, Equatable {
    case invalid(file: String, line: Int, column: Int, message: String)
    case missing(file: String, folder: String)

    public var userMessage: String {
        switch self {
        case let .invalid(file, line, column, message): "\(file), ligne \(line), colonne \(column) : \(message)"
        case let .missing(file, folder): "modèle \(file) introuvable dans \(folder)"
        }
    }
}

/// The wording of documents and emails: the templates of `Reports/` (or of a school's own copy).
///
/// A template is a Mustache file cut into blocks by lines `## name`; the layout (or the
/// message) decides where each block goes, the template what it says. Every template is
/// read and checked when the set is loaded, before anything is written: a broken one is
/// reported with its file, line and column.
public struct TemplateSet: Sendable {
    public let folder: URL
    private let files: [String: BlockTemplate]

    /// Loads `templates`: file names, each with the blocks it must have (none: one whole template).
    public init(folder: URL, templates: [String: [String]]) throws {
        self.folder = folder
        var files: [String: BlockTemplate] = [:]
        for (name, blocks) in templates {
            let url = folder.appendingPathComponent(name)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw TemplateError.missing(file: name, folder: folder.path)
            }
            files[name] = try BlockTemplate(text, file: url.path, blocks: blocks)
        }
        self.files = files
    }

    /// The rendered blocks of a template, by name.
    public func render(_ file: String, _ context: [String: Any]) -> [String: String] {
        files[file]?.render(context) ?? [:]
    }

    /// The rendered blocks of a template, those that name none of the `personal` keys taken
    /// from `reused` when it holds them for the same sections (the context's `true` values):
    /// a packet's letters share their school, date and ENT, and most blocks (the header, the
    /// steps, the footer) read the same for every letter of a profile.
    public func render(_ file: String, _ context: [String: Any], personal: Set<String>, reusing reused: inout ReusedBlocks) -> [String: String] {
        guard let template = files[file] else { return [:] }
        let sections = ([file] + context.compactMap { ($0.value as? Bool) == true ? $0.key : nil }.sorted()).joined(separator: " ")
        let isPersonal = { (names: Set<String>) in names.contains("*") || !names.isDisjoint(with: personal) }
        if reused.blocks[sections] == nil { reused.blocks[sections] = template.render(context) { !isPersonal($0) } }
        return reused.blocks[sections]!.merging(template.render(context, only: isPersonal)) { _, own in own }
    }

    /// The line of a file where a block's text starts, for messages about it.
    public func line(ofBlock block: String, in file: String) -> Int {
        files[file]?.firstLines[block] ?? 1
    }

    /// A whole template without blocks (index.html).
    public func renderWhole(_ file: String, _ context: [String: Any]) -> String {
        files[file]?.render(context)[""] ?? ""
    }
}

/// Blocks rendered for one set of shared values (a packet's school, date, ENT), by template
/// and sections.
public struct ReusedBlocks {
    fileprivate var blocks: [String: [String: String]] = [:]

    public init() {}
}

/// One template file, cut into named blocks.
struct BlockTemplate: Sendable {
    private var blocks: [(name: String, template: MustacheTemplate, names: Set<String>)] = []
    /// Where each block's text starts in its file.
    private(set) var firstLines: [String: Int] = [:]

    /// `blocks` empty: the whole file is one template.
    init(_ text: String, file: String, blocks expected: [String]) throws {
        var current: (name: String, firstLine: Int, lines: [Substring])?
        var parts: [(name: String, firstLine: Int, text: String)] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if expected.isEmpty {
            parts = [("", 1, text)]
        } else {
            var preamble: [Substring] = []
            for (index, line) in lines.enumerated() {
                if line.hasPrefix("## ") {
                    if let block = current { parts.append((block.name, block.firstLine, block.lines.joined(separator: "\n"))) }
                    let name = line.dropFirst(3).trimmingCharacters(in: .whitespaces)
                    guard expected.contains(name) else {
                        throw TemplateError.invalid(
                            file: file, line: index + 1, column: 4,
                            message: "bloc « \(name) » inconnu ; blocs attendus : \(expected.joined(separator: ", "))")
                    }
                    current = (name, index + 2, [])
                } else if current != nil {
                    current!.lines.append(line)
                } else {
                    preamble.append(line)
                }
            }
            if let block = current { parts.append((block.name, block.firstLine, block.lines.joined(separator: "\n"))) }
            // Before the first block only a Mustache comment may stand (the template's notice).
            if let stray = Self.firstText(preamble.joined(separator: "\n")) {
                throw TemplateError.invalid(
                    file: file, line: stray, column: 1, message: "texte hors bloc ; chaque bloc commence par « ## nom »")
            }
            let missing = expected.filter { name in !parts.contains { $0.name == name } }
            guard missing.isEmpty else {
                throw TemplateError.invalid(file: file, line: lines.count, column: 1, message: "bloc(s) manquant(s) : \(missing.joined(separator: ", "))")
            }
        }
        for part in parts {
            firstLines[part.name] = part.firstLine
            do {
                blocks.append((part.name, try MustacheTemplate(string: part.text), Self.names(in: part.text)))
            } catch let error as MustacheTemplate.ParserError {
                throw TemplateError.invalid(
                    file: file, line: part.firstLine + error.context.lineNumber - 1, column: error.context.columnNumber,
                    message: "modèle illisible (\(Self.describe(error.error))) : « \(error.context.line.trimmingCharacters(in: .whitespaces)) »")
            }
        }
    }

    /// `only`: the blocks to render, by the names their tags use.
    func render(_ context: [String: Any], only: (Set<String>) -> Bool = { _ in true }) -> [String: String] {
        var out: [String: String] = [:]
        for block in blocks where only(block.names) {
            out[block.name] = Self.trimmingLineEnds(block.template.render(context))
        }
        return out
    }

    /// Every word of every tag of a Mustache text (`compte.nom` gives `compte` and `nom`,
    /// `uppercased(ecole.nom)` three words); `*` for a tag that could read anything (the
    /// implicit `{{.}}`, a change of delimiters).
    static func names(in text: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            guard let close = rest.range(of: "}}", range: open.upperBound..<rest.endIndex) else { break }
            let tag = rest[open.upperBound..<close.lowerBound]
            rest = rest[close.upperBound...]
            if tag.hasPrefix("!") { continue }
            let words = tag.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init)
            if tag.hasPrefix("=") || words.isEmpty { names.insert("*") }
            names.formUnion(words)
        }
        return names
    }

    /// Without the blank lines the block's own lines leave around it (Foundation's trimming
    /// was most of the cost of rendering an email).
    static func trimmingLineEnds(_ text: String) -> String {
        let bytes = text.utf8
        let isLineEnd = { (byte: UInt8) in byte == 10 || byte == 13 }
        guard let first = bytes.firstIndex(where: { !isLineEnd($0) }), let last = bytes.lastIndex(where: { !isLineEnd($0) }) else { return "" }
        if first == bytes.startIndex && bytes.index(after: last) == bytes.endIndex { return text }
        return String(text[first...last])
    }

    /// The line of the first text that is not a Mustache comment, if any.
    private static func firstText(_ text: String) -> Int? {
        var inComment = false
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = Substring(line)
            while !rest.isEmpty {
                if inComment {
                    guard let end = rest.range(of: "}}") else { rest = ""; break }
                    rest = rest[end.upperBound...]
                    inComment = false
                } else if let start = rest.range(of: "{{!") {
                    if !rest[..<start.lowerBound].trimmingCharacters(in: .whitespaces).isEmpty { return index + 1 }
                    rest = rest[start.upperBound...]
                    inComment = true
                } else {
                    if !rest.trimmingCharacters(in: .whitespaces).isEmpty { return index + 1 }
                    rest = ""
                }
            }
        }
        return nil
    }

    private static func describe(_ error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect: "la section fermée n’est pas celle qui est ouverte"
        case .unfinishedName: "balise mal fermée"
        case .expectedSectionEnd: "section jamais fermée"
        case .invalidSetDelimiter: "changement de délimiteurs invalide"
        default: "\(error)"
        }
    }
}
