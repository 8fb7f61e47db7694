import SesameCore

/// The problems every reader reports the same way about one cell.
enum CellProblems {
    /// Where a file comes from, for what to say of a name it damaged.
    enum Source {
        /// An ENT export: UTF-8 as the ENT writes it, so a lost letter is a spreadsheet's doing.
        case ent
        /// An ONDE extraction, in the given encoding: ISO-8859-1 is ONDE's own, which has no
        /// "ễ" nor "œ"; any other means the file went through a spreadsheet.
        case onde(TextEncoding)
    }

    /// A name that lost letters to a legacy encoding ("Nguy?n"), or nil for a sound one.
    /// `label` is made only for a damaged name: a million-row export has four names a row.
    static func damagedName(
        _ value: String, file: String, line: Int, column: Int, label: @autoclosure () -> String, source: Source
    ) -> ImportProblem? {
        guard NameKey.isDamaged(value) else { return nil }
        return damaged(value, file: file, line: line, column: column, label: label(), source: source)
    }

    /// The same for the name cells of one row, a name once with all its cells: ONDE repeats
    /// a family name in several columns (usage and birth name, the parent's and the child's).
    /// `label` tells the cell at an index of `cells`.
    static func damagedNames(
        _ cells: [(value: String, column: Int)], file: String, line: Int, label: (Int) -> String, source: Source
    ) -> [ImportProblem] {
        var found: [String: [Int]] = [:], order: [String] = []
        for (index, cell) in cells.enumerated() where NameKey.isDamaged(cell.value) {
            if found[cell.value] == nil { order.append(cell.value) }
            found[cell.value, default: []].append(index)
        }
        return order.map { value in
            let indices = found[value]!
            let labels = indices.map(label)
            let joined = labels.count == 1 ? labels[0] : labels.dropLast().joined(separator: ", ") + " et " + labels.last!
            return damaged(value, file: file, line: line, column: cells[indices[0]].column, label: joined, source: source)
        }
    }

    /// A row's postal address, from its street, postcode and town cells, or nil (said, when
    /// only some are given). `abroad`: the country ONDE gives for a family outside France,
    /// added to the town. A French postcode a spreadsheet read as a number ("1000" for
    /// "01000") gets its zero back, and it is said: a family abroad (Brussels is 1000) is the
    /// director's to mend. A street or town that lost letters ("place de l?Église") is kept,
    /// and would be printed so on an envelope: it is said, where to mend it.
    static func address<Column: KnownColumn>(
        _ street: Column, _ postcode: Column, _ city: Column, abroad: String?, in f: [String], columns: HeaderMap<Column>,
        file: String, line: Int, encoding: TextEncoding, problems: inout [ImportProblem]
    ) -> PostalAddress? {
        let parts = [street, postcode, city].map { columns.value($0, in: f) }
        guard let streetText = parts[0], var code = parts[1], let town = parts[2] else {
            if parts.contains(where: { $0 != nil }) {
                problems.append(ImportProblem(
                    kind: .missingValue, file: file, line: line,
                    message: "adresse incomplète (adresse, code postal et commune sont attendus) ; adresse ignorée"))
            }
            return nil
        }
        if abroad == nil, let mended = PostalAddress.frenchPostcodeMissingItsZero(code) {
            problems.append(ImportProblem(
                kind: .damagedAddress, file: file, line: line, column: columns.number(postcode),
                message: "\(columns.describe(postcode)) : « \(code) » a perdu son zéro (un tableur l’a lu comme un nombre) : lu « \(mended) » ; si l’adresse est à l’étranger, corrigez le fichier"))
            code = mended
        }
        if let (column, value) = [(street, streetText), (city, town)].first(where: { NameKey.isDamaged($0.1) }) {
            let lost = lostLetters(value)
            let why = encoding == .isoLatin1
                ? "ONDE écrit ses extractions en ISO-8859-1, qui n’a pas \(lost > 1 ? "ces lettres" : "cette lettre")"
                : "le fichier a été enregistré par un tableur dans un encodage qui n’avait pas \(lost > 1 ? "ces lettres" : "cette lettre")"
            problems.append(ImportProblem(
                kind: .damagedAddress, file: file, line: line, column: columns.number(column),
                message: "\(columns.describe(column)) : « \(value) » a perdu \(lost > 1 ? "des lettres" : "une lettre") (« ? ») : \(why) ; "
                    + "l’adresse est enregistrée telle quelle et serait imprimée ainsi sur une enveloppe : corrigez-la dans le fichier, enregistré en UTF-8, puis importez-le à nouveau."))
        }
        return PostalAddress(street: streetText, postcode: code, city: abroad.map { "\(town), \($0.uppercased())" } ?? town)
    }

    private static func lostLetters(_ value: String) -> Int {
        value.unicodeScalars.count { $0 == "?" || $0 == "\u{FFFD}" }
    }

    private static func damaged(_ value: String, file: String, line: Int, column: Int, label: String, source: Source) -> ImportProblem {
        let lost = lostLetters(value)
        let letters = lost > 1 ? "ces lettres" : "cette lettre"
        let why = switch source {
        case .onde(.isoLatin1):
            "ONDE écrit ses extractions en ISO-8859-1, qui n’a pas \(letters) ; ce nom n’est rapproché que s’il ne désigne qu’une personne"
        case .onde:
            "le fichier a été enregistré par un tableur dans un encodage qui n’avait pas \(letters) ; ce nom n’est rapproché que s’il ne désigne qu’une personne. Importez l’extraction d’ONDE sans l’ouvrir dans un tableur"
        case .ent:
            "le fichier a été enregistré par un tableur dans un encodage qui n’avait pas \(letters) ; ce nom ne suffit pas à établir un lien. Exportez à nouveau le fichier depuis l’ENT et importez-le sans l’ouvrir dans un tableur"
        }
        return ImportProblem(
            kind: .damagedName, file: file, line: line, column: column,
            message: "\(label) : « \(value) » a perdu \(lost > 1 ? "des lettres" : "une lettre") (« ? ») : \(why).")
    }

    /// The email of a cell, or nil with a problem when it is not one ("à demander").
    static func email(
        _ raw: String?, file: String, line: Int, column: Int, label: @autoclosure () -> String, problems: inout [ImportProblem]
    ) -> EmailAddress? {
        guard let raw else { return nil }
        let email = EmailAddress(raw)
        if email == nil {
            problems.append(ImportProblem(
                kind: .invalidEmail, file: file, line: line, column: column,
                message: "\(label()) : « \(raw) » n’est pas une adresse valide ; ignorée"))
        }
        return email
    }
}
