import Foundation
import SesameFixtures
import SesameTestSupport
import Testing

@Suite struct SendTests {
    let school = SchoolGenerator().generate()

    /// Imported with the families' collected emails, settings written, planned by email first.
    private func planned(_ extra: [String] = []) throws -> CLI {
        let cli = try CLI()
        #expect(try cli.run("import", try cli.write(school.exportFile(), to: "e.csv"), "--addresses", try cli.write(school.addressFile(), to: "a.csv")).status == 0)
        #expect(try cli.run("init", "--ent-name", "e-primO", "--ent-url", "https://www.e-primo.fr", "--director", "Anne Roux", "--city", "Nantes",
                            "--from", "direction@tilleuls.example", "--from-name", "École Les Tilleuls").status == 0)
        #expect(try cli.run(["plan", "--strategy", "courriel"] + extra).status == 0)
        return cli
    }

    private func deliveries(_ cli: CLI, channel: String = "email") throws -> [[String: Any]] {
        let plan = try #require(try cli.run("plan", "show", "--format", "json").json as? [String: Any])
        return (plan["batches"] as! [[String: Any]]).filter { $0["channel"] as? String == channel }.flatMap { $0["deliveries"] as! [[String: Any]] }
    }

    @Test func eachEmailDeliveryIsSentOnceAndIssued() throws {
        let cli = try planned()
        let server = try SMTPTestServer()
        defer { server.stop() }
        let emails = try deliveries(cli)
        #expect(emails.count > 20)
        let result = try cli.run("send", "--smtp", server.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("envoyés : \(emails.count)"))
        #expect(try deliveries(cli).allSatisfy { $0["state"] as? String == "issued" })
        let received = server.messages()
        #expect(received.count == emails.count)
        #expect(Set(received.compactMap { $0["messageID"] as? String }).count == emails.count)
        // A parent's email names the children, and carries the code as its letter would.
        let parent = try #require(emails.first { ($0["children"] as? [String])?.isEmpty == false })
        let person = try #require(school.person(login: parent["login"] as! String))
        let message = try #require(received.first { ($0["parts"] as! [[String: Any]])[0]["text"].map { "\($0)" }?.contains(person.printedLogin) == true })
        let text = "\((message["parts"] as! [[String: Any]])[0]["text"] ?? "")"
        #expect(text.contains(person.activationCode ?? "—"))
        for child in person.children where !school.people[child].isGhost {
            #expect(text.contains(school.people[child].displayName))
        }
        #expect((message["subject"] as? String)?.hasPrefix("Vos identifiants e-primO") == true)
        #expect((message["defects"] as? [Any])?.isEmpty == true)
        // A second run sends nothing more.
        let again = try cli.run("send", "--smtp", server.url)
        #expect(again.stdout.contains("envoyés : 0") && again.stdout.contains("déjà envoyés auparavant : \(emails.count)"))
        #expect(server.count == emails.count)
    }

    @Test func theOutboxWritesTheExactMessagesAndChangesNothing() throws {
        let cli = try planned()
        let result = try cli.run("send", "--outbox", "courriels")
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: cli.path("courriels")).filter { $0.hasSuffix(".eml") }
        #expect(files.count == (try deliveries(cli)).count)
        #expect(try deliveries(cli).allSatisfy { $0["state"] as? String == "planned" })
        let mode = try FileManager.default.attributesOfItem(atPath: cli.path("courriels/\(files[0])"))[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let parsed = Tools.run("/usr/bin/python3", [
            "-c", "import email,email.policy,sys; m=email.message_from_bytes(open(sys.argv[1],'rb').read(), policy=email.policy.default); print(m['Subject']); print(len(m.defects))",
            cli.path("courriels/\(files[0])"),
        ])
        #expect(parsed?.hasPrefix("Vos identifiants e-primO") == true)
        #expect(parsed?.hasSuffix("0\n") == true)
    }

    @Test func aRefusedAddressBouncesWithTheServersReplyInTheHistory() throws {
        let cli = try planned()
        let target = try #require(try deliveries(cli).first)["login"] as! String
        let account = try #require((try cli.run("accounts", "--format", "json").json as? [[String: Any]])?.first { $0["login"] as? String == target })
        let address = account["email"] as! String
        let server = try SMTPTestServer(["--refuse", address])
        defer { server.stop() }
        let result = try cli.run("send", "--smtp", server.url)
        #expect(result.status == 0)
        #expect(result.stdout.contains("rejetés par le serveur : 1"))
        #expect(result.stdout.contains("\(target) : 550"))
        #expect(try deliveries(cli).first { $0["login"] as? String == target }?["state"] as? String == "bounced")
    }

    @Test func starttlsAndAuthWithThePasswordFromTheEnvironment() throws {
        let cli = try planned(["--class", "CP A"])
        let (cert, key) = try SMTPTestServer.certificate(in: cli.folder)
        let server = try SMTPTestServer(["--auth", "directeur:secret", "--cert", cert, "--key", key])
        defer { server.stop() }
        var withPassword = cli
        withPassword.environment["SESAME_SMTP_PASSWORD"] = "secret"
        let sent = try withPassword.run("send", "--smtp", server.url, "--starttls", "--user", "directeur", "--cacert", cert)
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(server.count == (try deliveries(cli)).count)
        // No password on the command line: the option does not exist.
        #expect(try cli.run("send", "--smtp", server.url, "--password", "secret").status != 0)
        let file = try cli.write(Data("faux\n".utf8), to: "mot-de-passe")
        #expect(try cli.run("plan", "--strategy", "courriel", "--replan", "--class", "CP A").status == 0)
        // The server, STARTTLS, the user and the password file can come from the settings.
        #expect(try cli.run("init", "--smtp", server.url, "--starttls", "--smtp-user", "directeur", "--password-file", file).status == 0)
        #expect(try cli.run("init", "--smtp", "http://x").status != 0)
        let refused = try cli.run("send", "--cacert", cert)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("refuse l’authentification"))
    }

    @Test func aRunKilledMidwayResumesWithoutLossOrDuplicate() throws {
        let cli = try planned()
        let total = try deliveries(cli).count
        let server = try SMTPTestServer(["--delay", "0.05"])
        defer { server.stop() }
        let process = try cli.start(["send", "--smtp", server.url, "--connections", "1"])
        while server.count < 5 && process.isRunning { Thread.sleep(forTimeInterval: 0.02) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let states = try deliveries(cli).map { $0["state"] as! String }
        #expect(states.count { $0 == "issued" } >= 4)
        #expect(states.count { $0 == "sending" } <= 1)
        #expect(states.count { $0 == "planned" } > 0)
        let resumed = try cli.run("send", "--smtp", server.url)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let after = try deliveries(cli)
        let uncertain = after.filter { $0["state"] as? String == "sending" }
        // A kill between the mark and the reply leaves one uncertain, said so; between two messages, none.
        #expect(resumed.stdout.contains("incertains") == !uncertain.isEmpty)
        #expect(after.count { $0["state"] as? String == "issued" } + uncertain.count == total)
        let ids = server.messages().compactMap { $0["messageID"] as? String }
        #expect(Set(ids).count == ids.count)  // nothing sent twice
        #expect(ids.count >= total - uncertain.count)  // nothing lost
        let forced = try cli.run("send", "--smtp", server.url, "--resend-uncertain")
        #expect(forced.status == 0)
        #expect(try deliveries(cli).allSatisfy { $0["state"] as? String == "issued" })
    }

    @Test func aLimitSendsThatManyAndSaysWhatIsLeft() throws {
        let cli = try planned()
        let total = try deliveries(cli).count
        let server = try SMTPTestServer()
        defer { server.stop() }
        let first = try cli.run("send", "--smtp", server.url, "--limit", "3")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("envoyés : 3") && first.stdout.contains("restant à envoyer (au-delà de --limit) : \(total - 3)"))
        #expect(server.count == 3)
        let rest = try cli.run("send", "--smtp", server.url)
        #expect(rest.stdout.contains("envoyés : \(total - 3)"))
        #expect(server.count == total)
    }

    @Test func withoutASenderItSaysWhatIsMissing() throws {
        let cli = try CLI()
        #expect(try cli.run("import", try cli.write(school.exportFile(), to: "e.csv"), "--addresses", try cli.write(school.addressFile(), to: "a.csv")).status == 0)
        // Before any plan, that comes first.
        let early = try cli.run("send")
        #expect(early.status == 1 && early.stderr.contains("aucun plan") && !early.stderr.contains("--from"))
        #expect(try cli.run("plan", "--strategy", "courriel").status == 0)
        let result = try cli.run("send", "--smtp", "smtp://127.0.0.1:9")
        #expect(result.status == 1)
        #expect(result.stderr.contains("--from"))
        #expect(try cli.run("send", "--from", "pas une adresse", "--smtp", "smtp://x:25").status != 0)
    }
}
