#!/usr/bin/env bash
# The live preview's delay: from saving a Markdown file to the browsers' reload event.
#
# usage: Benchmarks/serve.sh [--pages N] [--edits E]
#   --pages N   corpus size in pages (default 1000)
#   --edits E   edits measured (default 20); the report shows the median and min–max
#   env STAYBOOK     a staybook binary to use instead of `swift build -c release`
#   env BENCH_TOOLS  the folder with gen_corpus.py (default ../shared/bench)
#   env KEEP=1       keep the work folder (/tmp/staybook-serve-bench.*)
#
# gen_corpus.py writes the corpus; the project is its content, a site.yml and themes/, as in
# Benchmarks/run.sh. A release `staybook serve --port 0` serves it; a Python client listens to
# /__staybook/events as a browser does, then E times appends a sentence to one page and measures
# the time from the end of the write to the `reload` event (the debounce's 20 ms of quiet, the
# rebuild and the event). Each edit waits for the reload of the one before.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
pages=1000 edits=20
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }
while (($#)); do
    case $1 in
        --pages) pages=${2:?--pages needs a number}; shift 2 ;;
        --edits) edits=${2:?--edits needs a number}; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
done
[[ $pages =~ ^[0-9]+$ && $edits =~ ^[0-9]+$ && $edits -gt 0 ]] || { echo "--pages and --edits take counts (see --help)" >&2; exit 2; }
tools=${BENCH_TOOLS:-$repo/../shared/bench}
command -v python3 >/dev/null || { echo "needs python3 (Debian: apt-get install -y python3)" >&2; exit 1; }
[[ -f $tools/gen_corpus.py ]] || { echo "no $tools/gen_corpus.py (set BENCH_TOOLS to the folder holding it)" >&2; exit 1; }

cd "$repo"
if [[ -n ${STAYBOOK:-} ]]; then
    staybook=$STAYBOOK
else
    swift build -c release --product staybook >/dev/null
    staybook=$(swift build -c release --show-bin-path)/staybook
fi
[[ -x $staybook ]] || { echo "no staybook binary at $staybook" >&2; exit 1; }

work=$(mktemp -d /tmp/staybook-serve-bench.XXXXXX)
server=""
cleanup() {
    if [[ -n $server ]] && kill -0 "$server" 2>/dev/null; then
        kill -INT "$server"
        wait "$server" || true
    fi
    if [[ ${KEEP:-} == 1 ]]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

python3 "$tools/gen_corpus.py" "$pages" "$work/corpus" >"$work/log" 2>&1 || { cat "$work/log" >&2; exit 1; }
project=$work/project
mkdir -p "$project"
cp -r "$work/corpus/content" "$project/content"
cp -r themes "$project/themes"
cat >"$project/content/site.yml" <<'YML'
title: 客服与团队手册 (benchmark)
language: zh-CN
theme: default
broken_links: warning
YML
section=$(ls "$project/content" | grep -v site.yml | head -n 1)
# awk reads the whole listing: `head` would close the pipe early and, at 10,000 pages, `ls` would die of SIGPIPE.
page=$project/content/$section/$(ls "$project/content/$section" | grep -v _index.md | awk 'NR == 1')

"$staybook" serve --root "$project" --port 0 --output "$work/out" >"$work/serve.log" 2>&1 &
server=$!
echo "machine:  $(nproc) cores, $(uname -sr)"
echo "staybook: $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $pages pages, $edits edits of ${page#"$project"/}"

python3 - "$work/serve.log" "$page" "$edits" "$server" <<'PY'
import os, re, socket, statistics, sys, time

log, page, edits, pid = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
deadline = time.time() + 300
url = None
while url is None:  # the first build of the corpus comes before the address
    text = open(log, encoding="utf-8", errors="replace").read()
    match = re.search(r"serving http://([\d.]+):(\d+)/", text)
    if match:
        url = match.groups()
    elif time.time() > deadline or not os.path.exists(f"/proc/{pid}") and os.name == "posix" and sys.platform == "linux":
        sys.exit(f"staybook serve did not start:\n{text}")
    else:
        time.sleep(0.05)
host, port = url[0], int(url[1])
print(open(log, encoding="utf-8").read().strip().splitlines()[0])

events = socket.create_connection((host, port), timeout=60)
events.sendall(f"GET /__staybook/events HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: text/event-stream\r\n\r\n".encode())
buffer = b""

def wait_for(name):
    """Reads the stream (chunked; each chunk one event) until an event named `name`."""
    global buffer
    while True:
        while b"\n\n" in buffer:
            block, buffer = buffer.split(b"\n\n", 1)
            if f"event: {name}".encode() in block:
                return
        data = events.recv(65536)
        if not data:
            sys.exit("the event stream ended")
        buffer += data

wait_for("hello")
times = []
for index in range(edits):
    with open(page, "a", encoding="utf-8") as file:
        file.write(f"\n第 {index + 1} 次修改：新增一句话，看预览多快刷新。\n")
    start = time.perf_counter()
    wait_for("reload")
    times.append((time.perf_counter() - start) * 1000)
    time.sleep(0.1)  # a pause between saves, as a person makes
times.sort()
print(f"save → reload event, {edits} edits: median {statistics.median(times):.0f} ms (min–max {times[0]:.0f}–{times[-1]:.0f} ms)")
PY
echo "the server's own account of the last rebuilds:"
grep "file(s) changed" "$work/serve.log" | tail -n 3 | sed 's/^/  /'
