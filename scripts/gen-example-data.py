#!/usr/bin/env python3
"""Generates the example HR snapshots in content/data/snapshots/ (24 months, 8 teams, 3 areas),
or a large synthetic set for benchmarks.

    scripts/gen-example-data.py                         # the example: 2024-11 … 2026-10
    scripts/gen-example-data.py --out /tmp/snaps        # the same files elsewhere
    scripts/gen-example-data.py --teams 1000 --months 36 --out /tmp/bench-snapshots

The data is simulated, not real: every person is followed day by day from hire to exit with a
tenure-dependent quit hazard (heavy in the first 30 days), scaled per team (one healthy team, one
night-shift team, one team troubled for a stretch in 2025), per season (more exits after the Spring
Festival) and with monthly noise. Hiring comes in training-class batches on Mondays, with waves in
March and September–October ahead of the peak season. A few people move between teams each month.

The example also writes content/data/roster.csv, the same people as HR's roster export (one row per
stay of one employee in one team, Chinese headers, CSV UTF-8 with a byte-order mark), which
`staybook import roster content/data/roster.csv --from 2024-11 --to 2026-10` turns back into the
same snapshots (without target_churn and agents, which a roster does not hold); scripts/verify-import.py
checks that independently. A transfer is two stays: the old one ends (调岗) on the month's last day
and the new one starts that day; a stay's team name is the team's name in the month the stay starts.

Deterministic: a fixed seed and random.Random, no clock, no set or hash ordering, so running it
twice gives byte-identical files. Python 3 standard library only. The format is described in
docs/data-format.md and schemas/snapshot.schema.json.
"""

import argparse
import calendar
import datetime
import json
import math
import pathlib
import random
import re
import sys

REASONS = ("pay", "schedule", "pressure", "career", "management", "personal", "relocation", "other")
SNAPSHOT_NAME = re.compile(r"^\d{4}-(0[1-9]|1[0-2])\.json$")

# Example window and teams.
EXAMPLE_FIRST = (2024, 11)
EXAMPLE_MONTHS = 24
SYNTHETIC_LAST = (2026, 10)
DEFAULT_SEED = 20241101

# Quit behaviour per profile: (p30, m2, m3, m4) = probability of leaving within the first 30 days,
# and monthly probabilities of leaving at tenure 31–90 days, 91–365 days and over a year.
PROFILES = {
    "healthy": (0.08, 0.040, 0.024, 0.017),
    "normal": (0.18, 0.090, 0.058, 0.036),
    "busy": (0.22, 0.110, 0.072, 0.045),
    "night": (0.24, 0.105, 0.068, 0.042),
}

# Calendar-month effects: exits (after the Spring Festival many do not come back; summer; the
# November peak) and hiring waves (March and September–October; little in December–February).
SEASON_EXITS = {1: 0.9, 2: 1.55, 3: 1.2, 4: 1.0, 5: 1.0, 6: 1.05, 7: 1.15, 8: 1.05, 9: 1.0, 10: 0.95, 11: 1.1, 12: 0.85}
SEASON_PLAN = {1: 0.97, 2: 0.96, 3: 1.0, 4: 1.0, 5: 1.0, 6: 1.0, 7: 1.0, 8: 1.0, 9: 1.02, 10: 1.07, 11: 1.08, 12: 1.03}
SEASON_HIRING = {1: 0.6, 2: 0.7, 3: 1.35, 4: 1.1, 5: 0.95, 6: 1.0, 7: 1.1, 8: 1.1, 9: 1.35, 10: 1.25, 11: 0.8, 12: 0.6}

VOLUNTARY_WEIGHTS = {"pay": 26, "schedule": 20, "pressure": 20, "career": 10, "management": 8, "personal": 8, "relocation": 5, "other": 3}
INVOLUNTARY_WEIGHTS = {"other": 45, "pressure": 15, "schedule": 15, "management": 15, "personal": 10}


class Team:
    """One team's plan: who it is, how it behaves, and its people."""

    def __init__(self, id, name, area, base, profile, target=None, trouble=None, rename=None):
        self.id = id
        self.name = name
        self.area = area
        self.base = base  # planned headcount outside the season
        self.profile = profile
        self.target = target  # target_churn written in every snapshot, or None (site-wide target)
        self.trouble = trouble or {}  # (year, month) → hazard multiplier
        self.rename = rename  # ((year, month), new name): the name from that month on
        self.roster = []  # [employee id, hire date], in hire order
        self.recent_rate = PROFILES[profile][3] * 2.5  # running estimate of monthly churn, for hiring

    def name_in(self, period):
        if self.rename and period >= self.rename[0]:
            return self.rename[1]
        return self.name


