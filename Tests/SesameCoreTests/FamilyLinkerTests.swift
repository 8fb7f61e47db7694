import Testing
@testable import SesameCore

/// A parent account with the children it is linked to, as the address tests write them.
private struct ParentWithChildren {
    var parent: FamilyMember
    var children: [FamilyMember]
}

extension AddressMatcher {
    /// Every row at once, the families given parent by parent (a child listed under two
    /// parents is one child).
    fileprivate static func match(
        _ records: [AddressRecord], parents: [ParentWithChildren], file: String
    ) -> (assignments: [ContactAssignment], problems: [ImportProblem]) {
        var families = LinkedFamilies(parents: parents.map(\.parent), children: [], links: [])
        var positions: [Account.ID: Int32] = [:]
        for (p, family) in parents.enumerated() {
            for child in family.children {
                let position = positions[child.id] ?? Int32(families.children.count)
                if position == families.children.count {
                    positions[child.id] = position
                    families.children.append(child)
                }
                families.links.append((Int32(p), position))
            }
        }
        var matcher = AddressMatcher(families: families, file: file)
        for record in records { matcher.add(record) }
        return matcher.result
    }
}

/// Builds members the way an export describes them.
private struct Family {
    var members: [FamilyMember] = []

    @discardableResult
    mutating func add(
        _ profile: Profile, _ first: String, _ last: String, classes: [String], naming: [String] = [],
        school: String = "A", key: String? = nil
    ) -> Int64 {
        let id = Int64(members.count + 1)
        members.append(FamilyMember(
            id: id, school: school, entKey: key ?? "k\(id)", profile: profile, firstName: first, lastName: last,
            login: "\(first).\(last)\(id)".lowercased(), classes: classes, namedRelatives: naming, line: Int(id) + 1))
        return id
    }

    func resolve(_ columns: RelativeColumns = .both) -> FamilyResolution {
        FamilyLinker.resolve(members, file: "export.csv", columns: columns)
    }
}

/// A file with the parents' Enfants column only, or the pupils' Parents column only.
private let childrenOnly = RelativeColumns(children: 12, parents: nil)
private let parentsOnly = RelativeColumns(children: nil, parents: 13)

@Suite struct FamilyLinkerTests {
    @Test func linksAParentToTheChildItNames() {
        var f = Family()
        let child = f.add(.student, "Léa", "Martin", classes: ["CP"])
        let parent = f.add(.parent, "Théo", "Martin", classes: ["CP"], naming: ["Léa Martin"])
        let result = f.resolve(childrenOnly)
        #expect(result.links == [ParentChildLink(parent: parent, child: child)])
        #expect(result.problems.isEmpty)
    }

    @Test func linksFromTheStudentSideToo() {
        var f = Family()
        let child = f.add(.student, "Léa", "Martin", classes: ["CP"], naming: ["Théo Martin"])
        let parent = f.add(.parent, "Théo", "Martin", classes: ["CP"])
        #expect(f.resolve(parentsOnly).links == [ParentChildLink(parent: parent, child: child)])
    }

    @Test func decomposedAccentsAndReversedOrderStillMatch() {
        var f = Family()
        let child = f.add(.student, "Héloïse", "Lefèvre", classes: ["CE1"])
        let parent = f.add(.parent, "Anne", "Lefèvre", classes: ["CE1"], naming: ["LEFÈVRE Héloïse".decomposedStringWithCanonicalMapping])
        #expect(f.resolve(childrenOnly).links == [ParentChildLink(parent: parent, child: child)])
    }

