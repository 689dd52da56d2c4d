#!/usr/bin/env bash
# The main job on the shipped geodata/: answers printed, border layers and maps
# written to OUT. Called by `make demo` with the release binary; a test
# (Tests/mapcliTests/DemoTests.swift) runs it with the debug binary and checks
# that its output tells the story the README tells.
#   scripts/demo.sh MAPCLI OUT
set -euo pipefail
MAPCLI=${1:?usage: demo.sh MAPCLI OUT}
OUT=${2:?usage: demo.sh MAPCLI OUT}
mkdir -p "$OUT"
say() { printf '\n== %s ==\n' "$1"; }
say "Where is Kapan, and how far are Armenia's borders?";   "$MAPCLI" where Kapan
say "Who borders Syunik?";                                  "$MAPCLI" neighbors Syunik
say "The Armenia-Iran border";                              "$MAPCLI" border Armenia Iran
say "Armenia's provinces beside Armstat's published areas"; "$MAPCLI" territories --level province --country AM
say "Who borders Nakhchivan?";                              "$MAPCLI" neighbors Nakhchivan
say "Nakhchivan to mainland Azerbaijan by land";            "$MAPCLI" path Nakhchivan "Mainland Azerbaijan"
say "... avoiding Armenia";                                 "$MAPCLI" path Nakhchivan "Mainland Azerbaijan" --avoid Armenia
say "Country borders (exclaves apart)";                     "$MAPCLI" adjacency --level country --exclaves
"$MAPCLI" adjacency --level country --exclaves --format geojson -o "$OUT/country-borders.geojson"
"$MAPCLI" adjacency --level province --format geojson -o "$OUT/province-borders.geojson"
"$MAPCLI" adjacency --level province --format csv -o "$OUT/province-borders.csv"
"$MAPCLI" adjacency --level country --exclaves --format dot -o "$OUT/country-graph.dot"
say "Would a corridor through Syunik cut Armenia off from Iran? (500 m)"
"$MAPCLI" corridor syunik --critical-widths
say "From which width? (each verdict's smallest width, to 1 m)"
"$MAPCLI" corridor syunik --widths 100m,500m,1km,2km,5km --level country
say "If the corridor stays Armenian territory (the sovereign reading)"
"$MAPCLI" corridor syunik --model sovereign --level country
say "Compared with the route through Iran"
"$MAPCLI" corridor compare syunik iran --width 1km --level country
"$MAPCLI" corridor syunik --format json -o "$OUT/syunik-corridor.json"
"$MAPCLI" map --corridor syunik --focus Syunik -o "$OUT/syunik-corridor.geojson"
"$MAPCLI" map --corridor syunik --focus Syunik -o "$OUT/syunik-corridor.svg"
"$MAPCLI" map --corridor syunik --focus Syunik -o "$OUT/syunik-corridor.png"
"$MAPCLI" map --corridor syunik --focus Syunik -o "$OUT/syunik-corridor.pdf"
"$MAPCLI" map --corridor syunik -o "$OUT/syunik-corridor.html"
"$MAPCLI" map --level province --size 1400 -o "$OUT/south-caucasus.png"
"$MAPCLI" map --corridor iran --width 1km --level country -o "$OUT/iran-corridor.png"
printf '\nwrote:\n'; ls -l "$OUT"
