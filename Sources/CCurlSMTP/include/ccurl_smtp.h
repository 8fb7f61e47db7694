#ifndef CCURL_SMTP_H
#define CCURL_SMTP_H

#include <stddef.h>

/// One SMTP connection, kept open across messages (libcurl reuses it).
typedef struct ccurl_smtp ccurl_smtp;

enum ccurl_smtp_security { CCURL_SMTP_PLAIN = 0, CCURL_SMTP_STARTTLS = 1, CCURL_SMTP_TLS = 2 };

/// The outcome of one message.
typedef struct {
    /// libcurl's result (0: the server accepted the message).
    int curl_code;
    /// The last SMTP reply code (250, 451, 550…), 0 if none was received.
    long reply_code;
    /// The server's last reply line, or libcurl's description of the failure.
    char reply[512];
    /// libcurl's own description of a failure (certificate problems…), empty otherwise.
    char error[256];
    /// 1 when the server said 354 and the message went out, but no reply to its end came
    /// back: the server may have accepted it.
    int reply_lost_after_data;
} ccurl_smtp_result;

/// `url`: smtp://host:port or smtps://host:port. `user`/`password` may be NULL (no AUTH).
/// `ca_file` may be NULL (system certificates). `connect_timeout`: seconds to connect;
/// `reply_timeout`: seconds to wait for each reply of the server. Returns NULL if libcurl
/// cannot start.
ccurl_smtp *ccurl_smtp_open(const char *url, int security, const char *user, const char *password,
                            const char *ca_file, long connect_timeout, long reply_timeout);

/// Sends one message (RFC 5322 text with CRLF line ends) from `from` to `to`.
ccurl_smtp_result ccurl_smtp_send(ccurl_smtp *session, const char *from, const char *to,
                                  const char *message, size_t length);

void ccurl_smtp_close(ccurl_smtp *session);

#endif
