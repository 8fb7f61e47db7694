import Foundation
import SesameCore
import SesameImport
import SesameStore

/// The files of one import: the ENT's export, ONDE's extractions, any of them.
public struct ImportFiles: Sendable {
    public var export: URL?
    public var addresses: URL?
    public var pupils: URL?
    /// The school of an export that does not name it (a class's export), or of the pupils'
    /// extraction; else the store's only school.
    public var school: String?

    public init(export: URL? = nil, addresses: URL? = nil, pupils: URL? = nil, school: String? = nil) {
        self.export = export
        self.addresses = addresses
        self.pupils = pupils
        self.school = school
    }
}

extension Season {
    /// Reads the files and imports them in one transaction, with what a newer export means for
    /// the letters already out (activated accounts close their letters, new codes flag them).
    ///
    /// Throws the first unreadable file's error, with its line and column; nothing is written
    /// then. Writes the accounts, links, addresses and pupils, and the import's summary.
    public func importFiles(_ files: ImportFiles, now: Date = Date()) throws -> ImportSummary {
        let export = try files.export.map { try readExport($0, school: files.school) }
        let addresses = try files.addresses.map { url in
            let data = try FileLoading.load(url)
            return try AddressFileReader(data: data, fileName: url.lastPathComponent).input(data: data)
        }
        let pupils = try files.pupils.map { url in
            let data = try FileLoading.load(url)
            return try PupilFileReader(data: data, fileName: url.lastPathComponent).input(data: data, school: files.school)
        }
        return try store.importFiles(export: export, addresses: addresses, pupils: pupils, now: now)
    }

    /// An export, with the school of its accounts when the file does not say it.
    private func readExport(_ url: URL, school: String?) throws -> ExportInput {
        let data = try FileLoading.load(url)
        let reader = try ENTExportReader(data: data, fileName: url.lastPathComponent)
        if reader.hasSchoolColumn {
            if school != nil { throw SeasonError.schoolAlreadyInFile(file: reader.fileName) }
            return reader.input(data: data, defaultSchool: nil)
        }
        if let school { return reader.input(data: data, defaultSchool: (try? store.resolveSchool(school)) ?? school) }
        let known = try store.schools()
        guard known.count == 1 else { throw StoreError.schoolRequired(known: known.map(\.name)) }
        return reader.input(data: data, defaultSchool: known[0].name)
    }
}
