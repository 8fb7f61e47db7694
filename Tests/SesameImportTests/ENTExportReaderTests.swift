import Foundation
import SesameCore
import SesameFixtures
import Testing
@testable import SesameImport

extension AddressFileReader {
    /// Every record at once, and the problems.
    fileprivate func readAll() throws -> (records: [AddressRecord], problems: [ImportProblem]) {
        var records: [AddressRecord] = []
        let problems = try forEachRecord { records.append($0) }
        return (records, problems)
    }
}

func readAll(_ reader: ENTExportReader, school: String? = nil) throws -> (records: [ExportRecord], problems: [ImportProblem]) {
    var records: [ExportRecord] = [], problems: [ImportProblem] = []
    try reader.read(defaultSchool: school) { item in
        switch item {
        case .record(let r): records.append(r)
        case .problem(let p): problems.append(p)
        }
    }
    return (records, problems)
}

private let header = "\u{FEFF}\"Id\";\"Identifiant SIECLE\";\"Type\";\"Nom\";\"Prénom\";\"Identifiant\";\"Login personnalisé (Alias)\";\"Code d'activation\";\"Fonctions\";\"Établissements\";\"Classes\";\"Enfants\";\"Parents\";\"Dernière connexion\";\"Courriel\";\"Téléphone\"\n"

private func export(_ rows: [String]) throws -> ENTExportReader {
    try ENTExportReader(data: Data((header + rows.joined(separator: "\n")).utf8), fileName: "export.csv")
}

@Suite struct ENTExportReaderTests {
    @Test func readsAFullExportRow() throws {
        let reader = try export([
            "\"id-1\";\"\";\"Parent\";\"Ben Salah\";\"Zoé\";\"zoe.bensalah\";\"zbensalah\";\"b2tk464g\";\"\";\"École Les Tilleuls\";\"CE1, CE1-CE2\";\"Sofia Ben Salah, Lucas Da Silva\";\"\";\"2026-11-09T14:12:00.000+01:00\";\"Zoe.BenSalah@Orange.fr\";\"0601020304\"",
        ])
        #expect(reader.encoding == .utf8BOM)
        #expect(reader.hasSchoolColumn && reader.hasRelativeColumns && reader.hasIDColumn && !reader.hasCreationDate)
        let (records, problems) = try readAll(reader)
        #expect(problems.isEmpty)
        let r = try #require(records.first)
        #expect(r.entKey == "id-1")
        #expect(r.profile == .parent)
        #expect(r.printedLogin == "zbensalah")
        #expect(r.login == "zoe.bensalah")
        #expect(r.activationCode == "b2tk464g")
        #expect(r.schools == ["École Les Tilleuls"])
        #expect(r.classes == ["CE1", "CE1-CE2"])
        #expect(r.childrenNames == ["Sofia Ben Salah", "Lucas Da Silva"])
        #expect(r.email?.value == "zoe.bensalah@orange.fr")
        #expect(r.lastLogin == SchoolCalendar.parse("2026-11-09T13:12:00Z"))
        #expect(r.line == 2)
    }

    @Test func aliasEqualToTheLoginIsNoAlias() throws {
        let (records, _) = try readAll(try export([
            "\"i\";\"\";\"Élève\";\"Durand\";\"Léa\";\"lea.durand\";\"lea.durand\";\"pzqcceg9\";\"\";\"E\";\"CM2\";\"\";\"\";\"\";\"\";\"\"",
        ]))
        #expect(records[0].alias == nil)
        #expect(records[0].isLocalAdmin == false)
    }

    @Test func localAdministratorsAreRecognised() throws {
        let (records, _) = try readAll(try export([
            "\"i\";\"\";\"Enseignant\";\"Roux\";\"Alice\";\"alice.roux\";\"\";\"\";\"ADMIN_LOCAL\";\"E\";\"CP\";\"\";\"\";\"\";\"\";\"\"",
            "\"j\";\"\";\"Personnel\";\"Roux\";\"Bob\";\"bob.roux\";\"\";\"\";\"Administrateur local\";\"E\";\"\";\"\";\"\";\"\";\"\";\"\"",
        ]))
        #expect(records.map(\.isLocalAdmin) == [true, true])
    }

