#!/usr/bin/env python3
"""Writes Tests/Fixtures/roster.xlsx and Tests/Fixtures/roster-expected.json, the fixture of the
roster importer (`staybook import roster FILE`).

    scripts/make-xlsx-fixture.py            # needs openpyxl: pip install openpyxl
    scripts/make-xlsx-fixture.py --check    # also recompute the expected figures with scripts/verify-import.py

The workbook is what HR might export by hand: English headers in an unusual order (team,
employee_id, start, end, end_type, voluntary, reason, hired, team_name, area, phone), 13 stays of
two teams over 2026-08 … 2026-10, dates as real Excel dates in some rows and as text `2026/9/1` in
others, a blank `hired` (meaning: the stay's start), TRUE/FALSE cells and 主动/被动 for voluntary,
reasons as codes and as Chinese labels, end types in English and in Chinese, a `phone` column (personal
data the importer must never read) and a second sheet 说明 holding only text.

What it holds (fx-1 测试一组 in 测试北区, fx-2 测试二组 in 测试南区):
- F001 (fx-1) and F010 (fx-2, hired 2026-08-17) stay throughout; F003 (fx-1) was hired 2026-08-03
  with a blank `hired`; F011 (fx-1) left 2026-08-20, before the months checked.
- F004 moves fx-1 → fx-2 on 2026-09-01 (the old row ends with `transfer` that day, the new one starts
  that day); F008 moves fx-2 → fx-1 on 2026-09-30 (end_type 调岗), the month's last day: fx-2 does not
  count F008 at the end of September, fx-1 does.
- F002 (fx-1) leaves 2026-09-15: voluntary TRUE, reason `pay`.
- F005 joins fx-2 on 2026-09-07 and leaves 2026-10-12: 主动, reason 工作压力 (a Chinese label).
- F006 (fx-2) leaves on 2026-10-31, the month's last day: not in October's headcount_end.
- F009 joins fx-1 on 2026-10-08 and leaves 2026-10-20 (被动, 排班与工时): a hire and a leaver in one month.
- F007 joins fx-2 on 2026-10-26 in a row whose team_name is 测试二组（新）: the stay active in October
  with the latest start names the team, so fx-2 is renamed in October (September: 测试二组).

roster-expected.json holds the snapshots for 2026-09 and 2026-10 in the snapshot format
(docs/data-format.md), worked out by hand below; `--check` confirms them with verify-import.py.
Deterministic: fixed document dates and zip timestamps, so running it twice gives the same bytes.
"""

import datetime
import io
import json
import pathlib
import re
import subprocess
import sys
import tempfile
import zipfile

try:
    import openpyxl
except ImportError:  # pragma: no cover
    sys.exit("make-xlsx-fixture: needs openpyxl (pip install openpyxl)")

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "Tests" / "Fixtures"
FIXED = datetime.datetime(2026, 11, 2, 9, 0, 0)

HEADER = ("team", "employee_id", "start", "end", "end_type", "voluntary", "reason", "hired", "team_name", "area", "phone")


def d(year, month, day):
    """A real Excel date (a datetime cell)."""
    return datetime.datetime(year, month, day)


ONE, TWO = ("fx-1", "测试一组", "测试北区"), ("fx-2", "测试二组", "测试南区")
# (team, employee_id, start, end, end_type, voluntary, reason, hired, team_name override)
ROWS = [
    (ONE, "F001", d(2025, 3, 10), None, None, None, None, d(2025, 3, 10)),
    (ONE, "F002", d(2024, 6, 3), d(2026, 9, 15), "left", True, "pay", d(2024, 6, 3)),
    (ONE, "F003", "2026/8/3", None, None, None, None, None),
    (ONE, "F004", d(2025, 11, 17), "2026/9/1", "transfer", None, None, d(2025, 11, 17)),
    (TWO, "F004", "2026/9/1", None, None, None, None, "2025/11/17"),
    (TWO, "F005", d(2026, 9, 7), d(2026, 10, 12), "left", "主动", "工作压力", d(2026, 9, 7)),
    (TWO, "F006", d(2023, 1, 9), d(2026, 10, 31), "left", False, "other", d(2023, 1, 9)),
    (TWO, "F007", "2026/10/26", None, None, None, None, "2026/10/26", "测试二组（新）"),
    (TWO, "F008", d(2024, 2, 5), d(2026, 9, 30), "调岗", None, None, d(2024, 2, 5)),
    (ONE, "F008", d(2026, 9, 30), None, None, None, None, d(2024, 2, 5)),
    (ONE, "F009", d(2026, 10, 8), d(2026, 10, 20), "left", "被动", "排班与工时", d(2026, 10, 8)),
    (TWO, "F010", "2026/8/17", None, None, None, None, "2026/8/17"),
    (ONE, "F011", d(2025, 5, 6), d(2026, 8, 20), "left", True, "relocation", d(2025, 5, 6)),
]

