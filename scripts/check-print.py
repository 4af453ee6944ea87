#!/usr/bin/env python3
"""Prints the print views of a built site to A4 PDF in headless Chromium and checks what a manager
gets on paper: every talk-script prep card (card.html), every blank form (form.html) and every
one-on-one talk form (private/one-on-one/forms/*/index.html, when the site shows agents) fits on one
page, and every question paper
(paper.html) puts its answer key on sheets of its own (the key printed alone takes as many pages as
it adds to the paper, so no question shares a sheet with it).

usage: scripts/check-print.py SITE_DIR
"""
import base64
import pathlib
import re
import shutil
import sys

from selenium import webdriver

site = pathlib.Path(sys.argv[1]).resolve()
options = webdriver.ChromeOptions()
for flag in ("--headless=new", "--no-sandbox", "--disable-gpu"):
    options.add_argument(flag)
options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser") or ""
driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=shutil.which("chromedriver")))


def pages(hide=None):
    """Pages of the current document printed to A4 with the page's own @page rules."""
    if hide:
        driver.execute_script(f"document.querySelectorAll({hide!r}).forEach(e => e.remove())")
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": False})
    return len(re.findall(rb"/Type\s*/Page[^s]", base64.b64decode(pdf["data"])))


failures = 0
cards = sorted(site.rglob("card.html"))
papers = sorted(site.rglob("paper.html"))
forms = sorted(site.rglob("form.html"))
talk_forms = sorted((site / "private" / "one-on-one" / "forms").glob("*/index.html"))
talk_form_sizes = []
form_sizes = []
sizes = []
try:
    for card in cards:
        driver.get(card.as_uri())
        count = pages()
        sizes.append(count)
        if count != 1:
            failures += 1
            print(f"{card.relative_to(site)}: the prep card prints on {count} A4 pages, not 1")
    for form in forms:
        driver.get(form.as_uri())
        count = pages()
        form_sizes.append(count)
        if count != 1:
            failures += 1
            print(f"{form.relative_to(site)}: the blank form prints on {count} A4 pages, not 1")
    for form in talk_forms:
        driver.get(form.as_uri())
        count = pages()
        talk_form_sizes.append(count)
        if count != 1:
            failures += 1
            print(f"{form.relative_to(site)}: the talk form prints on {count} A4 pages, not 1")
    for paper in papers:
        driver.get(paper.as_uri())
        whole = pages()
        driver.get(paper.as_uri())
        questions = pages(".answer-key")
        driver.get(paper.as_uri())
        key = pages(".quiz-paper")
        if whole != questions + key:
            failures += 1
            print(f"{paper.relative_to(site)}: {whole} pages, but questions alone take {questions} and the key alone {key}: they share a sheet")
        else:
            print(f"{paper.relative_to(site)}: {questions} page(s) of questions + {key} page(s) of answer key")
finally:
    driver.quit()
print(f"print: {len(cards)} prep cards, {sizes.count(1)} on one A4 page; {len(forms)} forms, {form_sizes.count(1)} on one A4 page; "
      f"{len(talk_forms)} talk forms, {talk_form_sizes.count(1)} on one A4 page; {len(papers)} question papers")
sys.exit(1 if failures else 0)