    @Test func rowsThatCannotBeUsedAreReportedAndSkipped() throws {
        let (records, problems) = try readAll(try export([
            "\"a\";\"\";\"Tuteur\";\"Roux\";\"Léa\";\"lea.roux\";\"\";\"\";\"\";\"E\";\"\";\"\";\"\";\"\";\"\";\"\"",
            "\"b\";\"\";\"Élève\";\"\";\"Léa\";\"lea.x\";\"\";\"\";\"\";\"E\";\"\";\"\";\"\";\"\";\"\";\"\"",
            "\"c\";\"\";\"Élève\";\"Roux\";\"Léo\";\"leo.roux\";\"\";\"\";\"\";\"E\";\"\";\"\";\"\";\"hier\";\"à demander\";\"\"",
        ]))
        #expect(records.map(\.login) == ["leo.roux"])
        #expect(records[0].email == nil)
        #expect(problems.map(\.kind) == [.unknownProfile, .missingValue, .invalidEmail, .invalidValue])
        #expect(problems.map(\.line) == [2, 3, 4, 4])
        #expect(problems[0].message.contains("« Tuteur »"))
        #expect(problems[0].message.contains("colonne 3"))
        #expect(problems[2].message.contains("colonne 15 « Courriel »"))
    }

    @Test func theClassLevelExportIsRecognisedByItsHeaders() throws {
        let text = "\"Type\";\"Nom\";\"Prénom\";\"Login\";\"Alias de login\";\"Code d'activation\"\n\"Élève\";\"Roux\";\"Léa\";\"lea.roux\";\"lroux\";\"abcd3456\"\n"
        let reader = try ENTExportReader(data: Data(text.utf8), fileName: "classe.csv")
        #expect(!reader.hasSchoolColumn && !reader.hasIDColumn && !reader.hasRelativeColumns)
        let (records, problems) = try readAll(reader, school: "École A")
        #expect(problems.isEmpty)
        #expect(records[0].entKey == "lea.roux")
        #expect(records[0].printedLogin == "lroux")
        #expect(records[0].schools == ["École A"])
    }

    @Test func withoutASchoolColumnOrDefaultRowsAreReported() throws {
        let text = "Type;Nom;Prénom;Login;Code d'activation\nÉlève;Roux;Léa;lea.roux;\n"
        let (records, problems) = try readAll(try ENTExportReader(data: Data(text.utf8), fileName: "c.csv"))
        #expect(records.isEmpty)
        #expect(problems.map(\.kind) == [.missingValue])
    }

    @Test func olderExportsCarryACreationDateAndEnglishProfiles() throws {
        let text = "Id;Type;Nom;Prénom;Identifiant;Code d'activation;Établissements;Date de création\nx;Relative;Roux;Léa;lea.roux;abc;E;15/08/2026\n"
        let reader = try ENTExportReader(data: Data(text.utf8), fileName: "old.csv")
        #expect(reader.hasCreationDate)
        let (records, _) = try readAll(reader)
        #expect(records[0].profile == .parent)
        #expect(records[0].createdAt == SchoolCalendar.parse("2026-08-15"))
    }

    @Test func anUnknownHeaderIsAnErrorNamingItsColumn() {
        let text = "Type;Nom;Prénom;Identifiant;Date de naissance\n"
        do {
            _ = try ENTExportReader(data: Data(text.utf8), fileName: "x.csv")
            Issue.record("expected an error")
        } catch let error as ImportError {
            guard case let .unknownHeader(file, column, headerName, expected) = error else { Issue.record("\(error)"); return }
            #expect(file == "x.csv" && column == 5 && headerName == "Date de naissance")
            #expect(expected.contains("Code d'activation"))
            #expect(error.userMessage.contains("ligne 1, colonne 5"))
        } catch { Issue.record("\(error)") }
    }

