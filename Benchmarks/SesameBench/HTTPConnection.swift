import Foundation

/// A minimal HTTP/1.1 client over one kept-alive loopback connection: enough to play a
/// teacher against `sesame serve` without the client's own costs drowning the server's.
/// Used by one thread at a time: opened on one, handed to the thread that ticks with it.
final class HTTPConnection: @unchecked Sendable {
    private let socket: Int32
    private var pending: [UInt8] = []
    /// The cookies the server has set, sent back with every request.
    var cookies: [String: String] = [:]

    struct Reply {
        var status: Int
        var headers: [(String, String)]
        var body: String
        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
    }

    init(port: Int) throws {
        socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw BenchError.failed("connect") }
        var yes: Int32 = 1
        setsockopt(socket, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit { close(socket) }

    func get(_ path: String) throws -> Reply { try send("GET", path, body: nil) }

    func post(_ path: String, _ fields: [String: String]) throws -> Reply {
        let body = fields.map { "\($0)=\($1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        return try send("POST", path, body: body)
    }

    private func send(_ method: String, _ path: String, body: String?) throws -> Reply {
        var request = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n"
        if !cookies.isEmpty { request += "Cookie: " + cookies.map { "\($0)=\($1)" }.joined(separator: "; ") + "\r\n" }
        if let body {
            request += "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        } else {
            request += "\r\n"
        }
        let bytes = Array(request.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Foundation.send(socket, $0.baseAddress!, $0.count, 0) }
            guard n > 0 else { throw BenchError.failed("send") }
            offset += n
        }
        let reply = try receive()
        for (name, value) in reply.headers where name.lowercased() == "set-cookie" {
            let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            cookies[String(pair[0])] = pair.count > 1 ? String(pair[1]) : ""
        }
        return reply
    }

    private func receive() throws -> Reply {
        let separator: [UInt8] = [13, 10, 13, 10]
        var headEnd: Int?
        while headEnd == nil {
            if let range = pending.firstRange(of: separator) { headEnd = range.lowerBound } else { try fill() }
        }
        let head = String(decoding: pending[..<headEnd!], as: UTF8.self).components(separatedBy: "\r\n")
        pending.removeFirst(headEnd! + 4)
        let status = Int(head[0].split(separator: " ")[1]) ?? 0
        let headers = head.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let length = Int(headers.first { $0.0.lowercased() == "content-length" }?.1 ?? "0") ?? 0
        while pending.count < length { try fill() }
        let body = String(decoding: pending[..<length], as: UTF8.self)
        pending.removeFirst(length)
        return Reply(status: status, headers: headers, body: body)
    }

    private func fill() throws {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let n = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress!, $0.count, 0) }
        guard n > 0 else { throw BenchError.failed("connection closed") }
        pending += buffer[..<n]
    }
}
