#!/usr/bin/env python3
"""Every chart's data table of a built site has one CSV download beside it, and pandas reads that
file (UTF-8 with BOM, as Excel does) as the same table: the same headings, the same number of
rows, every cell equal to what the page shows (a percentage is the CSV's fraction rounded as the
page rounds it; "—" and a month without data are empty cells; text that Excel would run as a
formula carries a leading apostrophe). Numbers must come out of the CSV as numbers.

usage: scripts/check-chart-csv.py SITE_DIR
"""
import html as htmllib
import math
import pathlib
import re
import sys
import urllib.parse

import pandas

site = pathlib.Path(sys.argv[1]).resolve()
failures = []
tables = 0


def cells(row: str) -> list:
    out = []
    for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S):
        cell = cell.replace("<br>", " ")
        out.append(htmllib.unescape(re.sub(r"<[^>]+>", "", cell)))
    return out


def shown(value) -> str:
    """A CSV number as the page would show it: whole numbers bare, others with one decimal."""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def agrees(value, text: str) -> bool:
    empty = value is None or (isinstance(value, float) and math.isnan(value))
    if text == "—":
        return empty
    if re.fullmatch(r"-?\d+(\.\d+)?%", text):
        return not empty and not isinstance(value, str) and f"{float(value) * 100:.1f}%" == text
    if re.fullmatch(r"-?\d+(\.\d+)?", text):
        if isinstance(value, str):
            return False
        return not empty and shown(value) == text
    if text[:1] in ("=", "+", "-", "@"):
        return value == "'" + text
    return str(value) == text


for page in sorted(site.rglob("*.html")):
    text = page.read_text(encoding="utf-8")
    for block in text.split('<details class="chart-data">')[1:]:
        block = block.split("</details>")[0]
        tables += 1
        where = str(page.relative_to(site))
        links = re.findall(r'<p class="chart-csv"><a href="([^"]+)" download>', block)
        if len(links) != 1:
            failures.append(f"{where}: a chart table with {len(links)} CSV links")
            continue
        csv = (page.parent / urllib.parse.unquote(links[0])).resolve()
        where = f"{where} → {csv.relative_to(site)}"
        if not csv.is_file():
            failures.append(f"{where}: missing")
            continue
        raw = csv.read_bytes()
        if not raw.startswith(b"\xef\xbb\xbf") or b"\n" in raw.replace(b"\r\n", b""):
            failures.append(f"{where}: needs a byte-order mark and CRLF line ends")
        frame = pandas.read_csv(csv, encoding="utf-8-sig")
        columns = cells(block.split("<thead>")[1].split("</thead>")[0])
        if list(frame.columns) != columns:
            failures.append(f"{where}: headings {list(frame.columns)} ≠ {columns}")
            continue
        rows = block.split("<tbody>")[1].split("</tbody>")[0].split("<tr")[1:]
        if len(rows) != len(frame):
            failures.append(f"{where}: {len(frame)} rows, the page shows {len(rows)}")
            continue
        for number, (row, record) in enumerate(zip(rows, frame.itertuples(index=False)), start=2):
            values = list(record)
            texts = cells(row)
            if "colspan=" in row:  # a month without data: its heading, then empty cells
                if str(values[0]) != texts[0] or not all(isinstance(v, float) and math.isnan(v) for v in values[1:]):
                    failures.append(f"{where}: row {number} should be {texts[0]} and empty cells: {values}")
                continue
            for column, (value, shown_text) in enumerate(zip(values, texts)):
                if not agrees(value, shown_text):
                    failures.append(f"{where}: row {number}, {columns[column]}: {value!r} but the page shows {shown_text!r}")

for failure in failures[:30]:
    print(failure)
print(f"chart CSV: {tables} chart tables compared with their CSV by pandas, {len(failures)} problem(s)")
sys.exit(1 if failures or tables == 0 else 0)