    @Test func missingAndDuplicatedColumnsAreErrors() {
        // Without its codes, a file would make every account look activated.
        #expect(throws: ImportError.missingColumns(file: "x.csv", names: ["Type", "Identifiant", "Code d'activation"])) {
            try ENTExportReader(data: Data("Nom;Prénom\n".utf8), fileName: "x.csv")
        }
        #expect(throws: ImportError.duplicateHeader(file: "x.csv", column: 3, header: "nom")) {
            try ENTExportReader(data: Data("Type;Nom;nom;Prénom;Login\n".utf8), fileName: "x.csv")
        }
        // Each says what to do, not only what is wrong.
        #expect(ImportError.missingColumns(file: "x.csv", names: ["Type"]).userMessage.hasSuffix("vérifiez qu’il s’agit du bon fichier, exporté sans modification"))
        #expect(ImportError.duplicateHeader(file: "x.csv", column: 3, header: "nom").userMessage.contains("supprimez ou renommez"))
        #expect(throws: ImportError.empty(file: "x.csv")) {
            try ENTExportReader(data: Data("\u{FEFF}\n\n".utf8), fileName: "x.csv")
        }
    }

    @Test func aRowWithTheWrongNumberOfFieldsStopsTheReading() throws {
        let reader = try ENTExportReader(data: Data("Type;Nom;Prénom;Login;Code d'activation\nÉlève;Roux;Léa;lr;\nÉlève;Roux;Léo;\n".utf8), fileName: "x.csv")
        #expect(throws: ImportError.fieldCount(file: "x.csv", line: 3, expected: 5, found: 4)) {
            try readAll(reader, school: "E")
        }
    }

    /// A code of digits around one « e » (« 345678e9 ») is a number to a spreadsheet, which
    /// writes it back as « 3,45678E+14 »: printed, it would open nothing. The file is refused,
    /// without repeating the number.
    @Test func aCodeASpreadsheetTurnedIntoANumberRefusesTheFile() throws {
        let reader = try ENTExportReader(
            data: Data("Type;Nom;Prénom;Login;Code d'activation\r\nÉlève;Roux;Léa;lea.roux;aeew6dac\r\nÉlève;Roux;Léo;leo.roux;3,45678E+14\r\n".utf8),
            fileName: "x.csv")
        #expect(throws: ImportError.codeMadeANumber(file: "x.csv", line: 3, column: 5)) { try readAll(reader, school: "E") }
        // The number is most of the code (« 345678e9 »): the message does not repeat it.
        let message = ImportError.codeMadeANumber(file: "x.csv", line: 3, column: 5).userMessage
        #expect(message.hasPrefix("x.csv, ligne 3, colonne 5 : un tableur a lu ce code d’activation comme un nombre"))
        #expect(!message.contains("45678"))
        for number in ["3,45678E+14", "3.45678E+14", "1E+15", "34567E-05"] { #expect(ENTExportReader.isSpreadsheetNumber(number), "\(number)") }
        // The ENT's own codes, even of digits and an « e », are codes.
        for code in ["aeew6dac", "345678e9", "34567893", "e+345678", "3,4,5E+1", "3E+", "x3E+14"] {
            #expect(!ENTExportReader.isSpreadsheetNumber(code), "\(code)")
        }
    }

    @Test func spreadsheetCopiesReadLikeTheOriginal() throws {
        let school = SchoolGenerator().generate()
        let original = try readAll(try ENTExportReader(data: school.exportFile(), fileName: "a.csv")).records
        for (encoding, expected) in [(FileEncoding.windows1252, TextEncoding.windows1252), (.isoLatin1, .isoLatin1)] {
            let copy = try ENTExportReader(data: school.exportFile(encoding: encoding, lineEnding: "\r\n"), fileName: "b.csv")
            #expect(copy.encoding == expected)
            let records = try readAll(copy).records
            #expect(records.count == original.count)
            // Only characters the legacy encoding cannot hold differ (Nguyễn becomes Nguy?n).
            let differing = zip(records, original).filter { $0.0.lastName != $0.1.lastName }
            #expect(differing.allSatisfy { $0.0.lastName.contains("?") })
            #expect(!differing.isEmpty)
            #expect(zip(records, original).allSatisfy { $0.0.activationCode == $0.1.activationCode && $0.0.login == $0.1.login })
        }
    }

    @Test func decomposedNamesAreStoredComposed() throws {
        let (records, _) = try readAll(try export([
            "\"i\";\"\";\"Élève\";\"Lefe\u{300}vre\";\"Le\u{301}a\";\"lea.lefevre\";\"\";\"\";\"\";\"E\";\"CP\";\"\";\"\";\"\";\"\";\"\"",
        ]))
        #expect(records[0].lastName == "Lefèvre")
        #expect(records[0].firstName.unicodeScalars.count == 3)
    }
}

