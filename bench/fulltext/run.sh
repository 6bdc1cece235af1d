#!/usr/bin/env bash
# Full-text rebuild benchmark (issue 14): a generated 900-page full text (the fixture's three
# chapters repeated and renumbered, Contents included) rebuilt by pages::fulltext::rebuild.
# Goal: < 2 s and < 200 MB peak RSS (release build). Prints the median of RUNS rebuilds, the
# time to merely split the text into lines (the floor) and the ratio, then the peak RSS of a
# process that generates the book and rebuilds it once.
#
#   bench/fulltext/run.sh            # PAGES=900 RUNS=5
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
PAGES="${PAGES:-900}"
RUNS="${RUNS:-5}"
cargo build --release -q -p pages --example fulltext_bench
BIN="$ROOT/target/release/examples/fulltext_bench"
"$BIN" "$PAGES" "$RUNS"
if [ -x /usr/bin/time ]; then
  /usr/bin/time -v "$BIN" "$PAGES" 1 2>&1 >/dev/null | grep -E "Maximum resident set size|Elapsed" | sed 's/^\s*/peak (1 run): /'
else
  echo "bench/fulltext: /usr/bin/time not found (apt-get install -y time) - peak RSS not measured"
fi
