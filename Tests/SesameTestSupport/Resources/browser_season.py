#!/usr/bin/python3
"""A director's whole season through Sésame's web pages, in a real headless Chromium at a
school PC's 1366×768: import (with ONDE's responsables), select, plan with a meeting date,
print and download the ZIP, send, record a signed sheet, import a newer export, follow up,
read the dashboard, purge.

Arguments: base URL, the director's enrolment link, a folder holding export.csv,
responsables.csv and export-nouveau.csv, a folder for screenshots and downloads, and a file
of activation codes that no page may show. Prints a JSON report on stdout.
"""
import csv, io, json, os, sys, time, urllib.request, zipfile
from selenium.webdriver.common.by import By
from browser_common import Session, browser, wait

base, link, files, shots, codes_file = sys.argv[1:6]
session = Session(shots, codes_file)
report = session.report
look = session.look


def heading(driver):
    return driver.find_element(By.TAG_NAME, "h1").text


def click(driver, text):
    driver.find_element(By.XPATH, f"//button[normalize-space()=\"{text}\"] | //a[normalize-space()=\"{text}\"]").click()


def download(driver, path):
    """Fetches a link with the browser's session, as the browser would save it."""
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    request = urllib.request.Request(base + path, headers={"Cookie": cookies})
    with urllib.request.urlopen(request) as response:
        return response.read()


def upload_import(driver, fields, name):
    driver.get(base + "/import")
    for field, file in fields.items():
        driver.find_element(By.ID, field).send_keys(os.path.join(files, file))
    click(driver, "Voir le compte rendu")
    wait(driver, lambda d: d.find_element(By.ID, "rapport"))
    look(driver, name + "-apercu")
    report[name] = driver.find_element(By.ID, "rapport").text
    click(driver, "Confirmer l’import")
    wait(driver, lambda d: heading(d).startswith("Import enregistré"))
    look(driver, name + "-fait")


