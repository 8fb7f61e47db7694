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
    ///
    /// `dryRun`: the same report, with nothing written (what the web page shows before the
    /// import is confirmed).
    public func importFiles(_ files: ImportFiles, dryRun: Bool = false, now: Date = Date()) throws -> ImportSummary {
        try importFiles(files, dryRun: dryRun, schoolForExportWithout: false, now: now)
    }

    /// `schoolForExportWithout`: `files.school` is the export's only when the file does not
    /// name each account's (else it is refused), and always the pupils extraction's.
    private func importFiles(_ files: ImportFiles, dryRun: Bool, schoolForExportWithout: Bool, now: Date) throws -> ImportSummary {
        // The families' and pupils' files are matched to the export's accounts: alone on an
        // empty store they would match nothing.
        if files.export == nil, try store.schools().isEmpty { throw SeasonError.nothingImported }
        let export = try files.export.map { try readExport($0, school: files.school, onlyIfMissing: schoolForExportWithout) }
        let addresses = try files.addresses.map { url in
            let data = try FileLoading.load(url)
            return try AddressFileReader(data: data, fileName: url.lastPathComponent).input(data: data)
        }
        let pupils = try files.pupils.map { url in
            let data = try FileLoading.load(url)
            return try PupilFileReader(data: data, fileName: url.lastPathComponent).input(data: data, school: files.school)
        }
        return try store.importFiles(export: export, addresses: addresses, pupils: pupils, dryRun: dryRun, now: now)
    }

    /// Imports files for a director, from the web pages: their school's accounts only. The
    /// files are read and imported as a dry run first; a file naming another school's
    /// accounts is refused before anything is written. Throws `forbidden` for anyone but a
    /// director, `otherSchoolsInFile` for such a file, and what `importFiles` throws.
    public func importFiles(_ files: ImportFiles, by person: WebPerson, dryRun: Bool, now: Date = Date()) throws -> ImportSummary {
        guard let school = person.directedSchool else { throw SeasonError.forbidden }
        var files = files
        files.school = school
        let preview = try importFiles(files, dryRun: true, schoolForExportWithout: true, now: now)
        let others = preview.schools.filter { NameKey.exact($0) != NameKey.exact(school) }
        guard others.isEmpty else { throw SeasonError.otherSchoolsInFile(file: preview.file ?? "", schools: others) }
        return dryRun ? preview : try importFiles(files, dryRun: false, schoolForExportWithout: true, now: now)
    }

    /// An export, with the school of its accounts when the file does not say it.
    private func readExport(_ url: URL, school: String?, onlyIfMissing: Bool) throws -> ExportInput {
        let data = try FileLoading.load(url)
        let reader = try ENTExportReader(data: data, fileName: url.lastPathComponent)
        if reader.hasSchoolColumn {
            if school != nil && !onlyIfMissing { throw SeasonError.schoolAlreadyInFile(file: reader.fileName) }
            return reader.input(defaultSchool: nil)
        }
        if let school { return reader.input(defaultSchool: (try? store.resolveSchool(school)) ?? school) }
        let known = try store.schools()
        guard known.count == 1 else { throw StoreError.schoolRequired(known: known.map(\.name)) }
        return reader.input(defaultSchool: known[0].name)
    }
}