    @Test func homonymsInOneClassAreToldApartByTheReverseColumn() {
        var f = Family()
        let jade1 = f.add(.student, "Jade", "Petit", classes: ["CM1"], naming: ["Anaïs De La Fontaine"])
        let jade2 = f.add(.student, "Jade", "Petit", classes: ["CM1"], naming: ["Léa Petit"])
        let anais = f.add(.parent, "Anaïs", "De La Fontaine", classes: ["CM1"], naming: ["Jade Petit"])
        let lea = f.add(.parent, "Léa", "Petit", classes: ["CM1"], naming: ["Jade Petit"])
        let result = f.resolve()
        #expect(Set(result.links) == [ParentChildLink(parent: anais, child: jade1), ParentChildLink(parent: lea, child: jade2)])
        #expect(result.problems.isEmpty)
    }

    @Test func homonymsInDifferentClassesAreToldApartByClass() {
        var f = Family()
        let cp = f.add(.student, "Zoé", "Guérin", classes: ["CP"])
        _ = f.add(.student, "Zoé", "Guérin", classes: ["GS"])
        let parent = f.add(.parent, "Lina", "Guérin", classes: ["CP"], naming: ["Zoé Guérin"])
        #expect(f.resolve(childrenOnly).links == [ParentChildLink(parent: parent, child: cp)])
    }

    @Test func homonymsThatCannotBeToldApartAreReportedNotGuessed() {
        var f = Family()
        _ = f.add(.student, "Jade", "Petit", classes: ["CM1"])
        _ = f.add(.student, "Jade", "Petit", classes: ["CM1"])
        _ = f.add(.parent, "Léa", "Petit", classes: ["CM1"], naming: ["Jade Petit"])
        let result = f.resolve(childrenOnly)
        #expect(result.links.isEmpty)
        #expect(result.problems.map(\.kind) == [.ambiguousChild])
        #expect(result.problems[0].message.contains("désigne 2 comptes"))
        #expect(result.problems[0].line == 4)
    }

    @Test func anAmbiguitySettledByTheOtherColumnIsNotReported() {
        var f = Family()
        let a = f.add(.student, "Jade", "Petit", classes: ["CM1"], naming: ["Gabriel Durand"])
        _ = f.add(.student, "Jade", "Petit", classes: ["CM1"])
        let g1 = f.add(.parent, "Gabriel", "Durand", classes: ["CM1"], naming: ["Jade Petit"])
        let g2 = f.add(.parent, "Gabriel", "Durand", classes: ["CE2"], naming: ["Noé Durand"])
        let noe = f.add(.student, "Noé", "Durand", classes: ["CE2"], naming: ["Gabriel Durand"])
        let result = f.resolve()
        #expect(Set(result.links) == [ParentChildLink(parent: g1, child: a), ParentChildLink(parent: g2, child: noe)])
        #expect(result.problems.isEmpty)
    }

    @Test func unknownChildIsReportedWithItsLine() {
        var f = Family()
        _ = f.add(.student, "Léa", "Martin", classes: ["CP"])
        _ = f.add(.parent, "Théo", "Martin", classes: ["CP"], naming: ["Timéo Martin"])
        let result = f.resolve()
        #expect(result.links.isEmpty)
        #expect(result.problems.count == 1)
        #expect(result.problems[0].kind == .unresolvedChild)
        #expect(result.problems[0].line == 3)
        #expect(result.problems[0].message.contains("Timéo Martin"))
    }

    @Test func childrenAreOnlySoughtInTheParentsSchool() {
        var f = Family()
        _ = f.add(.student, "Léa", "Martin", classes: ["CP"], school: "B")
        _ = f.add(.parent, "Théo", "Martin", classes: ["CP"], naming: ["Léa Martin"], school: "A")
        #expect(f.resolve().links.isEmpty)
    }

    @Test func aParentInTwoSchoolsIsNotReportedForTheChildInTheOther() {
        var f = Family()
        let a = f.add(.student, "Léa", "Martin", classes: ["CP"], naming: ["Théo Martin"], school: "A")
        let b = f.add(.student, "Hugo", "Martin", classes: ["6e"], naming: ["Théo Martin"], school: "B")
        let pa = f.add(.parent, "Théo", "Martin", classes: ["CP", "6e"], naming: ["Léa Martin", "Hugo Martin"], school: "A", key: "theo")
        let pb = f.add(.parent, "Théo", "Martin", classes: ["CP", "6e"], naming: ["Léa Martin", "Hugo Martin"], school: "B", key: "theo")
        let result = f.resolve()
        #expect(Set(result.links) == [ParentChildLink(parent: pa, child: a), ParentChildLink(parent: pb, child: b)])
        #expect(result.problems.isEmpty)
    }

