#!/usr/bin/env bash
# Score pages::fulltext::rebuild against a truth (see README.md). Exit 1 when the goal is missed.
#   bash eval/fulltext/run.sh                     # the fixture book in its three layouts (a, b, c)
#   bash eval/fulltext/run.sh BOOK.txt TRUTH.tsv [--dump]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
cargo build -q -p pages --example fulltext_eval
EVAL="$ROOT/target/debug/examples/fulltext_eval"
if [ $# -ge 2 ]; then
  exec "$EVAL" "$@"
fi
status=0
for book in mongolia mongolia-b mongolia-c; do
  echo "== $book.txt"
  "$EVAL" "crates/pages/tests/fulltext/$book.txt" crates/pages/tests/fulltext/truth.tsv || status=1
done
exit $status
