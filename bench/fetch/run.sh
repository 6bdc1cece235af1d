#!/usr/bin/env bash
# bench/fetch: `areabook fetch study` assembling a 2,000-section book from a loopback server.
# Three runs into fresh libraries: --rate 0 (goal: >= 500 pages/s), --rate 100 (goal: at the
# rate, ~100 pages/s), and a re-run over the first library (everything from the fetch log).
# Usage: bench/fetch/run.sh [N]   (needs python3; builds areabook --release)
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-2000}
BIN=${AREABOOK_BIN:-target/release/areabook}
[ -n "${AREABOOK_BIN:-}" ] || cargo build --release -q -p areabook
OUT=$(mktemp -d /tmp/areabook-bench-fetch.XXXXXX)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$OUT"' EXIT
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 bench/fetch/serve.py "$PORT" "$N" & SERVER=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/robots.txt" >/dev/null 2>&1 && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$PORT/robots.txt" >/dev/null || { echo "the loopback server did not start" >&2; exit 1; }
export AREABOOK_COUNTRYSTUDIES_URL="http://127.0.0.1:$PORT"
run() { # label library rate
  local start end
  start=$(date +%s.%N)
  "$BIN" --library "$2" --json fetch study "Soviet Union" --from countrystudies.us --rate "$3" > "$OUT/$1.json"
  end=$(date +%s.%N)
  python3 - "$OUT/$1.json" "$start" "$end" "$1" "$3" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["books"][0]
secs = float(sys.argv[3]) - float(sys.argv[2])
pages = r["fetched"] + r["cached"] + r["resumed"]
print(f"{sys.argv[4]:>10}  rate {sys.argv[5]:>4}  {pages} pages ({r['fetched']} fetched, {r['resumed']} from the log)  "
      f"{r['present']}/{r['expected']} sections  {secs:.2f} s  {pages / secs:.0f} pages/s")
PY
}
# The floor: the same 2,000 pages as files, through `areabook ingest` (no HTTP, one batch).
python3 - "$OUT/pages" "$N" <<'PY'
import os, sys
out, n = sys.argv[1], int(sys.argv[2])
os.makedirs(out)
sys.argv = ["serve.py", "0", str(n)]
src = open("bench/fetch/serve.py").read().split("class Handler")[0]
exec(src)
for i in range(1, n + 1):
    open(f"{out}/{i}.htm", "wb").write(page(i))
PY
start=$(date +%s.%N)
"$BIN" --library "$OUT/libfiles" ingest "$OUT/pages" > /dev/null
end=$(date +%s.%N)
python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print(f'{\"ingest files\":>10}  (no HTTP)  {sys.argv[3]} pages  {s:.2f} s  {int(sys.argv[3])/s:.0f} pages/s')" "$start" "$end" "$N"
run unlimited "$OUT/lib0" 0
run rate-100 "$OUT/lib100" 100
run resume "$OUT/lib0" 0
