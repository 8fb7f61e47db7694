#!/usr/bin/python3
"""Parses the messages a test SMTP server received, with Python's own MIME parser, and
prints them as JSON: headers decoded, parts with their decoded text, parser defects."""
import email, email.policy, json, os, sys

folder = sys.argv[1]
envelopes = {}
path = os.path.join(folder, "envelopes.jsonl")
if os.path.exists(path):
    for line in open(path):
        e = json.loads(line)
        envelopes[e["file"]] = e
out = []
for name in sorted(f for f in os.listdir(folder) if f.endswith(".eml")):
    with open(os.path.join(folder, name), "rb") as f:
        message = email.message_from_bytes(f.read(), policy=email.policy.default)
    parts = []
    for part in message.walk():
        if part.get_content_maintype() == "multipart":
            continue
        parts.append({"type": part.get_content_type(), "charset": part.get_content_charset(),
                      "encoding": part.get("Content-Transfer-Encoding"), "text": part.get_content()})
    out.append({
        "file": name, "envelope": envelopes.get(name),
        "from": str(message["From"]), "to": str(message["To"]),
        "toAddresses": [a.addr_spec for a in message["To"].addresses], "toNames": [a.display_name for a in message["To"].addresses], "subject": str(message["Subject"]),
        "messageID": message["Message-ID"], "date": message["Date"], "type": message.get_content_type(),
        "parts": parts, "defects": [str(d) for d in message.defects],
    })
print(json.dumps(out, ensure_ascii=False))
