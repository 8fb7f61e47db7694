import Foundation
import Synchronization

/// A minimal SMTP server on loopback that accepts and discards every message, a thread per
/// connection: fast enough that the clients measured, not the server, set the pace.
final class SMTPSink: Sendable {
    let port: Int
    private let listener: Int32
    private let received = Mutex(0)

    var count: Int { received.withLock { $0 } }

    init() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 16) == 0 else { throw BenchError.failed("sink") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        self.listener = listener
        Thread { [self] in
            while true {
                let client = accept(listener, nil, nil)
                guard client >= 0 else { return }
                // Replies are small and immediate: do not let Nagle hold them back.
                var on: Int32 = 1
                setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
                Thread { self.serve(client) }.start()
            }
        }.start()
    }

    private func serve(_ socket: Int32) {
        defer { close(socket) }
        func say(_ text: String) { _ = text.withCString { send(socket, $0, strlen($0), Int32(MSG_NOSIGNAL)) } }
        say("220 sink\r\n")
        var buffer: [UInt8] = []
        var start = 0
        var inData = false
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = recv(socket, &chunk, chunk.count, 0)
            guard n > 0 else { return }
            buffer.append(contentsOf: chunk[0..<n])
            // Lines are read in place from `start`; the buffer is compacted once per receive.
            while let end = lineEnd(buffer, from: start) {
                if inData {
                    if end - start == 1 && buffer[start] == 46 {
                        inData = false
                        received.withLock { $0 += 1 }
                        say("250 ok\r\n")
                    }
                } else {
                    let verb = String(decoding: buffer[start..<min(end, start + 4)], as: UTF8.self).uppercased()
                    switch verb {
                    case "EHLO": say("250-sink\r\n250 SIZE 10000000\r\n")
                    case "DATA": say("354 go\r\n"); inData = true
                    case "QUIT": say("221 bye\r\n"); return
                    default: say("250 ok\r\n")
                    }
                }
                start = end + 2
            }
            buffer.removeFirst(start)
            start = 0
        }
    }

    /// The index of the next CRLF at or after `from`, if the buffer has one.
    private func lineEnd(_ bytes: [UInt8], from: Int) -> Int? {
        var i = from
        while i + 1 < bytes.count {
            if bytes[i] == 13 && bytes[i + 1] == 10 { return i }
            i += 1
        }
        return nil
    }
}
