// A thin C layer over libcurl's SMTP: curl_easy_setopt is variadic, which Swift cannot call.
#include "ccurl_smtp.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

struct ccurl_smtp {
    CURL *curl;
    char error[CURL_ERROR_SIZE];
    char last_reply[512];
    char failure_reply[512];
    // 354 seen (the message is going out), and whether any reply came after it.
    int data_started;
    int replied_after_data;
    const char *data;
    size_t length;
    size_t offset;
};

static size_t read_message(char *buffer, size_t size, size_t count, void *user) {
    struct ccurl_smtp *s = user;
    size_t room = size * count;
    size_t left = s->length - s->offset;
    size_t n = left < room ? left : room;
    memcpy(buffer, s->data + s->offset, n);
    s->offset += n;
    return n;
}

// Keeps the server's replies: the first refusal (4xx, 5xx) is what a bounce records, not
// the "221 Bye" that follows it; the last reply otherwise.
static int watch_replies(CURL *curl, curl_infotype type, char *data, size_t size, void *user) {
    (void)curl;
    struct ccurl_smtp *s = user;
    if (type != CURLINFO_HEADER_IN || size < 4) return 0;
    size_t n = size < sizeof(s->last_reply) - 1 ? size : sizeof(s->last_reply) - 1;
    while (n > 0 && (data[n - 1] == '\r' || data[n - 1] == '\n')) n--;
    memcpy(s->last_reply, data, n);
    s->last_reply[n] = 0;
    if (s->data_started) s->replied_after_data = 1;
    if (strncmp(data, "354", 3) == 0) s->data_started = 1;
    if ((data[0] == '4' || data[0] == '5') && !s->failure_reply[0]) memcpy(s->failure_reply, s->last_reply, n + 1);
    return 0;
}

ccurl_smtp *ccurl_smtp_open(const char *url, int security, const char *user, const char *password,
                            const char *ca_file, long connect_timeout, long reply_timeout) {
    static int initialised = 0;
    if (!initialised) {
        curl_global_init(CURL_GLOBAL_DEFAULT);
        initialised = 1;
    }
    struct ccurl_smtp *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->curl = curl_easy_init();
    if (!s->curl) {
        free(s);
        return NULL;
    }
    curl_easy_setopt(s->curl, CURLOPT_URL, url);
    curl_easy_setopt(s->curl, CURLOPT_ERRORBUFFER, s->error);
    curl_easy_setopt(s->curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(s->curl, CURLOPT_READFUNCTION, read_message);
    curl_easy_setopt(s->curl, CURLOPT_READDATA, s);
    curl_easy_setopt(s->curl, CURLOPT_DEBUGFUNCTION, watch_replies);
    curl_easy_setopt(s->curl, CURLOPT_DEBUGDATA, s);
    curl_easy_setopt(s->curl, CURLOPT_VERBOSE, 1L);
    curl_easy_setopt(s->curl, CURLOPT_NOSIGNAL, 1L);
    // No limit on a whole message: each reply has its own (RFC 5321 §4.5.3.2 asks for
    // minutes, ten for the end of DATA), and a large message on a slow link takes its time.
    curl_easy_setopt(s->curl, CURLOPT_CONNECTTIMEOUT, connect_timeout);
    curl_easy_setopt(s->curl, CURLOPT_SERVER_RESPONSE_TIMEOUT, reply_timeout);
    if (security == CCURL_SMTP_STARTTLS) curl_easy_setopt(s->curl, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
    if (ca_file) curl_easy_setopt(s->curl, CURLOPT_CAINFO, ca_file);
    if (user) curl_easy_setopt(s->curl, CURLOPT_USERNAME, user);
    if (password) curl_easy_setopt(s->curl, CURLOPT_PASSWORD, password);
    return s;
}

ccurl_smtp_result ccurl_smtp_send(ccurl_smtp *s, const char *from, const char *to, const char *message, size_t length) {
    ccurl_smtp_result result;
    memset(&result, 0, sizeof result);
    struct curl_slist *recipients = curl_slist_append(NULL, to);
    s->data = message;
    s->length = length;
    s->offset = 0;
    s->error[0] = 0;
    s->last_reply[0] = 0;
    s->failure_reply[0] = 0;
    s->data_started = 0;
    s->replied_after_data = 0;
    curl_easy_setopt(s->curl, CURLOPT_MAIL_FROM, from);
    curl_easy_setopt(s->curl, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(s->curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)length);
    CURLcode code = curl_easy_perform(s->curl);
    curl_slist_free_all(recipients);
    curl_easy_setopt(s->curl, CURLOPT_MAIL_RCPT, NULL);
    result.curl_code = (int)code;
    curl_easy_getinfo(s->curl, CURLINFO_RESPONSE_CODE, &result.reply_code);
    const char *reply = code != CURLE_OK && s->failure_reply[0] ? s->failure_reply
        : s->last_reply[0] ? s->last_reply : (s->error[0] ? s->error : curl_easy_strerror(code));
    strncpy(result.reply, reply, sizeof result.reply - 1);
    strncpy(result.error, s->error[0] ? s->error : (code != CURLE_OK ? curl_easy_strerror(code) : ""), sizeof result.error - 1);
    result.reply_lost_after_data = code != CURLE_OK && s->data_started && !s->replied_after_data;
    return result;
}

void ccurl_smtp_close(ccurl_smtp *s) {
    if (!s) return;
    curl_easy_cleanup(s->curl);
    free(s);
}
