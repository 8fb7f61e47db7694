#!/usr/bin/python3
"""What a school's IT helper would write: read the list of accounts (address, name, login,
code, children, school), word each message with Python's email package, and send them all
with smtplib over one reused connection.

Usage: smtplib_baseline.py PORT LIST.csv FROM
       smtplib_baseline.py PORT --replay FOLDER FROM   (send ready-made .eml files as they are)"""
import csv, email.utils, os, re, smtplib, sys, time
from email.message import EmailMessage

TEXT = """Madame, Monsieur,

Voici les informations de connexion de votre compte dans e-primO, l’espace numérique de travail de l’école, pour suivre la scolarité de {enfants}.

  Adresse : https://www.e-primo.fr
  Identifiant : {identifiant}
  Code d’activation : {code}

Première connexion, en 5 étapes :
1. Ouvrez https://www.e-primo.fr.
2. Saisissez l’identifiant et le code d’activation ci-dessus.
3. Choisissez un mot de passe personnel, que vous seul connaîtrez.
4. Indiquez une adresse électronique : elle servira si le mot de passe est oublié.
5. Acceptez la charte d’utilisation de l’ENT.

Ne communiquez votre code à personne : il donne accès au compte, et il ne sert qu’une fois.

{directeur}, directeur·rice de l’école
{ecole}
"""

HTML = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"></head>
<body style="font-family: sans-serif; line-height: 1.45; color: #222;">
<p>Madame, Monsieur,</p>
<p>Voici les informations de connexion de votre compte dans <b>e-primO</b>, l’espace numérique de travail de l’école, pour suivre la scolarité de {enfants}.</p>
<table style="border: 1px solid #999; background: #f2f2f2; padding: 8px;">
<tr><td>Adresse</td><td><a href="https://www.e-primo.fr">https://www.e-primo.fr</a></td></tr>
<tr><td>Identifiant</td><td><b style="font-family: monospace; font-size: 1.3em;">{identifiant}</b></td></tr>
<tr><td>Code d’activation</td><td><b style="font-family: monospace; font-size: 1.3em;">{code}</b></td></tr>
</table>
<p><b>Première connexion, en 5 étapes</b></p>
<ol><li>Ouvrez <a href="https://www.e-primo.fr">https://www.e-primo.fr</a>.</li><li>Saisissez l’identifiant et le code d’activation ci-dessus.</li><li>Choisissez un mot de passe personnel, que vous seul connaîtrez.</li><li>Indiquez une adresse électronique : elle servira si le mot de passe est oublié.</li><li>Acceptez la charte d’utilisation de l’ENT.</li></ol>
<p><b>Ne communiquez votre code à personne</b> : il donne accès au compte, et il ne sert qu’une fois.</p>
<p>{directeur}, directeur·rice de l’école<br>{ecole}</p>
</body></html>
"""

port, sender = int(sys.argv[1]), sys.argv[-1]
start = time.time()
sent = 0
with smtplib.SMTP("127.0.0.1", port) as smtp:
    if sys.argv[2] == "--replay":
        folder = sys.argv[3]
        for name in sorted(f for f in os.listdir(folder) if f.endswith(".eml")):
            with open(os.path.join(folder, name), "rb") as f:
                data = f.read()
            recipient = re.search(rb"^To: .*?<([^>]+)>", data, re.M | re.S).group(1).decode()
            smtp.sendmail(sender, [recipient], data)
            sent += 1
    else:
        with open(sys.argv[2], newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter=";"):
                msg = EmailMessage()
                msg["From"] = email.utils.formataddr((row["ecole"], sender))
                msg["To"] = email.utils.formataddr((row["nom"], row["adresse"]))
                msg["Subject"] = "Vos identifiants e-primO — " + row["ecole"]
                msg["Date"] = email.utils.formatdate(localtime=True)
                msg["Message-ID"] = email.utils.make_msgid(domain=sender.split("@")[1])
                msg.set_content(TEXT.format(**row), cte="quoted-printable")
                msg.add_alternative(HTML.format(**{k: v.replace("&", "&amp;").replace("<", "&lt;") for k, v in row.items()}), subtype="html", cte="quoted-printable")
                smtp.send_message(msg)
                sent += 1
print("%d %.3f" % (sent, time.time() - start))
