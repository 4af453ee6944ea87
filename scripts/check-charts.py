#!/usr/bin/env python3
"""Every inline SVG chart of a built site, on its own: parses as XML with the SVG namespace, has
role="img" with a <title> and <desc> that aria-labelledby names, and renders with rsvg-convert
(librsvg) to a PNG that is not blank.

usage: scripts/check-charts.py SITE_DIR
"""
import pathlib
import re
import subprocess
import sys
import tempfile
import struct
import xml.etree.ElementTree as ET
import zlib

SVG = "{http://www.w3.org/2000/svg}"


def painted(png: bytes) -> bool:
    """True when a PNG has any pixel that is not fully transparent black. A blank image decodes to
    zero bytes after every row's filter byte, whatever filters the encoder chose."""
    width, height = struct.unpack(">II", png[16:24])
    data, offset = b"", 8
    while offset < len(png):
        length, kind = struct.unpack(">I4s", png[offset : offset + 8])
        if kind == b"IDAT":
            data += png[offset + 8 : offset + 8 + length]
        offset += 12 + length
    raw = zlib.decompress(data)
    stride = len(raw) // height
    return any(any(raw[row * stride + 1 : (row + 1) * stride]) for row in range(height))


site = pathlib.Path(sys.argv[1]).resolve()
failures = []
count = 0
with tempfile.TemporaryDirectory() as scratch:
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        for index, match in enumerate(re.finditer(r"<svg\b.*?</svg>", html, re.S)):
            count += 1
            where = f"{page.relative_to(site)} chart {index + 1}"
            source = match.group(0)
            try:
                root = ET.fromstring(source)
            except ET.ParseError as error:
                failures.append(f"{where}: not XML: {error}")
                continue
            ids = (root.get("aria-labelledby") or "").split()
            title, desc = root.find(SVG + "title"), root.find(SVG + "desc")
            if root.get("role") != "img" or title is None or desc is None or ids != [title.get("id"), desc.get("id")]:
                failures.append(f"{where}: needs role=img and aria-labelledby naming its <title> and <desc>")
            if "style=" in source:
                failures.append(f"{where}: has a style attribute")
            svg_file = pathlib.Path(scratch, f"{count}.svg")
            png_file = svg_file.with_suffix(".png")
            svg_file.write_text(source, encoding="utf-8")
            result = subprocess.run(["rsvg-convert", "--format=png", "-o", str(png_file), str(svg_file)], capture_output=True, text=True)
            if result.returncode != 0:
                failures.append(f"{where}: rsvg-convert failed: {result.stderr.strip()}")
            elif not painted(png_file.read_bytes()):
                failures.append(f"{where}: rsvg-convert drew an empty image")
for failure in failures[:30]:
    print(failure)
print(f"charts: {count} inline SVG charts parsed and rendered by rsvg-convert, {len(failures)} problem(s)")
sys.exit(1 if failures or count == 0 else 0)
