import CCurlSMTP
import Foundation

/// Where and how to reach the SMTP server.
public struct SMTPSettings: Sendable {
    public enum Security: Sendable { case plain, starttls, tls }

    /// smtp://host:port (plain or STARTTLS) or smtps://host:port (TLS from the start).
    public var url: String
    public var security: Security
    public var user: String?
    public var password: String?
    /// Certificates to trust instead of the system's (a school's own server).
    public var caFile: String?
    public var timeout: Int

    public init(url: String, security: Security, user: String? = nil, password: String? = nil, caFile: String? = nil, timeout: Int = 60) {
        self.url = url
        self.security = security
        self.user = user
        self.password = password
        self.caFile = caFile
        self.timeout = timeout
    }
}

/// What the server made of one message.
enum SMTPReply: Sendable, Equatable {
    case accepted(String)
    /// 4xx: try again later.
    case temporary(Int, String)
    /// 5xx: refused for good.
    case permanent(Int, String)
    /// No answer: the connection dropped or could not be made.
    case noConnection(String)

    var text: String {
        switch self {
        case .accepted(let t), .temporary(_, let t), .permanent(_, let t), .noConnection(let t): t
        }
    }

    /// Refusals that concern the account used, not the recipient: every message would fail.
    var isAuthenticationFailure: Bool {
        switch self {
        case .permanent(let code, _), .temporary(let code, _): [530, 534, 535, 454].contains(code)
        default: false
        }
    }
}

/// One SMTP connection through libcurl, kept open across messages. Confined to one thread.
final class SMTPConnection {
    private let session: OpaquePointer

    init(_ settings: SMTPSettings) throws {
        let security: Int32 = switch settings.security {
        case .plain: Int32(CCURL_SMTP_PLAIN.rawValue)
        case .starttls: Int32(CCURL_SMTP_STARTTLS.rawValue)
        case .tls: Int32(CCURL_SMTP_TLS.rawValue)
        }
        guard let session = ccurl_smtp_open(settings.url, security, settings.user, settings.password, settings.caFile, settings.timeout) else {
            throw MailError.unreachable(reply: "libcurl n’a pas pu démarrer")
        }
        self.session = session
    }

    deinit { ccurl_smtp_close(session) }

    func send(from: String, to: String, message: Data) -> SMTPReply {
        var result = message.withUnsafeBytes { raw in
            ccurl_smtp_send(session, from, to, raw.baseAddress!.assumingMemoryBound(to: CChar.self), raw.count)
        }
        let reply = withUnsafeBytes(of: &result.reply) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
        let code = Int(result.reply_code)
        if result.curl_code == 0 { return .accepted(reply) }
        switch code {
        case 400..<500: return .temporary(code, reply)
        case 500..<600: return .permanent(code, reply)
        default: return .noConnection(reply)
        }
    }
}
