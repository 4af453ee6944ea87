#!/usr/bin/env python3
"""Prints the print views of a built site to A4 PDF in headless Chromium and checks what a manager
gets on paper: every talk-script prep card (card.html), every blank form (form.html) and every
one-on-one talk form (private/one-on-one/forms/*/index.html, when the site shows agents) fits on one
page, and every question paper
(paper.html) puts its answer key on sheets of its own (the key printed alone takes as many pages as
it adds to the paper, so no question shares a sheet with it). Every course pack (courses/*/pack.html)
prints its cover, each module and the answer keys each from a new sheet: its page count equals the
sum of each part printed alone, every module of the course is in it in order, and answers appear only
in the key at the end.

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


def pages_of_part(index):
    """Pages of part `index` of a course pack printed alone (the cover, a module or the answer keys)."""
    driver.execute_script(
        "document.querySelectorAll('.sheet > article').forEach((e, i) => { if (i !== arguments[0]) e.remove(); })", index)
    return pages()


failures = 0
packs = sorted(site.rglob("pack.html"))
pack_sizes = []
cards = sorted(site.rglob("card.html"))
papers = sorted(site.rglob("paper.html"))
forms = sorted(site.rglob("form.html"))
talk_forms = sorted((site / "private" / "one-on-one" / "forms").glob("*/index.html"))
talk_form_sizes = []
form_sizes = []
sizes = []
try:
    def one_page_each(views, what, sizes):
        """Each view printed to A4 takes exactly one page."""
        global failures
        for view in views:
            driver.get(view.as_uri())
            count = pages()
            sizes.append(count)
            if count != 1:
                failures += 1
                print(f"{view.relative_to(site)}: the {what} prints on {count} A4 pages, not 1")

    one_page_each(cards, "prep card", sizes)
    one_page_each(forms, "blank form", form_sizes)
    one_page_each(talk_forms, "talk form", talk_form_sizes)
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
    for pack in packs:
        driver.get(pack.as_uri())
        whole = pages()
        driver.get(pack.as_uri())
        layout = driver.execute_script("""
            const parts = [...document.querySelectorAll('.sheet > article')];
            return {
              kinds: parts.map(e => e.classList.contains('pack-cover') ? 'cover' : e.classList.contains('pack-keys') ? 'keys' : 'module'),
              schedule: [...document.querySelectorAll('.pack-schedule tbody th a')].map(a => a.getAttribute('href')),
              modules: [...document.querySelectorAll('.pack-module')].map(e => '#' + e.id),
              answersInModules: document.querySelectorAll('.pack-module .answer-letter, .pack-module .quiz-answer').length,
              papers: document.querySelectorAll('.pack-module .quiz-paper').length,
              keys: document.querySelectorAll('.pack-keys .pack-key').length,
            };""")
        # A prep card in a pack is still the one sheet a trainer hands out.
        for number in range(driver.execute_script("return document.querySelectorAll('.pack-card').length")):
            driver.get(pack.as_uri())
            driver.execute_script("document.querySelector('.sheet').replaceChildren(document.querySelectorAll('.pack-card')[arguments[0]])", number)
            if (count := pages()) != 1:
                failures += 1
                print(f"{pack.relative_to(site)}: prep card {number + 1} prints on {count} A4 pages, not 1")
        parts = []
        for index in range(len(layout["kinds"])):
            driver.get(pack.as_uri())
            parts.append(pages_of_part(index))
        name = pack.relative_to(site)
        pack_sizes.append((str(name), whole))
        problems = []
        kinds = layout["kinds"]
        if not kinds or kinds[0] != "cover" or "keys" in kinds[:-1]:
            problems.append(f"parts are {kinds}: the cover must come first and the answer keys last")
        if layout["schedule"] != layout["modules"]:
            problems.append(f"the schedule lists {layout['schedule']} but the pack holds {layout['modules']}")
        if layout["answersInModules"]:
            problems.append(f"{layout['answersInModules']} answer(s) printed inside the modules, not only in the key at the end")
        if layout["papers"] != layout["keys"]:
            problems.append(f"{layout['papers']} question paper(s) but {layout['keys']} answer key(s)")
        if whole != sum(parts):
            problems.append(f"{whole} pages, but its parts printed alone take {parts} = {sum(parts)}: a part does not start on a sheet of its own")
        if problems:
            failures += 1
            print(f"{name}: " + "; ".join(problems))
        else:
            print(f"{name}: {whole} A4 pages = cover {parts[0]} + {len(layout['modules'])} modules {parts[1:len(layout['modules']) + 1]}"
                  + (f" + answer keys {parts[-1]}" if kinds[-1] == "keys" else ""))
finally:
    driver.quit()
print(f"print: {len(cards)} prep cards, {sizes.count(1)} on one A4 page; {len(forms)} forms, {form_sizes.count(1)} on one A4 page; "
      f"{len(talk_forms)} talk forms, {talk_form_sizes.count(1)} on one A4 page; {len(papers)} question papers; "
      f"{len(packs)} course packs " + ", ".join(f"{name} {count} pages" for name, count in pack_sizes))
sys.exit(1 if failures else 0)
