#!/usr/bin/env bash
# Score pages::fulltext::rebuild against a truth (see README.md). Exit 1 when the goal is missed.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
BOOK="${1:-crates/pages/tests/fulltext/mongolia.txt}"
TRUTH="${2:-crates/pages/tests/fulltext/truth.tsv}"
shift $(( $# > 2 ? 2 : $# )) || true
cargo run -q -p pages --example fulltext_eval -- "$BOOK" "$TRUTH" "$@"
