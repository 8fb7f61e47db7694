import Foundation
import HTTPTypes
import Hummingbird
import MultipartKit

/// A file sent with a form, as the browser named it.
struct Upload: Sendable {
    var fileName: String
    var data: Data
}

/// A posted `multipart/form-data` form (the import's files): its text fields and its files,
/// the whole body at most `limit` bytes.
enum UploadedForm {
    /// The largest body taken: a school's files are a few megabytes; an académie's export goes through `sesame import`.
    static let limit = 32 * 1024 * 1024

    static func parse(_ request: Request, contentType: String) async throws -> (fields: [String: String], files: [String: Upload]) {
        guard let boundary = contentType.split(separator: ";").lazy.map({ $0.trimmingCharacters(in: .whitespaces) })
            .first(where: { $0.hasPrefix("boundary=") })?.dropFirst(9).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) else {
            throw HTTPError(.badRequest)
        }
        let buffer = try await request.body.collect(upTo: limit)
        var fields: [String: String] = [:], files: [String: Upload] = [:]
        var disposition = "", data = Data()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in
            if name.lowercased() == "content-disposition" { disposition = value }
        }
        parser.onBody = { chunk in data.append(contentsOf: chunk.readableBytesView) }
        parser.onPartComplete = {
            let parameters = Self.parameters(disposition)
            if let name = parameters["name"] {
                if let fileName = parameters["filename"] {
                    if !fileName.isEmpty || !data.isEmpty { files[name] = Upload(fileName: Self.baseName(fileName), data: data) }
                } else {
                    fields[name] = String(decoding: data, as: UTF8.self)
                }
            }
            (disposition, data) = ("", Data())
        }
        try parser.execute(buffer)
        return (fields, files)
    }

    /// `form-data; name="export"; filename="export.csv"` → its parameters.
    static func parameters(_ header: String) -> [String: String] {
        var found: [String: String] = [:]
        for part in header.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            found[pair[0].lowercased()] = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return found
    }

    /// A browser may send a path ("C:\\Users\\…\\export.csv"): only the file's own name is kept.
    static func baseName(_ name: String) -> String {
        let base = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        return base.isEmpty ? "fichier.csv" : base
    }
}