    // MARK: - What confirms a link, what contradicts one, when a damaged name may be used

    @Test func bothColumnsMustAgree() {
        var f = Family()
        let child = f.add(.student, "Léa", "Martin", classes: ["CP"], naming: ["Théo Martin"])
        let parent = f.add(.parent, "Théo", "Martin", classes: ["CP"], naming: ["Léa Martin"])
        let result = f.resolve()
        #expect(result.links == [ParentChildLink(parent: parent, child: child)])
        #expect(result.problems.isEmpty)
    }

    @Test func aNameMatchTheOtherColumnDoesNotConfirmIsReportedNotLinked() {
        var f = Family()
        _ = f.add(.student, "Léa", "Martin", classes: ["CP"], naming: ["Paul Durand"])
        _ = f.add(.parent, "Paul", "Durand", classes: ["CP"], naming: ["Léa Martin"])
        _ = f.add(.parent, "Théo", "Martin", classes: ["CP"], naming: ["Léa Martin"])
        let result = f.resolve()
        #expect(result.links == [ParentChildLink(parent: 2, child: 1)])
        #expect(result.problems.map(\.kind) == [.contradictedLink])
        #expect(result.problems[0].line == 4 && result.problems[0].column == 12)
        #expect(result.problems[0].message.contains("sa colonne Parents ne nomme pas « Théo Martin »"))
        #expect(result.problems[0].location == "export.csv:4:12")
    }

    @Test func aNameMatchInAnotherClassIsReportedNotLinked() {
        var f = Family()
        _ = f.add(.student, "Léa", "Martin", classes: ["CP"], naming: ["Théo Martin"])
        _ = f.add(.parent, "Théo", "Martin", classes: ["CM2"], naming: ["Léa Martin"])
        let result = f.resolve()
        #expect(result.links.isEmpty)
        #expect(result.problems.map(\.kind) == [.contradictedLink, .contradictedLink])
        #expect(result.problems[0].message.contains("aucune classe en commun"))
    }

    @Test func aDamagedNameLinksWhenOnePersonAloneFitsEveryColumnAndSaysSo() {
        var f = Family()
        let lea = f.add(.student, "Léa", "Nguyễn", classes: ["CP"], naming: ["Anh Nguy?n"])
        let anh = f.add(.parent, "Anh", "Nguyễn", classes: ["CP"], naming: ["L?a Nguy?n"])
        let result = f.resolve()
        #expect(result.links == [ParentChildLink(parent: anh, child: lea)])
        #expect(result.problems.map(\.kind) == [.linkThroughDamagedName])
        #expect(result.problems[0].message.contains("vérifiez ce lien"))
    }

    @Test func aDamagedNameThatFitsTwoPeopleLinksNeither() {
        var f = Family()
        _ = f.add(.student, "Léa", "Martin", classes: ["CP"])
        _ = f.add(.student, "Lia", "Martin", classes: ["CP"])
        _ = f.add(.parent, "Théo", "Martin", classes: ["CP"], naming: ["L?a Martin"])
        let result = f.resolve(childrenOnly)
        #expect(result.links.isEmpty)
        #expect(result.problems.map(\.kind) == [.ambiguousChild])
    }

