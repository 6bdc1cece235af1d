#!/usr/bin/env bash
# Issue 12's benchmark: every Factbook edition 1990-2025, areabook beside SQLite FTS5 in one run.
#
#   bench/editions/run.sh
#
# 1. areabook: `Library::ingest_editions` on ../shared/data/factbook-editions into a fresh
#    library (wall time, peak RSS, library bytes: catalog and index). Each distinct text of a
#    field is one search document with the editions that print it (versions, not copies).
# 2. FTS5: the same field-editions (one row each, already parsed) inserted into an FTS5 table,
#    then optimized (bench/editions/fts5_load.py).
# 3. `history` and `diff` latencies over 300 (entity, field) pairs, and search over every
#    edition (words and phrases of those fields, with and without an edition), 5 passes.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
SHARED="${AREABOOK_SHARED:-$ROOT/../shared}"
DIR="$SHARED/data/factbook-editions"
[ -d "$DIR" ] || { echo "bench/editions: missing $DIR" >&2; exit 2; }
cargo build --release -p library --example ingest_editions --example bench_editions
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
echo "== 1. areabook ingest_editions"
/usr/bin/time -f '{"peak_rss_kb": %M, "wall_seconds": %e}' \
  target/release/examples/ingest_editions "$DIR" "$WORK/lib" > "$WORK/ingest.json" 2> "$WORK/time.json"
python3 - "$WORK" <<'PY'
import json, os, sys
w = sys.argv[1]
r = json.load(open(f"{w}/ingest.json")); t = json.loads(open(f"{w}/time.json").read().strip().splitlines()[-1])
size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(f"{w}/lib") for f in fs)
print(json.dumps({"editions": len(r["editions"]), "field_editions": r["field_editions"], "texts": r["texts"],
                  "seconds": r["seconds"], "peak_rss_mb": t["peak_rss_kb"] / 1024, "library_bytes": size}))
PY
echo "== 2. SQLite FTS5 load of the same field-editions"
python3 bench/editions/fts5_load.py "$WORK/lib" "$WORK/fts5.sqlite"
echo "== 3. history, diff and search latencies"
target/release/examples/bench_editions "$WORK/lib" 300 5
