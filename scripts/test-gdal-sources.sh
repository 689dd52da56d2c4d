#!/usr/bin/env bash
# Part of `make test` (issue 14): one test layer, a 300-cell Voronoi
# tessellation (Tests/mapcliTests/Golden/voronoi-300.geojson, made by
# scripts/voronoi_fixture.py), written by GDAL as GeoJSON, Shapefile,
# GeoPackage in EPSG:4326 and in EPSG:3857, FlatGeobuf, a zipped Shapefile,
# CSV with WKT, and loaded into a real PostgreSQL + PostGIS (a throwaway
# cluster this script starts and stops), gives the same adjacency through
# mapcli: the same pairs and contact kinds, lengths within 1 m of each other
# and of shapely 2 + pyproj's (voronoi-300-shapely.csv, computed
# independently of mapcli).
# Needs ogr2ogr (gdal-bin), zip and PostgreSQL with PostGIS (`make deps`
# installs them); a missing one fails the test, saying how to install it.
set -euo pipefail
cd "$(dirname "$0")/.."
MAPCLI=$(realpath "${1:-.build/release/mapcli}")
GOLDEN=Tests/mapcliTests/Golden
source scripts/lib/checks.sh
require ogr2ogr gdal-bin
require zip zip
require_postgis

dir=$(mktemp -d)
chmod 755 "$dir"
pgdata="$dir/pgdata"
cleanup() {
  if [ -f "$pgdata/postmaster.pid" ]; then as_pg "$PGBIN/pg_ctl" -D "$pgdata" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$dir"
}
trap cleanup EXIT
# PostgreSQL refuses to run as root: the cluster belongs to the postgres user then.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cp "$GOLDEN/voronoi-300.geojson" "$dir/cells.geojson"
src="$dir/cells.geojson"
ogr2ogr -f "ESRI Shapefile" "$dir/cells.shp" "$src"
ogr2ogr -f GPKG "$dir/cells-4326.gpkg" "$src" -nln cells
ogr2ogr -f GPKG "$dir/cells-3857.gpkg" "$src" -nln cells -t_srs EPSG:3857
ogr2ogr -f FlatGeobuf "$dir/cells.fgb" "$src"
ogr2ogr -f GeoJSON "$dir/cells-gdal.geojson" "$src" -lco RFC7946=NO -t_srs EPSG:3857   # a legacy crs member
ogr2ogr -f CSV "$dir/cells.csv" "$src" -lco GEOMETRY=AS_WKT
(cd "$dir" && zip -q cells-shp.zip cells.shp cells.shx cells.dbf cells.prj)

# mapcli's answer, as a,b,contact,length_m (sorted).
answer() { "$MAPCLI" adjacency "$@" --format csv 2>"$dir/stderr" | awk -F, 'NR > 1 { printf "%s,%s,%s,%.0f\n", $1, $3, $5, $6 * 1000 }' | sort; }
# The same pairs and kinds; lengths within 1 m (the CSV's km have 3 decimals).
same() {
  local label=$1 left=$2 right=$3
  [ -s "$left" ] || fail "$label: no answer ($(cat "$dir/stderr"))"
  [ "$(cut -d, -f1-3 "$left")" = "$(cut -d, -f1-3 "$right")" ] || fail "$label: the pairs or contact kinds differ: $(diff <(cut -d, -f1-3 "$left") <(cut -d, -f1-3 "$right") | head -5)"
  paste -d, "$left" "$right" | awk -F, -v label="$label" '{ d = $4 - $8; if (d < 0) d = -d; if (d > m) m = d } END { if (m > 1) { printf "%s: lengths differ by up to %d m\n", label, m; exit 1 } }' \
    || fail "$label: lengths differ by more than 1 m"
}
awk -F, 'NR > 1 { printf "%s,%s,%s,%.0f\n", $1, $2, $3, $4 }' "$GOLDEN/voronoi-300-shapely.csv" | sort > "$dir/shapely.csv"
answer --data "$src" > "$dir/geojson.csv"
same "GeoJSON (mapcli's reader) against shapely" "$dir/geojson.csv" "$dir/shapely.csv"
[ "$(wc -l < "$dir/geojson.csv")" -eq 845 ] || fail "GeoJSON: $(wc -l < "$dir/geojson.csv") pairs, shapely has 845"
pass
check() {
  local label=$1; shift
  answer "$@" > "$dir/answer.csv"
  same "$label" "$dir/answer.csv" "$dir/geojson.csv"
  pass
}
check "Shapefile" --data "$dir/cells.shp"
check "zipped Shapefile" --data "$dir/cells-shp.zip"
check "GeoPackage EPSG:4326" --data "$dir/cells-4326.gpkg"
check "GeoPackage EPSG:3857" --data "$dir/cells-3857.gpkg"
grep -q "reprojected from the layer's CRS, WGS 84 / Pseudo-Mercator (EPSG:3857)" "$dir/stderr" || fail "EPSG:3857 GeoPackage: the reprojection was not said: $(cat "$dir/stderr")"
check "FlatGeobuf" --data "$dir/cells.fgb"
check "GeoJSON with a legacy crs member (EPSG:3857)" --data "$dir/cells-gdal.geojson"
check "CSV with WKT" --data "$dir/cells.csv"
check "GeoPackage with --where" --data "$dir/cells-4326.gpkg" --where "id <> 'none'"

# A real PostgreSQL + PostGIS: a throwaway cluster on a Unix socket in $dir.
if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
as_pg "$PGBIN/initdb" -D "$pgdata" -U mapcli -A trust >/dev/null
port=$((20000 + RANDOM % 20000))
as_pg "$PGBIN/pg_ctl" -D "$pgdata" -o "-k $dir -p $port -c listen_addresses=''" -l "$dir/pg.log" -w start >/dev/null \
  || fail "PostgreSQL did not start: $(cat "$dir/pg.log")"
"$PGBIN/psql" -h "$dir" -p "$port" -U mapcli -d postgres -qc "CREATE EXTENSION postgis" >/dev/null
pg="PG:host=$dir port=$port user=mapcli dbname=postgres"
ogr2ogr -f PostgreSQL "$pg" "$src" -nln cells
check "PostGIS table (PG: string)" --data "$pg" --layer cells
check "PostGIS table (postgresql:// URI)" --data "postgresql://mapcli@/postgres?host=$dir&port=$port" --layer public.cells
out=$("$MAPCLI" adjacency --data "$pg" --layer nosuchtable 2>&1) && fail "a missing table was accepted"
echo "$out" | grep -q 'has no layer "nosuchtable"' || fail "a missing table: $out"
pass
out=$("$MAPCLI" adjacency --data "PG:host=$dir port=1 user=mapcli dbname=postgres" --layer cells 2>&1) && fail "a bad connection was accepted"
echo "$out" | grep -q "GDAL cannot open it" || fail "a bad connection: $out"
pass
as_pg "$PGBIN/pg_ctl" -D "$pgdata" -w stop >/dev/null
echo "test-gdal-sources: $checks sources gave the same adjacency as shapely's, to 1 m"
finish
