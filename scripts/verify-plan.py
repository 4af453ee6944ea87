#!/usr/bin/env python3
"""Recomputes the one-on-one plan independently from the snapshots, the talk log and site.yml, and
compares it with the site's private/api/one-on-ones.json: the same agents, reasons, deadlines and
scripts, in the same order. Written from the rules in docs/one-on-one-plan.md, not from
the Swift code.

usage: scripts/verify-plan.py CONTENT_DIR SITE_DIR [--as-of YYYY-MM-DD]
"""
import argparse
import calendar
import csv
import datetime
import io
import json
import math
import pathlib
import re
import sys

WARNINGS = ["income_drop", "quality_drop", "sales_drop", "efficiency_drop", "break_overuse", "voice_emotion", "taboo_words"]
ORDER = WARNINGS + ["intent_to_leave", "mood", "performance_swing", "new_hire", "top_performer", "routine"]
EPS = 1e-9


def day(text):
    return datetime.date.fromisoformat(text)


def site_settings(path):
    """The few site.yml keys the plan reads, parsed by hand (flow lists and one level of nesting)
    so that this check needs no YAML library."""
    settings = {"early_warning": {}, "one_on_one": {}, "playbooks": {}, "holidays": [], "workdays": []}
    section = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split(" #")[0].rstrip()
        if not line or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip())
        key, _, value = line.strip().partition(":")
        value = value.strip()
        if indent == 0:
            section = key
            if key in ("holidays", "workdays"):
                settings[key] = [day(item.strip()) for item in value.strip("[]").split(",") if item.strip()]
            continue
        if section == "one_on_one" and key == "playbooks":
            section = "playbooks"
            continue
        if section == "playbooks" and indent >= 4:
            settings["playbooks"][key] = [item.strip() for item in value.strip("[]").split(",") if item.strip()]
        elif section in ("early_warning", "one_on_one") and value:
            settings[section][key] = float(value)
    return settings


def talk_log(folder):
    talks = []
    for path in sorted(folder.glob("*.csv")) if folder.exists() else []:
        data = path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("gb18030")
        rows = list(csv.reader(io.StringIO(text)))
        header = [name.strip().lower() for name in rows[0]]
        agent = next(i for i, name in enumerate(header) if name in ("agent", "工号"))
        when = next(i for i, name in enumerate(header) if name in ("date", "日期"))
        for row in rows[1:]:
            if not any(field.strip() for field in row):
                continue
            numbers = [int(n) for n in re.findall(r"\d+", row[when])]
            talks.append((row[agent].strip(), datetime.date(*numbers)))
    return talks


def add_working_days(start, count, holidays, workdays):
    current = start
    while count > 0:
        current += datetime.timedelta(days=1)
        if current in workdays or (current.weekday() < 5 and current not in holidays):
            count -= 1
    return current


def add_months(start, months):
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    return datetime.date(year, month + 1, min(start.day, calendar.monthrange(year, month + 1)[1]))


def week_sunday(text):
    year, week = int(text[:4]), int(text[6:])
    return datetime.date.fromisocalendar(year, week, 7)


