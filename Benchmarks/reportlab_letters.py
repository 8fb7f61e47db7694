#!/usr/bin/python3
"""The reference for `sesame-bench print`: the same letters as Sésame's, drawn with ReportLab's
canvas (Debian's python3-reportlab), each field placed by hand, one A4 page per letter: the
school's header, the date, the recipient, the object, the text, the framed address, login and
code with the QR code (a ready-made PNG: its making is not counted), the five steps and the
footer. Page streams compressed, as Sésame's are; DejaVu fonts embedded, as Sésame's are.
Each school's letters come after its pickup sheet, as Sésame prints them: the same rows,
25 rows a page, the header and the grid on each page.

What differs from Sésame's: no text shaping (ReportLab places glyphs one by one, no kerning
or ligatures), no shrink-to-fit of long names, no wrapping of a sheet's long cells (the
canvas would draw them over the next column; the generated names fit).

Usage: reportlab_letters.py letters.tsv qr.png out.pdf
  (TSV: school, name, profile, login, code, the sheet's name and "profile, children" cells)
"""
import itertools
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
pdfmetrics.registerFont(TTFont("DejaVu-Oblique", fonts + "DejaVuSans-Oblique.ttf"))

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
title = "Retrait des identifiants au bureau du directeur"
columns = [("N°",), ("Nom",), ("Profil, enfants",), ("Date",), ("Pièce", "d’identité", "vérifiée"), ("Signature",)]
widths = [10 * mm] + [170 * mm * w for w in (0.25, 0.3, 0.12, 0.13, 0.2)]
xs = list(itertools.accumulate(widths, initial=15 * mm))
per_page = 25


def sheet(school, rows):
    """The school's pickup sheet: title, header, then its rows, 25 a page, with the grid."""
    global pages
    count = (len(rows) + per_page - 1) // per_page
    for number in range(count):
        top = height - 15 * mm
        c.setFont("DejaVu-Bold", 13)
        c.drawString(15 * mm, top - 4 * mm, title)
        c.setFillGray(0.25)
        c.setFont("DejaVu", 9)
        c.drawString(15 * mm, top - 9 * mm, school + " — 25 novembre 2026")
        c.setFillGray(0)
        c.setFont("DejaVu-Oblique", 9.5)
        c.drawString(15 * mm, top - 14 * mm, "Vérifiez une pièce d’identité avant de remettre une lettre ; la personne signe et date.")
        header = top - 20 * mm
        c.setFillGray(0.9)
        c.rect(15 * mm, header - 12 * mm, 180 * mm, 12 * mm, stroke=0, fill=1)
        c.setFillGray(0)
        c.setFont("DejaVu-Bold", 8.5)
        for x, lines in zip(xs, columns):
            for i, text in enumerate(lines):
                c.drawString(x + 1.5 * mm, header - 4 * mm - i * 3.3 * mm, text)
        c.setFont("DejaVu", 9)
        y = header - 12 * mm
        page = rows[number * per_page:(number + 1) * per_page]
        for index, (name, who) in enumerate(page, start=number * per_page + 1):
            c.drawString(xs[0] + 1.5 * mm, y - 5 * mm, str(index))
            c.drawString(xs[1] + 1.5 * mm, y - 5 * mm, name)
            c.drawString(xs[2] + 1.5 * mm, y - 5 * mm, who)
            c.drawString(xs[4] + 1.5 * mm, y - 5 * mm, "☐")
            y -= 9 * mm
        c.setStrokeGray(0.35)
        c.setLineWidth(0.6)
        for i in range(len(page) + 2):
            line = header if i == 0 else header - 12 * mm - (i - 1) * 9 * mm
            c.line(15 * mm, line, 195 * mm, line)
        for x in xs:
            c.line(x, header, x, y)
        c.setFillGray(0.4)
        c.setFont("DejaVu", 7.5)
        c.drawRightString(195 * mm, 12 * mm, f"{title} — page {number + 1}/{count}")
        c.setFillGray(0)
        c.showPage()
        pages += 1


fields = [line.rstrip("\n").split("\t") for line in open(letters, encoding="utf-8")]
for school, group in itertools.groupby(fields, key=lambda f: f[0]):
    group = list(group)
    sheet(school, [(f[5], f[6]) for f in group])
    for school, name, profile, login, code, _, _ in group:
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
