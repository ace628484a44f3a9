#!/usr/bin/env bash
# make bench-large: LARGE_ROWS (default 100 million) generated with `sample`, then `cube --query ab` and
# `avoidable`, each in memory and within --memory LARGE_MEMORY (results compared byte for byte, with SHA-256
# sums printed), and DuckDB's query (b) on the same file with memory_limit LARGE_DUCKDB_MEMORY (default 2GB, so it
# may spill), compared with cube's (b). Each step under /usr/bin/time -v (wall, peak resident memory), with the
# load average when it started (the machine may be shared). Not part of `make test`: at 100M rows it needs ~11 GB
# of disk for the file, a few GB of temporary space, and about 40 minutes.
# Usage: LARGE_ROWS=10000000 LARGE_MEMORY=512M bash Benchmarks/large.sh   (BIN=... for another build)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
ROWS="${LARGE_ROWS:-100000000}"
MEMORY="${LARGE_MEMORY:-1G}"
DUCKDB_MEMORY="${LARGE_DUCKDB_MEMORY:-2GB}"
BIN="${BIN:-.build/release/channelshift}"
PY="${BENCH_VENV:-$HOME/.cache/channelshift-bench-venv}/bin/python"
PEERS="$ROOT/../shared/bench/peers.py"
DATA="data/large-$ROWS.csv"
OUT="data/large-$ROWS"
mkdir -p "$OUT"
[ -x "$BIN" ] || { echo "error: $BIN not built" >&2; echo "  hint: make build" >&2; exit 1; }

# Runs a step under /usr/bin/time -v and prints a Markdown row: step, wall, peak RSS, load average, command.
measure() {
  local name=$1; shift
  local load
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  /usr/bin/time -v "$@" >"$OUT/$name.stdout" 2>"$OUT/$name.time" || { cat "$OUT/$name.time" >&2; exit 1; }
  local wall rss
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$OUT/$name.time")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$OUT/$name.time")
  printf '| %s | %s | %d | %s | `%s` |\n' "$name" "$wall" $((rss / 1024)) "$load" "$*"
}

# Byte-for-byte comparison of two result files, with the SHA-256 of the first.
same() {
  if cmp -s "$2" "$3"; then
    echo "$1: identical ($(sha256sum "$2" | cut -c1-16)…)"
  else
    echo "$1: DIFFERS ($2, $3)" >&2
    exit 1
  fi
}

echo "Machine: $(uname -m), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB RAM. Rows: $ROWS. Budget for --memory: $MEMORY."
echo
echo "| step | wall (m:ss) | peak RSS MiB | load average at start | command |"
echo "|---|---:|---:|---|---|"
if [ ! -f "$DATA" ]; then
  measure sample "$BIN" sample --rows "$ROWS" --seed 42 --taxonomy Models/wrap-codes.csv --out "$DATA"
fi
measure cube-ab "$BIN" cube --quiet --no-hash --query ab --suppress 0 --out "$OUT/memory.csv" "$DATA"
measure cube-ab-budget "$BIN" cube --quiet --no-hash --query ab --suppress 0 --memory "$MEMORY" --out "$OUT/budget.csv" "$DATA"
measure avoidable "$BIN" avoidable --quiet --taxonomy Models/wrap-codes.csv --format csv --suppress 0 --out "$OUT/avoidable.csv" "$DATA"
measure avoidable-budget "$BIN" avoidable --quiet --taxonomy Models/wrap-codes.csv --format csv --suppress 0 --memory "$MEMORY" --out "$OUT/avoidable-budget.csv" "$DATA"
if [ -x "$PY" ] && [ -f "$PEERS" ]; then
  measure duckdb-b "$PY" Benchmarks/duckdb_limited.py "$PEERS" "$DUCKDB_MEMORY" --engine duckdb --query b --csv "$DATA" --out "$OUT/duckdb.b.csv"
fi
echo
same "cube --query ab (a) within --memory $MEMORY against in memory" "$OUT/memory.a.csv" "$OUT/budget.a.csv"
same "cube --query ab (b) within --memory $MEMORY against in memory" "$OUT/memory.b.csv" "$OUT/budget.b.csv"
same "avoidable within --memory $MEMORY against the default budget" "$OUT/avoidable.csv" "$OUT/avoidable-budget.csv"
if [ -f "$OUT/duckdb.b.csv" ]; then
  same "DuckDB query (b) against cube (b)" "$OUT/memory.b.csv" "$OUT/duckdb.b.csv"
fi
