#!/usr/bin/env python3
"""Checks the monthly snapshots made from an HR roster against the roster, independently of Staybook.

    scripts/verify-import.py ROSTER SNAPSHOT_DIR
    scripts/verify-import.py content/data/roster.csv content/data/snapshots

ROSTER is the file `staybook import roster` reads: a CSV (UTF-8 with or without a byte-order mark,
or GB18030/GBK as a Chinese Excel saves "CSV"; comma or tab separated) or an .xlsx workbook (the
first sheet that has the required headers). Each row is one stay of one employee in one team;
columns are found by their header, Chinese or English, in any order:

    工号 / employee_id (required)      班组 / team (required)       班组名称 / team_name   片区 / area
    入组日期 / start (required)        入职日期 / hired (blank: start)
    离组日期 / end (blank: going on)   离组类型 / end_type (离职/left, 调岗/transfer)
    离职性质 / voluntary (主动/被动, true/false)   离职原因 / reason (code or Chinese label)

Other columns (a name, a phone number …) are never read: pandas is told to load only the columns
above. A stay counts in its team's headcount on every day from its start up to, not including, its
end. For every month that has a snapshot in SNAPSHOT_DIR and every team, the script recomputes
  headcount_start  stays counted on the last day of the month before,
  headcount_end    stays counted on the month's last day,
  hires            stays starting in the month with start == hired (ids and hire dates),
  transfers_in     stays starting in the month that continue a stay of the same employee ended by a
                   transfer on that day,
  transfers_out    stays ending in the month with end_type transfer,
  leavers          stays ending in the month with end_type left: id, hired, left (= end),
                   voluntary, reason,
  name, area       of the stay active in the month with the latest start (ties: the later row),
                   a stay being active in a month when it starts on or before the month's last day
                   and has no end or ends on or after the month's first day,
and the set of teams (a team is in a month when one of its stays is active in it), compares them
with the snapshot files and prints

    verify-import: N teams, M months, K figures compared, X mismatches

listing the first 30 mismatches; it exits 1 on any mismatch or roster problem (overlapping stays of
one employee, a transfer with no stay continuing it, a leaver without a reason …). pandas (and
openpyxl for .xlsx) are needed: pip install pandas openpyxl.
"""

import argparse
import calendar
import datetime
import json
import pathlib
import re
import sys

try:
    import pandas as pd
except ImportError:  # pragma: no cover
    sys.exit("verify-import: needs pandas (pip install pandas openpyxl)")

COLUMNS = {  # canonical name → accepted headers (compared case-insensitively, spaces trimmed)
    "employee_id": ("工号", "employee_id"),
    "team": ("班组", "team"),
    "team_name": ("班组名称", "team_name"),
    "area": ("片区", "area"),
    "start": ("入组日期", "start"),
    "hired": ("入职日期", "hired"),
    "end": ("离组日期", "end"),
    "end_type": ("离组类型", "end_type"),
    "voluntary": ("离职性质", "voluntary"),
    "reason": ("离职原因", "reason"),
}
REQUIRED = ("employee_id", "team", "start")
HEADER_TO_COLUMN = {header.strip().lower(): column for column, headers in COLUMNS.items() for header in headers}
REASONS = {"pay": "薪酬", "schedule": "排班与工时", "pressure": "工作压力", "career": "发展空间", "management": "管理与团队",
           "personal": "个人与家庭", "relocation": "异地", "other": "其他"}
REASON_CODES = {**{code: code for code in REASONS}, **{label: code for code, label in REASONS.items()}}
END_TYPES = {"离职": "left", "left": "left", "调岗": "transfer", "transfer": "transfer"}
VOLUNTARY = {"主动": True, "被动": False, "true": True, "false": False}
SNAPSHOT_NAME = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])\.json$")
DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


class RosterError(Exception):
    pass


def header_column(header):
    return HEADER_TO_COLUMN.get(str(header).strip().lstrip("\ufeff").lower())


