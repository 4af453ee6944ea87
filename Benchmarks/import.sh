#!/usr/bin/env bash
# The roster import at scale: `staybook import roster` on a synthetic roster of 100,000 stays over
# 36 months (scripts/gen-roster.py; STAYS and MONTHS override), with a release build. Each of RUNS
# runs (default 5) starts fresh: content/data/snapshots and the import record (.staybook-import,
# in the snapshots folder or in content/data) are deleted first, and the deleting is not timed.
# Prints the median and min–max wall time and the peak memory (maximum resident set, from
# /usr/bin/time -f %M when it is there, else from Python's resource module), and PASS when the
# median is under the goal of 2 s (GOAL overrides), FAIL (exit 1) otherwise. Then, when pandas is
# installed, checks the snapshots of the last run against the roster with scripts/verify-import.py.
#
# The roster's staff were hired up to three years before its first month, so the import is given
# --from and --to: exactly MONTHS snapshots, ending 2026-10.
#
# usage: Benchmarks/import.sh [STAYS] [MONTHS] [RUNS]
#   env STAYBOOK   a staybook binary to use instead of `swift build -c release`
#   env GOAL       the goal for the median, in seconds (default 2)
#   env VERIFY=0   skip the verify-import.py check
#   env KEEP=1     keep the work folder (/tmp/staybook-import-bench.*)
set -euo pipefail
cd "$(dirname "$0")/.."
stays=${1:-100000} months=${2:-36} runs=${3:-5} goal=${GOAL:-2}

if [ -n "${STAYBOOK:-}" ]; then
    staybook=$STAYBOOK
else
    swift build -c release --product staybook >/dev/null
    staybook=$(swift build -c release --show-bin-path)/staybook
fi
work=$(mktemp -d /tmp/staybook-import-bench.XXXXXX)
if [ "${KEEP:-0}" = 1 ]; then echo "work folder: $work"; else trap 'rm -rf "$work"' EXIT; fi

project=$work/project
mkdir -p "$project/content"
printf 'title: bench\ntarget_churn: 0.08\n' >"$project/content/site.yml"
roster=$project/roster.csv
python3 scripts/gen-roster.py "$stays" "$months" "$roster" 2>"$work/gen.log" || { cat "$work/gen.log"; exit 1; }
read -r first last < <(python3 -c "
import sys
m = 2026 * 12 + 9 - (int(sys.argv[1]) - 1)
print(f'{m // 12:04d}-{m % 12 + 1:02d} 2026-10')" "$months")
roster_bytes=$(wc -c <"$roster")
echo "$staybook; roster: $(sed -e 's/^gen-roster: //' -e 's/ → .*//' "$work/gen.log"), $((roster_bytes / 1024 / 1024)) MB of CSV; importing $first … $last; $runs runs, $(nproc) cores"

python3 - "$staybook" "$project" "$roster" "$first" "$last" "$runs" "$goal" "$work" <<'PY'
import os, resource, shutil, statistics, subprocess, sys, time
staybook, project, roster, first, last, runs, goal, work = sys.argv[1:]
runs, goal = int(runs), float(goal)
command = [staybook, "import", "roster", roster, "--root", project, "--from", first, "--to", last]
gnu_time = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
data = os.path.join(project, "content", "data")
times, peaks = [], []
for run in range(runs):
    shutil.rmtree(os.path.join(data, "snapshots"), ignore_errors=True)
    for record in (os.path.join(data, ".staybook-import"),):
        if os.path.isdir(record):
            shutil.rmtree(record)
        elif os.path.exists(record):
            os.remove(record)
    os.sync()
    rss_file = os.path.join(work, "rss")
    wrapped = [gnu_time, "-f", "%M", "-o", rss_file] + command if gnu_time else command
    with open(os.path.join(work, "log"), "w") as log:
        began = time.perf_counter()
        code = subprocess.run(wrapped, stdout=log, stderr=subprocess.STDOUT).returncode
        times.append(time.perf_counter() - began)
    output = open(os.path.join(work, "log")).read()
    if code != 0:
        sys.stdout.write(output)
        sys.exit(f"import.sh: run {run + 1} failed (exit {code}): {' '.join(command)}")
    if gnu_time:
        peaks.append(int(open(rss_file).read().split()[-1]))  # KB
if not gnu_time:
    peaks.append(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)  # KB on Linux: the largest run
snapshots = sorted(name for name in os.listdir(os.path.join(data, "snapshots")) if name.endswith(".json"))
print(output.strip().splitlines()[-1] if output.strip() else "(no output)")
median = statistics.median(times)
source = "/usr/bin/time" if gnu_time else "resource"
print(f"import roster: {len(snapshots)} snapshots, {runs} runs, median {median:.2f} s (min {min(times):.2f} – max {max(times):.2f}), "
      f"peak RSS {max(peaks) / 1024:.0f} MB ({source})")
verdict = "PASS" if median < goal else "FAIL"
print(f"{verdict}: median {median:.2f} s, goal < {goal:g} s")
open(os.path.join(work, "verdict"), "w").write(verdict)
PY

if [ "${VERIFY:-1}" != 0 ]; then
    if python3 -c "import pandas" 2>/dev/null; then
        python3 scripts/verify-import.py "$roster" "$project/content/data/snapshots" || { echo "FAIL: the snapshots do not match the roster"; exit 1; }
    else
        echo "verify-import.py skipped: pip install pandas to check the snapshots against the roster"
    fi
fi
[ "$(cat "$work/verdict")" = PASS ]
