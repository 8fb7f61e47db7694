#!/usr/bin/python3
"""Drives Sésame's web pages in a real headless Chromium (Debian's chromium + chromium-driver,
Selenium from the project's virtual environment), as a director and a teacher would.

Arguments: base URL, the director's enrolment link, the teacher's, a folder for screenshots,
and a file of activation codes that no page may show. Prints a JSON report on stdout.
"""
import json, sys
from selenium.webdriver.common.by import By
from browser_common import Session, browser, wait

base, director_link, teacher_link, shots, codes_file = sys.argv[1:6]
session = Session(shots, codes_file)
report = session.report
report.update({"ticked": [], "absent": [], "undone": [], "forbidden": None})
look, enrol = session.look, session.enrol

# The director, on a computer.
director = browser(1280, 900)
try:
    enrol(director, director_link, "direction")
    wait(director, lambda d: d.find_element(By.CSS_SELECTOR, "table.chiffres"))
    look(director, "direction-tableau")
finally:
    director.quit()

# The teacher, on a phone.
teacher = browser(390, 844)
try:
    enrol(teacher, teacher_link, "enseignant")
    wait(teacher, lambda d: d.find_element(By.CSS_SELECTOR, "ul.paquets a"))
    look(teacher, "enseignant-paquets")
    teacher.find_element(By.CSS_SELECTOR, "ul.paquets a").click()
    wait(teacher, lambda d: d.find_element(By.CSS_SELECTOR, "ol.lettres"))
    look(teacher, "enseignant-paquet")

    def tick(index, css):
        item = teacher.find_elements(By.CSS_SELECTOR, "li.lettre")[index]
        ident = item.get_attribute("id")
        item.find_element(By.CSS_SELECTOR, css).click()
        # Ticked in place: the page comes back with the letter ticked.
        wait(teacher, lambda d: "cochee" in d.find_element(By.ID, ident).get_attribute("class"))
        return ident

    for i in range(3):
        report["ticked"].append(tick(i, "button.remis"))
    report["absent"].append(tick(3, "button.absent"))
    item = teacher.find_element(By.ID, report["ticked"][2])
    item.find_element(By.CSS_SELECTOR, "button.annuler").click()
    wait(teacher, lambda d: "cochee" not in d.find_element(By.ID, report["ticked"][2]).get_attribute("class"))
    report["undone"].append(report["ticked"][2])
    look(teacher, "enseignant-coches")
    # Not a teacher's page.
    teacher.get(base + "/tableau")
    report["forbidden"] = "n’est pas accessible" in teacher.page_source
    look(teacher, "enseignant-refus")
finally:
    teacher.quit()

# The director again, after the teacher's ticks: the dashboard's figures, class by class.
director = browser(1280, 900)
try:
    director.get(base + "/connexion")
    director.find_element(By.ID, "identifiant").send_keys("anne.roux")
    director.find_element(By.ID, "motdepasse").send_keys("un mot de passe sûr")
    director.find_element(By.CSS_SELECTOR, "button.principal").click()
    wait(director, lambda d: d.find_element(By.CSS_SELECTOR, "table.chiffres"))
    look(director, "direction-apres")
    report["tableau"] = {
        row.find_element(By.TAG_NAME, "th").text: [int(cell.text) for cell in row.find_elements(By.TAG_NAME, "td")]
        # The first table is the classes'; the profiles', channels' and schools' follow.
        for row in director.find_element(By.CSS_SELECTOR, "table.chiffres").find_elements(By.CSS_SELECTOR, "tbody tr")
    }
    # The follow-up's lists, from the dashboard: who is still to reach, and what to do.
    director.find_element(By.LINK_TEXT, "Relances : qui n’a pas encore été atteint").click()
    wait(director, lambda d: d.find_element(By.CSS_SELECTOR, "table.liste"))
    look(director, "direction-relances")
    report["relances"] = [
        [cell.text for cell in row.find_elements(By.CSS_SELECTOR, "th, td")]
        for row in director.find_elements(By.CSS_SELECTOR, "table.liste tbody tr")
    ]
finally:
    director.quit()

print(json.dumps(report))