@Suite struct HeaderMapTests {
    @Test func aListCellGivesItsItemsOnceWithoutEmptyOnes() throws {
        let map = try HeaderMap<ExportColumn>(header: ExportColumn.allCases.map(\.header), file: "export.csv", required: [])
        // Repeats are the same name up to case, Unicode form and apostrophe (`NameKey.exact`).
        #expect(map.items(of: "Léa O’Connor, , LÉA O'CONNOR,Hugo Roux , Hugo Roux,e\u{301}lise") == ["Léa O’Connor", "Hugo Roux", "e\u{301}lise"])
        #expect(map.items(of: "Élise Durand") == ["Élise Durand"])
        #expect(map.items(of: ",, ,") == [])
        #expect(map.items(of: nil) == [])
    }
}

@Suite struct AddressFileReaderTests {
    /// The damaged name a problem reports.
    private func name(_ p: ImportProblem) -> String { p.message.components(separatedBy: " a perdu")[0].components(separatedBy: "« ").last! }

    @Test func readsTheRegistryFileInLatin1() throws {
        let school = SchoolGenerator().generate()
        let reader = try AddressFileReader(data: school.addressFile(), fileName: "adresses.csv")
        let (records, problems) = try reader.readAll()
        #expect(reader.encoding == .isoLatin1)
        #expect(records.count == school.addressRows.count)
        // ISO-8859-1 has no "ễ" nor "œ": those names come out with a "?", reported at their
        // first cell; the parent's and the child's family names, once for the row.
        #expect(Set(problems.map(\.kind)) == [.invalidEmail, .damagedName, .damagedAddress])
        #expect(problems.first { $0.kind == .invalidEmail }!.message.contains("à demander"))
        // « place de l’Église » loses its apostrophe the same way: kept, and reported at its cell.
        let addresses = problems.filter { $0.kind == .damagedAddress }
        #expect(addresses.count == records.count { $0.address?.street.contains("?") == true })
        #expect(addresses.allSatisfy { $0.column == 3 && $0.message.hasPrefix("colonne 3 « Adresse » : « ") && $0.message.contains("l?Église") })
        let damaged = problems.filter { $0.kind == .damagedName }
        #expect(!damaged.isEmpty && damaged.allSatisfy { $0.column != nil && $0.message.contains("?") })
        #expect(damaged.contains { $0.message.contains("colonne 1 « Nom responsable » et colonne 6 « Nom élève »") })
        #expect(Dictionary(grouping: damaged, by: \.line).values.allSatisfy { Set($0.map(name)).count == $0.count })
        #expect(records.allSatisfy { $0.address != nil })
    }

    @Test func readsONDEsResponsablesExtractionAsONDEWritesIt() throws {
        let school = SchoolGenerator().generate()
        let data = school.responsablesExtraction()
        // ISO-8859-1, CRLF, unquoted, capitals, a trailing ";", at least three child groups.
        let header = String(decoding: data.prefix(while: { $0 != 0x0D }), as: UTF8.self)
        #expect(header.hasPrefix("Civilit") && header.hasSuffix("Classes enfants;"))
        #expect(!data.contains(UInt8(ascii: "\"")))
        let reader = try AddressFileReader(data: data, fileName: "CSVExtraction-responsables.csv")
        let (records, problems) = try reader.readAll()
        #expect(reader.encoding == .isoLatin1)
        let parentsInFile = Set(school.addressRows.map(\.parent)).count
        #expect(records.count == parentsInFile)
        let registry = school.registry
        // A family with several children in several classes is one row naming each child.
        let withSiblings = records.filter { $0.children.count > 1 }
        #expect(!withSiblings.isEmpty)
        #expect(withSiblings.contains { Set($0.children.map(\.className)).count > 1 })
        // Usage names differing from birth names are both kept.
        #expect(records.contains { $0.parent.usageName != nil })
        let expectedNoAddress = Set(school.addressRows.map(\.parent)).filter { $0 >= 0 && registry[$0].noAddress }.count
        #expect(expectedNoAddress > 0)
        #expect(records.count { $0.address == nil } == expectedNoAddress)
        #expect(Set(problems.map(\.kind)).isSubset(of: [.invalidEmail, .damagedName, .damagedAddress]))
        let addresses = problems.filter { $0.kind == .damagedAddress }
        #expect(!addresses.isEmpty && addresses.count == records.count { $0.address?.street.contains("?") == true })
        #expect(addresses.allSatisfy { $0.column == 5 && $0.message.contains("ONDE écrit ses extractions en ISO-8859-1") })
        // ONDE repeats a family name in several columns of a row (usage and birth names, the
        // parent's and the child's): a name it damaged is reported once per row, with its columns.
        let damaged = problems.filter { $0.kind == .damagedName }
        #expect(damaged.contains { $0.message.contains(" et colonne ") })
        #expect(Dictionary(grouping: damaged, by: \.line).values.allSatisfy { Set($0.map(name)).count == $0.count })
        // The mobile phone is the one kept.
        let first = try #require(records.first { $0.phone != nil })
        #expect(first.phone!.hasPrefix("06"))
    }

