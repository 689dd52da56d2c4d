#!/usr/bin/env bash
# Builds and runs the libFuzzer targets for a bounded time each.
#   scripts/fuzz.sh [seconds per target]      (default 60; `make fuzz`)
# Crashes are written to Fuzz/findings/; keep each as a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET="${1:-60}"
BUILD=.build-fuzz
mkdir -p "$BUILD" Fuzz/findings
GEO_SOURCES=$(find Sources/Geo -name '*.swift' | sort)
for target in GeoJSONReader RouteParser; do
    exe="$BUILD/fuzz-$target"
    swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name Geo \
        -I Sources/CGEOS -I Sources/CPROJ -lgeos_c -lproj \
        $GEO_SOURCES "Fuzz/${target}Fuzz.swift" -o "$exe"
    corpus="$BUILD/corpus-$target"
    mkdir -p "$corpus"
    seeds=Fuzz/corpus/$( [ "$target" = GeoJSONReader ] && echo geojson || echo route )
    echo "== fuzzing $target for ${SECONDS_PER_TARGET}s (seeds: $seeds)"
    "$exe" -max_total_time="$SECONDS_PER_TARGET" -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
        -artifact_prefix=Fuzz/findings/"$target"- -print_final_stats=1 "$corpus" "$seeds"
done