def example_teams():
    # sz-1 is troubled from April to October 2025 (a new manager, then a hard peak season); sh-1 is
    # the healthy one with a tighter target; sz-2 is the night shift, renamed in September 2025.
    trouble = {(2025, 3): 1.3, (2025, 4): 1.8, (2025, 5): 2.3, (2025, 6): 2.6, (2025, 7): 2.7, (2025, 8): 2.5,
               (2025, 9): 2.2, (2025, 10): 1.7, (2025, 11): 1.3, (2025, 12): 1.1}
    return [
        Team("hz-1", "杭州一组", "华东片区", 44, "normal"),
        Team("hz-2", "杭州二组", "华东片区", 36, "busy"),
        Team("sh-1", "上海一组", "华东片区", 50, "healthy", target=0.06),
        Team("gz-1", "广州一组", "华南片区", 40, "busy"),
        Team("sz-1", "深圳一组", "华南片区", 46, "normal", trouble=trouble),
        Team("sz-2", "深圳二组", "华南片区", 33, "night", target=0.10, rename=((2025, 9), "深圳二组（夜班）")),
        Team("bj-1", "北京一组", "华北片区", 42, "normal"),
        Team("tj-1", "天津一组", "华北片区", 30, "normal"),
    ]


def synthetic_teams(count, periods, rng):
    area_count = max(1, math.ceil(count / 12))
    area_width = max(2, len(str(area_count)))
    team_width = max(4, len(str(count)))
    teams = []
    for index in range(count):
        number = str(index + 1).zfill(team_width)
        area = "片区" + str(index * area_count // count + 1).zfill(area_width)
        draw = rng.random()
        profile = "healthy" if draw < 0.15 else "night" if draw < 0.25 else "busy" if draw < 0.5 else "normal"
        trouble = {}
        if rng.random() < 0.1 and len(periods) >= 8:
            start = rng.randrange(len(periods) - 6)
            for offset, factor in enumerate((1.5, 2.3, 2.9, 3.0, 2.6, 1.9, 1.3)):
                if start + offset < len(periods):
                    trouble[periods[start + offset]] = factor
        target = rng.choice((0.06, 0.08, 0.10, 0.12)) if rng.random() < 0.2 else None
        rename = None
        if rng.random() < 0.02 and len(periods) >= 3:
            rename = (periods[rng.randrange(1, len(periods))], f"班组{number}（新）")
        teams.append(Team(f"t{number}", f"班组{number}", area, rng.randint(28, 52), profile, target, trouble, rename))
    return teams


# ---------------------------------------------------------------------------------------------
# Calendar helpers


def periods_from(first, count):
    year, month = first
    out = []
    for _ in range(count):
        out.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def periods_ending(last, count):
    year, month = last
    months = year * 12 + (month - 1) - (count - 1)
    return periods_from((months // 12, months % 12 + 1), count)


def first_day(period):
    return datetime.date(period[0], period[1], 1)


def last_day(period):
    return datetime.date(period[0], period[1], calendar.monthrange(period[0], period[1])[1])


def period_text(period):
    return f"{period[0]:04d}-{period[1]:02d}"


def mondays(period):
    day = first_day(period)
    day += datetime.timedelta(days=(7 - day.weekday()) % 7)
    out = []
    while day.month == period[1]:
        out.append(day)
        day += datetime.timedelta(days=7)
    return out


# ---------------------------------------------------------------------------------------------
# The quit hazard: piecewise constant per day of tenure.

BUCKETS = ((1, 30), (31, 90), (91, 365), (366, 10**6))


def daily_hazards(profile):
    p30, m2, m3, m4 = PROFILES[profile]
    return (1 - (1 - p30) ** (1 / 30), 1 - (1 - m2) ** (1 / 30.4), 1 - (1 - m3) ** (1 / 30.4), 1 - (1 - m4) ** (1 / 30.4))


def exit_day(rng, hired, start, end, hazards, factor):
    """The day this person leaves within [start, end], or None. Tenure day 0 (the hire day) is safe."""
    first = max(start.toordinal(), hired.toordinal() + 1)
    last = end.toordinal()
    if first > last:
        return None
    u = rng.random()
    survival = 1.0
    base = hired.toordinal()
    for (low, high), hazard in zip(BUCKETS, hazards):
        a = max(first, base + low)
        b = min(last, base + high)
        if a > b:
            continue
        h = min(0.25, hazard * factor)
        days = b - a + 1
        after = survival * (1 - h) ** days
        if 1 - after > u:
            # The smallest k with 1 − survival·(1−h)^k > u.
            k = math.ceil(math.log((1 - u) / survival) / math.log(1 - h)) if h > 0 else days
            k = min(max(k, 1), days)
            return datetime.date.fromordinal(a + k - 1)
        survival = after
    return None


def weighted(rng, weights):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[key] for key in keys])[0]


def leave_reason(rng, team, period, tenure):
    troubled = team.trouble.get(period, 1.0) >= 1.5
    voluntary = rng.random() < (0.94 if tenure <= 30 else 0.82 if troubled else 0.87)
    if not voluntary:
        return False, weighted(rng, INVOLUNTARY_WEIGHTS)
    weights = dict(VOLUNTARY_WEIGHTS)
    if tenure <= 30:
        weights["pressure"] *= 1.6
        weights["schedule"] *= 1.4
        weights["career"] *= 0.3
    elif tenure > 365:
        weights["career"] *= 2.0
        weights["pay"] *= 1.3
    if troubled:
        weights["management"] *= 4.0
        weights["pressure"] *= 1.8
    if team.profile == "night":
        weights["schedule"] *= 2.2
    if team.profile == "healthy":
        weights["relocation"] *= 1.6
        weights["personal"] *= 1.6
    if period[1] == 2:
        weights["personal"] *= 1.8
        weights["relocation"] *= 1.8
    return True, weighted(rng, weights)


# ---------------------------------------------------------------------------------------------
# The simulation


class Ids:
    def __init__(self, width, start):
        self.width = width
        self.next = start

    def take(self):
        value = f"E{str(self.next).zfill(self.width)}"
        self.next += 1
        return value


def staff_before(rng, teams, window_start, ids):
    """Everyone employed when the window opens, hired before it; ids in hire-date order."""
    people = []
    for index, team in enumerate(teams):
        size = max(20, team.base + rng.randint(-3, 3))
        for _ in range(size):
            draw = rng.random()
            if draw < 0.12:
                tenure = rng.randint(1, 90)
            elif draw < 0.40:
                tenure = rng.randint(91, 365)
            else:
                tenure = rng.randint(366, 2200)
            people.append((window_start - datetime.timedelta(days=tenure), index))
    people.sort()
    for hired, index in people:
        teams[index].roster.append([ids.take(), hired])


def simulate(teams, periods, seed, ids, rosters=None, moved=None):
    """`rosters`, when given, receives every team's roster at the end of each month; `moved`, when
    given, receives every transfer as (period, employee id, hire date, from team id, to team id):
    the move happens on the month's last day (see write_roster). Neither draws a random number."""
    rng = random.Random(seed)
    staff_before(rng, teams, first_day(periods[0]), ids)
    if rosters is not None:
        for team in teams:
            rosters[(team.id, None)] = list(team.roster)  # the staff when the window opens
    hazards = {profile: daily_hazards(profile) for profile in PROFILES}
    snapshots = []
    for position, period in enumerate(periods):
        start, end = first_day(period), last_day(period)
        month = period[1]
        rows = []
        leaving_now = {}
        for team in teams:
            headcount_start = len(team.roster)
            # Hiring: fill the gap to next month's plan plus the exits expected, in this month's wave.
            trouble = team.trouble.get(period, 1.0)
            plan = team.base * SEASON_PLAN[(month % 12) + 1]
            expected = headcount_start * team.recent_rate * SEASON_EXITS[month] * trouble
            gap = plan - headcount_start + expected
            wanted = max(0.0, gap * SEASON_HIRING[month] + rng.gauss(0, 1.2))
            if trouble >= 1.8:
                wanted = min(wanted, 7 + rng.randint(0, 2))  # recruiting cannot keep up
            count = int(round(wanted))
            count = max(count, 26 - headcount_start + int(round(expected)))  # never let a team run dry
            count = max(0, min(count, 58 - headcount_start, max(6, team.base // 3)))
            hires = []
            if count:
                days = mondays(period)
                batches = [rng.choice(days[:2])] if count < 4 else sorted({rng.choice(days[:2]), rng.choice(days[2:])})
                for day in sorted(batches[n % len(batches)] for n in range(count)):
                    hires.append([ids.take(), day])  # ids in hire order
            # Exits: everyone on the roster or hired this month.
            factor = SEASON_EXITS[month] * trouble * math.exp(rng.gauss(0, 0.18))
            leavers = []
            stayers = []
            for person in team.roster + hires:
                left = exit_day(rng, person[1], start, end, hazards[team.profile], factor)
                if left is None:
                    stayers.append(person)
                    continue
                tenure = left.toordinal() - person[1].toordinal()
                voluntary, reason = leave_reason(rng, team, period, tenure)
                leavers.append({"id": person[0], "hired": person[1].isoformat(), "left": left.isoformat(), "voluntary": voluntary,
                                "reason": reason})
            leavers.sort(key=lambda leaver: (leaver["left"], leaver["id"]))
            rows.append({"team": team, "start": headcount_start, "hires": hires, "leavers": leavers, "in": 0, "out": 0})
            leaving_now[team.id] = stayers
            if headcount_start:
                team.recent_rate = 0.7 * team.recent_rate + 0.3 * len(leavers) / headcount_start
        # Transfers: in some months an established agent moves, mostly within the area, from a team
        # above its plan to one below it.
        by_area = {}
        for row in rows:
            by_area.setdefault(row["team"].area, []).append(row)
        moves = []
        for area_rows in by_area.values():
            if len(area_rows) < 2 or rng.random() > 0.35:
                continue
            source, destination = rng.sample(area_rows, 2)
            if len(leaving_now[source["team"].id]) <= source["team"].base - 4:
                continue
            candidates = [person for person in leaving_now[source["team"].id] if end.toordinal() - person[1].toordinal() > 90]
            for _ in range(1 if rng.random() < 0.7 else 2):
                if not candidates:
                    break
                person = candidates.pop(rng.randrange(len(candidates)))
                moves.append((source, destination, person))
        if len(rows) >= 2 and rng.random() < 0.12:  # now and then across areas
            source, destination = rng.sample(rows, 2)
            candidates = [person for person in leaving_now[source["team"].id] if end.toordinal() - person[1].toordinal() > 365]
            if candidates and not any(move[2] is candidates[0] for move in moves):
                moves.append((source, destination, candidates[0]))
        for source, destination, person in moves:
            if person not in leaving_now[source["team"].id]:
                continue
            leaving_now[source["team"].id].remove(person)
            if moved is not None:
                moved.append((period, person[0], person[1], source["team"].id, destination["team"].id))
            leaving_now[destination["team"].id].append(person)
            source["out"] += 1
            destination["in"] += 1
        # Close the month.
        teams_json = []
        for row in rows:
            team = row["team"]
            team.roster = sorted(leaving_now[team.id], key=lambda person: (person[1], person[0]))
            if rosters is not None:
                rosters[(team.id, period)] = list(team.roster)
            end_count = row["start"] + len(row["hires"]) + row["in"] - row["out"] - len(row["leavers"])
            assert end_count == len(team.roster), (team.id, period)
            entry = {
                "id": team.id,
                "name": team.name_in(period),
                "area": team.area,
                "headcount_start": row["start"],
                "headcount_end": end_count,
                "hires": [{"id": hire[0], "hired": hire[1].isoformat()} for hire in row["hires"]],
                "transfers_in": row["in"],
                "transfers_out": row["out"],
                "leavers": row["leavers"],
            }
            if team.target is not None:
                entry["target_churn"] = team.target
            teams_json.append(entry)
        snapshots.append({"period": period_text(period), "teams": teams_json})
    return snapshots


# ---------------------------------------------------------------------------------------------
# Per-agent indicators and the talk log (the one-on-one plan)

AGENT_TEAMS = ("hz-1", "sh-1")
AGENT_MONTHS = 3
TALK_LOG_NAME = "2026-10.csv"


def sundays(period):
    year, month = period
    return [datetime.date(year, month, day) for day in range(1, calendar.monthrange(year, month)[1] + 1)
            if datetime.date(year, month, day).weekday() == 6]


def iso_week(sunday):
    year, week, _ = sunday.isocalendar()
    return f"{year}-W{week:02d}"


def add_agents(snapshots, periods, rosters, seed):
    """Adds `agents` to the last AGENT_MONTHS snapshots of AGENT_TEAMS: steady figures with a little
    noise for everyone, and in the latest month one agent for each reason of the one-on-one plan
    (docs/one-on-one-plan.md), so every reason shows in the example site. Returns the talk
    log rows (agent, date, kind, by)."""
    rng = random.Random(seed + 7)
    months = periods[-AGENT_MONTHS:]
    last = months[-1]
    base = {}
    talks = []
    scenario = {}
    for team_id in AGENT_TEAMS:
        roster = rosters[(team_id, last)]
        veterans = [person[0] for person in roster if person[1] < datetime.date(last[0], last[1], 1) - datetime.timedelta(days=60)]
        recent = [person for person in roster if person[1] >= datetime.date(last[0], last[1], 1)]
        plan = (["quality_drop", "sales_drop", "income_drop", "mood", "voice_emotion", "break_overuse", "swing_up", "swing_down",
                 "routine", "intent_to_leave", "followed_up", "top"] if team_id == "hz-1"
                else ["taboo_words", "efficiency_drop", "mood_followed_up", "routine", "quality_swing_down"])
        for name, agent in zip(plan, veterans[3:]):
            scenario[agent] = name
        # New hires of the latest month: the first intake was talked to on its fifth day (hz-1 in the
        # snapshot, sh-1 in the talk log); hz-1's second intake is still waiting.
        intakes = sorted({person[1] for person in recent})
        for person in recent:
            if person[1] == intakes[0] or team_id == "sh-1":
                day = person[1] + datetime.timedelta(days=4)
                if team_id == "sh-1":
                    talks.append((person[0], day, "新员工第一周", "班组长"))
                else:
                    scenario[person[0]] = ("talked", day)
    talks.append((next(a for a, s in scenario.items() if s == "followed_up"), datetime.date(2026, 10, 27), "异动预警三级谈话", "班组长"))
    talks.append((next(a for a, s in scenario.items() if s == "mood_followed_up"), datetime.date(2026, 10, 23), "情绪变化", "主管"))
    for team_id in AGENT_TEAMS:
        for person in rosters[(team_id, months[0])] + rosters[(team_id, months[1])] + rosters[(team_id, last)]:
            if person[0] not in base:
                base[person[0]] = {
                    "quality": round(rng.uniform(0.88, 0.965), 3), "sales": rng.randint(10, 16), "efficiency": round(rng.uniform(36, 48), 1),
                    "break": rng.randint(48, 64), "income": rng.randrange(4800, 7000, 100),
                    "talk": datetime.date(2026, 8, 20) + datetime.timedelta(days=rng.randint(0, 69)),
                }
    for snapshot in snapshots[-AGENT_MONTHS:]:
        period = tuple(int(part) for part in snapshot["period"].split("-"))
        position = months.index(period)
        for team in snapshot["teams"]:
            if team["id"] not in AGENT_TEAMS:
                continue
            agents = []
            for person_id, hired in rosters[(team["id"], period)]:
                figures = base[person_id]
                kind = scenario.get(person_id)
                weeks = []
                for number, sunday in enumerate(sundays(period)):
                    if sunday - datetime.timedelta(days=6) < hired:
                        continue
                    quality = figures["quality"] + rng.choice((-0.004, -0.002, 0, 0.002, 0.004))
                    sales = figures["sales"] + rng.choice((-0.5, 0, 0.5))
                    efficiency = figures["efficiency"] + rng.choice((-0.8, 0, 0.8))
                    minutes = figures["break"] + rng.randint(-4, 4)
                    latest = position == len(months) - 1
                    tail = len(sundays(period)) - number  # 1 for the month's last week
                    if latest and kind == "quality_drop" and tail <= 3:
                        quality = [0.89, 0.91, 0.93][tail - 1]
                    if latest and kind == "followed_up" and tail <= 3:
                        quality = [0.86, 0.88, 0.90][tail - 1]
                    if latest and kind == "sales_drop" and tail <= 3:
                        sales = [9, 12, 15][tail - 1]
                    if latest and kind == "efficiency_drop" and tail <= 3:
                        efficiency = [27.0, 35.0, 45.0][tail - 1]
                    if latest and kind == "break_overuse" and tail <= 2:
                        minutes = [120, 110][tail - 1]
                    if kind == "swing_up":
                        sales = 12.5 if latest else 9
                    if kind == "swing_down":
                        sales = 10 if latest else 14
                    if kind == "quality_swing_down" and latest:
                        quality = 0.70
                    if kind == "top":
                        quality = 0.99
                    weeks.append({"week": iso_week(sunday), "quality": round(quality, 3), "sales": sales, "efficiency": round(efficiency, 1),
                                  "break_minutes": minutes})
                income = figures["income"] + rng.choice((-50, 0, 50))
                if kind == "income_drop":
                    income = [6200, 5600, 5000][position]
                agent = {"id": person_id, "hired": hired.isoformat(), "income": income}
                talk = figures["talk"]
                if kind in ("quality_drop", "sales_drop", "income_drop", "mood", "voice_emotion", "break_overuse", "swing_up", "swing_down",
                            "intent_to_leave", "followed_up", "taboo_words", "efficiency_drop", "mood_followed_up", "quality_swing_down"):
                    talk = datetime.date(2026, 8, 20) + datetime.timedelta(days=(sum(map(ord, person_id)) % 30))
                if kind == "routine":
                    talk = datetime.date(2026, 5, 6) if team["id"] == "hz-1" else datetime.date(2026, 5, 12)
                if kind == "top":
                    talk = datetime.date(2026, 7, 15)
                if isinstance(kind, tuple):
                    talk = kind[1]
                if hired >= datetime.date(2026, 4, 1) and not isinstance(kind, tuple) and kind is None:
                    talk = max(talk, hired + datetime.timedelta(days=5))
                last_day = datetime.date(period[0], period[1], calendar.monthrange(*period)[1])
                if hired >= datetime.date(last[0], last[1], 1) and not isinstance(kind, tuple):
                    talk = None  # the latest intake that nobody has talked to yet
                if talk is not None and talk <= last_day and talk >= hired:
                    agent["last_one_on_one"] = talk.isoformat()
                if position == len(months) - 1:
                    flags = {"mood": ["mood"], "voice_emotion": ["voice_emotion"], "taboo_words": [{"flag": "taboo_words", "date": "2026-10-30"}],
                             "intent_to_leave": [{"flag": "intent_to_leave", "date": "2026-10-29"}],
                             "mood_followed_up": [{"flag": "mood", "date": "2026-10-22"}]}.get(kind)
                    if flags:
                        agent["flags"] = flags
                agent["weeks"] = weeks
                agents.append(agent)
            team["agents"] = agents
    return sorted(talks, key=lambda row: (row[1], row[0]))


def write_talk_log(folder, talks):
    """The talk log as Excel in Chinese saves "CSV UTF-8": a byte-order mark, Chinese headers, CRLF
    line endings and dates written 2026/10/9."""
    lines = ["工号,日期,类型,谈话人"] + [f"{agent},{day.year}/{day.month}/{day.day},{kind},{by}" for agent, day, kind, by in talks]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / TALK_LOG_NAME).write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8") + b"\r\n")


# ---------------------------------------------------------------------------------------------
# The roster: HR's export of every stay of every person in a team (`staybook import roster`)

ROSTER_NAME = "roster.csv"
ROSTER_HEADER = ("工号", "姓名", "班组", "班组名称", "片区", "入职日期", "入组日期", "离组日期", "离组类型", "离职性质", "离职原因")
REASON_LABELS = {"pay": "薪酬", "schedule": "排班与工时", "pressure": "工作压力", "career": "发展空间", "management": "管理与团队",
                 "personal": "个人与家庭", "relocation": "异地", "other": "其他"}


def roster_stays(teams, periods, snapshots, rosters, moved):
    """Every stay of every person the simulation follows, as dicts in (employee id, start) order.

    A stay counts in a team's headcount on every day from `start` up to, not including, `end`:
    - the staff when the window opens: one stay from the hire date, in the team they start in;
    - a hire: a stay from the hire date;
    - a leaver: the stay ends on the leave date (`left`), 离职, with voluntary and reason;
    - a transfer: the simulator moves people after the month's exits, so they are on the new team
      on the month's last day (its headcount_end) and not on the old one. The old stay therefore
      ends on the month's last day (调岗) and the new stay starts that same day: both the
      transfers_out and the transfers_in fall in the month of the snapshot that counts them.
    The team name of a stay is the team's name in the month the stay starts (Team.name_in), so an
    importer taking, for each team and month, the name of the active stay with the latest start
    finds the renamed name from the first month after the rename in which a stay starts in the
    team (sz-2 hires in 2025-09, the rename month)."""
    by_id = {team.id: team for team in teams}
    open_stays = {}  # employee id → the stay still going on
    stays = []

    def begin(person_id, team_id, start, hired):
        assert person_id not in open_stays, (person_id, start)
        team = by_id[team_id]
        stay = {"id": person_id, "team": team_id, "name": team.name_in((start.year, start.month)), "area": team.area,
                "hired": hired, "start": start, "end": None, "end_type": None, "voluntary": None, "reason": None}
        open_stays[person_id] = stay
        stays.append(stay)

    def finish(person_id, team_id, end, end_type):
        stay = open_stays.pop(person_id)
        assert stay["team"] == team_id and stay["start"] <= end, (person_id, team_id, end)
        stay["end"], stay["end_type"] = end, end_type
        return stay

    for team in teams:
        for person_id, hired in rosters[(team.id, None)]:
            begin(person_id, team.id, hired, hired)
    moves = {}
    for move in moved:
        moves.setdefault(move[0], []).append(move)
    for period, snapshot in zip(periods, snapshots):
        for team in snapshot["teams"]:
            for hire in team["hires"]:
                day = datetime.date.fromisoformat(hire["hired"])
                begin(hire["id"], team["id"], day, day)
        for team in snapshot["teams"]:
            for leaver in team["leavers"]:
                stay = finish(leaver["id"], team["id"], datetime.date.fromisoformat(leaver["left"]), "left")
                assert stay["hired"].isoformat() == leaver["hired"], leaver
                stay["voluntary"], stay["reason"] = leaver["voluntary"], leaver["reason"]
        for _, person_id, hired, source, destination in moves.get(period, []):
            day = last_day(period)
            stay = finish(person_id, source, day, "transfer")
            assert stay["hired"] == hired, (person_id, period)
            begin(person_id, destination, day, hired)
    # The stays still going on are exactly the month-end rosters of the last month.
    for team in teams:
        assert sorted(person[0] for person in rosters[(team.id, periods[-1])]) == \
            sorted(stay["id"] for stay in open_stays.values() if stay["team"] == team.id), team.id
    stays.sort(key=lambda stay: (stay["id"], stay["start"], stay["end"] is None, stay["end"] or stay["start"]))
    return stays


def write_roster(folder, stays):
    """The roster as a Chinese Excel saves "CSV UTF-8": a byte-order mark, Chinese headers and CRLF;
    dates YYYY-MM-DD, reasons as their Chinese labels, 主动/被动. 姓名 is a made-up name: a personal
    column the importer must ignore."""
    lines = [",".join(ROSTER_HEADER)]
    for stay in stays:
        left = stay["end_type"] == "left"
        lines.append(",".join((
            stay["id"], "员工" + stay["id"][1:], stay["team"], stay["name"], stay["area"], stay["hired"].isoformat(),
            stay["start"].isoformat(), stay["end"].isoformat() if stay["end"] else "",
            {"left": "离职", "transfer": "调岗", None: ""}[stay["end_type"]],
            ("主动" if stay["voluntary"] else "被动") if left else "", REASON_LABELS[stay["reason"]] if left else "")))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ROSTER_NAME).write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8") + b"\r\n")


# ---------------------------------------------------------------------------------------------
# Output


def inline(value):
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def serialize(snapshot):
    """Two-space indented JSON with each hire and leaver on one line, so a diff shows people."""
    lines = ["{", f'  "period": {inline(snapshot["period"])},', '  "teams": [']
    for t, team in enumerate(snapshot["teams"]):
        lines.append("    {")
        keys = list(team)
        for k, key in enumerate(keys):
            comma = "," if k < len(keys) - 1 else ""
            value = team[key]
            if isinstance(value, list):
                if not value:
                    lines.append(f'      "{key}": []{comma}')
                else:
                    lines.append(f'      "{key}": [')
                    for i, item in enumerate(value):
                        lines.append("        " + inline(item) + ("," if i < len(value) - 1 else ""))
                    lines.append(f"      ]{comma}")
            else:
                lines.append(f'      "{key}": {inline(value)}{comma}')
        lines.append("    }" + ("," if t < len(snapshot["teams"]) - 1 else ""))
    lines += ["  ]", "}"]
    return "\n".join(lines) + "\n"


def self_check(snapshots, example):
    """The rules the site's decoder checks, plus the example's realism bounds; raises on a breach."""
    hired_in_window = {}
    window_start = snapshots[0]["period"] + "-01"
    for snapshot in snapshots:
        period = snapshot["period"]
        seen_teams = set()
        seen_people = {}
        for team in snapshot["teams"]:
            assert team["id"] not in seen_teams, (period, team["id"])
            seen_teams.add(team["id"])
            expected = team["headcount_start"] + len(team["hires"]) + team["transfers_in"] - team["transfers_out"] - len(team["leavers"])
            assert team["headcount_end"] == expected, (period, team["id"])
            if example:
                assert 25 <= team["headcount_start"] <= 60 and 25 <= team["headcount_end"] <= 60, (period, team["id"], team["headcount_end"])
            for hire in team["hires"]:
                assert hire["hired"][:7] == period and hire["id"] not in seen_people, (period, hire)
                assert hire["id"] not in hired_in_window, hire
                seen_people[hire["id"]] = "hire"
                hired_in_window[hire["id"]] = hire["hired"]
            for leaver in team["leavers"]:
                assert leaver["left"][:7] == period and leaver["left"] >= leaver["hired"], (period, leaver)
                assert seen_people.get(leaver["id"]) != "leaver" and leaver["reason"] in REASONS, (period, leaver)
                seen_people[leaver["id"]] = "leaver"
                if leaver["hired"] >= window_start:
                    assert hired_in_window.get(leaver["id"]) == leaver["hired"], (period, leaver)
                else:
                    assert leaver["id"] not in hired_in_window, (period, leaver)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", help="the folder to write YYYY-MM.json into (default: content/data/snapshots of this repository)")
    parser.add_argument("--teams", type=int, help="a synthetic set with this many teams (ids t0001 …, areas 片区01 …); needs --out")
    parser.add_argument("--months", type=int, help="a synthetic set with this many months, ending 2026-10; needs --out")
    parser.add_argument("--keep-example-teams", action="store_true",
                        help="with --teams: the 8 example teams (hz-1 … tj-1 in their areas) come first, so the handbook's charts, figures and contest results still find them")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"the random seed (default {DEFAULT_SEED}); the example uses the default")
    parser.add_argument("--clean", action="store_true", help="delete other YYYY-MM.json files in the folder (default: only warn about them)")
    args = parser.parse_args()

    synthetic = args.teams is not None or args.months is not None
    if synthetic:
        if args.out is None:
            parser.error("--teams/--months write a synthetic set: give its folder with --out (the example folder is not overwritten)")
        teams_count = args.teams if args.teams is not None else 8
        months = args.months if args.months is not None else EXAMPLE_MONTHS
        if teams_count < 1 or months < 1:
            parser.error("--teams and --months must be at least 1")
        periods = periods_ending(SYNTHETIC_LAST, months)
        teams = synthetic_teams(teams_count, periods, random.Random(args.seed + 1))
        if args.keep_example_teams:
            teams = example_teams() + teams
        ids = Ids(7, 1_000_001)
    else:
        periods = periods_from(EXAMPLE_FIRST, EXAMPLE_MONTHS)
        teams = example_teams()
        ids = Ids(5, 10_001)
    out = pathlib.Path(args.out) if args.out else pathlib.Path(__file__).resolve().parent.parent / "content" / "data" / "snapshots"

    rosters = {}
    moved = []
    snapshots = simulate(teams, periods, args.seed, ids, rosters, moved)
    self_check(snapshots, example=not synthetic and args.seed == DEFAULT_SEED)
    talks = None
    stays = None
    if not synthetic:
        stays = roster_stays(teams, periods, snapshots, rosters, moved)  # before add_agents: only the people
        talks = add_agents(snapshots, periods, rosters, args.seed)

    out.mkdir(parents=True, exist_ok=True)
    written = set()
    for snapshot in snapshots:
        name = snapshot["period"] + ".json"
        (out / name).write_bytes(serialize(snapshot).encode("utf-8"))
        written.add(name)
    if talks is not None:
        write_talk_log(out.parent / "talks", talks)
    if stays is not None:
        write_roster(out.parent, stays)
    stale = sorted(path.name for path in out.iterdir() if SNAPSHOT_NAME.match(path.name) and path.name not in written)
    for name in stale:
        if args.clean:
            (out / name).unlink()
    hires = sum(len(team["hires"]) for snapshot in snapshots for team in snapshot["teams"])
    leavers = sum(len(team["leavers"]) for snapshot in snapshots for team in snapshot["teams"])
    print(f"gen-example-data: {len(snapshots)} snapshots ({snapshots[0]['period']} … {snapshots[-1]['period']}), {len(teams)} teams, "
          f"{len({team.area for team in teams})} areas, {hires} hires, {leavers} leavers → {out}")
    if stale:
        verb = "deleted" if args.clean else "left in place (they will be read with these; use --clean to delete)"
        print(f"gen-example-data: {len(stale)} other snapshot file(s) {verb}: {', '.join(stale[:5])}{' …' if len(stale) > 5 else ''}",
              file=sys.stderr)


if __name__ == "__main__":
    main()
