import Foundation
import Testing
@testable import SesameImport

@Suite struct TextDecodingTests {
    private func text(_ data: Data) -> (String, TextEncoding) {
        let (bytes, encoding) = TextDecoding.decode(data)
        return (String(decoding: bytes, as: UTF8.self), encoding)
    }

    @Test func utf8WithBOM() {
        let (s, e) = text(Data([0xEF, 0xBB, 0xBF]) + Data("Élève;Léa".utf8))
        #expect(e == .utf8BOM)
        #expect(s == "Élève;Léa")
    }

    @Test func utf8WithoutBOM() {
        let (s, e) = text(Data("Prénom;Nguyễn".utf8))
        #expect(e == .utf8)
        #expect(s == "Prénom;Nguyễn")
    }

    @Test func windows1252IsRecognisedByItsTypographicCharacters() {
        // "L’élève « Œ »" in Windows-1252: ’ is 0x92 and Œ is 0x8C.
        let (s, e) = text(Data([0x4C, 0x92, 0xE9, 0x6C, 0xE8, 0x76, 0x65, 0x20, 0xAB, 0x8C, 0xBB]))
        #expect(e == .windows1252)
        #expect(s == "L’élève «Œ»")
    }

    @Test func isoLatin1WhenNoWindowsCharacterIsUsed() {
        let (s, e) = text(Data([0x50, 0x72, 0xE9, 0x6E, 0x6F, 0x6D]))
        #expect(e == .isoLatin1)
        #expect(s == "Prénom")
    }

    @Test func aByteWindows1252LeavesUndefinedFallsBackToLatin1() {
        // 0x81 is undefined in Windows-1252: Foundation would refuse the whole file.
        let (s, e) = text(Data([0x50, 0xE9, 0x81, 0x41]))
        #expect(e == .isoLatin1)
        #expect(s == "Pé\u{81}A")
    }

    @Test func utf16WithBOM() {
        var data = Data([0xFF, 0xFE])
        for unit in "Élève\tLéa".utf16 { data.append(UInt8(unit & 0xFF)); data.append(UInt8(unit >> 8)) }
        let (s, e) = text(data)
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
}
