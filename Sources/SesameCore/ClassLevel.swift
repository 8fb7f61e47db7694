/// The level of a French primary-school class, in school order.
///
/// Class names are free text in the ENT ("CP A", "CM1-CM2", "CM1 Mme Roux", "PS de Carole"):
/// the level is the first known level word found in the name; a multi-level class
/// ("MS-GS") counts as its youngest level.
public enum ClassLevel: Int, Sendable, Hashable, CaseIterable, Comparable {
    case tps, ps, ms, gs, cp, ce1, ce2, cm1, cm2

    public var label: String {
        switch self {
        case .tps: "TPS"
        case .ps: "PS"
        case .ms: "MS"
        case .gs: "GS"
        case .cp: "CP"
        case .ce1: "CE1"
        case .ce2: "CE2"
        case .cm1: "CM1"
        case .cm2: "CM2"
        }
    }

    /// The youngest level named in a class name, or nil when it names none (ULIS, UPE2A…).
    public static func youngest(in className: String) -> ClassLevel? {
        var best: ClassLevel?
        for word in className.uppercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
            guard let level = allCases.first(where: { $0.label == word }) else { continue }
            if best == nil || level < best! { best = level }
        }
        return best
    }

    public static func < (lhs: ClassLevel, rhs: ClassLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    /// A key that sorts class names by level, youngest first, then by name;
    /// classes without a known level come last.
    public static func sortKey(forClass className: String) -> String {
        let rank = youngest(in: className).map { String(format2: $0.rawValue) } ?? "99"
        return rank + "|" + NameKey.sortable(className)
    }

    /// The sort key of someone in several classes: their first class in school order,
    /// or a key after every class when they are in none.
    public static func sortKey(forClasses classNames: [String]) -> String {
        classNames.map(sortKey(forClass:)).min() ?? "~"
    }
}

extension String {
    /// Two-digit zero-padded decimal, without Foundation's locale-dependent formatting.
    init(format2 value: Int) {
        self = value < 10 ? "0\(value)" : "\(value)"
    }
}
