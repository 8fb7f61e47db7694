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
} ccurl_smtp_result;

/// `url`: smtp://host:port or smtps://host:port. `user`/`password` may be NULL (no AUTH).
/// `ca_file` may be NULL (system certificates). Returns NULL if libcurl cannot start.
ccurl_smtp *ccurl_smtp_open(const char *url, int security, const char *user, const char *password,
                            const char *ca_file, long timeout_seconds);

/// Sends one message (RFC 5322 text with CRLF line ends) from `from` to `to`.
ccurl_smtp_result ccurl_smtp_send(ccurl_smtp *session, const char *from, const char *to,
                                  const char *message, size_t length);

void ccurl_smtp_close(ccurl_smtp *session);

#endif
