import Foundation
import SesameCore
import SesameTestSupport
import Testing
@testable import SesameMail

let sender = MailAddress(name: "École élémentaire publique Les Tilleuls", address: EmailAddress("direction@tilleuls.example")!)

func message(_ n: Int, to: String = "parent", name: String = "Zoé Lefèvre-Nguyễn") -> MailMessage {
    MailMessage(
        from: sender, to: MailAddress(name: name, address: EmailAddress("\(to)\(n)@famille.example")!),
        subject: "Vos identifiants e-primO — École élémentaire publique Les Tilleuls — rentrée « 2026 »",
        text: "Madame, Monsieur,\n\nIdentifiant : zoe.lefevre\nCode d’activation : ab3cd4ef\n= égal, et une ligne très longue " + String(repeating: "é", count: 120) + " \n.point en début de ligne",
        html: "<p>Bonjour <b>Zoé</b></p>", messageID: "<sesame.0123abcd.p1.d\(n)@tilleuls.example>", date: Date(timeIntervalSince1970: 1_789_000_000))
}

func mail(_ m: MailMessage, id: Int64) throws -> OutgoingMail {
    let data = try m.rendered(login: "compte\(id)")
    return OutgoingMail(letter: IssuedLetter(deliveryID: id, code: nil), login: "compte\(id)", to: m.to.address) { data }
}

/// Records what the job writes, in order, and how many writes (transactions) it took.
final class RecordingLedger: SendLedger, @unchecked Sendable {
    private let lock = NSLock()
    private(set) var steps: [(Int64, String)] = []
    private(set) var outcomes: [Int64: SendOutcome] = [:]
    private(set) var writes = 0

    /// Letters another run took, and letters whose code changed: their claim is refused.
    var taken: Set<Int64> = []
    var newCode: Set<Int64> = []

    func record(_ known: [(deliveryID: Int64, outcome: SendOutcome)], thenSending next: IssuedLetter?) throws -> SendingClaim? {
        lock.withLock {
            writes += 1
            for (id, outcome) in known {
                steps.append((id, "\(outcome)"))
                outcomes[id] = outcome
            }
            guard let next else { return nil }
            if taken.contains(next.deliveryID) { return .takenElsewhere }
            if newCode.contains(next.deliveryID) { return .codeChanged }
            steps.append((next.deliveryID, "sending"))
            return .claimed
        }
    }
}

@Suite struct MIMETests {
    @Test func aRealMIMEParserReadsTheMessageBack() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let job = SendJob(smtp: SMTPSettings(url: server.url, security: .plain), envelopeFrom: sender.address)
        _ = try job.run([try mail(message(1), id: 1)], ledger: RecordingLedger())
        let received = try #require(server.messages().first)
        #expect((received["defects"] as? [Any])?.isEmpty == true)
        #expect(received["subject"] as? String == message(1).subject)
        #expect(received["from"] as? String == "École élémentaire publique Les Tilleuls <direction@tilleuls.example>")
        #expect(received["to"] as? String == "Zoé Lefèvre-Nguyễn <parent1@famille.example>")
        #expect(received["messageID"] as? String == "<sesame.0123abcd.p1.d1@tilleuls.example>")
        #expect(received["type"] as? String == "multipart/alternative")
        let parts = try #require(received["parts"] as? [[String: Any]])
        #expect(parts.map { $0["type"] as? String } == ["text/plain", "text/html"])
        #expect(parts.allSatisfy { $0["charset"] as? String == "utf-8" && $0["encoding"] as? String == "quoted-printable" })
        #expect((parts[0]["text"] as? String)?.replacingOccurrences(of: "\r\n", with: "\n") == message(1).text)
        #expect((parts[1]["text"] as? String)?.contains("<b>Zoé</b>") == true)
        let envelope = try #require(received["envelope"] as? [String: Any])
        #expect(envelope["to"] as? [String] == ["parent1@famille.example"])
    }

    @Test func headersAreEncodedWordsOfAtMost75CharactersAndLinesAtMost78() throws {
        let text = String(decoding: try message(1).rendered(login: "x"), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 78 })
        let words = text.components(separatedBy: "=?UTF-8?B?").dropFirst().map { "=?UTF-8?B?" + $0.components(separatedBy: "?=")[0] + "?=" }
        #expect(!words.isEmpty && words.allSatisfy { $0.count <= 75 })
        #expect(!text.contains("é"))  // nothing but ASCII on the wire
    }

    @Test func quotedPrintableFollowsRFC2045() {
        let encoded = MIME.quotedPrintable("a = b \nfin")
        #expect(encoded == "a =3D b=20\r\nfin")
        let long = MIME.quotedPrintable(String(repeating: "é", count: 60))
        #expect(long.components(separatedBy: "\r\n").allSatisfy { $0.count <= 76 })
        #expect(long.hasSuffix("=C3=A9"))
        // CRLF and LF alike end a line; a lone CR is data; a blank before a line end is encoded.
        #expect(MIME.quotedPrintable("un \r\ndeux\rtrois\t\n") == "un=20\r\ndeux=0Dtrois=09\r\n")
    }

    @Test func templateEscapesAreUndoneOnceForTheTextPart() {
        #expect(MailComposer.plain("L&#39;&eacute;cole &lt;b&gt; &amp;lt; &quot;x&quot; &amp") == "L'&eacute;cole <b> &lt; \"x\" &amp")
        #expect(MailComposer.plain("sans entité") == "sans entité")
    }

    @Test(arguments: ["Zoé\r\nBcc: tous@exemple.fr", "Zoé\nLefèvre", "Zoé\u{7}"])
    func namesThatCouldInjectHeadersAreRefused(name: String) {
        #expect(throws: MailError.unsafeHeader(field: "nom du destinataire", login: "zoe")) {
            try message(1, name: name).rendered(login: "zoe")
        }
    }

    @Test func theSameMessageRendersTheSameBytes() throws {
        #expect(try message(3).rendered(login: "x") == message(3).rendered(login: "x"))
    }
}

