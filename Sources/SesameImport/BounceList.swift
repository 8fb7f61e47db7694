import Foundation
import SesameCore

/// The addresses of emails bounced late, as a director gathers them: a text file, one per
/// line, or pasted from the bounce messages (`<adresse>`, "adresse : …", separated by
/// spaces, commas or semicolons). Every valid address found is kept, once, in order.
public enum BounceList {
    public static func read(_ url: URL) throws -> [String] {
        let (bytes, _) = try TextDecoding.decode(try FileLoading.load(url), file: url.lastPathComponent)
        var seen = Set<String>()
        return String(decoding: bytes, as: UTF8.self)
            .split(whereSeparator: { " \t\r\n,;<>()[]\"'".contains($0) })
            .compactMap { EmailAddress(String($0.hasSuffix(".") ? $0.dropLast() : $0))?.value }
            .filter { seen.insert($0.lowercased()).inserted }
    }
}
