import Foundation
import Testing
@testable import SesameImport

@Suite struct TextDecodingTests {
    private func text(_ data: Data) throws -> (String, TextEncoding) {
        let (bytes, encoding) = try TextDecoding.decode(data, file: "f.csv")
        return (String(decoding: bytes, as: UTF8.self), encoding)
    }

    @Test func utf8WithBOM() throws {
        let (s, e) = try text(Data([0xEF, 0xBB, 0xBF]) + Data("Élève;Léa".utf8))
        #expect(e == .utf8BOM)
        #expect(s == "Élève;Léa")
    }

    @Test func utf8WithoutBOM() throws {
        let (s, e) = try text(Data("Prénom;Nguyễn".utf8))
        #expect(e == .utf8)
        #expect(s == "Prénom;Nguyễn")
    }

    @Test func windows1252IsRecognisedByItsTypographicCharacters() throws {
        // "L’élève « Œ »" in Windows-1252: ’ is 0x92 and Œ is 0x8C.
        let (s, e) = try text(Data([0x4C, 0x92, 0xE9, 0x6C, 0xE8, 0x76, 0x65, 0x20, 0xAB, 0x8C, 0xBB]))
        #expect(e == .windows1252)
        #expect(s == "L’élève «Œ»")
    }

    @Test func isoLatin1WhenNoWindowsCharacterIsUsed() throws {
        let (s, e) = try text(Data([0x50, 0x72, 0xE9, 0x6E, 0x6F, 0x6D]))
        #expect(e == .isoLatin1)
        #expect(s == "Prénom")
    }