d = browser(1366, 768)
try:
    session.enrol(d, link, "direction")
    wait(d, lambda d: heading(d).startswith("Rentrée"))
    look(d, "01-tableau-vide")

    # 1. Import: the ENT's export and ONDE's responsables.
    upload_import(d, {"export": "export.csv", "responsables": "responsables.csv"}, "02-import")

    # 2. Select: pending parents, the filters applied as they change.
    d.get(base + "/selection")
    d.find_element(By.CSS_SELECTOR, "input[name=profil][value=parent]").click()
    wait(d, lambda d: d.find_element(By.CSS_SELECTOR, "input[name=profil][value=parent]").is_selected())
    d.find_element(By.CSS_SELECTOR, "input[name=activation][value=pending]").click()
    wait(d, lambda d: d.find_element(By.CSS_SELECTOR, "input[name=activation][value=pending]").is_selected()
         and d.find_element(By.ID, "totaux"))
    look(d, "03-selection")
    report["selection"] = int(d.find_element(By.CSS_SELECTOR, "#totaux strong").text)

    # 3. Plan: every pending account, the email strategy, a meeting for CP A.
    d.get(base + "/plan?activation=pending")
    d.find_element(By.CSS_SELECTOR, "input[name=strategie][value=courriel]").click()
    label = d.find_element(By.XPATH, "//div[@class='reunion']/label[normalize-space()='CP A']")
    field = d.find_element(By.ID, label.get_attribute("for"))
    d.execute_script("arguments[0].value = '2026-09-15T18:00'", field)
    look(d, "04-plan")
    click(d, "Voir le plan avant de l’enregistrer")
    wait(d, lambda d: d.find_element(By.ID, "lots"))
    look(d, "05-plan-apercu")
    report["preview"] = d.find_element(By.CSS_SELECTOR, "main p strong").text
    click(d, "Créer ce plan")
    wait(d, lambda d: heading(d).startswith("Plan n°"))
    look(d, "06-plan-cree")

    # 4. Print, in the server; then the ZIP.
    d.get(base + "/impression")
    click(d, "Imprimer les paquets")
    wait(d, lambda d: d.find_element(By.ID, "resultat"), seconds=180)
    look(d, "07-impression")
    archive = download(d, d.find_element(By.LINK_TEXT, "Tout télécharger (ZIP)").get_attribute("href").replace(base, ""))
    open(os.path.join(shots, "paquets.zip"), "wb").write(archive)
    with zipfile.ZipFile(io.BytesIO(archive)) as z:
        report["zip"] = z.namelist()
        sheet_name = next(n for n in z.namelist() if n.startswith("CP-A_") and n.endswith("remise-en-classe.emargement.csv"))
        sheet = z.read(sheet_name).decode("utf-8-sig")

    # 5. Send, in the server; the counts follow.
    d.get(base + "/envoi")
    look(d, "08-envoi")
    click(d, "Envoyer les courriels")
    wait(d, lambda d: " 0 à envoyer" in d.find_element(By.ID, "compteurs").text and not d.find_elements(By.ID, "avancement"), seconds=180)
    look(d, "09-envoi-fait")
    report["sent"] = d.find_element(By.ID, "compteurs").text

    # 6. A signed sheet: the first three handed over, the fourth absent.
    rows = list(csv.reader(io.StringIO(sheet), delimiter=";"))
    remis = rows[0].index("Remis")
    for i, row in enumerate(rows[1:5]):
        row[remis] = "absent" if i == 3 else "oui"
    report["sheet"] = [row[0] for row in rows[1:5]]
    signed = os.path.join(shots, "feuille-signee.csv")
    with open(signed, "w", encoding="utf-8", newline="") as out:
        csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    d.get(base + "/tableau")
    d.find_element(By.ID, "feuille").send_keys(signed)
    click(d, "Enregistrer la feuille")
    wait(d, lambda d: heading(d) == "Feuille enregistrée")
    look(d, "10-feuille")
    report["recorded"] = d.find_element(By.CSS_SELECTOR, "main p").text

    # 7. A newer export: what changed, and what it does to the letters already out.
    upload_import(d, {"export": "export-nouveau.csv"}, "11-import-nouveau")

    # 8. Follow up.
    d.get(base + "/relances")
    look(d, "12-relances")
    click(d, "Lancer la relance : créer les nouvelles lettres")
    wait(d, lambda d: heading(d).startswith("Relance"))
    look(d, "13-relance-faite")
    report["followup"] = d.find_element(By.CSS_SELECTOR, "main p").text

    # 9. The dashboard's figures.
    d.get(base + "/tableau")
    look(d, "14-tableau")
    report["tableau"] = {
        row.find_element(By.TAG_NAME, "th").text: [int(cell.text) for cell in row.find_elements(By.TAG_NAME, "td")]
        for row in d.find_element(By.CSS_SELECTOR, "table.chiffres").find_elements(By.CSS_SELECTOR, "tbody tr")
    }

    # 10. Purge the codes no longer needed.
    d.get(base + "/purge")
    look(d, "15-purge")
    d.find_element(By.CSS_SELECTOR, "form button.principal").click()
    wait(d, lambda d: "effacé" in d.find_element(By.CSS_SELECTOR, "main p").text)
    look(d, "16-purge-faite")
    report["purged"] = d.find_element(By.CSS_SELECTOR, "main p").text

    # The selection again, on the store as the season left it: the CLI reads the same.
    d.get(base + "/selection?profil=parent&activation=pending")
    report["selection_end"] = int(d.find_element(By.CSS_SELECTOR, "#totaux strong").text)

    # Every page of the season on a phone too: nothing wider than the screen.
    d.set_window_size(390, 844)
    report["overflow"] = []
    for page in ["tableau", "import", "selection?activation=pending", "plan?activation=pending", "impression", "envoi", "relances",
                 "reglages", "purge", "equipe"]:
        d.get(base + "/" + page)
        look(d, "telephone-" + page.split("?")[0])
        if d.execute_script("return document.documentElement.scrollWidth > window.innerWidth"):
            report["overflow"].append(page)
finally:
    d.quit()

print(json.dumps(report))
