import Foundation
import SesameTestSupport
import Testing

/// `sesame serve` that cannot listen says why in French, and announces nothing.
@Suite struct ServeTests {
    /// A socket listening on a port of this computer's loopback, and that port.
    private func listening() -> (socket: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        _ = Glibc.listen(fd, 1)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    @Test func aPortAlreadyTakenIsSaidSo() throws {
        let cli = try CLI()
        let (fd, port) = listening()
        defer { close(fd) }
        let result = try cli.run("serve", "--listen", "127.0.0.1:\(port)")
        #expect(result.status == 1)
        #expect(result.stderr.contains("impossible d’écouter sur 127.0.0.1:\(port) : ce port est déjà pris"))
        #expect(!result.stderr.contains("écoute sur http") && !result.stderr.contains("errno"))
    }

    /// The pages open on a login form: with nobody enrolled yet, the terminal says how the
    /// direction gets in, on the address served; once someone is, it says nothing of it.
    @Test func theFirstStartSaysHowTheDirectionGetsIn() throws {
        let cli = try CLI()
        func served() throws -> String {
            let (fd, port) = listening()
            close(fd)
            let running = try cli.launch("serve", "--listen", "127.0.0.1:\(port)")
            // Until the server says it listens (or gives up), then it is stopped.
            for _ in 0..<600 where running.process.isRunning {
                if (try? String(contentsOf: running.errURL, encoding: .utf8))?.contains("Ctrl-C pour arrêter") == true { break }
                Thread.sleep(forTimeInterval: 0.05)
            }
            running.process.terminate()
            return try running.wait().stderr.replacingOccurrences(of: ":\(port)", with: ":PORT")
        }
        let first = try served()
        #expect(first.contains("Sésame écoute sur http://127.0.0.1:PORT/"))
        #expect(first.contains("Personne n’est encore inscrit : inscrivez la direction avec « sesame user add \"Prénom Nom\" --role director --school \"École\" --url http://127.0.0.1:PORT » et ouvrez le lien qu’elle donne."))
        #expect(try cli.run("user", "add", "Assistance ENT", "--role", "support").status == 0)
        let later = try served()
        #expect(later.contains("Sésame écoute sur") && !later.contains("Personne n’est encore inscrit"))
    }

    @Test func anAddressOfAnotherComputerIsSaidSo() throws {
        // 192.0.2.0/24 is kept for documentation: no computer has it.
        let result = try CLI().run("serve", "--listen", "192.0.2.1:8080")
        #expect(result.status == 1)
        #expect(result.stderr.contains("impossible d’écouter sur 192.0.2.1:8080 : cette adresse n’est pas celle de cet ordinateur"))
        #expect(!result.stderr.contains("écoute sur http"))
    }
}
