#!/usr/bin/env bash
# make bench (forecast part): channelshift forecast vs statsforecast (AutoETS, seasonal naive), rolling origin.
# Usage: bash Benchmarks/forecast.sh     (env: FORECAST_BENCH_DATA, FORECAST_VENV, BENCH_REPEAT=3)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${SHARED_BENCH:-$ROOT/../shared/bench}"
[ -f "$SHARED/setup-forecast.sh" ] || { echo "error: $SHARED/setup-forecast.sh not found" >&2; echo "  hint: clone with ../shared beside the repo, or set SHARED_BENCH" >&2; exit 1; }
bash "$SHARED/setup-forecast.sh" >&2
cd "$ROOT"
swift build -c release --product channelshift >&2
BIN=.build/release/channelshift
# Business-as-usual history: three years with seasons, bank holidays and 2% growth, no go-live effects.
DATA="${FORECAST_BENCH_DATA:-data/bench-history.csv}"
if [ ! -f "$DATA" ]; then
  mkdir -p "$(dirname "$DATA")"
  "$BIN" sample --quiet --rows 1650000 --seed 42 --taxonomy Models/wrap-codes.csv --start 2021-04-01 --end 2024-03-31 \
    --seasonal --growth 2% --out "$DATA"
fi
exec "${FORECAST_VENV:-$HOME/.cache/channelshift-forecast-venv}/bin/python" Benchmarks/forecast_bench.py \
  --bin "$BIN" --peer-python "${FORECAST_VENV:-$HOME/.cache/channelshift-forecast-venv}/bin/python" --data "$DATA" --repeat "${BENCH_REPEAT:-3}"
