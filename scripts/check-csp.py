#!/usr/bin/env python3
"""Checks the Content-Security-Policy of the output in headless Chromium.

1. Every HTML file of SITE_DIR carries the policy as its first <meta> after the charset, and the
   policy allows scripts from the site only.
2. For each base URL (file:// and served): a page of every kind loads with no CSP violation in the
   browser console, and the site's own script ran (the search box is shown, which staybook.js does).
3. PROBE_PAGE is a page whose Markdown holds an inline <script> and an onerror handler, built with
   raw HTML allowed: neither may run (the policy, not the Markdown filter, stops them here), and the
   browser must report the refusal, which proves the policy is in force.

usage: scripts/check-csp.py SITE_DIR PROBE_SITE_DIR PROBE_PAGE BASE_URL [BASE_URL ...]
       (each BASE_URL is where SITE_DIR is reachable; PROBE_SITE_DIR is opened from file://)
"""
import pathlib
import re
import shutil
import sys

from selenium import webdriver
from selenium.webdriver.common.by import By

POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
          "base-uri 'none'; form-action 'none'")
META = f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'

site = pathlib.Path(sys.argv[1]).resolve()
probe_site = pathlib.Path(sys.argv[2]).resolve()
probe_page = sys.argv[3]
bases = sys.argv[4:]
failures = []

pages = sorted(site.rglob("*.html"))
for page in pages:
    html = page.read_text(encoding="utf-8")
    head = html.split("</head>", 1)[0]
    metas = re.findall(r"<meta [^>]*>", head)
    if len(metas) < 2 or metas[0] != '<meta charset="utf-8">' or metas[1] != META:
        failures.append(f"{page.relative_to(site)}: the policy is not the first <meta> after the charset")
    if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html):
        failures.append(f"{page.relative_to(site)}: an inline <script>")
print(f"policy meta: {len(pages)} HTML files checked")

# One page of each kind, chosen by body class, plus a permanent module link (a redirect page).
kinds = {}
for page in pages:
    match = re.search(r'<body class="([^"]*)"', page.read_text(encoding="utf-8"))
    if match:
        kinds.setdefault(match.group(1).split()[0], page.relative_to(site).as_posix())
samples = sorted(set(kinds.values()))
print(f"pages loaded per base URL: {len(samples)} ({', '.join(sorted(kinds))})")

options = webdriver.ChromeOptions()
for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
    options.add_argument(flag)
options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser") or ""
driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=shutil.which("chromedriver")))


def violations():
    return [entry["message"] for entry in driver.get_log("browser") if "Content Security Policy" in entry["message"]]


try:
    for base in bases:
        for sample in samples:
            driver.get(base + sample)
            found = violations()
            if found:
                failures.append(f"{base}{sample}: {found[0][:200]}")
            boxes = driver.find_elements(By.CSS_SELECTOR, "[data-search]")
            if boxes and not boxes[0].is_displayed():
                failures.append(f"{base}{sample}: the search box is hidden, so staybook.js did not run")
        print(f"ok: {base}: {len(samples)} pages, no CSP violation, the site's script ran")

    url = probe_site.as_uri() + "/" + probe_page
    driver.get(url)
    title = driver.title
    ran = driver.execute_script("return window.staybookProbe || null")
    refused = violations()
    if "PWNED" in title or ran is not None:
        failures.append(f"{url}: an inline script ran (title {title!r}, window.staybookProbe={ran!r})")
    if not any("inline" in message or "script-src" in message for message in refused):
        failures.append(f"{url}: the browser reported no refusal; is the policy in force?")
    boxes = driver.find_elements(By.CSS_SELECTOR, "[data-search]")
    if not boxes or not boxes[0].is_displayed():
        failures.append(f"{url}: the site's own script did not run beside the refused one")
    print(f"ok: {url}: the inline script and the onerror handler were refused ({len(refused)} report(s))")
finally:
    driver.quit()

for failure in failures:
    print("FAIL:", failure)
sys.exit(1 if failures else 0)