def read_roster(path):
    """The roster as a DataFrame of the known columns (strings, datetimes or booleans as stored), with
    a `row` column holding the row number as a spreadsheet shows it (the header is row 1)."""
    path = pathlib.Path(path)
    wanted = lambda header: header_column(header) is not None  # noqa: E731: only these columns are read
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        sheets = pd.ExcelFile(path, engine="openpyxl")
        frame = None
        for sheet in sheets.sheet_names:
            header = pd.read_excel(sheets, sheet_name=sheet, nrows=0)
            found = {header_column(h) for h in header.columns}
            if all(column in found for column in REQUIRED):
                frame = pd.read_excel(sheets, sheet_name=sheet, usecols=wanted, dtype=object)
                break
        if frame is None:
            raise RosterError(f"{path}: no sheet has the columns {', '.join('/'.join(COLUMNS[c]) for c in REQUIRED)}")
    else:
        data = path.read_bytes()
        if data.startswith(b"\xef\xbb\xbf"):
            encoding = "utf-8-sig"
        elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
            encoding = "utf-16"
        else:
            try:
                data.decode("utf-8")
                encoding = "utf-8"
            except UnicodeDecodeError:
                encoding = "gb18030"
        first_line = data.decode(encoding, errors="replace").splitlines()[0] if data else ""
        separator = "\t" if first_line.count("\t") > first_line.count(",") else ","
        frame = pd.read_csv(path, encoding=encoding, sep=separator, usecols=wanted, dtype=str, keep_default_na=False)
    frame = frame.rename(columns=header_column)
    if frame.columns.duplicated().any():
        raise RosterError(f"{path}: a column appears twice (in Chinese and in English?)")
    missing = [column for column in REQUIRED if column not in frame.columns]
    if missing:
        raise RosterError(f"{path}: missing column(s) {', '.join('/'.join(COLUMNS[c]) for c in missing)}")
    for column in COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
    frame = frame[list(COLUMNS)].copy()
    frame["row"] = range(2, len(frame) + 2)
    return frame


def blank(value):
    return value is None or (isinstance(value, float) and value != value) or (isinstance(value, str) and not value.strip()) \
        or value is pd.NaT


def text(value):
    if blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_date(value, where):
    if blank(value):
        return None
    if isinstance(value, (pd.Timestamp, datetime.datetime)):
        return datetime.date(value.year, value.month, value.day)
    if isinstance(value, datetime.date):
        return value
    value = str(value).strip()
    match = DATE_TEXT.match(value[:-9] if value.endswith(" 00:00:00") else value)
    if not match:
        raise RosterError(f"{where}: not a date: {value!r}")
    try:
        return datetime.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise RosterError(f"{where}: no such day: {value!r}") from None


def parse_voluntary(value, where):
    if blank(value):
        return None
    if isinstance(value, bool):
        return value
    key = text(value).lower()
    if key in ("1", "0"):
        return key == "1"
    if key not in VOLUNTARY:
        raise RosterError(f"{where}: voluntary must be 主动/被动 or true/false, not {value!r}")
    return VOLUNTARY[key]


def stays_from(frame, source):
    """The rows as plain records with parsed values; raises RosterError on a value it cannot read."""
    stays = []
    for record in frame.to_dict("records"):
        where = f"{source}:{record['row']}"
        employee, team = text(record["employee_id"]), text(record["team"])
        if not employee and not team and blank(record["start"]):
            continue  # an empty line
        if not employee or not team:
            raise RosterError(f"{where}: employee id and team are required")
        start = parse_date(record["start"], where + " start")
        if start is None:
            raise RosterError(f"{where}: start is required")
        hired = parse_date(record["hired"], where + " hired") or start
        end = parse_date(record["end"], where + " end")
        end_type = text(record["end_type"]).lower()
        if end_type and end_type not in END_TYPES:
            raise RosterError(f"{where}: end_type must be 离职/left or 调岗/transfer, not {record['end_type']!r}")
        end_type = END_TYPES.get(end_type)
        reason = text(record["reason"])
        if reason and reason.lower() not in REASON_CODES and reason not in REASON_CODES:
            raise RosterError(f"{where}: unknown reason {reason!r}")
        reason = REASON_CODES.get(reason.lower(), REASON_CODES.get(reason)) if reason else None
        stays.append({"row": record["row"], "id": employee, "team": team, "name": text(record["team_name"]),
                      "area": text(record["area"]), "hired": hired, "start": start, "end": end, "end_type": end_type,
                      "voluntary": parse_voluntary(record["voluntary"], where + " voluntary"), "reason": reason})
    return stays


