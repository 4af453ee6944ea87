#!/usr/bin/env python3
"""Recomputes every figure of a built site's api/metrics.json from the snapshots, independently of
Staybook's Swift code, and compares them.

usage: scripts/verify-metrics.py SNAPSHOT_DIR METRICS_JSON [--site-yml content/site.yml]
                                 [--schema schemas/snapshot.schema.json | --no-schema]
                                 [--report] [--write-expected FILE]

  scripts/gen-example-data.py
  .build/debug/staybook build --output /tmp/site
  scripts/verify-metrics.py content/data/snapshots /tmp/site/api/metrics.json --report

The snapshots are first checked by the rules of the format (docs/data-format.md), reimplemented
here: errors make the build fail, so they are listed and the script exits 1. When the `jsonschema`
module is importable every file is also validated against schemas/snapshot.schema.json (skipped
with a message otherwise). Then every number, name and null of metrics.json is compared with the
recomputed one: numbers within 1e-9 (relative to max(1, |expected|)), text exactly, and any key
missing on either side is a mismatch. Exit 0 when everything matches, 1 otherwise (the first 20
mismatches are listed as JSON path, expected, got), 2 on bad usage or unreadable input.

Python 3 standard library only; nothing of the project is imported.
"""

import argparse
import bisect
import collections
import datetime
import html
import json
import math
import pathlib
import re
import sys

REASONS = ("pay", "schedule", "pressure", "career", "management", "personal", "relocation", "other")
MAXIMUM_COUNT = 100_000
TOLERANCE = 1e-9
SURVIVAL_DAYS = (30, 90, 180)


# ---------------------------------------------------------------------------------------------
# Dates and months, as the format defines them


def swift_int(text):
    """An integer as Swift's Int(String) reads it: optional sign, ASCII digits only."""
    return int(text) if re.fullmatch(r"[+-]?[0-9]+", text) else None


def parse_period(text):
    """`YYYY-MM` → (year, month), or None."""
    parts = text.split("-")
    if len(parts) != 2 or len(parts[0]) != 4 or len(parts[1]) != 2:
        return None
    year, month = swift_int(parts[0]), swift_int(parts[1])
    if year is None or month is None or not 1 <= month <= 12:
        return None
    return (year, month)


def period_text(period):
    return f"{period[0]}-{period[1]:02d}"


def next_period(period):
    return (period[0] + 1, 1) if period[1] == 12 else (period[0], period[1] + 1)


def last_day(period):
    following = next_period(period)
    return datetime.date(following[0], following[1], 1) - datetime.timedelta(days=1)


def parse_day(text):
    """`YYYY-MM-DD` → a date, or None for a malformed or non-existent date."""
    parts = text.split("-")
    if len(parts) != 3 or [len(part) for part in parts] != [4, 2, 2]:
        return None
    numbers = [swift_int(part) for part in parts]
    if None in numbers:
        return None
    try:
        return datetime.date(*numbers)
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# Reading and checking the snapshots


class Problems:
    def __init__(self):
        self.errors = []
        self.warnings = []

    def error(self, file, message):
        self.errors.append(f"{file}: error: {message}")

    def warning(self, file, message):
        self.warnings.append(f"{file}: warning: {message}")


class DuplicateKey(ValueError):
    pass


