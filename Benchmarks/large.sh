#!/usr/bin/env bash
# make bench-large: LARGE_ROWS (default 100 million) generated with `sample`, then `cube --query ab` in memory and
# within --memory LARGE_MEMORY (results compared byte for byte) and `avoidable`, each under /usr/bin/time -v for
# wall time and peak resident memory. Not part of `make test`: at 100M rows it needs ~11 GB of disk and an hour.
# Usage: LARGE_ROWS=10000000 LARGE_MEMORY=512M bash Benchmarks/large.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
ROWS="${LARGE_ROWS:-100000000}"
MEMORY="${LARGE_MEMORY:-1G}"
BIN=.build/release/channelshift
DATA="data/large-$ROWS.csv"
OUT="data/large-$ROWS"
mkdir -p "$OUT"
[ -x "$BIN" ] || { echo "error: $BIN not built" >&2; echo "  hint: make build" >&2; exit 1; }

# Runs a step under /usr/bin/time -v and prints a Markdown row: step, wall, peak RSS, command.
measure() {
  local name=$1; shift
  /usr/bin/time -v "$@" >"$OUT/$name.stdout" 2>"$OUT/$name.time" || { cat "$OUT/$name.time" >&2; exit 1; }
  local wall rss
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$OUT/$name.time")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$OUT/$name.time")
  printf '| %s | %s | %d | `%s` |\n' "$name" "$wall" $((rss / 1024)) "$*"
}

echo "Machine: $(uname -m), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB RAM. Rows: $ROWS. Budget for --memory: $MEMORY."
echo
echo "| step | wall (m:ss) | peak RSS MiB | command |"
echo "|---|---:|---:|---|"
if [ ! -f "$DATA" ]; then
  measure sample "$BIN" sample --rows "$ROWS" --seed 42 --taxonomy Models/wrap-codes.csv --out "$DATA"
fi
measure cube-ab "$BIN" cube --quiet --no-hash --query ab --suppress 0 --out "$OUT/memory.csv" "$DATA"
measure cube-ab-budget "$BIN" cube --quiet --no-hash --query ab --suppress 0 --memory "$MEMORY" --out "$OUT/budget.csv" "$DATA"
measure avoidable "$BIN" avoidable --quiet --taxonomy Models/wrap-codes.csv --format csv --suppress 0 --out "$OUT/avoidable.csv" "$DATA"
echo
if cmp -s "$OUT/memory.a.csv" "$OUT/budget.a.csv" && cmp -s "$OUT/memory.b.csv" "$OUT/budget.b.csv"; then
  echo "cube --query ab within --memory $MEMORY: identical to the in-memory result (a and b, byte for byte)"
else
  echo "cube --query ab within --memory $MEMORY: DIFFERS from the in-memory result" >&2
  exit 1
fi
