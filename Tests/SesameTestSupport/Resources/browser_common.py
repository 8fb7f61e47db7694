"""What the browser tests share: a headless Chromium, waiting out pages that reload in place,
and looking at each page (no activation code in it, no serious accessibility fault, a
screenshot saved)."""
import os, tempfile
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from selenium.common.exceptions import WebDriverException
from axe_selenium_python import Axe


class Session:
    """One test run: where screenshots go, the codes no page may show, and what was seen."""

    def __init__(self, shots, codes_file):
        self.shots = shots
        self.codes = [c for c in open(codes_file).read().split() if c]
        self.report = {"pages": 0, "codes_seen": [], "axe": []}

    def look(self, driver, name):
        self.report["pages"] += 1
        driver.execute_script("window.scrollTo(0, 0)")
        driver.save_screenshot(os.path.join(self.shots, name + ".png"))
        source = driver.page_source
        self.report["codes_seen"] += [c for c in self.codes if c in source]
        axe = Axe(driver)
        axe.inject()
        result = axe.run()
        self.report["axe"] += [f"{name}: {v['id']} ({v['impact']})" for v in result["violations"] if v["impact"] in ("serious", "critical")]

    def enrol(self, driver, link, name):
        driver.get(link)
        self.look(driver, name + "-inscription")
        driver.find_element(By.ID, "motdepasse").send_keys("un mot de passe sûr")
        driver.find_element(By.ID, "confirmation").send_keys("un mot de passe sûr")
        driver.find_element(By.CSS_SELECTOR, "button.principal").click()


def browser(width, height):
    options = webdriver.ChromeOptions()
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={width},{height}",
                 f"--user-data-dir={tempfile.mkdtemp(prefix='sesame-chromium-')}"]:
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def wait(driver, condition, seconds=30):
    """Waits while the page reloads in place: an element looked at during the reload is stale,
    missing, or no longer in the document, and is looked up again."""
    WebDriverWait(driver, seconds, ignored_exceptions=[WebDriverException]).until(condition)
