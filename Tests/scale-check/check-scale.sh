#!/usr/bin/env bash
# docs/scale.md's DuckDB SQL, taken from the page itself, run on `channelshift normalise`'s output must equal
# `channelshift cube --query ab --suppress 0` on the export, byte for byte (make check-scale).
# Usage: bash Tests/scale-check/check-scale.sh PYTHON    (a python with duckdb; BIN, SCALE_ROWS and SCALE_DIR from the environment)
set -euo pipefail
PY="$1"
BIN="${BIN:-.build/release/channelshift}"
ROWS="${SCALE_ROWS:-50000}"
DIR="${SCALE_DIR:-.build/check-scale}"
rm -rf "$DIR" && mkdir -p "$DIR"
# A messy export (telephony layout: BOM, CRLF, ';', dd/mm/yyyy, mm:ss) read with its mapping, normalised and gzipped.
"$BIN" sample --quiet --rows "$ROWS" --seed 42 --style telephony --out "$DIR/export.csv"
"$BIN" normalise --quiet --mapping Models/mappings/telephony.csv --gzip --out "$DIR/contacts.csv.gz" "$DIR/export.csv"
"$BIN" cube --quiet --query ab --suppress 0 --mapping Models/mappings/telephony.csv --out "$DIR/cube.csv" "$DIR/export.csv"
"$PY" - "$DIR" docs/scale.md <<'PYTHON'
import csv, re, sys, duckdb
out, page = sys.argv[1], open(sys.argv[2], encoding="utf-8").read()
for q in "ab":
    blocks = re.findall(r"```sql\n-- duckdb: query " + q + r"\n(.*?)\n```", page, re.S)
    if len(blocks) != 1:
        sys.exit(f"docs/scale.md: expected one DuckDB block for query {q}, found {len(blocks)}")
    sql = blocks[0].replace("'contacts.csv'", f"'{out}/contacts.csv.gz'")
    con = duckdb.connect()
    rows = con.execute(sql).fetchall()
    # As shared/bench/peers.py writes results: header, minimal quoting, '\n' line ends.
    with open(f"{out}/duckdb.{q}.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow([d[0] for d in con.description])
        w.writerows(rows)
    print(f"check-scale: query {q}: {len(rows)} rows from DuckDB {duckdb.__version__}")
PYTHON
ok=1
for q in a b; do
  if cmp -s "$DIR/duckdb.$q.csv" "$DIR/cube.$q.csv"; then
    echo "check-scale: query $q: DuckDB on the normalised CSV equals cube on the export ($ROWS rows)"
  else
    echo "check-scale: query $q DIFFERS: diff $DIR/duckdb.$q.csv $DIR/cube.$q.csv" >&2
    ok=0
  fi
done
[ "$ok" = 1 ]