    @Test func anONDERowWithEmptyTrailingGroupsOrFewerFieldsReads() throws {
        let header = "Civilité Responsable;Nom usage responsable;Nom responsable;Prénom responsable;Adresse responsable;CP responsable;Commune responsable;Pays;Courriel;Téléphone domicile;Téléphone travail;Téléphone portable;Nom d'usage enfant;Nom de famille enfant;Prénom enfant;Classes enfants;Nom d'usage enfant;Nom de famille enfant;Prénom enfant;Classes enfants;Nom d'usage enfant;Nom de famille enfant;Prénom enfant;Classes enfants;"
        let rows = [
            "MME;ADJIBEL;BENALI;Samira;2 rue des Lilas;44000;NANTES;FRANCE;samira@free.fr;0240000000;;0611223344;ADJIBEL;ADJIBEL;Inès;CP A;ADJIBEL;ADJIBEL;Yanis;CM1;;;;;",
            "M.;ROUX;ROUX;Paul;;;;;;;;;MARTIN;MARTIN;Léo;GS",
        ]
        let text = ([header] + rows).joined(separator: "\r\n") + "\r\n"
        var latin1 = Data()
        for scalar in text.unicodeScalars { latin1.append(UInt8(scalar.value)) }
        let reader = try AddressFileReader(data: latin1, fileName: "r.csv")
        let (records, problems) = try reader.readAll()
        #expect(problems.isEmpty)
        #expect(records.count == 2)
        let samira = records[0]
        #expect(samira.parent == RegistryName(lastName: "BENALI", usageName: "ADJIBEL", firstName: "Samira"))
        #expect(samira.children.map(\.name.firstName) == ["Inès", "Yanis"])
        #expect(samira.children.map(\.className) == ["CP A", "CM1"])
        #expect(samira.phone == "0611223344")
        #expect(samira.email?.value == "samira@free.fr")
        #expect(samira.address?.city == "NANTES")
        // A responsable whose child carries another last name, and no address at all.
        #expect(records[1].children.map(\.name.lastName) == ["MARTIN"])
        #expect(records[1].address == nil)
    }

    @Test func readsONDEsPupilsExtraction() throws {
        let school = SchoolGenerator().generate()
        let reader = try PupilFileReader(data: school.pupilsExtraction(), fileName: "CSVExtraction-eleves.csv")
        #expect(reader.encoding == .isoLatin1)
        #expect(reader.pupils.count == school.pupilsInRegistry.count + 1)
        let first = reader.pupils[0]
        let person = school.people[school.pupilsInRegistry[0]]
        #expect(first.name.firstName == person.firstName)
        #expect(first.birthDate == school.registry[school.pupilsInRegistry[0]].birthDate)
        #expect(first.sex != nil)
        #expect(reader.pupils.allSatisfy { $0.birthDate != nil && !$0.className.isEmpty })
    }

    /// ONDE's extraction saved again by LibreOffice in French: unquoted, Windows-1252, and the
    /// dates as the cells show them (« 10/09/22 »). The birth dates are the same days.
    @Test func aPupilsExtractionWithTwoDigitYearsKeepsItsBirthDates() throws {
        let school = SchoolGenerator().generate()
        let original = try PupilFileReader(data: school.pupilsExtraction(), fileName: "CSVExtraction-eleves.csv")
        var text = String(data: school.pupilsExtraction(), encoding: .isoLatin1)!.replacingOccurrences(of: "\"", with: "")
        text = text.replacing(/(\d{2})(\d{2})-(\d{2})-(\d{2})/) { "\($0.4)/\($0.3)/\($0.2)" }
        #expect(text.contains("/22;"))
        let resaved = try PupilFileReader(data: text.data(using: .windowsCP1252)!, fileName: "eleves.csv")
        #expect(resaved.problems.filter { $0.message.contains("date") }.isEmpty)
        #expect(resaved.pupils.map(\.birthDate) == original.pupils.map(\.birthDate))
    }

