#!/usr/bin/env bash
# Builds the libFuzzer targets with swiftc (no SwiftPM product) and runs each for FUZZ_SECONDS.
# usage: Tests/Fuzz/run.sh [target ...]     (default: every Fuzz*.swift entry except FuzzSupport)
#   FUZZ_SECONDS=600  seconds per target    FUZZ_JOBS=1  targets run at once
#   FUZZ_BUILD_ONLY=1 build and stop        Results: .build/fuzz/<target>.log, crashes in .build/fuzz/<target>-crashes/
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER=${FUZZ_SECONDS:-600}
JOBS=${FUZZ_JOBS:-1}
OUT=.build/fuzz
mkdir -p "$OUT"

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in Tests/Fuzz/Fuzz*.swift; do
    t=$(basename "$f" .swift); t=${t#Fuzz}
    [ "$t" = Support ] || targets+=("$t")
  done
fi

# The library compiled into each fuzzer as one module, so internal entry points are reachable.
# A snapshot of the sources, so editing them during a long build does not fail it.
SRC="$OUT/src-$$"
rm -rf "$SRC" && mkdir -p "$SRC" && cp -r Sources/ChannelShiftKit Sources/CZlib Sources/CMappedScan Tests/Fuzz/*.swift "$SRC/"
trap 'rm -rf "$SRC"' EXIT
mapfile -t LIB < <(find "$SRC/ChannelShiftKit" -name '*.swift' | sort)

build() {
  local t=$1
  echo "build $t"
  # The library reads .gz through the system zlib (Sources/CZlib's module map, linked with -lz) and guards
  # memory-mapped reads with Sources/CMappedScan (a C file, compiled here with the same sanitizers).
  clang -c -fsanitize=fuzzer-no-link,address -O2 -I "$SRC/CMappedScan/include" "$SRC/CMappedScan/MappedScan.c" -o "$OUT/MappedScan-$t.o"
  swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name ChannelShiftFuzz -I "$SRC/CZlib" -lz \
    -I "$SRC/CMappedScan/include" "$OUT/MappedScan-$t.o" \
    "${LIB[@]}" "$SRC/FuzzSupport.swift" "$SRC/Fuzz$t.swift" -o "$OUT/fuzz-$t" 2>&1 \
    | { grep -v "Cannot export local symbol" || true; }
}

# Seeds: the bad-input corpus, the messy fixtures and the model files; libFuzzer grows its own corpus from there.
seed() {
  local dir="$OUT/corpus-$1"
  mkdir -p "$dir"
  find Tests/ChannelShiftKitTests/Fixtures -type f ! -name MANIFEST.csv -size -64k -exec cp -n {} "$dir/" \; 2>/dev/null || true
  [ -d Models ] && find Models -type f -size -64k -exec cp -n {} "$dir/" \; 2>/dev/null || true
}

# LeakSanitizer runs at exit whatever libFuzzer's -detect_leaks says: turn it off there too (see RESULTS.md).
export ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"

run() {
  local t=$1
  seed "$t"
  mkdir -p "$OUT/$t-crashes"
  echo "run $t for ${SECONDS_PER}s"
  # -rss_limit_mb keeps a runaway allocation a finding rather than an OOM kill; -timeout flags hangs.
  # Leak checks are off: a one-shot CLI frees at exit, and FoundationEssentials leaks 4 KiB reading an empty file.
  "$OUT/fuzz-$t" "$OUT/corpus-$t" -max_total_time="$SECONDS_PER" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -detect_leaks=0 -artifact_prefix="$OUT/$t-crashes/" -print_final_stats=1 >"$OUT/$t.log" 2>&1
  local rc=$?
  grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb|^Done' "$OUT/$t.log" | sed "s/^/$t: /" || true
  return $rc
}

for t in "${targets[@]}"; do build "$t"; done
[ "${FUZZ_BUILD_ONLY:-0}" = 1 ] && exit 0

status=0
running=0
for t in "${targets[@]}"; do
  ( run "$t" ) || { echo "$t: CRASH or failure, see $OUT/$t.log and $OUT/$t-crashes/"; status=1; } &
  running=$((running + 1))
  if [ "$running" -ge "$JOBS" ]; then wait -n || status=1; running=$((running - 1)); fi
done
wait || status=1
exit $status
