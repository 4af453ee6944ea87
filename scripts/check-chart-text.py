#!/usr/bin/env python3
"""Chart text is readable on a phone and on a desktop: in headless Chromium, every page of a built
site that holds an SVG chart is laid out 390 px wide (an iPhone, as a mobile viewport) and 1280 px
wide, and the rendered size of every visible text of every visible chart is measured: its computed
font size times the scale the SVG is drawn at (getScreenCTM). Fails if any is under 11 px. Also
fails if a page shows no chart at a width, or if two visible charts of a page would both be read
(each chart is drawn twice, wide and narrow, and only one may be displayed).

usage: scripts/check-chart-text.py SITE_DIR [--min 11] [--widths 390,1280] [--verbose]
"""
import pathlib
import shutil
import sys

from selenium import webdriver

site = pathlib.Path(sys.argv[1]).resolve()
minimum = float(sys.argv[sys.argv.index("--min") + 1]) if "--min" in sys.argv else 11.0
verbose = "--verbose" in sys.argv
widths = [int(w) for w in sys.argv[sys.argv.index("--widths") + 1].split(",")] if "--widths" in sys.argv else [390, 1280]
pages = sorted(p for p in site.rglob("*.html") if "chart-svg" in p.read_text(encoding="utf-8"))

# Per visible chart: its title, its drawn width and the smallest rendered text size in it. A chart
# or text hidden by CSS (display: none) has no client rects and is skipped.
MEASURE = """
const out = [];
for (const svg of document.querySelectorAll('svg.chart-svg')) {
  if (svg.getClientRects().length === 0) continue;
  const scale = svg.getScreenCTM().a;
  let smallest = null, sample = '';
  for (const text of svg.querySelectorAll('text')) {
    if (text.getClientRects().length === 0) continue;
    const size = parseFloat(getComputedStyle(text).fontSize) * scale;
    if (smallest === null || size < smallest) { smallest = size; sample = text.textContent; }
  }
  out.push({title: svg.querySelector('title').textContent, width: svg.getBoundingClientRect().width,
            smallest: smallest, sample: sample, hiddenTwin: svg.closest('figure, .talk-form-chart') !== null
              && Array.from(svg.parentElement.querySelectorAll(':scope > svg.chart-svg')).filter(s => s.getClientRects().length > 0).length});
}
return {charts: out, viewport: window.innerWidth};
"""

options = webdriver.ChromeOptions()
for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
    options.add_argument(flag)
options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser") or ""
driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=shutil.which("chromedriver")))
failures = []
smallest = {}
try:
    for width in widths:
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride", {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})
        low = None
        for page in pages:
            driver.get(page.as_uri())
            result = driver.execute_script(MEASURE)
            where = f"{page.relative_to(site)} at {width} px"
            if result["viewport"] != width:
                # Something else on the page is wider than the phone (not a chart): noted, and the
                # text is measured as laid out.
                print(f"note: {where}: the page is {result['viewport']} px wide")
            if not result["charts"]:
                failures.append(f"{where}: no chart is shown")
            for chart in result["charts"]:
                if chart["hiddenTwin"] and chart["hiddenTwin"] > 1:
                    failures.append(f"{where}: {chart['title']!r} is shown twice (wide and narrow)")
                if chart["smallest"] is None:
                    continue
                if low is None or chart["smallest"] < low[0]:
                    low = (chart["smallest"], where, chart["title"], chart["sample"])
                if chart["smallest"] < minimum - 0.05:
                    failures.append(
                        f"{where}: {chart['title']!r} ({chart['width']:.0f} px wide) has text {chart['smallest']:.1f} px: {chart['sample']!r}")
                elif verbose:
                    print(f"{where}: {chart['title']!r} {chart['width']:.0f} px wide, smallest text {chart['smallest']:.1f} px")
        smallest[width] = low
finally:
    driver.quit()
for failure in failures[:40]:
    print(failure)
for width, low in smallest.items():
    if low:
        print(f"at {width} px: smallest chart text {low[0]:.1f} px ({low[1]}, {low[2]!r}: {low[3]!r})")
print(f"chart text: {len(pages)} pages at {' and '.join(map(str, widths))} px, {len(failures)} problem(s) (minimum {minimum:g} px)")
sys.exit(1 if failures else 0)