    @Test func aByteWindows1252LeavesUndefinedIsAControlCharacterReportedWhereItIs() {
        // 0x81 is undefined in Windows-1252: read as ISO-8859-1, it is the C1 control U+0081.
        #expect(throws: ImportError.controlCharacter(file: "f.csv", line: 2, column: 3, codePoint: 0x81)) {
            try text(Data("Nom\n".utf8) + Data([0x50, 0xE9, 0x81, 0x41]))
        }
    }

    @Test func aUTF8FileWithOneBadByteIsReportedAtThatByte() throws {
        // Valid UTF-8 throughout ("Élève", "Léa"), but for one Latin-1 "é" on line 3.
        let data = Data("\"Type\";\"Nom\"\n\"Élève\";\"Léa\"\n\"Élève\";\"Ren".utf8) + Data([0xE9]) + Data("e\"\n".utf8)
        #expect(throws: ImportError.invalidByte(file: "f.csv", line: 3, column: 13, byte: 0xE9)) { try text(data) }
        let message = ImportError.invalidByte(file: "f.csv", line: 3, column: 13, byte: 0xE9).userMessage
        #expect(message.contains("ligne 3, colonne 13") && message.contains("0xE9") && message.contains("exportez-le à nouveau"))
        // The same byte in a BOM-marked file is no less wrong.
        #expect(throws: ImportError.self) { try text(Data([0xEF, 0xBB, 0xBF]) + data) }
    }

    @Test func aLatin1FileIsNotTakenForADamagedUTF8One() throws {
        // Accents everywhere, none of them a UTF-8 sequence.
        let (s, e) = try text(Data([0x4C, 0xE9, 0x61, 0x3B, 0xC9, 0x6C, 0xE8, 0x76, 0x65, 0x3B, 0xE0]))
        #expect(e == .isoLatin1)
        #expect(s == "Léa;Élève;à")
    }

    @Test func nulAndEscapeAreReportedWithTheirPlaceAndNeverPrintedRaw() throws {
        #expect(throws: ImportError.controlCharacter(file: "f.csv", line: 2, column: 3, codePoint: 0)) {
            try text(Data("a;b\n\"L\u{0}a\";c\n".utf8))
        }
        let escape = Data("Nom;Prénom\nMartin;\u{1B}[31mLéa\n".utf8)
        #expect(throws: ImportError.controlCharacter(file: "f.csv", line: 2, column: 8, codePoint: 0x1B)) { try text(escape) }
        let message = ImportError.controlCharacter(file: "f.csv", line: 2, column: 8, codePoint: 0x1B).userMessage
        #expect(message.contains("U+001B") && !message.contains("\u{1B}"))
        // Tabs and line breaks inside quoted fields are text, not control characters.
        #expect(try text(Data("a\tb;\"1\r\n2\"\n".utf8)).1 == .utf8)
    }

    @Test func aControlCharacterOrABadByteIsFoundWhereverItFallsAmongLongRunsOfText() throws {
        // The scan skips printable ASCII eight bytes at a time: each byte of a run is tested.
        let run = String(repeating: "abcdefgh", count: 3)
        for offset in 0..<run.utf8.count {
            let before = String(run.prefix(offset)), after = String(run.dropFirst(offset))
            for control: UInt8 in [0x00, 0x1B, 0x1F, 0x7F] {
                let data = Data((before).utf8) + Data([control]) + Data(after.utf8)
                #expect(throws: ImportError.controlCharacter(file: "f.csv", line: 1, column: offset + 1, codePoint: UInt32(control))) {
                    try text(data)
                }
            }
            // A C1 control written in UTF-8, and a byte no UTF-8 file holds among accents.
            #expect(throws: ImportError.controlCharacter(file: "f.csv", line: 1, column: offset + 1, codePoint: 0x85)) {
                try text(Data(before.utf8) + Data([0xC2, 0x85]) + Data(after.utf8))
            }
            #expect(throws: ImportError.invalidByte(file: "f.csv", line: 1, column: offset + 2, byte: 0xE9)) {
                try text(Data(("é" + before).utf8) + Data([0xE9]) + Data(after.utf8) + Data("é".utf8))
            }
            #expect(try text(Data((before + "\t\r\n~ " + after).utf8)).1 == .utf8)
        }
    }

    @Test func aControlCharacterInABOMMarkedFileIsNamedForItselfWhereverItFalls() throws {
        // The text after a BOM starts three bytes into the file: a NUL right after the BOM once
        // stopped the program, and an escape further on was reported as the byte three before it.
        let bom = Data([0xEF, 0xBB, 0xBF])
        for (line, control) in [("", UInt8(0x00)), ("Id;Nom", 0x1B), ("Id;Nom;Pr", 0x07)] {
            #expect(throws: ImportError.controlCharacter(file: "f.csv", line: 1, column: line.count + 1, codePoint: UInt32(control))) {
                try text(bom + Data(line.utf8) + Data([control]) + Data("nom\r\n".utf8))
            }
        }
        #expect(throws: ImportError.controlCharacter(file: "f.csv", line: 2, column: 3, codePoint: 0x85)) {
            try text(bom + Data("Nom\nLé".utf8) + Data([0xC2, 0x85]))
        }
    }

    @Test func utf16WithBOM() throws {
        var data = Data([0xFF, 0xFE])
        for unit in "Élève\tLéa".utf16 { data.append(UInt8(unit & 0xFF)); data.append(UInt8(unit >> 8)) }
        let (s, e) = try text(data)
        #expect(e == .utf16)
        #expect(s == "Élève\tLéa")
    }

    @Test func invalidUTF8SequencesAreNotTakenForUTF8() {
        #expect(!TextDecoding.isValidUTF8(Data([0xC3])))            // truncated
        #expect(!TextDecoding.isValidUTF8(Data([0xC0, 0xAF])))      // overlong
        #expect(!TextDecoding.isValidUTF8(Data([0xED, 0xA0, 0x80])))  // surrogate
        #expect(TextDecoding.isValidUTF8(Data("ễ€𝄞".utf8)))
    }

    @Test func fingerprintIsSHA256() {
        #expect(FileFingerprint.sha256(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}

@Suite struct CSVParserTests {
    private func records(_ text: String, delimiter: Character = ";") throws -> [CSVRecord] {
        let data = Data(text.utf8)
        return try data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var parser = CSVParser(delimiter: delimiter.asciiValue!, file: "f.csv")
            var out: [CSVRecord] = []
            while let r = try parser.next(bytes) { out.append(r) }
            return out
        }
    }

    @Test func quotedFieldsHoldDelimitersQuotesAndLineBreaks() throws {
        let r = try records("\"a;b\";\"dit \"\"bonjour\"\"\";\"ligne 1\r\nligne 2\"\nx;y;z\n")
        #expect(r.map(\.fields) == [["a;b", "dit \"bonjour\"", "ligne 1\nligne 2"], ["x", "y", "z"]])
        #expect(r.map(\.line) == [1, 3])
    }

    @Test func acceptsCRLFLFAndCRLineEnds() throws {
        #expect(try records("a;b\r\nc;d\ne;f\rg;h").map(\.fields) == [["a", "b"], ["c", "d"], ["e", "f"], ["g", "h"]])
    }

    @Test func skipsBlankLinesButKeepsLineNumbers() throws {
        let r = try records("a\n\n\nb\n\n")
        #expect(r.map(\.fields) == [["a"], ["b"]])
        #expect(r.map(\.line) == [1, 4])
    }

    @Test func emptyFieldsAndTrailingDelimiter() throws {
        #expect(try records(";;\nx;").map(\.fields) == [["", "", ""], ["x", ""]])
    }

    @Test func unterminatedQuoteNamesWhereItOpened() {
        #expect(throws: ImportError.unterminatedQuote(file: "f.csv", line: 2, column: 4)) {
            try records("a;b\néé;\"jamais fermé\nc;d\n")
        }
    }

    @Test func textAfterAClosingQuoteNamesItsColumn() {
        #expect(throws: ImportError.textAfterClosingQuote(file: "f.csv", line: 1, column: 8)) {
            try records("x;\"Léa\" Martin;y")
        }
    }

    @Test func detectsTheDelimiterOfTheHeaderLine() {
        func detect(_ s: String) -> Character {
            Data(s.utf8).withUnsafeBytes { Character(UnicodeScalar(CSVParser.detectDelimiter($0.bindMemory(to: UInt8.self)))) }
        }
        #expect(detect("Nom;Prénom;Classe\n") == ";")
        #expect(detect("Nom,Prénom,Classe\n") == ",")
        #expect(detect("Nom\tPrénom\tClasse\n") == "\t")
        #expect(detect("\"Nom, famille\";Prénom\n") == ";")
        #expect(detect("Nom\n") == ";")
    }

    /// The CSV opened in a spreadsheet and saved in its own format, or a PDF picked instead.
    @Test(arguments: [
        ([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00], ImportError.workbook(file: "f.csv")),  // xlsx, ods
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], .workbook(file: "f.csv")),  // xls
        (Array("%PDF-1.5\n%".utf8), .pdf(file: "f.csv")),
    ] as [([UInt8], ImportError)])
    func aDocumentThatIsNoCSVIsNamedForWhatItIs(start: [UInt8], expected: ImportError) throws {
        #expect(throws: expected) { try TextDecoding.decode(Data(start) + Data("Type;Nom\nÉlève;Roux\n".utf8), file: "f.csv") }
        #expect(expected.userMessage.hasPrefix("f.csv est un") && expected.userMessage.contains("pas un fichier CSV"))
    }

    @Test func aCSVThatOnlyStartsLikeOneIsRead() throws {
        // "PK" and "%PDF" are letters a first column could begin with.
        let (bytes, _) = try TextDecoding.decode(Data("PK;%PDF-\nÉlève;Roux\n".utf8), file: "f.csv")
        #expect(String(decoding: bytes, as: UTF8.self) == "PK;%PDF-\nÉlève;Roux\n")
    }
}