    @Test func aDamagedNameInTheOtherColumnConfirmsOnlyThePersonItAloneFits() {
        // Léa and Lia both name Théo, whose column says "L?a Martin": it cannot say which.
        var f = Family()
        let lea = f.add(.student, "Léa", "Martin", classes: ["CP"], naming: ["Théo Martin"])
        _ = f.add(.student, "Lia", "Martin", classes: ["CP"], naming: ["Théo Martin"])
        _ = f.add(.parent, "Théo", "Martin", classes: ["CP"], naming: ["L?a Martin", "Noé Martin"])
        let result = f.resolve()
        #expect(result.links.isEmpty)
        #expect(!result.links.contains { $0.child == lea })
        #expect(result.problems.contains { $0.kind == .ambiguousChild })
    }

    @Test func aDamagedNameNeverReachesAnotherFamily() {
        // "L?a Tr?n" fits Léa Trần and Léa Tron alike; only Léa Trần names Hugo Trần back.
        var f = Family()
        let mine = f.add(.student, "Léa", "Trần", classes: ["CE1"], naming: ["Hugo Tr?n"])
        let other = f.add(.student, "Léa", "Tron", classes: ["CE1"], naming: ["Marc Tron"])
        let hugo = f.add(.parent, "Hugo", "Trần", classes: ["CE1"], naming: ["L?a Tr?n"])
        let marc = f.add(.parent, "Marc", "Tron", classes: ["CE1"], naming: ["Léa Tron"])
        let result = f.resolve()
        #expect(Set(result.links) == [ParentChildLink(parent: hugo, child: mine), ParentChildLink(parent: marc, child: other)])
        #expect(!result.links.contains(ParentChildLink(parent: hugo, child: other)))
    }

    @Test func aCombiningAccentLostToAQuestionMarkStillMatches() {
        // A spreadsheet writing "Léo" decomposed in Windows-1252 gives "Le?o".
        #expect(NameKey.looseEqual(NameKey.loose("Le?o"), NameKey.loose("Léo")))
        #expect(!NameKey.looseEqual(NameKey.loose("Le?o"), NameKey.loose("Lina")))
        #expect(NameKey.isDamaged("Nguy?n") && NameKey.isDamaged("Nguy\u{FFFD}n") && !NameKey.isDamaged("Nguyễn"))
    }

    @Test func teachersAndStaffAreNotFamilies() {
        var f = Family()
        _ = f.add(.teacher, "Léa", "Martin", classes: ["CP"])
        _ = f.add(.parent, "Théo", "Martin", classes: ["CP"], naming: ["Léa Martin"])
        #expect(f.resolve().links.isEmpty)
    }
}

@Suite struct AddressMatcherTests {
    private func member(_ id: Int64, _ profile: Profile, _ first: String, _ last: String, _ classes: [String], key: String? = nil) -> FamilyMember {
        FamilyMember(id: id, school: "A", entKey: key ?? "k\(id)", profile: profile, firstName: first, lastName: last,
                     login: "l\(id)", classes: classes, namedRelatives: [], line: 0)
    }

    private func row(_ line: Int, _ parent: (String, String), _ child: (String, String), _ className: String = "CP",
                     street: String? = "1 rue des Écoles", email: String? = nil) -> AddressRecord {
        AddressRecord(
            line: line, parentLastName: parent.1, parentFirstName: parent.0,
            address: street.map { PostalAddress(street: $0, postcode: "44000", city: "Nantes") },
            childLastName: child.1, childFirstName: child.0, className: className, email: email.flatMap(EmailAddress.init))
    }

    @Test func matchesByParentAndChildName() {
        let lea = member(1, .student, "Léa", "Nguyễn", ["CP"])
        let parents = [ParentWithChildren(parent: member(2, .parent, "Anh", "Nguyễn", ["CP"]), children: [lea])]
        let (assignments, problems) = AddressMatcher.match(
            [row(2, ("Anh", "Nguy?n"), ("Léa", "Nguy?n"), email: "anh@free.fr")], parents: parents, file: "a.csv")
        #expect(problems.isEmpty)
        #expect(assignments.count == 1)
        #expect(assignments[0].accounts == [2])
        #expect(assignments[0].email?.value == "anh@free.fr")
        #expect(assignments[0].address?.city == "Nantes")
    }