def strict_object(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise DuplicateKey(f'the key "{key}" appears twice in an object')
        seen[key] = value
    return seen


def reject_constant(name):
    raise ValueError(f"{name} is not a JSON number")


def is_count(value):
    return isinstance(value, int) and not isinstance(value, bool)


def nonblank(value):
    """Text with something other than whitespace (newlines included), as Staybook reads it."""
    return isinstance(value, str) and value.strip() != ""


def members(obj, path, known, required, file, problems):
    """The object's known members, warning about unknown ones; None if it is not an object or a
    required key is missing."""
    if not isinstance(obj, dict):
        problems.error(file, f"{path or 'the file'}: expected an object")
        return None
    for key in obj:
        if key not in known:
            problems.warning(file, f"{path + '.' if path else ''}{key}: unknown field, ignored")
    missing = [key for key in required if key not in obj]
    for key in missing:
        problems.error(file, f"{path + '.' if path else ''}{key}: missing (required)")
    return None if missing else obj


def check_team(item, path, period, people, file, problems):
    """One team of one file; returns the team (a dict) or None when it has errors."""
    keys = ("id", "name", "area", "headcount_start", "headcount_end", "hires", "transfers_in", "transfers_out", "leavers", "target_churn",
            "agents")  # agents: the one-on-one plan's, checked by scripts/verify-plan.py
    team = members(item, path, keys, ("id", "name", "area", "headcount_start", "headcount_end", "hires", "leavers"), file, problems)
    if team is None:
        return None
    before = len(problems.errors)
    for key in ("id", "name", "area"):
        if not nonblank(team[key]):
            problems.error(file, f"{path}.{key}: expected a non-empty text")
    if nonblank(team["id"]) and not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", team["id"]) or len(str(team["id"])) > 64:
        problems.error(file, f"{path}.id: the team id {json.dumps(team['id'], ensure_ascii=False)} is not usable in a web address")
    for key in ("headcount_start", "headcount_end", "transfers_in", "transfers_out"):
        if key in team:
            value = team[key]
            if not is_count(value):
                problems.error(file, f"{path}.{key}: expected a whole number, found {json.dumps(value, ensure_ascii=False)}")
            elif not 0 <= value <= MAXIMUM_COUNT:
                problems.error(file, f"{path}.{key}: {value} is out of range 0…{MAXIMUM_COUNT}")
    if "target_churn" in team:
        value = team["target_churn"]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            problems.error(file, f"{path}.target_churn: expected a fraction between 0 and 1")
    hires = []
    if not isinstance(team["hires"], list):
        problems.error(file, f"{path}.hires: expected a list")
    else:
        for index, entry in enumerate(team["hires"]):
            item_path = f"{path}.hires[{index}]"
            hire = members(entry, item_path, ("id", "hired"), ("id", "hired"), file, problems)
            if hire is None:
                continue
            if not nonblank(hire["id"]):
                problems.error(file, f"{item_path}.id: expected a non-empty text")
                continue
            hired = check_day(hire["hired"], f"{item_path}.hired", file, problems)
            if hired is None:
                continue
            if (hired.year, hired.month) != period:
                problems.error(file, f"{item_path}.hired: {hired} is not in {period_text(period)}")
            if hire["id"] in people["hired"]:
                problems.error(file, f'{item_path}.id: the employee "{hire["id"]}" is hired twice in this file (also {people["hired"][hire["id"]]})')
            else:
                people["hired"][hire["id"]] = item_path
            hires.append({"id": hire["id"], "hired": hired})
    leavers = []
    if not isinstance(team["leavers"], list):
        problems.error(file, f"{path}.leavers: expected a list")
    else:
        for index, entry in enumerate(team["leavers"]):
            item_path = f"{path}.leavers[{index}]"
            leaver = members(entry, item_path, ("id", "hired", "left", "voluntary", "reason"),
                             ("id", "hired", "left", "voluntary", "reason"), file, problems)
            if leaver is None:
                continue
            if not nonblank(leaver["id"]):
                problems.error(file, f"{item_path}.id: expected a non-empty text")
                continue
            hired = check_day(leaver["hired"], f"{item_path}.hired", file, problems)
            left = check_day(leaver["left"], f"{item_path}.left", file, problems)
            if hired is None or left is None:
                continue
            if not isinstance(leaver["voluntary"], bool):
                problems.error(file, f"{item_path}.voluntary: expected true or false")
                continue
            if leaver["reason"] not in REASONS:
                problems.error(file, f"{item_path}.reason: unknown reason {json.dumps(leaver['reason'], ensure_ascii=False)}")
                continue
            if (left.year, left.month) != period:
                problems.error(file, f"{item_path}.left: {left} is not in {period_text(period)}")
            if left < hired:
                problems.error(file, f"{item_path}.left: {left} is before the hire date {hired}")
            if leaver["id"] in people["left"]:
                problems.error(file, f'{item_path}.id: the employee "{leaver["id"]}" leaves twice in this file (also {people["left"][leaver["id"]]})')
            else:
                people["left"][leaver["id"]] = item_path
            leavers.append({"id": leaver["id"], "hired": hired, "left": left, "voluntary": leaver["voluntary"], "reason": leaver["reason"]})
    if len(problems.errors) != before:
        return None
    transfers_in, transfers_out = team.get("transfers_in", 0), team.get("transfers_out", 0)
    expected = team["headcount_start"] + len(hires) + transfers_in - transfers_out - len(leavers)
    if team["headcount_end"] != expected:
        problems.error(file, f"{path}.headcount_end: is {team['headcount_end']} but start + hires + transfers_in − transfers_out − leavers = {expected}")
        return None
    return {"id": team["id"], "name": team["name"], "area": team["area"], "start": team["headcount_start"], "end": team["headcount_end"],
            "hires": hires, "leavers": leavers, "target": team.get("target_churn")}


def check_day(value, path, file, problems):
    if not isinstance(value, str):
        problems.error(file, f'{path}: expected a date "YYYY-MM-DD"')
        return None
    day = parse_day(value)
    if day is None:
        problems.error(file, f'{path}: "{value}" is not a real date')
        return None
    if not datetime.date(1970, 1, 1) <= day <= datetime.date(2100, 12, 31):
        problems.error(file, f"{path}: the date {value} is outside 1970–2100")
        return None
    return day


def load_snapshots(directory, problems):
    """[(period, teams, file name, raw JSON)] for the error-free files, in period order."""
    jobs = []
    for path in sorted(directory.iterdir(), key=lambda path: path.name):
        name = path.name
        display = str(directory / name)
        if name.startswith("."):
            continue
        if not name.endswith(".json"):
            problems.warning(display, "not a snapshot (only YYYY-MM.json files are read) and ignored")
            continue
        period = parse_period(name[:-5])
        if period is None:
            problems.error(display, "a snapshot file must be named after its month, YYYY-MM.json")
            continue
        jobs.append((period, path, display))
    snapshots = []
    for period, path, display in jobs:
        data = path.read_bytes()
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        try:
            text = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError:
            problems.error(display, "the file is not valid UTF-8")
            continue
        if not text.strip():
            problems.error(display, "the file is empty")
            continue
        try:
            raw = json.loads(text, object_pairs_hook=strict_object, parse_constant=reject_constant)
        except ValueError as error:
            problems.error(display, f"not valid JSON: {error}")
            continue
        before = len(problems.errors)
        root = members(raw, "", ("period", "teams"), ("period", "teams"), display, problems)
        if root is None:
            continue
        if not nonblank(root["period"]) or parse_period(root["period"]) is None:
            problems.error(display, f"period: {json.dumps(root['period'], ensure_ascii=False)} is not a month")
            continue
        if parse_period(root["period"]) != period:
            problems.error(display, f"period: is {root['period']} but the file is named {period_text(period)}.json")
        if not isinstance(root["teams"], list):
            problems.error(display, "teams: expected a list")
            continue
        teams, ids, people = [], {}, {"hired": {}, "left": {}}
        for index, item in enumerate(root["teams"]):
            team = check_team(item, f"teams[{index}]", period, people, display, problems)
            if team is None:
                continue
            if team["id"] in ids:
                problems.error(display, f'teams[{index}].id: the team id "{team["id"]}" is used twice in this file (also {ids[team["id"]]})')
                continue
            ids[team["id"]] = f"teams[{index}]"
            teams.append(team)
        if len(problems.errors) == before:
            snapshots.append((period, teams, display, raw))
    snapshots.sort(key=lambda snapshot: snapshot[0])
    for earlier, later in zip(snapshots, snapshots[1:]):
        period, missing = next_period(earlier[0]), []
        while period < later[0]:
            missing.append(period_text(period))
            period = next_period(period)
        if missing:
            problems.warning(later[2], f"no snapshot for {', '.join(missing)}: the charts show a gap there")
    return snapshots


def site_target(site_yml):
    """target_churn of site.yml (a plain `target_churn: 0.08` line), or None."""
    if site_yml is None or not site_yml.exists():
        return None
    for line in site_yml.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^target_churn:\s*([^#\s]+)", line)
        if match:
            try:
                return float(match.group(1).strip("'\""))
            except ValueError:
                return None
    return None


# ---------------------------------------------------------------------------------------------
# The metrics, recomputed


def rate(count, base):
    """count / base; 0 when there was nobody and nobody left; None (null) when people left from 0."""
    if base > 0:
        return count / base
    return 0 if count == 0 else None


TENURE_BUCKETS = (("0-30", 30), ("31-90", 90), ("91-180", 180), ("181-365", 365), ("366+", None))


def tenure_bucket(days):
    return next(key for key, upper in TENURE_BUCKETS if upper is None or days <= upper)


class Month:
    """Sums over the teams of a team, an area or the center in one month."""

    def __init__(self):
        self.average = 0.0
        self.leavers = self.voluntary = self.hires = self.early30 = self.early90 = self.headcount_end = 0
        self.reasons = {reason: 0 for reason in REASONS}
        self.tenures = {key: 0 for key, _ in TENURE_BUCKETS}

    def add(self, team):
        self.average += (team["start"] + team["end"]) / 2
        self.leavers += len(team["leavers"])
        self.voluntary += sum(1 for leaver in team["leavers"] if leaver["voluntary"])
        self.hires += len(team["hires"])
        for leaver in team["leavers"]:
            days = (leaver["left"] - leaver["hired"]).days
            self.early30 += days <= 30
            self.early90 += days <= 90
            self.tenures[tenure_bucket(days)] += 1
            self.reasons[leaver["reason"]] += 1
        self.headcount_end += team["end"]
        return self

    @property
    def churn(self):
        return rate(self.leavers, self.average)

    def json(self):
        return {"average_headcount": self.average, "leavers": self.leavers, "churn": self.churn,
                "voluntary_churn": rate(self.voluntary, self.average), "voluntary_leavers": self.voluntary,
                "headcount_end": self.headcount_end, "reasons": dict(self.reasons), "tenure_at_exit": dict(self.tenures),
                "early_leavers_30": self.early30, "early_leavers_90": self.early90, "hires": self.hires}


def months_above(months, target):
    """The latest run of consecutive months (of those present) with churn above the target."""
    if target is None:
        return 0
    count = 0
    for key in sorted(months, reverse=True):
        churn = months[key].churn
        if churn is None or not churn > target:
            break
        count += 1
    return count


def trailing12(months):
    """Leavers of the series' last 12 months present over the mean of their average headcounts."""
    window = [months[key] for key in sorted(months)][-12:]
    if not window:
        return None
    return rate(sum(month.leavers for month in window), sum(month.average for month in window) / len(window))


def kaplan_meier(observations, days):
    """S(days) = ∏ over distinct exit days t ≤ days of (1 − exits on day t / people observed for at
    least t days); None for an empty cohort or beyond the longest observation."""
    if not observations:
        return None
    lengths = sorted(length for length, _ in observations)
    if days > lengths[-1]:
        return None
    exits = collections.Counter(length for length, left in observations if left and length <= days)
    survival = 1.0
    for t in sorted(exits):
        at_risk = len(lengths) - bisect.bisect_left(lengths, t)
        survival *= 1 - exits[t] / at_risk
    return survival


class Cohort:
    """Hire → (days observed, left?) against every exit of the data set."""

    def __init__(self, snapshots):
        self.exits = {}
        for _, teams, _, _ in snapshots:
            for team in teams:
                for leaver in team["leavers"]:
                    self.exits.setdefault(leaver["id"], []).append(leaver["left"])
        self.censor = last_day(snapshots[-1][0])

    def observation(self, hire):
        later = [left for left in self.exits.get(hire["id"], []) if left >= hire["hired"]]
        if later:
            return ((min(later) - hire["hired"]).days, True)
        return ((self.censor - hire["hired"]).days, False)

    def survival(self, hires):
        observations = [self.observation(hire) for hire in hires]
        return {f"d{days}": kaplan_meier(observations, days) for days in SURVIVAL_DAYS}


def expected_metrics(snapshots, site_target):
    """metrics.json as Staybook should write it (docs/data-format.md, "metrics.json")."""
    cohort = Cohort(snapshots)
    center, areas, teams = {}, {}, {}
    center_hires, area_hires, team_hires, latest = [], {}, {}, {}
    for period, snapshot_teams, _, _ in snapshots:
        for team in snapshot_teams:
            center.setdefault(period, Month()).add(team)
            areas.setdefault(team["area"], {}).setdefault(period, Month()).add(team)
            teams.setdefault(team["id"], {})[period] = Month().add(team)
            center_hires += team["hires"]
            area_hires.setdefault(team["area"], []).extend(team["hires"])
            team_hires.setdefault(team["id"], []).extend(team["hires"])
            latest[team["id"]] = team
    first, last = snapshots[0][0], snapshots[-1][0]
    all_periods = [first]
    while all_periods[-1] < last:
        all_periods.append(next_period(all_periods[-1]))

    def periods(months):
        return {period_text(period): months[period].json() for period in sorted(months)}

    def target(id):
        return latest[id]["target"] if latest[id]["target"] is not None else site_target

    return {
        "areas": {
            area: {"periods": periods(months), "survival": cohort.survival(area_hires[area]), "target": site_target,
                   "teams": sorted(id for id in teams if latest[id]["area"] == area), "trailing12_churn": trailing12(months)}
            for area, months in areas.items()
        },
        "center": {"periods": periods(center), "survival": cohort.survival(center_hires), "target": site_target,
                   "trailing12_churn": trailing12(center)},
        "periods": [period_text(period) for period in all_periods],
        "teams": {
            id: {"area": latest[id]["area"], "months_above_target": months_above(months, target(id)), "name": latest[id]["name"],
                 "periods": periods(months), "survival": cohort.survival(team_hires[id]), "target": target(id),
                 "trailing12_churn": trailing12(months)}
            for id, months in teams.items()
        },
    }


# ---------------------------------------------------------------------------------------------
# Figures in pages (`=churn team:hz-1` in Markdown → <data class="figure" value=… title="杭州一组 2026年10月 月流失率">)

FIGURE = re.compile(r'<data class="figure" value="([^"]*)" title="([^"]*)">')


def page_figures(expected, site_dir, mismatches):
    """Checks every figure written into the pages against the recomputation; returns how many."""
    series = {"全中心": (expected["center"], None)}
    series.update({name: (area, name) for name, area in expected["areas"].items()})
    series.update({team["name"]: (team, "team") for team in expected["teams"].values()})

    def trailing(months, period):
        window = [months[key] for key in sorted(months) if key <= period][-12:]
        if not window:
            return None
        return rate(sum(m["leavers"] for m in window), sum(m["average_headcount"] for m in window) / len(window))

    def teams_of(area):
        return [team for team in expected["teams"].values() if area is None or area == "team" or team["area"] == area]

    def above(team, period):
        month = team["periods"].get(period)
        return month is not None and month["churn"] is not None and team["target"] is not None and month["churn"] > team["target"]

    labels = {
        "月流失率": lambda s, a, p: s["periods"][p]["churn"],
        "主动流失率": lambda s, a, p: s["periods"][p]["voluntary_churn"],
        "近 12 个月流失率": lambda s, a, p: trailing(s["periods"], p),
        "月流失率目标": lambda s, a, p: s["target"],
        "月末人数": lambda s, a, p: s["periods"][p]["headcount_end"],
        "当月入职人数": lambda s, a, p: s["periods"][p]["hires"],
        "当月离职人数": lambda s, a, p: s["periods"][p]["leavers"],
        "当月离职者中司龄不满 30 天的人数": lambda s, a, p: s["periods"][p]["early_leavers_30"],
        "班组数": lambda s, a, p: len(teams_of(a)),
        "当月流失率高于目标的班组数": lambda s, a, p: sum(1 for team in teams_of(a) if above(team, p)),
        "新员工 30 天留存率": lambda s, a, p: s["survival"]["d30"],
        "新员工 90 天留存率": lambda s, a, p: s["survival"]["d90"],
        "新员工 180 天留存率": lambda s, a, p: s["survival"]["d180"],
    }
    count = 0
    for page in sorted(pathlib.Path(site_dir).rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        for value, title in FIGURE.findall(text):
            title = html.unescape(title)
            # The month as the site's language writes it: 2026-10 or 2026年10月.
            match = re.fullmatch(r"(.+) (?:(\d{4})-(\d{2})|(\d{4})年(\d{1,2})月) (.+)", title)
            where = f"{page.relative_to(site_dir)}: {title}"
            if not match or match.group(1) not in series or match.group(6) not in labels:
                mismatches.append((where, "a figure this script knows", title))
                continue
            subject, area = series[match.group(1)]
            period = f"{match.group(2) or match.group(4)}-{int(match.group(3) or match.group(5)):02d}"
            want = labels[match.group(6)](subject, area, period)
            count += 1
            if want is None or abs(float(value) - want) > 1e-5 * max(1.0, abs(want)):
                mismatches.append((where, want, value))
    return count


# ---------------------------------------------------------------------------------------------
# Comparing


def compare(expected, got, path, mismatches):
    """Appends (path, expected, got) for every difference; returns the number of leaves compared."""
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            mismatches.append((path, "an object", describe(got)))
            return 1
        count = 0
        for key in sorted(set(expected) | set(got)):
            child = f"{path}.{key}" if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key) else f"{path}[{json.dumps(key, ensure_ascii=False)}]"
            if key not in got:
                mismatches.append((child, describe(expected[key]), "missing"))
                count += 1
            elif key not in expected:
                mismatches.append((child, "absent", describe(got[key])))
                count += 1
            else:
                count += compare(expected[key], got[key], child, mismatches)
        return count
    if isinstance(expected, list):
        if not isinstance(got, list):
            mismatches.append((path, "a list", describe(got)))
            return 1
        count = 0
        for index in range(max(len(expected), len(got))):
            child = f"{path}[{index}]"
            if index >= len(got):
                mismatches.append((child, describe(expected[index]), "missing"))
                count += 1
            elif index >= len(expected):
                mismatches.append((child, "absent", describe(got[index])))
                count += 1
            else:
                count += compare(expected[index], got[index], child, mismatches)
        return count
    if isinstance(expected, bool) or isinstance(got, bool) or isinstance(expected, str) or isinstance(got, str) or expected is None or got is None:
        if expected != got or type(expected) is not type(got):
            mismatches.append((path, describe(expected), describe(got)))
        return 1
    if isinstance(got, (int, float)) and isinstance(expected, (int, float)):
        if not math.isclose(expected, got, rel_tol=0, abs_tol=TOLERANCE * max(1.0, abs(expected))):
            mismatches.append((path, describe(expected), describe(got)))
        return 1
    mismatches.append((path, describe(expected), describe(got)))
    return 1


def describe(value):
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return json.dumps(value, ensure_ascii=False)


# ---------------------------------------------------------------------------------------------
# The schema (optional)


def validate_schema(snapshots_dir, schema_path):
    """(files checked, [problems]) or None when jsonschema is not importable."""
    try:
        import jsonschema
    except ImportError:
        return None
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    problems, count = [], 0
    for path in sorted(snapshots_dir.iterdir(), key=lambda path: path.name):
        if path.name.startswith(".") or not path.name.endswith(".json"):
            continue
        try:
            instance = json.loads(path.read_text(encoding="utf-8-sig"))
        except ValueError:
            continue  # already reported by the checks above
        count += 1
        for error in sorted(validator.iter_errors(instance), key=lambda error: list(error.absolute_path)):
            location = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in error.absolute_path).lstrip(".")
            problems.append(f"{path.name}: {location or '(root)'}: {error.message}")
    return count, problems


# ---------------------------------------------------------------------------------------------


def report(snapshots, expected):
    def percent(value):
        return "—" if value is None else f"{value * 100:.1f}%"

    hires = sum(len(team["hires"]) for _, teams, _, _ in snapshots for team in teams)
    leavers = sum(len(team["leavers"]) for _, teams, _, _ in snapshots for team in teams)
    center = expected["center"]
    survival = center["survival"]
    print(f"  center: trailing-12 churn {percent(center['trailing12_churn'])}; new-hire survival "
          f"30 d {percent(survival['d30'])}, 90 d {percent(survival['d90'])}, 180 d {percent(survival['d180'])}; "
          f"{hires} hires, {leavers} leavers")
    for area, series in sorted(expected["areas"].items()):
        print(f"  {area}: trailing-12 churn {percent(series['trailing12_churn'])}")
    for id, series in sorted(expected["teams"].items(), key=lambda item: (item[1]["area"], item[0])):
        churns = [month["churn"] for month in series["periods"].values() if month["churn"] is not None]
        survival = series["survival"]
        print(f"  {id} {series['name']} ({series['area']}): trailing-12 {percent(series['trailing12_churn'])}, "
              f"monthly {percent(min(churns) if churns else None)}–{percent(max(churns) if churns else None)}, "
              f"target {percent(series['target'])} (latest {series['months_above_target']} month(s) above), "
              f"survival 30/90/180 d {percent(survival['d30'])}/{percent(survival['d90'])}/{percent(survival['d180'])}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n\n".join(__doc__.split("\n\n")[1:]))
    parser.add_argument("snapshots", metavar="SNAPSHOT_DIR", type=pathlib.Path)
    parser.add_argument("metrics", metavar="METRICS_JSON", type=pathlib.Path)
    parser.add_argument("--site-yml", type=pathlib.Path, default=None,
                        help="site.yml, for the site-wide target_churn (default: the site.yml of the snapshots' content folder, else ./content/site.yml)")
    here = pathlib.Path(__file__).resolve().parent.parent
    parser.add_argument("--schema", type=pathlib.Path, default=here / "schemas" / "snapshot.schema.json", help="the JSON Schema to validate against")
    parser.add_argument("--no-schema", action="store_true", help="skip the schema validation")
    parser.add_argument("--report", action="store_true", help="also print the headline figures")
    parser.add_argument("--pages", type=pathlib.Path, metavar="SITE_DIR", help="also check every figure written into the pages of SITE_DIR")
    parser.add_argument("--write-expected", type=pathlib.Path, metavar="FILE", help="write the recomputed metrics.json to FILE")
    args = parser.parse_args()

    if not args.snapshots.is_dir():
        print(f"verify-metrics: {args.snapshots} is not a folder", file=sys.stderr)
        return 2
    site_yml = args.site_yml
    if site_yml is None:  # the snapshots' own content/site.yml, else ./content/site.yml
        beside = args.snapshots.resolve().parent.parent / "site.yml"
        site_yml = beside if beside.exists() else pathlib.Path("content/site.yml")

    problems = Problems()
    snapshots = load_snapshots(args.snapshots, problems)
    target = site_target(site_yml)
    if target is None:
        for _, teams, file, _ in snapshots:
            index = next((i for i, team in enumerate(teams) if team["target"] is None), None)
            if index is not None:
                problems.error(file, f"teams[{index}]: no target_churn, and {site_yml} sets no site-wide one")
                break
    for line in problems.warnings:
        print(line, file=sys.stderr)
    failed = False
    if problems.errors:
        for line in problems.errors[:20]:
            print(line, file=sys.stderr)
        print(f"verify-metrics: {len(problems.errors)} error(s) in the snapshots: Staybook would not build", file=sys.stderr)
        failed = True

    if not args.no_schema:
        if not args.schema.exists():
            print(f"verify-metrics: schema: {args.schema} not found", file=sys.stderr)
            return 2
        result = validate_schema(args.snapshots, args.schema)
        if result is None:
            print("verify-metrics: schema: skipped (the jsonschema module is not installed; pip install jsonschema)")
        else:
            count, schema_problems = result
            for line in schema_problems[:20]:
                print(f"schema: {line}", file=sys.stderr)
            print(f"verify-metrics: schema: {count} file(s), {len(schema_problems)} violation(s)")
            failed = failed or bool(schema_problems)
    if failed:
        return 1
    if not snapshots:
        print("verify-metrics: no snapshots: Staybook writes no metrics.json", file=sys.stderr)
        return 1

    expected = expected_metrics(snapshots, target)
    if args.write_expected:
        args.write_expected.write_text(json.dumps(expected, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    try:
        got = json.loads(args.metrics.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        print(f"verify-metrics: cannot read {args.metrics}: {error}", file=sys.stderr)
        return 2
    mismatches = []
    compared = compare(expected, got, "$", mismatches)
    if args.pages:
        figures = page_figures(expected, args.pages, mismatches)
        print(f"verify-metrics: {figures} figures in the pages of {args.pages} checked")
    months = (snapshots[-1][0][0] - snapshots[0][0][0]) * 12 + snapshots[-1][0][1] - snapshots[0][0][1] + 1
    gaps = months - len(snapshots)
    print(f"verify-metrics: {len(expected['teams'])} teams, {len(expected['areas'])} areas, {months} months"
          f"{f' ({gaps} missing)' if gaps else ''}, {compared} figures compared, {len(mismatches)} mismatches"
          f"{f', {len(problems.warnings)} warning(s)' if problems.warnings else ''}")
    if args.report:
        report(snapshots, expected)
    if mismatches:
        for path, want, have in mismatches[:20]:
            print(f"  {path}: expected {want}, got {have}")
        if len(mismatches) > 20:
            print(f"  … and {len(mismatches) - 20} more")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
