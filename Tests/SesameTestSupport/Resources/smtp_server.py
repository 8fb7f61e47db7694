#!/usr/bin/python3
"""A real SMTP server on loopback for Sésame's tests (Debian's python3-aiosmtpd).

Stores every accepted message as <dir>/<n>.eml, with its envelope in <dir>/envelopes.jsonl,
and plays the failures the tests need:
  --refuse TEXT       550 for recipients containing TEXT
  --tempfail TEXT:N   451 for recipients containing TEXT, their first N attempts
  --auth USER:PASS    require STARTTLS (--cert/--key) and AUTH before mail
  --drop-after N      after N accepted messages, drop the connection once, on the next MAIL
  --delay SECONDS     wait before accepting each message
  --drop-after-dot N  every Nth message: keep it, then drop the connection without replying
  --relay-denied      554 5.7.1 relay access denied for every recipient
  --cert/--key alone  offer STARTTLS with that certificate, without requiring it
Prints "READY <port>" once listening.
"""
import argparse, asyncio, json, os, socket, ssl, sys, threading, time
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

parser = argparse.ArgumentParser()
parser.add_argument("--dir", required=True)
parser.add_argument("--refuse")
parser.add_argument("--tempfail")
parser.add_argument("--auth")
parser.add_argument("--cert")
parser.add_argument("--key")
parser.add_argument("--drop-after", type=int)
parser.add_argument("--delay", type=float, default=0)
parser.add_argument("--drop-after-dot", type=int)
parser.add_argument("--relay-denied", action="store_true")
args = parser.parse_args()
os.makedirs(args.dir, exist_ok=True)

lock = threading.Lock()
state = {"count": 0, "dropped": False, "attempts": {}}


class Handler:
    async def handle_MAIL(self, server, session, envelope, address, options):
        if args.drop_after is not None and not state["dropped"] and state["count"] >= args.drop_after:
            state["dropped"] = True
            server.transport.abort()
            return "421 4.3.0 closing"
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, options):
        if args.relay_denied:
            return "554 5.7.1 <%s>: Relay access denied" % address
        if args.refuse and args.refuse in address:
            return "550 5.1.1 <%s>: adresse inconnue" % address
        if args.tempfail:
            text, times = args.tempfail.split(":")
            if text in address:
                n = state["attempts"].get(address, 0)
                state["attempts"][address] = n + 1
                if n < int(times):
                    return "451 4.7.1 réessayez plus tard"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if args.delay:
            await asyncio.sleep(args.delay)
        with lock:
            state["count"] += 1
            n = state["count"]
        with open(os.path.join(args.dir, "%06d.eml" % n), "wb") as f:
            f.write(envelope.original_content)
        with open(os.path.join(args.dir, "envelopes.jsonl"), "a") as f:
            f.write(json.dumps({"file": "%06d.eml" % n, "from": envelope.mail_from, "to": envelope.rcpt_tos}) + "\n")
        if args.drop_after_dot and n % args.drop_after_dot == 0:
            server.transport.abort()
        return "250 2.0.0 Ok: queued as %d" % n


def authenticator(server, session, envelope, mechanism, auth_data):
    user, password = args.auth.split(":")
    ok = auth_data.login.decode() == user and auth_data.password.decode() == password
    # handled=False: aiosmtpd then answers 535 itself (by default it stays silent).
    return AuthResult(success=ok, handled=False)


with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]

options = {}
if args.auth:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)
    options = dict(require_starttls=True, tls_context=context, auth_required=True,
                   auth_require_tls=True, authenticator=authenticator)
elif args.cert:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)
    options = dict(tls_context=context)
controller = Controller(Handler(), hostname="127.0.0.1", port=port, decode_data=False, **options)
controller.start()
print("READY %d" % port, flush=True)
try:
    sys.stdin.read()
finally:
    controller.stop()
