import Testing
@testable import SesameCore

/// The index behind every name match: what it finds decides which family a letter goes to.
@Suite struct PersonIndexTests {
    private func index(_ people: [(String, String)]) -> PersonIndex {
        var index = PersonIndex()
        // Callers number people as they like (a profile's index skips the other profiles).
        for (i, person) in people.enumerated() { index.insert(10 * i, firstName: person.0, lastName: person.1) }
        return index
    }

    @Test func exactNamesAreFoundInEitherOrderAndInInsertionOrder() {
        var people = index([("Léa", "Martin"), ("Jade", "Petit"), ("Léa", "Martin"), ("Martin", "Léa")])
        #expect(people.exactCandidates(for: "LÉA  martin") == [0, 20])
        #expect(people.exactCandidates(for: "Petit Jade") == [10])
        #expect(people.exactCandidates(for: "Lea Martin") == [])
        #expect(people.candidates(for: "Lea Martin") == [0, 20, 30])
    }

    @Test func aDamagedNameIsFoundFromEitherEndAndOnlyWhereBothEndsFit() {
        var people = index([("Thi Mai", "Nguyễn"), ("Thi Mai", "Nguyen"), ("Léo", "Dupont"), ("Léon", "Dupont"), ("Chloé", "Bernard")])
        // "?" at the start: only the end of the key narrows the search, and the reverse.
        #expect(people.looseCandidates(for: "?eo Dupont") == [20])
        #expect(people.looseCandidates(for: "L?o Dupont") == [20])
        // A "?" stands for one letter of the original, which the loose key may spell with up to two.
        #expect(people.looseCandidates(for: "Le? Dupon?") == [20, 30])
        #expect(people.looseCandidates(for: "Thi Mai Nguy?n") == [0, 10])
        #expect(people.looseCandidates(for: "Chlo? Bernard") == [40])
        #expect(people.looseCandidates(for: "Bernard Chlo?") == [40])
        #expect(people.looseCandidates(for: "Chlo? Durand") == [])
    }

    @Test func aPersonWhoseOwnNameIsDamagedIsStillFoundByTheirRealName() {
        var people = index([("Thi Mai", "Nguy?n"), ("Jade", "Petit")])
        #expect(people.looseCandidates(for: "Thi Mai Nguyễn") == [0])
        #expect(people.looseCandidates(for: "Thi Mai Nguy?n") == [0])
        #expect(people.exactCandidates(for: "Thi Mai Nguyễn") == [])
    }

    @Test func keysOutsideLatinSortAndMatchByTheirBytes() {
        var people = index([("فاطمة", "الزهراء"), ("Ζωή", "Παπαδοπούλου"), ("Zoé", "Papadopoulou")])
        #expect(people.exactCandidates(for: "فاطمة الزهراء") == [0])
        #expect(people.looseCandidates(for: "ζωη παπαδοπουλου").isEmpty == false)
        #expect(people.looseCandidates(for: "Zo? Papadopoulou") == [20])
    }

    @Test func sortedKeysFindRangesByPrefixAndSuffixAmongMany() {
        let keys = (0..<2_000).map { "k\($0 % 37)x\($0)" }
        let sorted = SortedKeys(keys, backwards: true)
        let found = sorted.candidates(prefix: Array("k3x".utf8), suffix: Array("7".utf8))
        let expected = keys.indices.filter { keys[$0].hasPrefix("k3x") && keys[$0].hasSuffix("7") }
        #expect(Set(found) == Set(expected))
        #expect(!expected.isEmpty)
        #expect(sorted.positions(equalTo: "k5x5") == [5])
        #expect(sorted.positions(equalTo: "k5x") == [])
        #expect(sorted.key(1_234) == keys[1_234])
    }

    /// Keys made of a few letters, Latin-1 and other scripts' letters and the separator pairs use,
    /// many equal or prefixes of one another, some empty, some sharing their first eight bytes
    /// and more (sorting compares those first): every lookup agrees with a scan.
    @Test(arguments: ["", "bernard\u{1}", "lefèvre-bernard"])
    func sortedKeysAgreeWithAScanOnKeysSharingLongPrefixes(shared: String) {
        let alphabet = ["a", "b", "é", "ÿ", "\u{1}", "ζ", "ش", " "]
        var seed: UInt64 = 2026
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        let keys = (0..<3_000).map { i in
            (i % 3 == 0 ? "" : shared) + (0..<next(7)).map { _ in alphabet[next(alphabet.count)] }.joined()
        }
        let sorted = SortedKeys(keys, backwards: true)
        for probe in keys.prefix(300) + ["", "zz", "a\u{1}", "ÿÿÿÿÿÿÿ"] {
            #expect(sorted.positions(equalTo: probe) == keys.indices.filter { keys[$0] == probe })
            let bytes = Array(probe.utf8)
            let (prefix, suffix) = (Array(bytes.prefix(bytes.count / 2)), Array(bytes.suffix(bytes.count / 3)))
            let expected = keys.indices.filter { i in
                let key = Array(keys[i].utf8)
                return key.starts(with: prefix) && key.reversed().starts(with: suffix.reversed())
            }
            #expect(Set(sorted.candidates(prefix: prefix, suffix: suffix)) == Set(expected))
        }
    }
}
