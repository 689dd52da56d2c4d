#!/usr/bin/env bash
# Part of `make test`: every GIS output of every command converts with ogr2ogr
# (GDAL) to GeoPackage, FlatGeobuf and Shapefile without an error or warning.
# GeoJSON outputs that hold several geometry families (a map: territories,
# borders, places) go to GeoPackage and FlatGeobuf as one layer and to
# Shapefile one family per file (-where OGR_GEOMETRY …), as Shapefile needs.
# Shapefile's own limits are expected and allowed: field names cut to 10
# characters, text fields to 254. Needs ogr2ogr (Debian gdal-bin; `make deps`).
set -euo pipefail
cd "$(dirname "$0")/.."
MAPCLI=${1:-.build/release/mapcli}
source scripts/lib/checks.sh
require ogr2ogr gdal-bin
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cells=Tests/mapcliTests/Golden/two-squares.geojson
"$MAPCLI" adjacency --format geojson -o "$dir/province-borders.geojson" 2>/dev/null
"$MAPCLI" adjacency --level country --exclaves -o "$dir/country-borders.geojson" 2>/dev/null
"$MAPCLI" border Armenia Iran -o "$dir/am-ir.geojson" 2>/dev/null
"$MAPCLI" corridor syunik -o "$dir/corridor.geojson" 2>/dev/null
"$MAPCLI" corridor --data "$cells" --route "10.05,50.05;10.15,50.05" --width 1km -o "$dir/user-corridor.geojson" 2>/dev/null
"$MAPCLI" map --corridor syunik --focus Syunik -o "$dir/map.geojson" 2>/dev/null
"$MAPCLI" map --data "$cells" -o "$dir/user-map.geojson" 2>/dev/null
for f in "$dir"/*.geojson; do
  base=${f%.geojson}
  for driver in GPKG FlatGeobuf; do
    ext=$([ "$driver" = GPKG ] && echo gpkg || echo fgb)
    out=$(ogr2ogr -f "$driver" "$base.$ext" "$f" 2>&1) || fail "$driver from $(basename "$f"): $out"
    [ -z "$out" ] || fail "$driver from $(basename "$f") warned: $out"
    [ "$(ogrinfo -so -al "$base.$ext" 2>/dev/null | sed -n 's/^Feature Count: //p')" = "$(grep -c '"type":"Feature"' "$f")" ] \
      || fail "$driver from $(basename "$f"): feature count differs"
    pass
  done
  for family in "'POINT','MULTIPOINT'" "'LINESTRING','MULTILINESTRING'" "'POLYGON','MULTIPOLYGON'"; do
    count=$(ogrinfo -ro -al -so -where "OGR_GEOMETRY IN ($family)" "$f" 2>/dev/null | sed -n 's/^Feature Count: //p')
    [ "${count:-0}" -gt 0 ] || continue
    name=$(echo "$family" | tr -dc 'A-Z' | cut -c1-5)
    out=$(ogr2ogr -f "ESRI Shapefile" -lco ENCODING=UTF-8 -nlt PROMOTE_TO_MULTI -where "OGR_GEOMETRY IN ($family)" "$base-$name.shp" "$f" 2>&1) \
      || fail "Shapefile ($family) from $(basename "$f"): $out"
    echo "$out" | grep -v "Normalized/laundered field name\|truncated to 10 characters\|truncated to 254 characters\|^$" | grep -q . \
      && fail "Shapefile ($family) from $(basename "$f") warned: $out"
    pass
  done
done
# mapcli's own GeoPackage, FlatGeobuf and Shapefile outputs (written through
# GDAL): ogrinfo opens every layer without an error or warning, one geometry
# type per layer, and the layers hold as many features as the GeoJSON.
mkdir "$dir/own"
for f in "$dir"/*.geojson; do
  name=$(basename "${f%.geojson}")
  case $name in
    province-borders) args=(adjacency) ;; country-borders) args=(adjacency --level country --exclaves) ;;
    am-ir) args=(border Armenia Iran) ;; corridor) args=(corridor syunik) ;;
    user-corridor) args=(corridor --data "$cells" --route "10.05,50.05;10.15,50.05" --width 1km) ;;
    map) args=(map --corridor syunik --focus Syunik) ;; user-map) args=(map --data "$cells") ;;
  esac
  want=$(grep -c '"type":"Feature"' "$f")
  for ext in gpkg fgb shp; do
    "$MAPCLI" "${args[@]}" -o "$dir/own/$name.$ext" 2>/dev/null || fail "$name.$ext was not written"
    total=0
    for g in "$dir/own/$name".$ext "$dir/own/${name}"_lines.$ext "$dir/own/${name}"_points.$ext; do
      [ -e "$g" ] || continue
      out=$(ogrinfo -ro -al -so "$g" 2>&1) || fail "ogrinfo $(basename "$g"): $out"
      echo "$out" | grep -qi "^\(ERROR\|Warning\)" && fail "ogrinfo $(basename "$g") warned: $out"
      [ "$(echo "$out" | grep -c '^Geometry: ')" = "$(echo "$out" | grep -c '^Layer name: ')" ] || fail "$(basename "$g"): a layer without one geometry type"
      total=$((total + $(echo "$out" | sed -n 's/^Feature Count: //p' | awk '{ s += $1 } END { print s + 0 }')))
    done
    [ "$total" = "$want" ] || fail "$name.$ext holds $total features, the GeoJSON $want"
    pass
  done
done
finish
