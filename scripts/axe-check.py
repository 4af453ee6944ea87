#!/usr/bin/env python3
"""Runs axe-core (bundled in the axe-selenium-python package) in headless Chromium over every page
of a built site, opened from file://, and fails on any serious or critical violation. It also checks
that every inline SVG chart is laid out by the browser with a real size and draws something.

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
charts = 0
# For each SVG shown (each chart is drawn wide and narrow and CSS hides one: display: none, out of
# the accessibility tree): its rendered box and how many of its shapes have a painted box of their own.
MEASURE = """
return Array.from(document.querySelectorAll('svg.chart-svg')).filter(svg => svg.getClientRects().length > 0).map(svg => {
  const box = svg.getBoundingClientRect();
  const shapes = Array.from(svg.querySelectorAll('path, rect, line, circle, text'))
    .filter(el => { const b = el.getBBox(); return b.width > 0 || b.height > 0; }).length;
  return {w: box.width, h: box.height, shapes: shapes, title: svg.querySelector('title').textContent};
});
"""
try:
    for page in pages:
        driver.get(page.as_uri())
        for chart in driver.execute_script(MEASURE):
            charts += 1
            if chart["w"] < 100 or chart["h"] < 20 or chart["shapes"] < 2:
                failures += 1
                print(f"{page.relative_to(site)}: chart {chart['title']!r} renders {chart['w']:.0f}×{chart['h']:.0f} with {chart['shapes']} shapes")
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
print(f"axe-core: {len(pages)} pages, violations by impact: {summary}; {charts} charts laid out and drawn")
sys.exit(1 if failures else 0)