def roster_problems(stays):
    """Inconsistencies of the roster itself (the importer should refuse or warn about each)."""
    problems = []
    by_person = {}
    for stay in stays:
        by_person.setdefault(stay["id"], []).append(stay)
        where = f"row {stay['row']} ({stay['id']}, {stay['team']})"
        if stay["end"] is not None and stay["end"] < stay["start"]:
            problems.append(f"{where}: ends {stay['end']} before it starts {stay['start']}")
        if stay["hired"] > stay["start"]:
            problems.append(f"{where}: hired {stay['hired']} after the stay starts {stay['start']}")
        if stay["end"] is not None and stay["end_type"] is None:
            problems.append(f"{where}: an end date without an end type")
        if stay["end"] is None and stay["end_type"] is not None:
            problems.append(f"{where}: an end type without an end date")
        if stay["end_type"] == "left" and (stay["reason"] is None or stay["voluntary"] is None):
            problems.append(f"{where}: a leaver without a reason or voluntary")
    for person, rows in by_person.items():
        rows.sort(key=lambda stay: (stay["start"], stay["row"]))
        for before, after in zip(rows, rows[1:]):
            if before["end"] is None or before["end"] > after["start"]:
                problems.append(f"{person}: stays of rows {before['row']} and {after['row']} overlap")
            elif before["end_type"] == "transfer" and before["end"] != after["start"]:
                problems.append(f"{person}: the transfer ending row {before['row']} on {before['end']} is not continued that day")
            elif before["end_type"] == "transfer" and after["hired"] != before["hired"]:
                problems.append(f"{person}: rows {before['row']} and {after['row']}: a transfer keeps the hire date")
            if before["end_type"] == "left" and before["end"] == after["start"]:
                problems.append(f"{person}: row {after['row']} starts the day row {before['row']} left")
        if rows[-1]["end_type"] == "transfer":
            problems.append(f"{person}: the transfer ending row {rows[-1]['row']} is not continued")
    return problems


def month_bounds(period):
    year, month = period
    return datetime.date(year, month, 1), datetime.date(year, month, calendar.monthrange(year, month)[1])


def recompute(stays, periods):
    """{period: {team id: figures}} for the given (year, month) periods, vectorised over the stays."""
    frame = pd.DataFrame(stays)
    far = pd.Timestamp("2200-01-01")
    start = pd.to_datetime(frame["start"])
    end = pd.to_datetime(frame["end"]).fillna(far)
    hired = pd.to_datetime(frame["hired"])
    transfer_end = frame["end_type"] == "transfer"
    # A stay continues a transfer when the same employee has a stay ending by transfer on its start day.
    ended = set(zip(frame.loc[transfer_end, "id"], frame.loc[transfer_end, "end"]))
    continues = pd.Series([(person, day) in ended for person, day in zip(frame["id"], frame["start"])], index=frame.index)
    is_hire = (start == hired) & ~continues
    order = frame.assign(_start=start, _pos=range(len(frame))).sort_values(["_start", "_pos"])
    result = {}
    for period in periods:
        first, last = (pd.Timestamp(day) for day in month_bounds(period))
        before = first - pd.Timedelta(days=1)
        counted_start = (start <= before) & (end > before)
        counted_end = (start <= last) & (end > last)
        starts_in = (start >= first) & (start <= last)
        ends_in = (end >= first) & (end <= last)
        active = (start <= last) & (end >= first)
        teams = {}
        # name and area: the active stay with the latest start, ties the later row
        for record in order[active[order.index]].to_dict("records"):
            teams[record["team"]] = {"name": record["name"], "area": record["area"], "headcount_start": 0, "headcount_end": 0,
                                     "hires": [], "transfers_in": 0, "transfers_out": 0, "leavers": []}
        for team, count in frame.loc[counted_start, "team"].value_counts().items():
            teams[team]["headcount_start"] = int(count)
        for team, count in frame.loc[counted_end, "team"].value_counts().items():
            teams[team]["headcount_end"] = int(count)
        for team, count in frame.loc[starts_in & continues, "team"].value_counts().items():
            teams[team]["transfers_in"] = int(count)
        for team, count in frame.loc[ends_in & transfer_end, "team"].value_counts().items():
            teams[team]["transfers_out"] = int(count)
        for record in frame.loc[starts_in & is_hire].to_dict("records"):
            teams[record["team"]]["hires"].append({"id": record["id"], "hired": record["start"].isoformat()})
        for record in frame.loc[ends_in & (frame["end_type"] == "left")].to_dict("records"):
            teams[record["team"]]["leavers"].append({"id": record["id"], "hired": record["hired"].isoformat(),
                                                     "left": record["end"].isoformat(), "voluntary": record["voluntary"],
                                                     "reason": record["reason"]})
        for figures in teams.values():
            figures["hires"].sort(key=lambda hire: (hire["hired"], hire["id"]))
            figures["leavers"].sort(key=lambda leaver: (leaver["left"], leaver["id"]))
        result[period] = dict(sorted(teams.items()))
    return result


