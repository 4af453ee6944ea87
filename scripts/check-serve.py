#!/usr/bin/env python3
"""`staybook serve` in headless Chromium, as a writer uses it.

A starter handbook (`staybook init`) with a long page is served on a free port. In the browser:
1. the page loads under its Content-Security-Policy with no violation, reload.js included;
2. scrolled to a heading far down the page, a save of the page's Markdown reloads it (the new
   sentence shows) and the window is back at that heading;
3. broken front matter shows the overlay (its heading in the site's language, the file and line),
   with no CSP violation (the overlay's stylesheet is a file of its own), and the page under it
   is the last good build;
4. the fix removes the overlay and reloads.

usage: scripts/check-serve.py STAYBOOK_BINARY
"""
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.common.by import By

binary = pathlib.Path(sys.argv[1]).resolve()
failures = []
work = pathlib.Path(tempfile.mkdtemp(prefix="staybook-check-serve."))
subprocess.run([binary, "init", str(work / "hb")], check=True, stdout=subprocess.DEVNULL)
page = work / "hb/content/basics/long.md"
sections = "\n\n".join(f"## 第 {n} 节\n\n" + "这一节的正文很长，用来把页面撑高。" * 60 for n in range(1, 13))
page.write_text(f"---\ntitle: 很长的一页\nkind: page\n---\n\n{sections}\n", encoding="utf-8")

server = subprocess.Popen([binary, "serve", "--root", str(work / "hb"), "--port", "0"], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)
url = None
for line in server.stdout:
    match = re.search(r"serving (http://\S+)", line)
    if match:
        url = match.group(1)
        break
if url is None:
    sys.exit("staybook serve did not start")

options = webdriver.ChromeOptions()
for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
    options.add_argument(flag)
options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser") or ""
driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=shutil.which("chromedriver")))


def violations():
    return [entry["message"] for entry in driver.get_log("browser") if "Content Security Policy" in entry["message"]]


def wait(condition, what, seconds=20):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if condition():
                return True
        except Exception:  # the page is reloading
            pass
        time.sleep(0.05)
    failures.append(f"timed out: {what}")
    return False


try:
    driver.get(url + "basics/long/")
    wait(lambda: driver.execute_script("return document.readyState") == "complete", "the page loads")
    time.sleep(0.5)  # the event stream connects
    scripts = driver.execute_script("return [...document.scripts].map(s => s.getAttribute('src'))")
    if scripts.count("/__staybook/reload.js") != 1:
        failures.append(f"reload.js is not there once: {scripts}")
    heading = driver.find_elements(By.CSS_SELECTOR, "h2[id]")[8]
    heading_id = heading.get_attribute("id")
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", heading)
    time.sleep(0.2)
    driver.execute_script("window.staybookBefore = true")
    found = violations()
    if found:
        failures.append(f"CSP violation on load: {found[0][:200]}")

    good = page.read_text(encoding="utf-8")
    page.write_text(good + "\n保存之后自动刷新。\n", encoding="utf-8")
    if wait(lambda: not driver.execute_script("return window.staybookBefore === true") and "保存之后自动刷新" in driver.page_source,
            "the page reloads with the new sentence"):
        time.sleep(0.3)
        top = driver.execute_script(f"return document.getElementById('{heading_id}').getBoundingClientRect().top")
        # Where scrolling to the heading puts it: below the fixed top bar.
        expected = driver.execute_script("return parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0")
        if abs(top - expected) > 20:
            failures.append(f"after the reload the heading #{heading_id} is at {top:.0f} px, not at the top")
        else:
            print(f"ok: saved → reloaded, back at #{heading_id} ({top:.0f} px from the top)")

    page.write_text(good.replace("title: 很长的一页\n", "title: [未闭合\n"), encoding="utf-8")
    if wait(lambda: driver.find_elements(By.ID, "staybook-overlay"), "the error overlay"):
        overlay = driver.find_element(By.ID, "staybook-overlay").text
        if "站点构建失败" not in overlay or "content/basics/long.md:" not in overlay:
            failures.append(f"the overlay lacks its heading or the file and line: {overlay[:300]}")
        else:
            print("ok: broken front matter → the overlay: " + overlay.splitlines()[0] + " / " + overlay.splitlines()[2])
        position = driver.execute_script("return getComputedStyle(document.getElementById('staybook-overlay')).position")
        if position != "fixed":
            failures.append(f"the overlay's stylesheet did not apply (position: {position})")
        if "保存之后自动刷新" not in driver.page_source:
            failures.append("the page under the overlay is not the last good build")
    found = violations()
    if found:
        failures.append(f"CSP violation with the overlay: {found[0][:200]}")

    page.write_text(good, encoding="utf-8")
    if wait(lambda: not driver.find_elements(By.ID, "staybook-overlay") and "保存之后自动刷新" not in driver.page_source,
            "the fix removes the overlay and reloads"):
        print("ok: fixed → the overlay is gone, the page reloaded")
finally:
    driver.quit()
    server.terminate()
    try:
        status = server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        status = "killed"
    if status != 0:
        failures.append(f"staybook serve exited with {status} on SIGTERM")
    shutil.rmtree(work, ignore_errors=True)

for failure in failures:
    print("FAIL: " + failure)
print(f"check-serve: {len(failures)} problem(s)")
sys.exit(1 if failures else 0)
