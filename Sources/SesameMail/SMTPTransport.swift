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
    /// Seconds to connect.
    public var connectTimeout: Int
    /// Seconds to wait for each reply. RFC 5321 §4.5.3.2 asks a client to wait 5 minutes
    /// for most replies and 10 for the one that ends DATA: a busy académie relay may take
    /// that long, and giving up sooner would send the message again.
    public var replyTimeout: Int

    public init(
        url: String, security: Security, user: String? = nil, password: String? = nil, caFile: String? = nil,
        connectTimeout: Int = 30, replyTimeout: Int = 600
    ) {
        self.url = url
        self.security = security
        self.user = user
        self.password = password
        self.caFile = caFile
        self.connectTimeout = connectTimeout
        self.replyTimeout = replyTimeout
    }
}

/// What the server made of one message.
enum SMTPReply: Sendable, Equatable {
    case accepted(String)
    /// 4xx: try again later.
    case temporary(Int, String)
    /// 5xx: refused for good.
    case permanent(Int, String)
    /// No answer: the connection dropped or could not be made, before the message went out.
    case noConnection(String)
    /// The message went out but the reply to its end never came: it may have been accepted.
    case replyLost(String)
    /// TLS could not be set up as asked: no message can go.
    case tlsFailure(MailError)

    var text: String {
        switch self {
        case .accepted(let t), .temporary(_, let t), .permanent(_, let t), .noConnection(let t), .replyLost(let t): t
        case .tlsFailure(let error): error.userMessage
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
        guard let session = ccurl_smtp_open(
            settings.url, security, settings.user, settings.password, settings.caFile, settings.connectTimeout, settings.replyTimeout)
        else {
            throw MailError.unreachable(reply: "libcurl n’a pas pu démarrer")
        }
        self.session = session
    }

    deinit { ccurl_smtp_close(session) }

    // libcurl's codes for TLS set-up failures (curl.h): retrying cannot help.
    private static let peerFailedVerification: Int32 = 60
    private static let tlsNotOffered: Int32 = 64
    private static let unreadableCACertificates: Int32 = 77

    func send(from: String, to: String, message: Data) -> SMTPReply {
        var result = message.withUnsafeBytes { raw in
            ccurl_smtp_send(session, from, to, raw.baseAddress!.assumingMemoryBound(to: CChar.self), raw.count)
        }
        let reply = withUnsafeBytes(of: &result.reply) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
        let failure = withUnsafeBytes(of: &result.error) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
        let code = Int(result.reply_code)
        if result.curl_code == 0 { return .accepted(reply) }
        if result.reply_lost_after_data != 0 { return .replyLost(failure) }
        switch result.curl_code {
        case Self.peerFailedVerification: return .tlsFailure(.untrustedCertificate(detail: failure))
        case Self.unreadableCACertificates: return .tlsFailure(.unreadableCertificates(detail: failure))
        case Self.tlsNotOffered: return .tlsFailure(.starttlsNotOffered)
        default: break
        }
        switch code {
        case 400..<500: return .temporary(code, reply)
        case 500..<600: return .permanent(code, reply)
        default: return .noConnection(reply)
        }
    }
}
