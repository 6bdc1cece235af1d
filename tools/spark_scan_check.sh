#!/usr/bin/env bash
# CI: examples/spark/scan_crawl.py in Spark local mode on two small generated WET files must
# find exactly the pages a direct `areabook scan` finds, and `areabook ingest` must load them.
# Installs pyspark (pinned) in a venv under the target dir; needs Java 17 and ../shared.
set -euo pipefail
cd "$(dirname "$0")/.."
PYSPARK_VERSION=3.5.9
venv="${CARGO_TARGET_DIR:-target}/spark-venv"
bin="${AREABOOK_BIN:-${CARGO_TARGET_DIR:-target}/debug/areabook}"
[ -x "$bin" ] || cargo build -q -p areabook --locked
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import pyspark" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "pyspark==$PYSPARK_VERSION"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in 1 2; do
  python3 bench/scan/gen_wet.py "$work/crawl-$n.warc.wet.gz" --mb 1.5 --page-every 40 --first $((n * 100000 + 7)) >/dev/null
done
printf '%s\n' "$work/crawl-1.warc.wet.gz" "$work/crawl-2.warc.wet.gz" > "$work/wet.paths"

"$bin" scan --json "$work/crawl-1.warc.wet.gz" "$work/crawl-2.warc.wet.gz" 2>/dev/null | sort > "$work/direct.jsonl"
PYSPARK_PYTHON="$venv/bin/python" "$venv/bin/python" examples/spark/scan_crawl.py \
  --master 'local[2]' --paths "$work/wet.paths" --out "$work/out" --binary "$bin" 2>"$work/spark.log" \
  || { tail -40 "$work/spark.log"; exit 1; }
cat "$work"/out/part-* | sort > "$work/spark.jsonl"
pages=$(wc -l < "$work/direct.jsonl")
[ "$pages" -gt 0 ] || { echo "spark check: the generated files hold no pages"; exit 1; }
if ! cmp -s "$work/direct.jsonl" "$work/spark.jsonl"; then
  echo "spark check: Spark found other pages than a direct scan"
  diff <(cut -c1-200 "$work/direct.jsonl") <(cut -c1-200 "$work/spark.jsonl") | head -20
  exit 1
fi
new=$("$bin" --library "$work/lib" ingest --json "$work"/out/part-* | python3 -c 'import json,sys; print(json.load(sys.stdin)["new_sections"])')
echo "spark check: $pages pages from Spark equal a direct scan; ingest stored $new sections"
[ "$new" -gt 0 ] && [ "$pages" -ge 10 ]
