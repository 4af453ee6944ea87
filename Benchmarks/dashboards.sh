#!/usr/bin/env bash
# Dashboards at scale: builds the example handbook with 1,000 teams × 36 months of synthetic
# snapshots (TEAMS and MONTHS override) and, in the same run, the handbook with its own 8 teams,
# with a release build. Prints the median and min–max wall time over RUNS builds (default 5), each
# into a fresh output folder, and the peak memory (maximum resident set) from /usr/bin/time -v.
#
# usage: Benchmarks/dashboards.sh [TEAMS] [MONTHS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
teams=${1:-1000} months=${2:-36} runs=${3:-5}
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (Debian: apt-get install time)"; exit 1; }

swift build -c release --product staybook >/dev/null
staybook=$(swift build -c release --show-bin-path)/staybook
work=$(mktemp -d /tmp/staybook-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

# Two projects side by side: the example as it is, and the example with the large snapshot set.
mkdir -p "$work/example" "$work/large"
cp -r content themes "$work/example/"
cp -r content themes "$work/large/"
rm -rf "$work/large/content/data/snapshots"
# The 8 example teams stay in (as 8 of the TEAMS): the handbook's charts, figures and contest
# results name them, and a reference to a team that is gone is a build error.
python3 scripts/gen-example-data.py --teams "$((teams > 8 ? teams - 8 : 1))" --keep-example-teams --months "$months" \
    --out "$work/large/content/data/snapshots" >/dev/null
snapshot_bytes=$(du -sb "$work/large/content/data/snapshots" | cut -f1)

measure() { # name, project folder
    local times=() peaks=() pages=""
    for run in $(seq "$runs"); do
        rm -rf "$work/out-$1"
        /usr/bin/time -v -o "$work/time" "$staybook" build --root "$2" --output "$work/out-$1" >"$work/log" 2>&1 \
            || { cat "$work/log"; exit 1; }
        times+=("$(grep -E "Elapsed \(wall clock\)" "$work/time" | awk '{print $NF}' | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')")
        peaks+=("$(grep "Maximum resident set size" "$work/time" | awk '{print $NF}')")
        pages=$(grep -oE "built [0-9]+ pages" "$work/log")
    done
    python3 - "$1" "$pages" "${times[*]}" "${peaks[*]}" <<'PY'
import statistics, sys
name, pages, times, peaks = sys.argv[1], sys.argv[2], [float(t) for t in sys.argv[3].split()], [int(p) for p in sys.argv[4].split()]
print(f"{name:<28} {pages:<18} median {statistics.median(times):6.2f} s  (min {min(times):.2f} – max {max(times):.2f})  "
      f"peak RSS median {statistics.median(peaks) / 1024:6.0f} MB")
PY
}

echo "release build, $runs runs each, fresh output folder, $(nproc) cores"
measure "example (8 teams × 24 mo)" "$work/example"
measure "$teams teams × $months months" "$work/large"
echo "large snapshot set: $((snapshot_bytes / 1024 / 1024)) MB of JSON in $months files"
