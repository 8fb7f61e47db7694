/// A syntactically valid email address, lower-cased.
///
/// The check is deliberately practical rather than RFC 5322-complete: it accepts what
/// parents type in a form ("Prenom.NOM@Orange.fr") and rejects what cannot be delivered
/// ("à demander", "jean@", addresses with spaces or control characters). It works on
/// bytes: the import checks every address of a million-account export.
public struct EmailAddress: Sendable, Hashable, Codable, CustomStringConvertible {
    public let value: String

    public init?(_ raw: String) {
        var bytes = Array(TextNormalization.trimmed(raw).utf8)
        guard bytes.count <= 254, let at = bytes.firstIndex(of: UInt8(ascii: "@")) else { return nil }
        let local = bytes[..<at], domain = bytes[(at + 1)...]
        guard !local.isEmpty, local.count <= 64, local.first != dot, local.last != dot,
              local.allSatisfy(Self.isLocalByte), !Self.hasDoubleDot(local)
        else { return nil }
        let labels = domain.split(separator: dot, omittingEmptySubsequences: false)
        guard labels.count >= 2,
              labels.allSatisfy({ label in
                  !label.isEmpty && label.count <= 63 && label.first != hyphen && label.last != hyphen
                      && label.allSatisfy { Self.isAlphanumeric($0) || $0 == hyphen }
              }),
              let tld = labels.last, tld.count >= 2, tld.allSatisfy(Self.isLetter)
        else { return nil }
        for i in bytes.indices where (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(bytes[i]) { bytes[i] += 32 }
        value = String(decoding: bytes, as: UTF8.self)
    }

    /// An address the store validated when it imported it.
    public init(stored value: String) {
        self.value = value
    }

    public var description: String { value }

    private static func isLetter(_ b: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(b)
    }

    private static func isAlphanumeric(_ b: UInt8) -> Bool {
        isLetter(b) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b)
    }

    private static func isLocalByte(_ b: UInt8) -> Bool {
        isAlphanumeric(b) || localPunctuation.contains(b)
    }

    private static func hasDoubleDot(_ part: ArraySlice<UInt8>) -> Bool {
        zip(part, part.dropFirst()).contains { $0 == dot && $1 == dot }
    }

    private static let localPunctuation = Set("!#$%&'*+/=?^_`{|}~.-".utf8)
}

private let dot = UInt8(ascii: ".")
private let hyphen = UInt8(ascii: "-")