def mean(values):
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("content")
    parser.add_argument("site")
    parser.add_argument("--as-of")
    args = parser.parse_args()
    content = pathlib.Path(args.content)
    settings = site_settings(content / "site.yml")
    ew = {"income_drop": 500, "quality_drop": 0.02, "sales_drop": 0.2, "efficiency_drop": 0.2, "break_overuse": 1.2, "in_a_row": 2}
    ew.update(settings["early_warning"])
    oo = {"horizon_days": 14, "new_hire_days": 7, "top_share": 0.2, "top_performer_days": 90, "swing": 0.2, "swing_days": 7,
          "mood_working_days": 2, "routine_months": 6}
    oo.update(settings["one_on_one"])
    books = settings["playbooks"]
    row = int(ew["in_a_row"])

    as_of = day(args.as_of) if args.as_of else None
    snapshots = {}
    for path in sorted((content / "data" / "snapshots").glob("*.json")):
        period = path.stem
        if as_of and period > as_of.isoformat()[:7]:
            continue
        snapshots[period] = json.loads(path.read_text(encoding="utf-8"))
    periods = sorted(snapshots)
    current = periods[-1]
    year, month = map(int, current.split("-"))
    month_first = datetime.date(year, month, 1)
    month_last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    today = as_of or month_last
    horizon = today + datetime.timedelta(days=int(oo["horizon_days"]))
    previous = (month_first - datetime.timedelta(days=1)).isoformat()[:7]

    def agent_in(period, agent_id):
        for team in snapshots.get(period, {}).get("teams", []):
            for agent in team.get("agents", []):
                if agent["id"] == agent_id:
                    return team, agent
        return None, None

    last_talk = {}
    for agent_id, when in talk_log(content / "data" / "talks"):
        if when <= today:
            last_talk[agent_id] = max(last_talk.get(agent_id, when), when)
    for period in periods:
        for team in snapshots[period]["teams"]:
            for agent in team.get("agents", []):
                if "last_one_on_one" in agent and day(agent["last_one_on_one"]) <= today:
                    when = day(agent["last_one_on_one"])
                    last_talk[agent["id"]] = max(last_talk.get(agent["id"], when), when)

    # Planned for a day inside the month: only what was known that day (ended weeks, flags reported
    # by then); month-end figures (pay, the swing, undated flags) only once the month is over.
    month_known = month_last <= today
    for team in snapshots[current]["teams"]:
        for agent in team.get("agents", []):
            agent["weeks"] = [w for w in agent.get("weeks", []) if week_sunday(w["week"]) <= today]
            agent["flags"] = [f for f in agent.get("flags", [])
                              if (day(f["date"]) if isinstance(f, dict) and "date" in f else month_last) <= today]
            if not month_known:
                agent.pop("income", None)

    expected = []
    for team in snapshots[current]["teams"]:
        agents = team.get("agents", [])
        if not agents:
            continue
        # Team break means per week over this and the previous month.
        sums = {}
        for month_team in [t for p in (previous, current) for t in snapshots.get(p, {}).get("teams", []) if t["id"] == team["id"]]:
            for agent in month_team.get("agents", []):
                for week in agent.get("weeks", []):
                    if week.get("break_minutes") is not None:
                        sums.setdefault(week["week"], []).append(week["break_minutes"])
        break_mean = {week: sum(v) / len(v) for week, v in sums.items()}
        ranked = sorted(
            [(mean([w.get("quality") for w in a.get("weeks", [])]), mean([w.get("sales") for w in a.get("weeks", [])]) or 0, a["id"])
             for a in agents if mean([w.get("quality") for w in a.get("weeks", [])]) is not None],
            key=lambda r: (-r[0], -r[1], r[2]))
        top = {r[2] for r in ranked[:max(1, math.ceil(len(ranked) * oo["top_share"] - EPS))]} if ranked else set()
        for agent in agents:
            hired = day(agent["hired"])
            if hired > today:
                continue
            last = last_talk.get(agent["id"])
            if last is not None and last < hired:
                last = None
            followed = last or hired - datetime.timedelta(days=1)
            items = []

            def add(reason, due, topic):
                items.append((due, ORDER.index(reason), reason, books.get(topic, [])))

            _, before = agent_in(previous, agent["id"])
            weeks = sorted((before or {}).get("weeks", []) + agent.get("weeks", []), key=lambda w: w["week"])
            for reason, key, fell in [
                ("quality_drop", "quality", lambda a, b: a - b >= ew["quality_drop"] - EPS),
                ("sales_drop", "sales", lambda a, b: a > 0 and (a - b) / a >= ew["sales_drop"] - EPS),
                ("efficiency_drop", "efficiency", lambda a, b: a > 0 and (a - b) / a >= ew["efficiency_drop"] - EPS),
            ]:
                for end in range(len(weeks) - 1, row - 1, -1):
                    run = weeks[end - row:end + 1]
                    if week_sunday(run[-1]["week"]).isoformat()[:7] != current:
                        continue
                    sundays = [week_sunday(w["week"]) for w in run]
                    if any((b - a).days != 7 for a, b in zip(sundays, sundays[1:])):
                        continue
                    values = [w.get(key) for w in run]
                    if None in values or not all(fell(a, b) for a, b in zip(values, values[1:])):
                        continue
                    if followed < sundays[-1] - datetime.timedelta(days=6):
                        add(reason, sundays[-1] + datetime.timedelta(days=1), "early_warning")
                    break
            for end in range(len(weeks) - 1, row - 2, -1):
                run = weeks[end - row + 1:end + 1]
                if week_sunday(run[-1]["week"]).isoformat()[:7] != current:
                    continue
                sundays = [week_sunday(w["week"]) for w in run]
                if any((b - a).days != 7 for a, b in zip(sundays, sundays[1:])):
                    continue
                if all(w.get("break_minutes") is not None and break_mean.get(w["week"], 0) > 0
                       and w["break_minutes"] > ew["break_overuse"] * break_mean[w["week"]] + EPS for w in run):
                    if followed < sundays[-1] - datetime.timedelta(days=6):
                        add("break_overuse", sundays[-1] + datetime.timedelta(days=1), "early_warning")
                    break
            incomes = []
            period = current
            while len(incomes) < row + 1:
                _, month_agent = agent_in(period, agent["id"])
                if not month_agent or month_agent.get("income") is None:
                    break
                incomes.insert(0, month_agent["income"])
                y, m = map(int, period.split("-"))
                period = (datetime.date(y, m, 1) - datetime.timedelta(days=1)).isoformat()[:7]
            if month_known and len(incomes) == row + 1 and all(a - b > ew["income_drop"] for a, b in zip(incomes, incomes[1:])) and followed < month_first:
                add("income_drop", month_last + datetime.timedelta(days=1), "early_warning")
            for flag in agent.get("flags", []):
                name, when = (flag, None) if isinstance(flag, str) else (flag["flag"], day(flag["date"]) if "date" in flag else None)
                raised = when or month_last
                if not followed < (when or month_first):
                    continue
                if name in ("voice_emotion", "taboo_words"):
                    add(name, raised + datetime.timedelta(days=1), "early_warning")
                else:
                    add(name, add_working_days(raised, int(oo["mood_working_days"]), set(settings["holidays"]), set(settings["workdays"])), name)
            if month_known and before and followed < month_first:
                moves = []
                for key in ("quality", "sales"):
                    old = mean([w.get(key) for w in before.get("weeks", [])])
                    new = mean([w.get(key) for w in agent.get("weeks", [])])
                    if old and new is not None and abs(new - old) / old >= oo["swing"] - EPS:
                        moves.append(new > old)
                if moves:
                    add("performance_swing", month_last + datetime.timedelta(days=int(oo["swing_days"])),
                        "performance_up" if all(moves) else "performance_down")
            if last is None and add_months(hired, int(oo["routine_months"])) > today:
                add("new_hire", hired + datetime.timedelta(days=int(oo["new_hire_days"])), "new_hire")
            if agent["id"] in top:
                add("top_performer", (last or hired) + datetime.timedelta(days=int(oo["top_performer_days"])), "top_performer")
            items = [item for item in items if item[0] <= horizon]
            if not items:
                due = add_months(last or hired, int(oo["routine_months"]))
                if due <= horizon:
                    add("routine", due, "routine")
            if not items:
                continue
            items.sort(key=lambda item: (item[0], item[1]))
            playbooks = []
            for item in items:
                playbooks += [p for p in item[3] if p not in playbooks]
            expected.append((items[0][0], items[0][1], team["id"], agent["id"], {
                "agent": agent["id"], "team": team["id"], "reasons": [item[2] for item in items], "due": items[0][0].isoformat(),
                "playbooks": playbooks}))
    expected.sort(key=lambda entry: entry[:4])
    expected = [entry[4] for entry in expected]

    actual = json.loads((pathlib.Path(args.site) / "private" / "api" / "one-on-ones.json").read_text(encoding="utf-8"))
    mismatches = 0
    for index in range(max(len(expected), len(actual))):
        want = expected[index] if index < len(expected) else None
        got = actual[index] if index < len(actual) else None
        if want != got:
            mismatches += 1
            print(f"verify-plan: entry {index}: expected {json.dumps(want, ensure_ascii=False)}, the site has {json.dumps(got, ensure_ascii=False)}")
    reasons = sorted({reason for entry in expected for reason in entry["reasons"]})
    print(f"verify-plan: as of {today}, {len(expected)} agents due, {len(reasons)} reasons ({', '.join(reasons)}), {mismatches} mismatch(es)")
    sys.exit(1 if mismatches else 0)


if __name__ == "__main__":
    main()
