#!/usr/bin/env python3
"""Writes a large synthetic HR roster for benchmarking `staybook import roster`.

    scripts/gen-roster.py N MONTHS OUT.csv [--seed S]
    scripts/gen-roster.py 100000 36 /tmp/roster.csv      # what Benchmarks/import.sh uses

About N stays (one row per stay of one employee in one team) over MONTHS months ending 2026-10, in
the format of content/data/roster.csv (scripts/gen-example-data.py): UTF-8 with a byte-order mark,
CRLF, Chinese headers 工号,姓名,班组,班组名称,片区,入职日期,入组日期,离组日期,离组类型,离职性质,离职原因,
dates YYYY-MM-DD, reasons as Chinese labels, 主动/被动; 姓名 is a made-up name (a personal column the
importer must ignore). Teams t0001 … (班组0001 …) in areas 片区01 …, about 12 teams an area.

Consistent by construction: each team starts with its staff (hired up to three years before the
window), loses people every month on random days, hires to refill on random days, and now and then
moves someone to another team on the month's last day (the old stay ends with 调岗 on the day the
new one starts, the hire date is kept). An employee's stays never overlap, every stay has a
positive length, every transfer is continued, every leaver has a reason. Deterministic (a fixed
seed, random.Random, no clock), Python 3 standard library only.
"""

import argparse
import calendar
import datetime
import math
import pathlib
import random
import sys

LAST = (2026, 10)
HEADER = "工号,姓名,班组,班组名称,片区,入职日期,入组日期,离组日期,离组类型,离职性质,离职原因"
VOLUNTARY_REASONS = (("薪酬", 26), ("排班与工时", 20), ("工作压力", 20), ("发展空间", 10), ("管理与团队", 8), ("个人与家庭", 8),
                     ("异地", 5), ("其他", 3))
INVOLUNTARY_REASONS = (("其他", 45), ("工作压力", 15), ("排班与工时", 15), ("管理与团队", 15), ("个人与家庭", 10))
BASE = (28, 52)  # planned headcount per team
CHURN = (0.03, 0.10)  # monthly probability of leaving, per team
TRANSFER = 0.3  # probability that a team sends someone elsewhere at a month's end


def periods_ending(last, count):
    months = last[0] * 12 + (last[1] - 1) - (count - 1)
    out = []
    for index in range(count):
        value = months + index
        out.append((value // 12, value % 12 + 1))
    return out


def cumulative(pairs):
    labels, weights = zip(*pairs)
    total, acc = 0, []
    for weight in weights:
        total += weight
        acc.append(total)
    return labels, acc


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stays", type=int, help="about how many stays (rows) to write")
    parser.add_argument("months", type=int, help="how many months, ending 2026-10")
    parser.add_argument("out", help="the CSV file to write")
    parser.add_argument("--seed", type=int, default=20261031)
    args = parser.parse_args()
    if args.stays < 1 or args.months < 1:
        parser.error("N and MONTHS must be at least 1")
    rng = random.Random(args.seed)
    periods = periods_ending(LAST, args.months)
    window = datetime.date(periods[0][0], periods[0][1], 1)

    # Teams: enough that the expected number of stays is about N.
    mean_base, mean_churn = sum(BASE) / 2, sum(CHURN) / 2
    per_team = mean_base * (1 + 1.1 * mean_churn * args.months) + TRANSFER * args.months  # 1.1: hires leave too
    team_count = max(2, round(args.stays / per_team))
    areas = max(1, math.ceil(team_count / 12))
    team_width, area_width = max(4, len(str(team_count))), max(2, len(str(areas)))
    teams = []
    for index in range(team_count):
        number = str(index + 1).zfill(team_width)
        teams.append({"id": f"t{number}", "name": f"班组{number}", "area": "片区" + str(index * areas // team_count + 1).zfill(area_width),
                      "base": rng.randint(*BASE), "churn": rng.uniform(*CHURN), "people": []})

    next_id = [1]
    rows = []  # [employee id, team index, hired ordinal, start ordinal, end ordinal or None, end type, voluntary, reason]

    def begin(team_index, employee, hired, start):
        stay = [employee, team_index, hired, start, None, "", "", ""]
        rows.append(stay)
        teams[team_index]["people"].append(stay)
        return stay

    def new_employee():
        value = f"E{next_id[0]:07d}"
        next_id[0] += 1
        return value

    voluntary_labels, voluntary_acc = cumulative(VOLUNTARY_REASONS)
    involuntary_labels, involuntary_acc = cumulative(INVOLUNTARY_REASONS)
    start_ordinal = window.toordinal()
    for index, team in enumerate(teams):
        for _ in range(team["base"] + rng.randint(-3, 3)):
            hired = start_ordinal - rng.randint(1, 1100)
            begin(index, new_employee(), hired, hired)

    for period in periods:
        first = datetime.date(period[0], period[1], 1).toordinal()
        last = first + calendar.monthrange(*period)[1] - 1
        for index, team in enumerate(teams):
            # Hires, on random days of the month, to refill towards the plan.
            count = max(0, round(team["base"] - len(team["people"]) + team["base"] * team["churn"] + rng.gauss(0, 1.5)))
            for _ in range(count):
                day = first + rng.randrange(last - first + 1)
                begin(index, new_employee(), day, day)
            # Exits on a day after the stay began.
            staying = []
            for stay in team["people"]:
                earliest = max(first, stay[3] + 1)
                if earliest <= last and rng.random() < team["churn"]:
                    stay[4] = rng.randint(earliest, last)
                    stay[5] = "离职"
                    voluntary = rng.random() < 0.87
                    stay[6] = "主动" if voluntary else "被动"
                    labels, acc = (voluntary_labels, voluntary_acc) if voluntary else (involuntary_labels, involuntary_acc)
                    stay[7] = rng.choices(labels, cum_weights=acc)[0]
                else:
                    staying.append(stay)
            team["people"] = staying
        # Transfers on the month's last day, of people who were there before the month began.
        for index, team in enumerate(teams):
            if rng.random() >= TRANSFER:
                continue
            candidates = [stay for stay in team["people"] if stay[3] < first]
            if not candidates:
                continue
            stay = rng.choice(candidates)
            destination = rng.randrange(len(teams) - 1)
            destination += destination >= index
            team["people"].remove(stay)
            stay[4], stay[5] = last, "调岗"
            begin(destination, stay[0], stay[2], last)

    rows.sort(key=lambda stay: (stay[0], stay[3]))
    iso = {}

    def day(ordinal):
        text = iso.get(ordinal)
        if text is None:
            text = iso[ordinal] = datetime.date.fromordinal(ordinal).isoformat()
        return text

    lines = [HEADER]
    for employee, team_index, hired, start, end, end_type, voluntary, reason in rows:
        team = teams[team_index]
        lines.append(f"{employee},员工{employee[1:]},{team['id']},{team['name']},{team['area']},{day(hired)},{day(start)},"
                     f"{day(end) if end is not None else ''},{end_type},{voluntary},{reason}")
    out = pathlib.Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8") + b"\r\n")
    leavers = sum(1 for row in rows if row[5] == "离职")
    transfers = sum(1 for row in rows if row[5] == "调岗")
    print(f"gen-roster: {len(rows)} stays, {next_id[0] - 1} employees, {team_count} teams, {areas} areas, {leavers} leavers, "
          f"{transfers} transfers, {periods[0][0]:04d}-{periods[0][1]:02d} … 2026-10 → {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
