import Testing
@testable import SesameCore

@Suite struct ClassOrderTests {
    @Test func classesSortAsSchoolsNameThem() {
        let names = ["ULIS", "CM2", "CE1-CE2", "GS/CP", "PS", "TPS", "CLIS", "UPE2A", "MS-GS", "CP B", "CP A"]
        let sorted = names.sorted { ClassLevel.sortKey(forClass: $0) < ClassLevel.sortKey(forClass: $1) }
        #expect(sorted == ["TPS", "PS", "MS-GS", "GS/CP", "CP A", "CP B", "CE1-CE2", "CM2", "CLIS", "ULIS", "UPE2A"])
    }
}

@Suite struct SchoolCalendarFormatsTests {
    @Test func entcoresLastLoginFormatIsRead() {
        let date = SchoolCalendar.parse("25-09-2026 18:02")
        #expect(date == SchoolCalendar.parse("2026-09-25T18:02:00+02:00"))
        #expect(SchoolCalendar.parse("25-09-2026") == SchoolCalendar.parse("2026-09-25"))
        #expect(SchoolCalendar.parse("31-02-2026 10:00") == nil)
        #expect(SchoolCalendar.parse("25-09-26 18:02") == nil)
    }
}

@Suite struct HomonymsTests {
    private func pupil(_ id: Int64, _ first: String, _ last: String, _ classes: [String], birth: String? = nil, sex: RegistryPupil.Sex? = nil) -> Homonyms.Person {
        Homonyms.Person(id: id, profile: .student, firstName: first, lastName: last, login: "\(first).\(last)\(id)".lowercased(), classes: classes, birthDate: birth, sex: sex)
    }

    @Test func theClassFirstThenTheBirthDateThenTheLogin() {
        let d = Homonyms.distinctions([
            pupil(1, "Jade", "Petit", ["CM1"], birth: "2017-03-12", sex: .female),
            pupil(2, "Jade", "Petit", ["CM1"], birth: "2016-11-02", sex: .female),
            pupil(3, "Hugo", "André", ["CP"], birth: "2020-01-01", sex: .male),
            pupil(4, "Hugo", "André", ["CE2"]),
            pupil(5, "Noé", "Roux", ["GS"]),
            pupil(6, "Noé", "Roux", ["GS"]),
            pupil(7, "Léa", "Martin", ["CP"]),
        ])
        #expect(d[1] == "CM1, née le 12/03/2017")
        #expect(d[2] == "CM1, née le 02/11/2016")
        // The class is enough: no birth date printed (data minimisation).
        #expect(d[3] == "CP" && d[4] == "CE2")
        #expect(d[5] == "GS, noé.roux5" && d[6] == "GS, noé.roux6")
        #expect(d[7] == nil)
    }

    @Test func aPupilAndAParentOfOneNameAreNotHomonyms() {
        let d = Homonyms.distinctions([
            pupil(1, "Hugo", "André", ["CP"]),
            Homonyms.Person(id: 2, profile: .parent, firstName: "Hugo", lastName: "André", login: "h", classes: ["CP"]),
        ])
        #expect(d.isEmpty)
    }
}

@Suite struct PupilReconciliationTests {
    private func student(_ id: Int64, _ first: String, _ last: String, _ className: String) -> FamilyMember {
        FamilyMember(id: id, school: "A", entKey: "k\(id)", profile: .student, firstName: first, lastName: last,
                     login: "l\(id)", classes: [className], namedRelatives: [], line: Int(id) + 1)
    }

    private func row(_ line: Int, _ first: String, _ last: String, usage: String? = nil, _ className: String, home: String? = nil) -> RegistryPupil {
        var p = RegistryPupil(line: line, name: RegistryName(lastName: last, usageName: usage, firstName: first),
                              birthDate: "2017-01-0\(line % 9 + 1)", sex: .female, level: nil, className: className)
        if let home { p.homes = [PostalAddress(street: home, postcode: "44000", city: "")] }
        return p
    }

    @Test func eachSideIsReportedWhereTheyDiffer() {
        let result = PupilReconciliation.reconcile(
            [row(2, "Léa", "MARTIN", "CP"), row(3, "Inès", "HADDAD", "CE1"), row(4, "Noé", "ROUX", "CE2")],
            students: [student(1, "Léa", "Martin", "CP"), student(2, "Zoé", "Faure", "GS"), student(3, "Noé", "Roux", "CE1")],
            file: "eleves.csv")
        #expect(result.matches.map(\.account) == [1, 3])
        #expect(result.problems.map(\.kind).sorted { $0.rawValue < $1.rawValue } == [.pupilClassDiffers, .pupilNotInRegistry, .pupilWithoutAccount])
    }

    @Test func aUsageNameFindsThePupil() {
        let result = PupilReconciliation.reconcile(
            [row(2, "Léa", "DURAND-MARTIN", usage: "MARTIN", "CP")], students: [student(1, "Léa", "Martin", "CP")], file: "e.csv")
        #expect(result.matches.map(\.account) == [1])
    }

    @Test func homonymsOfOneClassAreToldApartByHomeOrLeftAlone() {
        let students = [student(1, "Jade", "Petit", "CM1"), student(2, "Jade", "Petit", "CM1")]
        let rows = [row(2, "Jade", "PETIT", "CM1", home: "1 rue A"), row(3, "Jade", "PETIT", "CM1", home: "9 rue B")]
        let homes: [Int64: [PostalAddress]] = [2: [PostalAddress(street: "1 RUE A", postcode: "44000", city: "NANTES")]]
        let told = PupilReconciliation.reconcile(rows, students: students, parentHomes: homes, file: "e.csv")
        #expect(Set(told.matches.map { [$0.account, Int64($0.pupil.line)] }) == [[2, 2], [1, 3]])
        let alone = PupilReconciliation.reconcile(rows, students: students, file: "e.csv")
        #expect(alone.matches.isEmpty)
        #expect(alone.problems.map(\.kind) == [.ambiguousPupil, .ambiguousPupil])
    }
}

@Suite struct MeetingDateTests {
    @Test(arguments: ["16/09/2026 17h30", "16/09/2026 à 17h30", "2026-09-16 17:30", "16/09/2026 17:30", "16/09/2026 17H30"])
    func aMeetingTimeIsReadAsTyped(text: String) {
        #expect(SchoolCalendar.parseMeeting(text) == SchoolCalendar.parse("2026-09-16T17:30:00+02:00"))
    }

    @Test func hoursAloneAndWrongTimesAreHandled() {
        #expect(SchoolCalendar.parseMeeting("16/09/2026 17h") == SchoolCalendar.parse("2026-09-16T17:00:00+02:00"))
        #expect(SchoolCalendar.parseMeeting("16/09/2026 9h05") == SchoolCalendar.parse("2026-09-16T09:05:00+02:00"))
        for wrong in ["16/09/2026", "demain 17h", "16/09/2026 25h", "16/09/2026 17h3", "31/02/2026 17h"] {
            #expect(SchoolCalendar.parseMeeting(wrong) == nil, "\(wrong)")
        }
    }
}
