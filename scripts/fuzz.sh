#!/usr/bin/env bash
# Builds and runs the libFuzzer targets for a bounded time each: the GeoJSON
# reader, the route and length parsers, the whole adjacency pipeline
# (Fuzz/AdjacencyFuzz.swift: layers → loader → every engine mode → report), and
# what GDAL reads (Fuzz/GDALReaderFuzz.swift: VRT, KML, GML, CSV, zip).
#   scripts/fuzz.sh [seconds per target]      (default 60; `make fuzz`)
#   FUZZ_TARGETS=Adjacency scripts/fuzz.sh 3600   (one target, an hour)
# Crashes are written to Fuzz/findings/; keep each as a regression test. One run may
# take 30 s (ASan, a loaded machine: tolerance mode on 5° cells near a pole takes 3 s).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET="${1:-60}"
BUILD=.build-fuzz
mkdir -p "$BUILD" Fuzz/findings
GEO_SOURCES=$(find Sources/Geo -name '*.swift' | sort)
CFLAGS=()
for flag in $(pkg-config --cflags gdal geos proj libpq); do CFLAGS+=(-Xcc "$flag"); done
TARGETS="${FUZZ_TARGETS:-GeoJSONReader RouteParser Adjacency GDALReader}"
for target in $TARGETS; do
    exe="$BUILD/fuzz-$target"
    swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name Geo \
        -I Sources/CGEOS -I Sources/CPROJ -I Sources/CGDAL -I Sources/CLibPQ "${CFLAGS[@]}" -lgeos_c -lproj -lgdal -lpq \
        $GEO_SOURCES "Fuzz/${target}Fuzz.swift" -o "$exe"
    corpus="$BUILD/corpus-$target"
    mkdir -p "$corpus"
    case "$target" in
        GeoJSONReader) seeds=Fuzz/corpus/geojson ;;
        RouteParser) seeds=Fuzz/corpus/route ;;
        Adjacency) seeds=Fuzz/corpus/adjacency ;;
        GDALReader) seeds=Fuzz/corpus/gdal ;;
    esac
    echo "== fuzzing $target for ${SECONDS_PER_TARGET}s (seeds: $seeds)"
    "$exe" -max_total_time="$SECONDS_PER_TARGET" -max_len=65536 -timeout=30 -rss_limit_mb=4096 \
        -artifact_prefix=Fuzz/findings/"$target"- -print_final_stats=1 "$corpus" "$seeds"
done
