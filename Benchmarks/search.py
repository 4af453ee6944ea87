#!/usr/bin/env python3
"""Search in the browser on a built site: time to the first result and bytes of index per query.

usage: Benchmarks/search.py SITE_DIR [--runs R] [QUERY ...]

For each query, R times (default 5), in headless Chromium (Debian's chromium and chromedriver, via
Selenium), both from file:// and over HTTP (Python's http.server on a free port, cache disabled):
a fresh page is opened, the script puts the query in the search box at once (as a reader who
focuses the box and types), and the page measures, with performance.now() and a MutationObserver,
the time from that input to the first result shown and to the count in the status line (every
result shown). The bytes are the sizes of the site's files under assets/search/ that the page
loaded (the script elements the search added; Resource Timing does not list file:// loads). Without queries, a mix of Han words and English words found
in gen_corpus.py's corpus is used.

Prints a line per query (medians, min–max) and the medians over all queries; goals (PASS/FAIL):
first result ≤ 200 ms, ≤ 1 MB of index per query. The exit status is 0 either way.
"""
import argparse
import functools
import http.server
import pathlib
import shutil
import statistics
import sys
import threading
from urllib.parse import unquote, urlparse

from selenium import webdriver

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("site", type=pathlib.Path)
parser.add_argument("--runs", type=int, default=5)
parser.add_argument("queries", nargs="*")
args = parser.parse_args()
site = args.site.resolve()
if not (site / "assets/search/index.js").is_file():
    sys.exit(f"{site} has no assets/search/index.js: build it with staybook first")
queries = args.queries or ["离职面谈", "客户满意度", "一对一", "晋升通道", "排班", "技能矩阵", "stay interview", "headcount"]
page = next(p for p in sorted(site.rglob("index.html")) if len(p.relative_to(site).parts) >= 3).relative_to(site).as_posix()

handler = functools.partial(type("Quiet", (http.server.SimpleHTTPRequestHandler,), {"log_message": lambda *a: None}), directory=str(site))
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
bases = {"file://": site.as_uri() + "/", "http": f"http://127.0.0.1:{server.server_address[1]}/"}

options = webdriver.ChromeOptions()
for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
    options.add_argument(flag)
options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser") or ""
driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=shutil.which("chromedriver")))
driver.execute_cdp_cmd("Network.enable", {})
driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})

MEASURE = """
const [query, done] = [arguments[0], arguments[arguments.length - 1]];
const box = document.querySelector("[data-search] input[type=search]");
const list = document.querySelector("[data-search-results]");
const status = document.querySelector("[data-search-status]");
let first = null;
const start = performance.now();
const waiting = [document.body.getAttribute("data-t-search-loading"), document.body.getAttribute("data-t-search-hint"), ""];
const check = () => {
  if (first === null && list.firstChild) first = performance.now() - start;
  const text = status.textContent;
  if (!waiting.includes(text)) {
    observer.disconnect();
    const files = Array.from(document.querySelectorAll("script[src]"), s => s.src).filter(n => n.includes("/assets/search/"));
    done({ first: first, all: performance.now() - start, files: files, status: text });
  }
};
const observer = new MutationObserver(check);
observer.observe(status, { childList: true, characterData: true, subtree: true });
observer.observe(list, { childList: true });
box.focus();
box.value = query;
box.dispatchEvent(new Event("input"));
setTimeout(() => done({ error: "no answer in 10 s: " + status.textContent }), 10000);
"""

rows = {}
try:
    driver.set_script_timeout(15)
    for name, base in bases.items():
        for query in queries:
            runs = []
            for _ in range(args.runs):
                driver.get(base + page)
                result = driver.execute_async_script(MEASURE, query)
                if "error" in result:
                    sys.exit(f"{name} {query!r}: {result['error']}")
                files = {unquote(urlparse(url).path).split("/assets/search/")[1] for url in result["files"]}
                size = sum((site / "assets/search" / f).stat().st_size for f in files)
                runs.append((result["first"] if result["first"] is not None else result["all"], result["all"], size, len(files), result["status"]))
            rows[(name, query)] = runs
finally:
    driver.quit()
    server.shutdown()

pages = len(list(site.rglob("*.html")))
print(f"site: {site} ({pages} HTML files), page {page}, {args.runs} runs per query, cache disabled")
print(f"{'from':8} {'query':16} {'first result ms':>20} {'all shown ms':>20} {'index KB':>9} {'files':>5}  status")


def spread(values):
    return f"{statistics.median(values):7.0f} ({min(values):.0f}–{max(values):.0f})"


summary = {}
for (name, query), runs in rows.items():
    firsts, alls, sizes, counts = [r[0] for r in runs], [r[1] for r in runs], [r[2] for r in runs], [r[3] for r in runs]
    print(f"{name:8} {query:16} {spread(firsts):>20} {spread(alls):>20} {max(sizes) / 1024:9.0f} {max(counts):5}  {runs[-1][4]}")
    summary.setdefault(name, []).append((statistics.median(firsts), max(sizes)))
for name, values in summary.items():
    first = statistics.median(v[0] for v in values)
    most = max(v[1] for v in values)
    print(f"{name}: median first result {first:.0f} ms ({'PASS' if first <= 200 else 'FAIL'} ≤ 200 ms); "
          f"largest download {most / 1024:.0f} KB ({'PASS' if most <= 1024 * 1024 else 'FAIL'} ≤ 1 MB)")
