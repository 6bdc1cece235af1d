#!/usr/bin/env bash
# Scan benchmark: areabook scan (1 and 2 threads) beside decompression alone (flate2, zlib-rs)
# and a plain Python reader, on one generated WET file; then peak RSS at 150 MB and 1.5 GB.
#
#   bench/scan/run.sh [MB]        # MB: size of the generated file (default 150)
#
# Writes bench/out/scan/results.json; deletes the generated files at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
MB="${1:-150}"
RUNS="${RUNS:-3}"
out=bench/out/scan
tmp="${TMPDIR:-/tmp}/areabook-bench-scan.$$"
mkdir -p "$out" "$tmp"
trap 'rm -rf "$tmp"' EXIT

if [ -z "${SKIP_BUILD:-}" ]; then   # SKIP_BUILD=1: use the release binaries already built
  cargo build --release -q -p areabook
  cargo build --release -q -p pages --example gunzip
fi
bin=target/release/areabook
gunzip=target/release/examples/gunzip

file="$tmp/bench.warc.wet.gz"
python3 bench/scan/gen_wet.py "$file" --mb "$MB" | tee "$out/file.json"

# Wall time of one command, in seconds (stdout discarded).
secs() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>"$tmp/err" || { cat "$tmp/err"; exit 1; }; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }
# Peak RSS (KB) of one command.
rss() { /usr/bin/time -f %M -o "$tmp/rss" "$@" >/dev/null 2>/dev/null; cat "$tmp/rss"; }

declare -A T
for run in $(seq "$RUNS"); do   # interleaved, so load from other users hits all alike
  T[gunzip]+="$(secs "$gunzip" "$file") "
  T[scan1]+="$(secs "$bin" scan --json --threads 1 "$file") "
  T[scan2]+="$(secs "$bin" scan --json --threads 2 "$file") "
  T[python]+="$(secs python3 bench/scan/py_reader.py "$file") "
done
pages=$("$bin" scan --json --threads 2 "$file" 2>/dev/null | wc -l)
rss150=$(rss "$bin" scan --json --threads 2 "$file")

# The same records ten times over (gzip members concatenate): RSS must stay flat.
big="$tmp/big.warc.wet.gz"
for _ in $(seq 10); do cat "$file"; done > "$big"
rm -f "$file.x"
big_t0=$(date +%s.%N)
rss1500=$(rss "$bin" scan --json --threads 2 "$big")
big_secs=$(echo "$(date +%s.%N) - $big_t0" | bc)
big_bytes=$(stat -c %s "$big")

python3 - "$out/file.json" "$pages" "$rss150" "$rss1500" "$big_bytes" "$big_secs" \
  "${T[gunzip]}" "${T[scan1]}" "${T[scan2]}" "${T[python]}" <<'PY' | tee "$out/results.json"
import json, statistics, sys
f = json.load(open(sys.argv[1]))
pages, rss150, rss1500, big_bytes, big_secs = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])
med = {k: statistics.median(float(x) for x in v.split()) for k, v in zip(["gunzip", "scan1", "scan2", "python"], sys.argv[7:11])}
mbps = {k: round(f["bytes"] / 1e6 / v, 1) for k, v in med.items()}
print(json.dumps({
    "file_mb": round(f["bytes"] / 1e6, 1), "uncompressed_mb": round(f["uncompressed"] / 1e6, 1),
    "records": f["records"], "pages_generated": f["pages"], "pages_found": pages,
    "median_seconds": {k: round(v, 3) for k, v in med.items()},
    "compressed_mb_per_s": mbps,
    "scan1_vs_decompression": round(med["gunzip"] / med["scan1"], 3),
    "scan2_vs_scan1": round(med["scan1"] / med["scan2"], 2),
    "scan2_vs_python": round(med["python"] / med["scan2"], 2),
    "scan1_vs_python": round(med["python"] / med["scan1"], 2),
    "peak_rss_mb": {"%d MB" % round(f["bytes"] / 1e6): round(rss150 / 1024, 1),
                    "%d MB" % round(big_bytes / 1e6): round(rss1500 / 1024, 1)},
    "big_file_scan2_mb_per_s": round(big_bytes / 1e6 / big_secs, 1),
}, indent=2))
PY
