import GRDB
import SesameCore
import Testing
@testable import SesameStore

@Suite struct SQLFragmentTests {
    @Test(arguments: Channel.allCases)
    func theStoreNamesAChannelAsTheDomainDoes(channel: Channel) throws {
        let named = try DatabaseQueue().read {
            try String.fetchOne($0, sql: "SELECT \(SQLFragment.frenchName(ofChannel: "?"))", arguments: [channel.rawValue])
        }
        #expect(named == channel.frenchName)
    }

    @Test func aLiteralKeepsItsQuotes() throws {
        let text = "l'élève dit « 'non' » ; DROP TABLE x"
        let read = try DatabaseQueue().read { try String.fetchOne($0, sql: "SELECT \(SQLFragment.literal(text))") }
        #expect(read == text)
    }
}
