#!/usr/bin/env bash
# make bench: channelshift against DuckDB, polars and pandas (../shared/bench) on the same files.
# Usage: bash Benchmarks/run.sh            (env: BENCH_SIZES="1000000 10000000", BENCH_REPEAT=3)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${SHARED_BENCH:-$ROOT/../shared/bench}"
[ -f "$SHARED/peers.py" ] || { echo "error: peer kit not found at $SHARED" >&2; echo "  hint: clone with ../shared beside the repo, or set SHARED_BENCH" >&2; exit 1; }
bash "$SHARED/setup.sh" >&2
cd "$ROOT"
swift build -c release --product channelshift >&2
exec "${BENCH_VENV:-$HOME/.cache/channelshift-bench-venv}/bin/python" Benchmarks/bench.py --shared "$SHARED" "$@"