def load_snapshots(folder):
    snapshots = {}
    for path in sorted(pathlib.Path(folder).iterdir()):
        match = SNAPSHOT_NAME.match(path.name)
        if match:
            snapshots[(int(match[1]), int(match[2]))] = json.loads(path.read_text(encoding="utf-8-sig"))
    return snapshots


def compare(computed, snapshots):
    """(figures compared, mismatches as (where, expected from the roster, found in the snapshot))."""
    compared = 0
    mismatches = []

    def check(where, expected, actual):
        nonlocal compared
        compared += 1
        if expected != actual:
            mismatches.append((where, expected, actual))

    for period, snapshot in snapshots.items():
        label = f"{period[0]:04d}-{period[1]:02d}"
        found = {team["id"]: team for team in snapshot.get("teams", [])}
        expected_teams = computed[period]
        check(f"{label} teams", sorted(expected_teams), sorted(found))
        for team_id, figures in expected_teams.items():
            team = found.get(team_id)
            if team is None:
                continue
            where = f"{label} {team_id}"
            for key in ("name", "area", "headcount_start", "headcount_end", "transfers_in", "transfers_out"):
                check(f"{where} {key}", figures[key], team.get(key, 0 if key.startswith("transfers") else None))
            hires = sorted(team.get("hires", []), key=lambda hire: (hire.get("hired", ""), hire.get("id", "")))
            check(f"{where} hires (count)", len(figures["hires"]), len(hires))
            check(f"{where} hires (ids, hire dates)", [(h["id"], h["hired"]) for h in figures["hires"]],
                  [(h.get("id"), h.get("hired")) for h in hires])
            leavers = sorted(team.get("leavers", []), key=lambda leaver: (leaver.get("left", ""), leaver.get("id", "")))
            check(f"{where} leavers (count)", len(figures["leavers"]), len(leavers))
            check(f"{where} leavers (ids, hired, left)", [(l["id"], l["hired"], l["left"]) for l in figures["leavers"]],
                  [(l.get("id"), l.get("hired"), l.get("left")) for l in leavers])
            check(f"{where} leavers (reasons)", [l["reason"] for l in figures["leavers"]], [l.get("reason") for l in leavers])
            check(f"{where} leavers (voluntary)", [l["voluntary"] for l in figures["leavers"]], [l.get("voluntary") for l in leavers])
    return compared, mismatches


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog=__doc__.split("\n\n", 2)[2])
    parser.add_argument("roster", help="the roster: .csv (UTF-8/BOM or GB18030) or .xlsx")
    parser.add_argument("snapshots", help="the folder of YYYY-MM.json snapshots to check")
    parser.add_argument("--write-expected", metavar="FILE",
                        help="also write the recomputed figures for the snapshot months as JSON (a list of snapshots)")
    args = parser.parse_args()
    try:
        stays = stays_from(read_roster(args.roster), args.roster)
    except (RosterError, ValueError, OSError) as error:
        print(f"verify-import: {error}", file=sys.stderr)
        return 1
    problems = roster_problems(stays)
    snapshots = load_snapshots(args.snapshots)
    if not snapshots:
        print(f"verify-import: no YYYY-MM.json snapshots in {args.snapshots}", file=sys.stderr)
        return 1
    computed = recompute(stays, list(snapshots)) if stays else {period: {} for period in snapshots}
    compared, mismatches = compare(computed, snapshots)
    if args.write_expected:
        out = [{"period": f"{p[0]:04d}-{p[1]:02d}", "teams": [{"id": team_id, **figures} for team_id, figures in teams.items()]}
               for p, teams in computed.items()]
        pathlib.Path(args.write_expected).write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    teams = {team_id for period in computed.values() for team_id in period}
    for problem in problems[:30]:
        print(f"  roster: {problem}")
    for where, expected, actual in mismatches[:30]:
        print(f"  {where}: roster gives {json.dumps(expected, ensure_ascii=False)}, snapshot has {json.dumps(actual, ensure_ascii=False)}")
    if len(mismatches) > 30:
        print(f"  … and {len(mismatches) - 30} more")
    tail = f", {len(problems)} roster problems" if problems else ""
    print(f"verify-import: {len(teams)} teams, {len(snapshots)} months, {compared} figures compared, {len(mismatches)} mismatches{tail}")
    return 1 if mismatches or problems else 0


if __name__ == "__main__":
    sys.exit(main())
