#!/usr/bin/env python3
"""Runs axe-core (bundled in the axe-selenium-python package) in headless Chromium over every page
of a built site, opened from file://, and fails on any serious or critical violation.

usage: scripts/axe-check.py SITE_DIR
"""
import pathlib
import shutil
import sys

from axe_selenium_python import Axe
from selenium import webdriver

site = pathlib.Path(sys.argv[1]).resolve()
pages = sorted(site.rglob("*.html"))
options = webdriver.ChromeOptions()
for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
    options.add_argument(flag)
# Debian's chromium and chromedriver: Selenium must not try to download a browser.
options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser") or ""
driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=shutil.which("chromedriver")))
failures = 0
counts = {}
try:
    for page in pages:
        driver.get(page.as_uri())
        axe = Axe(driver)
        axe.inject()
        results = axe.run()
        for violation in results["violations"]:
            counts[violation["impact"]] = counts.get(violation["impact"], 0) + 1
            if violation["impact"] in ("serious", "critical"):
                failures += 1
                targets = ", ".join(str(node["target"]) for node in violation["nodes"][:3])
                print(f"{page.relative_to(site)}: {violation['impact']}: {violation['id']}: {violation['help']} ({targets})")
            elif "--verbose" in sys.argv:
                print(f"{page.relative_to(site)}: {violation['impact']}: {violation['id']}: {violation['help']}")
finally:
    driver.quit()
summary = ", ".join(f"{n} {impact}" for impact, n in sorted(counts.items())) or "none"
print(f"axe-core: {len(pages)} pages, violations by impact: {summary}")
sys.exit(1 if failures else 0)
