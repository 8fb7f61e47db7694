#!/usr/bin/python3
"""The reference for `sesame-bench print`: the same letters as Sésame's, drawn with ReportLab's
canvas (Debian's python3-reportlab), each field placed by hand, one A4 page per letter: the
school's header, the date, the recipient, the object, the text, the framed address, login and
code with the QR code (a ready-made PNG: its making is not counted), the five steps and the
footer. Page streams compressed, as Sésame's are; DejaVu fonts embedded, as Sésame's are.

What differs from Sésame's letter: no text shaping (ReportLab places glyphs one by one, no
kerning or ligatures), no shrink-to-fit of long names, no sign-off sheet pages.

Usage: reportlab_letters.py letters.tsv qr.png out.pdf   (TSV: school, name, profile, login, code)
"""
import sys
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

letters, qr, out = sys.argv[1:4]
fonts = "/usr/share/fonts/truetype/dejavu/"
pdfmetrics.registerFont(TTFont("DejaVu", fonts + "DejaVuSans.ttf"))
pdfmetrics.registerFont(TTFont("DejaVu-Bold", fonts + "DejaVuSans-Bold.ttf"))
pdfmetrics.registerFont(TTFont("DejaVu-Mono", fonts + "DejaVuSansMono-Bold.ttf"))

width, height = A4
c = canvas.Canvas(out, pagesize=A4, pageCompression=1)
steps = [
    "1. Ouvrez https://www.e-primo.fr, ou scannez le code ci-contre avec un téléphone.",
    "2. Saisissez l’identifiant et le code d’activation ci-dessus.",
    "3. Choisissez un mot de passe personnel, que vous seul connaîtrez.",
    "4. Indiquez une adresse électronique : elle servira si le mot de passe est oublié.",
    "5. Acceptez la charte d’utilisation de l’ENT.",
]
pages = 0
for line in open(letters, encoding="utf-8"):
    school, name, profile, login, code = line.rstrip("\n").split("\t")
    top = height - 16 * mm
    c.setFont("DejaVu-Bold", 11)
    c.drawString(20 * mm, top, school)
    c.setFont("DejaVu", 10)
    c.drawString(20 * mm, top - 5 * mm, "1 place de la Mairie")
    c.drawRightString(width - 15 * mm, top, "Nantes, le 25 novembre 2026")
    c.setFont("DejaVu-Bold", 11.5)
    c.drawString(110 * mm, height - 55 * mm, name)
    c.setFont("DejaVu", 11)
    c.drawString(110 * mm, height - 60 * mm, profile)
    c.setFont("DejaVu-Bold", 12.5)
    c.drawString(20 * mm, height - 100 * mm, "Objet : votre compte e-primO — première connexion")
    c.setFont("DejaVu", 11)
    c.drawString(20 * mm, height - 110 * mm, "Voici les informations de connexion de votre compte dans e-primO, l’espace numérique")
    c.drawString(20 * mm, height - 115 * mm, "de travail de l’école.")
    box = height - 160 * mm
    c.setFillGray(0.95)
    c.setStrokeGray(0.3)
    c.rect(20 * mm, box, width - 35 * mm, 38 * mm, fill=1)
    c.setFillGray(0)
    rows = [("Adresse", "https://www.e-primo.fr"), ("Identifiant", login)] + ([("Code d’activation", code)] if code else [])
    for i, (label, value) in enumerate(rows):
        y = box + 30 * mm - i * 11 * mm
        c.setFont("DejaVu", 10)
        c.drawString(24 * mm, y, label)
        c.setFont("DejaVu-Mono", 16 if i else 12)
        c.drawString(62 * mm, y, value)
    c.drawImage(qr, width - 50 * mm, box + 6 * mm, 28 * mm, 28 * mm)
    c.setFont("DejaVu", 8)
    c.drawCentredString(width - 36 * mm, box + 2 * mm, "Scannez pour ouvrir e-primO")
    c.setFont("DejaVu-Bold", 11)
    c.drawString(20 * mm, box - 10 * mm, "Première connexion, en 5 étapes")
    c.setFont("DejaVu", 10.5)
    for i, step in enumerate(steps):
        c.drawString(20 * mm, box - 17 * mm - i * 6 * mm, step)
    c.setFont("DejaVu-Bold", 10)
    c.drawString(20 * mm, box - 55 * mm, "Conservez cette lettre. Ne communiquez votre code à personne :")
    c.setFont("DejaVu", 10)
    c.drawString(20 * mm, box - 60 * mm, "il donne accès au compte, et il ne sert qu’une fois. Pour toute question : " + school[:40])
    c.drawString(20 * mm, box - 72 * mm, "Anne Roux, directrice de l’école")
    c.showPage()
    pages += 1
c.save()
print(pages)