    @Test func incompleteAddressesAndMissingNamesAreReported() throws {
        let text = "Nom responsable;Prénom responsable;Adresse;Code postal;Commune;Nom élève;Prénom élève;Classe\nRoux;Anne;1 rue A;;Nantes;Roux;Léa;CP\nRoux;;1 rue A;44000;Nantes;Roux;Léa;CP\n"
        let reader = try AddressFileReader(data: Data(text.utf8), fileName: "a.csv")
        let (records, problems) = try reader.readAll()
        #expect(records.count == 1)
        #expect(records[0].address == nil)
        #expect(problems.map(\.kind) == [.missingValue, .missingValue])
        #expect(problems.map(\.line) == [2, 3])
    }

    /// A spreadsheet reads « 01000 » as the number 1000: the zero is put back, and said. An
    /// address ONDE places abroad keeps its code (Brussels is 1000).
    @Test func aPostcodeThatLostItsZeroGetsItBackUnlessAbroad() throws {
        let simple = "Nom responsable;Prénom responsable;Adresse;Code postal;Commune;Nom élève;Prénom élève;Classe\n"
            + "Roux;Anne;1 rue A;1000;Bourg-en-Bresse;Roux;Léa;CP\nMartin;Paul;2 rue B;44000;Nantes;Martin;Léo;CP\n"
        let (records, problems) = try AddressFileReader(data: Data(simple.utf8), fileName: "a.csv").readAll()
        #expect(records.map { $0.address?.postcode } == ["01000", "44000"])
        #expect(problems.map(\.kind) == [.damagedAddress] && problems.map(\.line) == [2] && problems.map(\.column) == [4])
        #expect(try #require(problems.first).message == "colonne 4 « Code postal » : « 1000 » a perdu son zéro (un tableur l’a lu comme un nombre) : lu « 01000 » ; si l’adresse est à l’étranger, corrigez le fichier")

        let header = "Civilité Responsable;Nom usage responsable;Nom responsable;Prénom responsable;Adresse responsable;CP responsable;Commune responsable;Pays;Courriel;Téléphone domicile;Téléphone travail;Téléphone portable;Nom d'usage enfant;Nom de famille enfant;Prénom enfant;Classes enfants;"
        let onde = [header, "MME;ROUX;ROUX;Anne;1 rue A;1000;BOURG-EN-BRESSE;FRANCE;;;;;ROUX;ROUX;Léa;CP;",
                    "M.;PEETERS;PEETERS;Jan;3 rue Neuve;1000;BRUXELLES;BELGIQUE;;;;;PEETERS;PEETERS;Lotte;CP;"].joined(separator: "\r\n") + "\r\n"
        let (ondeRecords, ondeProblems) = try AddressFileReader(data: Data(onde.utf8), fileName: "r.csv").readAll()
        #expect(ondeRecords.map { $0.address?.postcode } == ["01000", "1000"])
        #expect(ondeRecords[1].address?.city == "BRUXELLES, BELGIQUE")
        #expect(ondeProblems.map(\.line) == [2] && ondeProblems.map(\.column) == [6])
        #expect(PostalAddress.frenchPostcodeMissingItsZero("2A004") == nil && PostalAddress.frenchPostcodeMissingItsZero("44000") == nil)
    }

    @Test func aFileWithOnlyCollectedContactsIsAccepted() throws {
        let text = "Nom responsable;Prénom responsable;Nom élève;Prénom élève;Courriel\nRoux;Anne;Roux;Léa;anne@free.fr\n"
        let reader = try AddressFileReader(data: Data(text.utf8), fileName: "a.csv")
        let (records, problems) = try reader.readAll()
        #expect(records[0].email?.value == "anne@free.fr")
        #expect(records[0].address == nil)
        #expect(problems.isEmpty)
    }
}
