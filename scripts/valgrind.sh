#!/usr/bin/env bash
# valgrind memcheck over full CLI runs that exercise GEOS and PROJ handles:
# fails on any definite leak or memory error.
set -euo pipefail
cd "$(dirname "$0")/.."
M=.build/debug/mapcli
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/two.geojson" <<'JSON'
{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"code":"A"},"geometry":{"type":"Polygon","coordinates":[[[46,39],[46.01,39],[46.01,39.01],[46,39.01],[46,39]]]}},
{"type":"Feature","properties":{"code":"B"},"geometry":{"type":"Polygon","coordinates":[[[46.01005,39],[46.02,39],[46.02,39.01],[46.01005,39.01],[46.01005,39]]]}},
{"type":"Feature","properties":{"code":"C"},"geometry":{"type":"Polygon","coordinates":[[[46,39.02],[46.01,39.03],[46.01,39.02],[46,39.03],[46,39.02]]]}}]}
JSON
status=0
run() {
    echo "== mapcli $*"
    set +e
    MAPCLI_TEARDOWN=1 valgrind --suppressions=scripts/valgrind.supp --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99 "$M" "$@" > /dev/null 2> "$tmp/log"
    local rc=$?
    set -e
    if [ "$rc" = 99 ]; then status=1; fi
    grep -E "definitely lost|indirectly lost|ERROR SUMMARY" "$tmp/log" | sed 's/^==[0-9]*== /   /'
}
run adjacency --data "$tmp/two.geojson" --id-field code --tolerance 10m --repair
run adjacency --data "$tmp/two.geojson" --id-field code --repair --format json
run adjacency --level province --exact-method geos
run info --repair "$tmp/two.geojson"
run where Kapan
run border Armenia Iran
run corridor --route "46.14,38.85;46.53,38.87" --width 1km --level country
run corridor syunik --format json
run map --corridor syunik --format svg
exit $status
