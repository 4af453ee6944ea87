#!/usr/bin/env python3
"""Checks the offline search in headless Chromium (Debian's chromium + chromedriver, via Selenium).

For each base URL (the site opened from file://, and/or served, e.g. under /handbook/): opens a deep
page, presses `/`, types the first two Han characters of the title of the talk script
content/talk-scripts/exit-conversation.md (read from the built page), waits for the results, checks
that this page is the first result, and that following the result's link (↓ then Enter) reaches it. Also checks
that a query nothing matches says so, and that Escape closes the results.

usage: scripts/check-search.py SITE_DIR [BASE_URL ...]   (no BASE_URL: file:// only)
"""
import pathlib
import re
import shutil
import sys
from urllib.parse import unquote, urlparse

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

site = pathlib.Path(sys.argv[1]).resolve()
bases = sys.argv[2:] or [site.as_uri() + "/"]
target = "talk-scripts/exit-conversation/index.html"
deep = next(p for p in sorted(site.rglob("index.html")) if len(p.relative_to(site).parts) >= 3)
html = (site / target).read_text(encoding="utf-8")
title = re.search(r"<h1>(.*?)</h1>", html).group(1)
han = "".join(re.findall(r"[\u3400-\u9fff]", title))
if len(han) < 2:
    sys.exit(f"FAIL: the title {title!r} of {target} has fewer than two Han characters")
word = han[:2]

options = webdriver.ChromeOptions()
for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
    options.add_argument(flag)
options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser") or ""
driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=shutil.which("chromedriver")))
failures = []


def results(query):
    """Opens the deep page, presses / and types `query`; returns the result links once shown."""
    driver.get(base + deep.relative_to(site).as_posix())
    box = driver.find_element(By.CSS_SELECTOR, "[data-search]")
    if not box.is_displayed():
        raise AssertionError("the search box is not shown (did staybook.js run?)")
    driver.find_element(By.TAG_NAME, "body").send_keys("/")
    field = driver.switch_to.active_element
    if field.get_attribute("type") != "search":
        raise AssertionError("`/` did not focus the search box")
    field.send_keys(query)
    status = driver.find_element(By.CSS_SELECTOR, "[data-search-status]")
    WebDriverWait(driver, 10).until(lambda d: "找到" in status.text or "没有找到" in status.text)
    return status.text, driver.find_elements(By.CSS_SELECTOR, "[data-search-results] a")


try:
    for base in bases:
        try:
            status, links = results(word)
            if not links:
                raise AssertionError(f"no results for {word!r} ({status})")
            first = links[0]
            href = unquote(urlparse(first.get_attribute("href")).path)
            if not href.endswith("/" + target):
                raise AssertionError(f"first result for {word!r} is {href}, not {target}")
            if first.find_elements(By.TAG_NAME, "mark") == []:
                raise AssertionError("the first result highlights nothing")
            # Keyboard only: ↓ moves to the first result, Enter follows it.
            driver.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
            if driver.switch_to.active_element != first:
                raise AssertionError("↓ from the search box does not focus the first result")
            first.send_keys(Keys.ENTER)
            WebDriverWait(driver, 10).until(lambda d: unquote(urlparse(d.current_url).path).endswith("/" + target))
            heading = driver.find_element(By.TAG_NAME, "h1").text
            if heading != title:
                raise AssertionError(f"the link reached a page titled {heading!r}")
            status, links = results("zzqx")
            if links or "没有找到" not in status:
                raise AssertionError(f"a query without matches shows {len(links)} result(s): {status}")
            driver.switch_to.active_element.send_keys(Keys.ESCAPE)
            if driver.find_element(By.CSS_SELECTOR, "[data-search-panel]").is_displayed():
                raise AssertionError("Escape does not close the results")
            print(f"ok: {base}: `/` then {word!r}: {title} is the first result, and ↓ Enter reaches it")
        except Exception as error:  # noqa: BLE001 — report every base, then fail
            failures.append(f"{base}: {error}")
            print(f"FAIL: {base}: {error}")
finally:
    driver.quit()
sys.exit(1 if failures else 0)
