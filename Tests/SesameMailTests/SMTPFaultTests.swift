import Foundation
import SesameCore
import SesameTestSupport
import Testing
@testable import SesameMail

/// Servers that misbehave, each a real SMTP server on loopback scripted to do it: nothing
/// may be sent twice, nothing counted as sent that may not have been, and every stop says why.
@Suite struct SMTPFaultTests {
    private func job(_ server: SMTPTestServer, connections: Int = 1, replyTimeout: Int = 600) -> SendJob {
        SendJob(smtp: SMTPSettings(url: server.url, security: .plain, replyTimeout: replyTimeout), envelopeFrom: sender.address,
                connections: connections, retries: 2, retryDelay: 0.01)
    }

    private func mails(_ range: ClosedRange<Int>, to: String = "parent") throws -> [OutgoingMail] {
        try range.map { try mail(message($0, to: to), id: Int64($0)) }
    }

    @Test func aReplyLostAfterTheFinalDotLeavesTheMessageUncertainNeverSentTwice() throws {
        // Every 5th message is kept by the server, which then drops the connection unanswered.
        let server = try SMTPTestServer(["--drop-after-dot", "5"])
        defer { server.stop() }
        let ledger = RecordingLedger()
        let summary = try job(server).run(try mails(1...12), ledger: ledger)
        #expect(server.count == 12)
        let ids = server.messages().compactMap { $0["messageID"] as? String }
        #expect(Set(ids).count == 12)
        #expect(summary.sent == 10)
        #expect(summary.uncertain == ["compte5", "compte10"])
        for id: Int64 in [5, 10] {
            guard case .uncertain(let reason) = ledger.outcomes[id] else { Issue.record("\(id): \(String(describing: ledger.outcomes[id]))"); continue }
            #expect(reason.contains("peut-être reçu"))
        }
    }

    @Test func aServerThatNeverAnswersTheEndOfDataLeavesItUncertain() throws {
        let server = try SMTPTestServer(["--delay", "30"])
        defer { server.stop() }
        let ledger = RecordingLedger()
        let summary = try job(server, replyTimeout: 2).run(try mails(1...1), ledger: ledger)
        #expect(summary.sent == 0 && summary.uncertain == ["compte1"])
        #expect(ledger.steps.map(\.1).filter { $0 == "sending" }.count == 1)
    }

    @Test func aSlowAcknowledgementOfDataIsWaitedFor() throws {
        // RFC 5321 §4.5.3.2.6: ten minutes for the end of DATA; a relay taking 65 s is normal.
        #expect(SMTPSettings(url: "smtp://x", security: .plain).replyTimeout >= 600)
        let server = try SMTPTestServer(["--delay", "65"])
        defer { server.stop() }
        let summary = try SendJob(smtp: SMTPSettings(url: server.url, security: .plain), envelopeFrom: sender.address).run(
            try mails(1...1), ledger: RecordingLedger())
        #expect(summary.sent == 1 && summary.uncertain.isEmpty)
        #expect(server.count == 1)
    }

    @Test func anUntrustedCertificateIsNamedWithoutRetries() throws {
        let folder = try TestFolders.make("tls")
        let (cert, key) = try SMTPTestServer.certificate(in: folder)
        let server = try SMTPTestServer(["--cert", cert, "--key", key])
        defer { server.stop() }
        let ledger = RecordingLedger()
        let untrusted = SendJob(smtp: SMTPSettings(url: server.url, security: .starttls), envelopeFrom: sender.address, connections: 1, retries: 3, retryDelay: 5)
        let error = #expect(throws: MailError.self) { try untrusted.run(try mails(1...3), ledger: ledger) }
        guard case .untrustedCertificate = error else { Issue.record("\(String(describing: error))"); return }
        let text = error?.userMessage ?? ""
        #expect(text.contains("certificat auto-signé") && text.contains("--cacert"))
        #expect(!text.contains("injoignable") && !text.contains("220"))
        guard case .notSent = ledger.outcomes[1] else { Issue.record("\(String(describing: ledger.outcomes[1]))"); return }
        #expect(server.count == 0)
        // With the certificate given, the same server is served.
        let trusted = SendJob(smtp: SMTPSettings(url: server.url, security: .starttls, caFile: cert), envelopeFrom: sender.address)
        #expect(try trusted.run(try mails(4...4), ledger: RecordingLedger()).sent == 1)
    }

    @Test func starttlsRequiredButNotOfferedSaysSo() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let job = SendJob(smtp: SMTPSettings(url: server.url, security: .starttls), envelopeFrom: sender.address, connections: 1)
        let error = #expect(throws: MailError.self) { try job.run(try mails(1...2), ledger: RecordingLedger()) }
        #expect(error == .starttlsNotOffered)
        #expect(error?.userMessage.contains("ne propose pas STARTTLS") == true)
        #expect(server.count == 0)
    }

    @Test func aServerRefusingEveryRecipientStopsTheRunInsteadOfBouncingEveryLetter() throws {
        let server = try SMTPTestServer(["--relay-denied"])
        defer { server.stop() }
        let ledger = RecordingLedger()
        let error = #expect(throws: MailError.self) { try job(server, connections: 2).run(try mails(1...9), ledger: ledger) }
        guard case .everyRecipientRefused(let count, let reply) = error else { Issue.record("\(String(describing: error))"); return }
        #expect(count == 5 && reply.contains("Relay access denied"))
        #expect(!ledger.outcomes.isEmpty)
        for (id, outcome) in ledger.outcomes {
            guard case .notSent = outcome else { Issue.record("\(id): \(outcome)"); continue }
        }
    }

    @Test func refusalsOfTheMailboxesThemselvesStayBounces() throws {
        // 550 5.1.1 (no such user) many times in a row is the addresses' doing: bounced, the run goes on.
        let server = try SMTPTestServer(["--refuse", "inconnu"])
        defer { server.stop() }
        let ledger = RecordingLedger()
        let summary = try job(server).run(try mails(1...6, to: "inconnu") + mails(7...8), ledger: ledger)
        #expect(summary.bounced == 6 && summary.sent == 2)
    }

    @Test func aLetterClaimedByAnotherRunOrWithANewCodeIsNotSent() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let ledger = RecordingLedger()
        ledger.taken = [2]
        ledger.newCode = [3]
        let summary = try job(server).run(try mails(1...4), ledger: ledger)
        #expect(summary.sent == 2 && summary.takenElsewhere == 1 && summary.codeChanged == ["compte3"])
        #expect(server.count == 2)
    }

    @Test func hostileDisplayNamesNeverChangeTheRecipient() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let names = [
            "Jean Martin <spoof@evil.test>, Faux\"", "Anne \\\" <x@evil.test>", "Dupont, Durand", "Léa <lea@evil.test>",
            "Paul; Marie: groupe@evil.test", "\"Citée\"", "a@b.c", "O'Brien (père)",
        ]
        let outgoing = try names.enumerated().map { i, name in try mail(message(i + 1, name: name), id: Int64(i + 1)) }
        #expect(try job(server).run(outgoing, ledger: RecordingLedger()).sent == names.count)
        let received = server.messages()
        #expect(received.count == names.count)
        for m in received {
            let envelope = try #require((m["envelope"] as? [String: Any])?["to"] as? [String])
            #expect(m["toAddresses"] as? [String] == envelope, "\(m["to"] ?? "")")
            #expect((m["defects"] as? [Any])?.isEmpty == true)
        }
        #expect(Set(received.compactMap { ($0["toNames"] as? [String])?.first }) == Set(names))
    }
}
