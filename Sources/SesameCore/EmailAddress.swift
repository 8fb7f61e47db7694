import Foundation

/// A syntactically valid email address, lower-cased.
///
/// The check is deliberately practical rather than RFC 5322-complete: it accepts what
/// parents type in a form ("Prenom.NOM@Orange.fr") and rejects what cannot be delivered
/// ("à demander", "jean@", addresses with spaces or control characters).
public struct EmailAddress: Sendable, Hashable, Codable, CustomStringConvertible {
    public let value: String

    public init?(_ raw: String) {
        let text = raw.trimmingCharacters(in: .whitespaces).lowercased()
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last,
              !local.isEmpty, local.utf8.count <= 64, text.utf8.count <= 254,
              local.unicodeScalars.allSatisfy(Self.isLocalCharacter),
              !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..")
        else { return nil }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2,
              labels.allSatisfy({ label in
                  !label.isEmpty && label.utf8.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                      && label.unicodeScalars.allSatisfy { $0.isASCIIAlphanumeric || $0 == "-" }
              }),
              let tld = labels.last, tld.count >= 2, tld.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic })
        else { return nil }
        value = text
    }

    public var description: String { value }

    private static func isLocalCharacter(_ s: Unicode.Scalar) -> Bool {
        s.isASCIIAlphanumeric || "!#$%&'*+/=?^_`{|}~.-".unicodeScalars.contains(s)
    }
}

extension Unicode.Scalar {
    var isASCIIAlphanumeric: Bool {
        ("a"..."z").contains(self) || ("A"..."Z").contains(self) || ("0"..."9").contains(self)
    }
}
