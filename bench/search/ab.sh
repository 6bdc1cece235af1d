#!/usr/bin/env bash
# A/B: two builds of bench_search on one corpus, interleaved (A, B, FTS5, A, B), each
# `search` with PASSES timed passes; then whether B answers exactly as A (top-10 ids in
# order, totals) and the p50/p99 of each run beside FTS5's. For a speed change on a shared
# machine: the runs alternate, so load affects both alike. Usage, from the repository root,
# after bench/search/run.sh has built OUT (or `bench_search corpus` + make_queries.py):
#
#   A=/path/bench_search_before B=target/release/examples/bench_search \
#     OUT=bench/out/search bench/search/ab.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="${OUT:-$root/bench/out/search}"
PASSES="${PASSES:-3}"
PY="${PYTHON:-python3}"
: "${A:?A=first bench_search binary}" "${B:?B=second bench_search binary}"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" > "$OUT/ab.txt"
run() { "$1" search --lib "$OUT/lib" --queries "$OUT/queries.jsonl" --out "$OUT/ab_$2_hits.jsonl" \
          --passes "$PASSES" > "$OUT/ab_$2.json"; }
run "$A" a1
run "$B" b1
"$PY" "$root/bench/search/fts5.py" "$OUT/sections.jsonl" "$OUT/queries.jsonl" "$OUT" --passes "$PASSES" > /dev/null
run "$A" a2
run "$B" b2
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/ab.txt"
"$PY" "$root/bench/search/compare_hits.py" "$OUT/ab_a1_hits.jsonl" "$OUT/ab_b1_hits.jsonl" | tee -a "$OUT/ab.txt"
"$PY" - "$OUT" <<'PYEOF' | tee -a "$OUT/ab.txt"
import json, sys
out = sys.argv[1]
f = json.load(open(f"{out}/fts5.json"))
peer = f["configs"][f["reported_config"]]
print(f"FTS5 peer ({f['reported_config']}): wall p50 {peer['p50_ms']:.3f} p99 {peer['p99_ms']:.3f} | "
      f"CPU p50 {peer['cpu']['p50_ms']:.3f} p99 {peer['cpu']['p99_ms']:.3f}")
for run in ("a1", "b1", "a2", "b2"):
    s = json.load(open(f"{out}/ab_{run}.json"))
    c = s["cpu"]
    print(f"{run}: wall p50 {s['p50_ms']:.3f} p99 {s['p99_ms']:.3f} (FTS5/ours {peer['p50_ms'] / s['p50_ms']:.2f}x, "
          f"{peer['p99_ms'] / s['p99_ms']:.2f}x) | CPU p50 {c['p50_ms']:.3f} p99 {c['p99_ms']:.3f} "
          f"(FTS5/ours {peer['cpu']['p50_ms'] / c['p50_ms']:.2f}x, {peer['cpu']['p99_ms'] / c['p99_ms']:.2f}x)")
PYEOF
cat "$OUT/ab.txt" | head -2