NOTES = [
    "说明",
    "本表是 Staybook 导入程序的测试数据（虚构），每行是一名员工在一个班组的一段经历。",
    "team=班组，employee_id=工号，start=入组日期，end=离组日期，end_type=离组类型，voluntary=离职性质，reason=离职原因，hired=入职日期。",
    "phone 一列是个人信息，导入程序不应读取。",
]


def team(id, name, area, headcount_start, headcount_end, hires, transfers_in, transfers_out, leavers):
    return {"id": id, "name": name, "area": area, "headcount_start": headcount_start, "headcount_end": headcount_end,
            "hires": [{"id": i, "hired": h} for i, h in hires], "transfers_in": transfers_in, "transfers_out": transfers_out,
            "leavers": [{"id": i, "hired": h, "left": l, "voluntary": v, "reason": r} for i, h, l, v, r in leavers]}


# Worked out by hand. A stay counts on every day from its start up to, not including, its end.
EXPECTED = [
    {"period": "2026-09", "teams": [
        # on 08-31: F001 F002 F003 F004 (F011 left 08-20) = 4; on 09-30: F001 F003 F008 = 3
        # 4 + 0 hires + 1 in (F008) − 1 out (F004) − 1 leaver (F002) = 3
        team("fx-1", "测试一组", "测试北区", 4, 3, [], 1, 1, [("F002", "2024-06-03", "2026-09-15", True, "pay")]),
        # on 08-31: F006 F008 F010 = 3; on 09-30: F004 F005 F006 F010 = 4 (F008's stay ends 09-30)
        # 3 + 1 hire (F005) + 1 in (F004) − 1 out (F008) − 0 = 4
        team("fx-2", "测试二组", "测试南区", 3, 4, [("F005", "2026-09-07")], 1, 1, []),
    ]},
    {"period": "2026-10", "teams": [
        # on 10-31: F001 F003 F008 = 3; 3 + 1 hire (F009) − 1 leaver (F009) = 3
        team("fx-1", "测试一组", "测试北区", 3, 3, [("F009", "2026-10-08")], 0, 0,
             [("F009", "2026-10-08", "2026-10-20", False, "schedule")]),
        # on 10-31: F004 F007 F010 = 3 (F006's stay ends 10-31); 4 + 1 hire (F007) − 2 leavers = 3
        team("fx-2", "测试二组（新）", "测试南区", 4, 3, [("F007", "2026-10-26")], 0, 0,
             [("F005", "2026-09-07", "2026-10-12", True, "pressure"), ("F006", "2023-01-09", "2026-10-31", False, "other")]),
    ]},
]


def workbook_bytes():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "花名册"
    sheet.append(HEADER)
    for number, row in enumerate(ROWS, start=1):
        (team_id, name, area), employee, start, end, end_type, voluntary, reason, hired, *rename = row
        sheet.append([team_id, employee, start, end, end_type, voluntary, reason, hired, rename[0] if rename else name, area,
                      f"138-0000-{number:04d}"])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, datetime.datetime):
                cell.number_format = "yyyy-mm-dd"
    for column, width in zip("ABCDEFGHIJK", (8, 12, 12, 12, 10, 10, 12, 12, 16, 10, 15)):
        sheet.column_dimensions[column].width = width
    notes = book.create_sheet("说明")
    for line in NOTES:
        notes.append([line])
    book.properties.creator = "staybook"
    book.properties.created = FIXED
    buffer = io.BytesIO()
    book.save(buffer)
    # openpyxl stamps the save time into docProps/core.xml and the zip entries: pin both.
    stamp = FIXED.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), data)
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, data)
    return out.getvalue()


def expected_json():
    note = ("The snapshots `staybook import roster Tests/Fixtures/roster.xlsx` must give for 2026-09 and 2026-10 "
            "(written by scripts/make-xlsx-fixture.py, worked out by hand, checked with scripts/verify-import.py). "
            "Hires are sorted by (hired, id), leavers by (left, id), teams by id.")
    return json.dumps({"note": note, "snapshots": EXPECTED}, ensure_ascii=False, indent=2) + "\n"


def check(xlsx):
    """Runs verify-import.py on the workbook against the expected snapshots written as YYYY-MM.json."""
    with tempfile.TemporaryDirectory() as folder:
        for snapshot in EXPECTED:
            pathlib.Path(folder, snapshot["period"] + ".json").write_text(json.dumps(snapshot, ensure_ascii=False), encoding="utf-8")
        return subprocess.run([sys.executable, str(ROOT / "scripts" / "verify-import.py"), str(xlsx), folder]).returncode


def main():
    FIXTURES.mkdir(parents=True, exist_ok=True)
    xlsx = FIXTURES / "roster.xlsx"
    xlsx.write_bytes(workbook_bytes())
    (FIXTURES / "roster-expected.json").write_text(expected_json(), encoding="utf-8")
    print(f"make-xlsx-fixture: {len(ROWS)} stays → {xlsx.relative_to(ROOT)}, roster-expected.json (2026-09, 2026-10)")
    if "--check" in sys.argv[1:]:
        return check(xlsx)
    return 0


if __name__ == "__main__":
    sys.exit(main())
