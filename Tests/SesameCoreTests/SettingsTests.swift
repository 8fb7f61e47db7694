import SesameCore
import Testing

@Suite struct SettingsTests {
    @Test(arguments: ["02 40 12 34 56", "02.40.12.34.56", "0240123456", "+33 2 40 12 34 56", "(+33) 2-40-12-34-56", "+221 33 889 00 00"])
    func aSchoolsNumberIsOne(_ number: String) {
        #expect(Settings.School.isPhoneNumber(number))
    }

    @Test(arguments: ["", "abc", "le secrétariat", "02 40 12 34 56 ou 06 12", "2 40", "33+ 2 40 12 34 56", "0240123456789012345"])
    func otherTextIsNot(_ text: String) {
        #expect(!Settings.School.isPhoneNumber(text))
    }

    @Test func theENTAddressIsAWebAddressAndIsMissingOtherwise() {
        var settings = Settings()
        settings.ent.name = "e-primO"
        settings.ent.url = "www.e-primo.fr"
        #expect(!Settings.isWebAddress("www.e-primo.fr") && Settings.isWebAddress("https://www.e-primo.fr"))
        #expect(settings.missingForPrinting(schools: []) == ["ent.url (adresse de l’ENT, https://…)"])
        settings.ent.url = "https://www.e-primo.fr"
        #expect(settings.missingForPrinting(schools: []).isEmpty)
    }
}
