#!/usr/bin/env python3
"""Opens every permanent module link of a built site in headless Chromium and checks where it
lands: m/<id>/ must reach the module's page (from api/modules.json), and m/<id>/#heading that
page's heading. Run it on the site opened from file:// and served under its base path.

usage: scripts/check-permalinks.py SITE_DIR BASE_URL
       (BASE_URL: file:///…/site/ or http://127.0.0.1:PORT/handbook/)
"""
import json
import pathlib
import re
import shutil
import sys
import time
import urllib.parse

from selenium import webdriver

site = pathlib.Path(sys.argv[1]).resolve()
base = sys.argv[2] if sys.argv[2].endswith("/") else sys.argv[2] + "/"
modules = json.loads((site / "api" / "modules.json").read_text(encoding="utf-8"))
base_path = modules[0]["permalink"].rsplit("m/", 1)[0] if modules else "/"
options = webdriver.ChromeOptions()
for flag in ("--headless=new", "--no-sandbox", "--disable-gpu"):
    options.add_argument(flag)
options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser") or ""
driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=shutil.which("chromedriver")))


def site_relative(url):
    """The page a URL is, relative to the site root, without index.html."""
    path = urllib.parse.unquote(urllib.parse.urlsplit(url).path)
    root = urllib.parse.unquote(urllib.parse.urlsplit(base).path)
    path = path[len(root):] if path.startswith(root) else path
    return re.sub(r"index\.html$", "", path)


def land(url):
    driver.get(url)
    for _ in range(50):  # the meta refresh, then the script that keeps the #heading
        if "/m/" not in urllib.parse.urlsplit(driver.current_url).path:
            break
        time.sleep(0.05)
    time.sleep(0.05)
    return driver.current_url


failures = 0
with_heading = 0
try:
    for module in modules:
        want = module["url"][len(base_path):]
        got = land(base + "m/" + module["id"] + "/index.html" if base.startswith("file:") else base + "m/" + module["id"] + "/")
        if site_relative(got) != want:
            failures += 1
            print(f"m/{module['id']}/ lands on {got}, not {want}")
            continue
        # One heading per page that has any: the link keeps it.
        page = (site / want / "index.html").read_text(encoding="utf-8")
        heading = re.search(r'<h2 id="([^"]+)"', page)
        if heading:
            fragment = heading.group(1)
            url = (base + "m/" + module["id"] + ("/index.html" if base.startswith("file:") else "/")) + "#" + urllib.parse.quote(fragment)
            got = land(url)
            with_heading += 1
            if site_relative(got) != want or urllib.parse.unquote(urllib.parse.urlsplit(got).fragment) != fragment:
                failures += 1
                print(f"m/{module['id']}/#{fragment} lands on {urllib.parse.unquote(got)}")
finally:
    driver.quit()
print(f"permalinks: {len(modules)} modules from {base}, {with_heading} with a heading; {failures} problem(s)")
sys.exit(1 if failures else 0)