    @Test func aParentNameAloneIsNotEnough() {
        let parents = [ParentWithChildren(parent: member(2, .parent, "Hugo", "Martin", ["CP"]), children: [member(1, .student, "Léo", "Martin", ["CP"])])]
        let (assignments, problems) = AddressMatcher.match([row(5, ("Hugo", "Martin"), ("Zoé", "Martin"))], parents: parents, file: "a.csv")
        #expect(assignments.isEmpty)
        #expect(problems.map(\.kind) == [.unmatchedAddress])
        #expect(problems[0].line == 5)
    }

    @Test func homonymParentsAreToldApartByTheChildsClass() {
        let cp = member(1, .student, "Noé", "Durand", ["CP"])
        let cm2 = member(2, .student, "Noé", "Durand", ["CM2"])
        let parents = [
            ParentWithChildren(parent: member(3, .parent, "Gabriel", "Durand", ["CP"]), children: [cp]),
            ParentWithChildren(parent: member(4, .parent, "Gabriel", "Durand", ["CM2"]), children: [cm2]),
        ]
        let (assignments, problems) = AddressMatcher.match(
            [row(2, ("Gabriel", "Durand"), ("Noé", "Durand"), "CM2")], parents: parents, file: "a.csv")
        #expect(problems.isEmpty)
        #expect(assignments.map(\.accounts) == [[4]])
    }

    @Test func whatStaysAmbiguousIsReported() {
        let child = member(1, .student, "Noé", "Durand", ["CP"])
        let parents = [
            ParentWithChildren(parent: member(3, .parent, "Gabriel", "Durand", ["CP"]), children: [child]),
            ParentWithChildren(parent: member(4, .parent, "Gabriel", "Durand", ["CP"]), children: [child]),
        ]
        let (assignments, problems) = AddressMatcher.match([row(2, ("Gabriel", "Durand"), ("Noé", "Durand"))], parents: parents, file: "a.csv")
        #expect(assignments.isEmpty)
        #expect(problems.map(\.kind) == [.ambiguousAddress])
    }

    @Test func onePersonInTwoSchoolsGetsTheAddressOnBothAccounts() {
        let a = member(1, .student, "Léa", "Roux", ["CP"])
        let parents = [
            ParentWithChildren(parent: member(2, .parent, "Anne", "Roux", ["CP"], key: "anne"), children: [a]),
            ParentWithChildren(parent: member(3, .parent, "Anne", "Roux", ["6e"], key: "anne"), children: [member(4, .student, "Léa", "Roux", ["6e"])]),
        ]
        let (assignments, problems) = AddressMatcher.match([row(2, ("Anne", "Roux"), ("Léa", "Roux"))], parents: parents, file: "a.csv")
        #expect(problems.isEmpty)
        #expect(assignments.map { Set($0.accounts) } == [[2, 3]])
    }

    @Test func aSecondDifferentAddressIsReportedAndTheFirstKept() {
        let l = member(1, .student, "Léa", "Roux", ["CP"]), h = member(2, .student, "Hugo", "Roux", ["CM1"])
        let parents = [ParentWithChildren(parent: member(3, .parent, "Anne", "Roux", ["CP", "CM1"]), children: [l, h])]
        let (assignments, problems) = AddressMatcher.match([
            row(2, ("Anne", "Roux"), ("Léa", "Roux"), street: "1 rue A"),
            row(3, ("Anne", "Roux"), ("Hugo", "Roux"), "CM1", street: "9 rue B"),
        ], parents: parents, file: "a.csv")
        #expect(assignments.count == 1)
        #expect(assignments[0].address?.street == "1 rue A")
        #expect(assignments[0].lines == [2, 3])
        #expect(problems.map(\.kind) == [.conflictingAddress])
        #expect(problems[0].line == 3)
    }
}