@Suite struct SendJobTests {
    private func job(_ server: SMTPTestServer, retries: Int = 3, connections: Int = 2) -> SendJob {
        SendJob(smtp: SMTPSettings(url: server.url, security: .plain, replyTimeout: 10), envelopeFrom: sender.address,
                connections: connections, retries: retries, retryDelay: 0.01)
    }

    @Test func eachMessageIsMarkedBeforeItLeavesAndSentOnce() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let ledger = RecordingLedger()
        let summary = try job(server).run(try (1...20).map { try mail(message($0), id: Int64($0)) }, ledger: ledger)
        #expect(summary.sent == 20)
        let ids = server.messages().compactMap { $0["messageID"] as? String }
        #expect(ids.count == 20 && Set(ids).count == 20)
        for id in 1...20 {
            let steps = ledger.steps.filter { $0.0 == Int64(id) }.map(\.1)
            #expect(steps.count == 2 && steps[0] == "sending" && steps[1].hasPrefix("accepted"))
        }
        // An outcome is written with the next message's mark: one write per message, plus a last one per connection.
        #expect(ledger.writes <= 20 + 2)
    }

    @Test func aMessageThatCannotBeWrittenIsLeftAsItWas() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let ledger = RecordingLedger()
        let broken = OutgoingMail(letter: IssuedLetter(deliveryID: 2, code: nil), login: "compte2", to: EmailAddress("x@famille.example")!) {
            try message(2, name: "Zoé\r\nBcc: tous@example.org").rendered(login: "compte2")
        }
        let summary = try job(server, connections: 1).run([try mail(message(1), id: 1), broken, try mail(message(3), id: 3)], ledger: ledger)
        #expect(summary.sent == 2 && summary.unwritable.count == 1)
        #expect(summary.unwritable.first?.contains("compte2") == true)
        #expect(!ledger.steps.contains { $0.0 == 2 })
        #expect(server.count == 2)
    }

    @Test func aRefusedRecipientBouncesWithTheServersReply() throws {
        let server = try SMTPTestServer(["--refuse", "refuse"])
        defer { server.stop() }
        let ledger = RecordingLedger()
        let mails = try [mail(message(1), id: 1), mail(message(2, to: "refuse"), id: 2), mail(message(3), id: 3)]
        let summary = try job(server).run(mails, ledger: ledger)
        #expect(summary.sent == 2 && summary.bounced == 1)
        guard case .bounced(let reply) = ledger.outcomes[2] else { Issue.record("not bounced"); return }
        #expect(reply.contains("550") && reply.contains("adresse inconnue"))
        #expect(server.count == 2)
    }

    @Test func aTemporaryRefusalIsRetriedThenDeferred() throws {
        let server = try SMTPTestServer(["--tempfail", "tempo:2"])
        defer { server.stop() }
        let ledger = RecordingLedger()
        let summary = try job(server, retries: 3).run([try mail(message(1, to: "tempo"), id: 1)], ledger: ledger)
        #expect(summary.sent == 1 && summary.deferred == 0)
        #expect(server.count == 1)
        let stubborn = try SMTPTestServer(["--tempfail", "tempo:9"])
        defer { stubborn.stop() }
        let again = RecordingLedger()
        let deferred = try job(stubborn, retries: 2).run([try mail(message(2, to: "tempo"), id: 2)], ledger: again)
        #expect(deferred.deferred == 1)
        guard case .deferred(let reply) = again.outcomes[2] else { Issue.record("not deferred"); return }
        #expect(reply.contains("451"))
        #expect(stubborn.count == 0)
    }

    @Test func aServerRequiringSTARTTLSAndAUTHIsServed() throws {
        let folder = try TestFolders.make("tls")
        let (cert, key) = try SMTPTestServer.certificate(in: folder)
        let server = try SMTPTestServer(["--auth", "directeur:secret", "--cert", cert, "--key", key])
        defer { server.stop() }
        let good = SendJob(smtp: SMTPSettings(url: server.url, security: .starttls, user: "directeur", password: "secret", caFile: cert),
                           envelopeFrom: sender.address)
        #expect(try good.run([try mail(message(1), id: 1)], ledger: RecordingLedger()).sent == 1)
        #expect(server.count == 1)
        let wrong = SendJob(smtp: SMTPSettings(url: server.url, security: .starttls, user: "directeur", password: "faux", caFile: cert),
                            envelopeFrom: sender.address)
        let ledger = RecordingLedger()
        do {
            _ = try wrong.run([try mail(message(2), id: 2)], ledger: ledger)
            Issue.record("a wrong password was accepted")
        } catch let error as MailError {
            guard case .authentication(let reply) = error else { Issue.record("\(error)"); return }
            #expect(reply.contains("535"))
        }
        guard case .notSent = ledger.outcomes[2] else { Issue.record("the message was not put back"); return }
        let plain = SendJob(smtp: SMTPSettings(url: server.url, security: .plain, user: "directeur", password: "secret"), envelopeFrom: sender.address)
        #expect(throws: MailError.self) { try plain.run([try mail(message(3), id: 3)], ledger: RecordingLedger()) }
        #expect(server.count == 1)
    }

    @Test func aDroppedConnectionIsMadeAgainAndNothingIsLostOrDoubled() throws {
        let server = try SMTPTestServer(["--drop-after", "5"])
        defer { server.stop() }
        let summary = try job(server, connections: 1).run(try (1...12).map { try mail(message($0), id: Int64($0)) }, ledger: RecordingLedger())
        #expect(summary.sent == 12)
        let ids = server.messages().compactMap { $0["messageID"] as? String }
        #expect(ids.count == 12 && Set(ids).count == 12)
    }

    @Test func anUnreachableServerStopsTheJobAndPutsTheMessageBack() throws {
        let server = try SMTPTestServer()
        let url = server.url
        server.stop()
        let ledger = RecordingLedger()
        let dead = SendJob(smtp: SMTPSettings(url: url, security: .plain, connectTimeout: 5, replyTimeout: 5), envelopeFrom: sender.address, connections: 1, retries: 1, retryDelay: 0.01)
        #expect(throws: MailError.self) { try dead.run(try (1...3).map { try mail(message($0), id: Int64($0)) }, ledger: ledger) }
        guard case .notSent = ledger.outcomes[1] else { Issue.record("\(String(describing: ledger.outcomes[1]))"); return }
        #expect(ledger.outcomes[2] == nil && ledger.outcomes[3] == nil)
    }

    @Test func theRateLimitSpacesMessages() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let limited = SendJob(smtp: SMTPSettings(url: server.url, security: .plain), envelopeFrom: sender.address, rate: 50)
        let summary = try limited.run(try (1...5).map { try mail(message($0), id: Int64($0)) }, ledger: RecordingLedger())
        #expect(summary.sent == 5 && server.count == 5)
    }
}
