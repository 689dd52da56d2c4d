#!/usr/bin/env bash
# Part of `make test` (issue 18): `--engine postgis` against a real
# PostgreSQL + PostGIS, a throwaway cluster this script starts and stops.
#   1. The shipped provinces, written by `mapcli load` (with its partition
#      table), and a 10,000-cell Voronoi layer made by PostGIS itself
#      (ST_VoronoiPolygons of seeded random points), both as a plain table
#      (cells made on the fly) and loaded again by `mapcli load`: the PostGIS
#      engine must give mapcli's own engine's answer on the same polygons,
#      the same pairs and contact kinds, lengths within 1 m.
#   2. Bad connection strings, a missing table, a missing column, a column of
#      lines, an SQL error: one clear message each, exit 1, no output file.
# Needs PostgreSQL with PostGIS (`make deps` installs postgresql and postgis);
# without them the test fails, saying how to install them.
set -euo pipefail
cd "$(dirname "$0")/.."
MAPCLI=$(realpath "${1:-.build/release/mapcli}")
source scripts/lib/checks.sh
require_postgis

dir=$(mktemp -d)
chmod 755 "$dir"
pgdata="$dir/pgdata"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  if [ -f "$pgdata/postmaster.pid" ]; then as_pg "$PGBIN/pg_ctl" -D "$pgdata" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$dir"
}
trap cleanup EXIT
if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
as_pg "$PGBIN/initdb" -D "$pgdata" -U mapcli -A trust >/dev/null
port=$((20000 + RANDOM % 20000))
as_pg "$PGBIN/pg_ctl" -D "$pgdata" -o "-k $dir -p $port -c listen_addresses=''" -l "$dir/pg.log" -w start >/dev/null \
  || fail "PostgreSQL did not start: $(cat "$dir/pg.log")"
psql() { "$PGBIN/psql" -h "$dir" -p "$port" -U mapcli -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
psql -c "CREATE EXTENSION postgis" >/dev/null
uri="postgresql://mapcli@/postgres?host=$dir&port=$port"
kw="host=$dir port=$port user=mapcli dbname=postgres"

# a,b,contact,length_m (sorted) from an adjacency CSV on stdin.
rows() { awk -F, 'NR > 1 { printf "%s,%s,%s,%.0f\n", $1, $3, $5, $6 * 1000 }' | sort; }
same() {
  local label=$1 left=$2 right=$3
  [ -s "$left" ] && [ -s "$right" ] || fail "$label: no answer"
  [ "$(cut -d, -f1-3 "$left")" = "$(cut -d, -f1-3 "$right")" ] \
    || fail "$label: the pairs or contact kinds differ: $(diff <(cut -d, -f1-3 "$left") <(cut -d, -f1-3 "$right") | head -5)"
  paste -d, "$left" "$right" | awk -F, -v label="$label" '{ d = $4 - $8; if (d < 0) d = -d; if (d > m) m = d } END { if (m > 1) { printf "%s: lengths differ by up to %d m\n", label, m; exit 1 } }' \
    || fail "$label: lengths differ by more than 1 m"
  pass "$label: $(wc -l < "$left") pairs, the same"
}

# 1a. The shipped provinces through mapcli load.
"$MAPCLI" load geodata/provinces.geojson --db "$uri" --table provinces > "$dir/load.txt" || fail "load: $(cat "$dir/load.txt")"
grep -q "loaded 220 features into provinces" "$dir/load.txt" || fail "load said: $(cat "$dir/load.txt")"
[ "$(psql -c "SELECT count(*) FROM provinces")" = 220 ] || fail "load: not 220 rows"
psql -c "SELECT obj_description('provinces_cells'::regclass, 'pg_class')" | grep -q "^mapcli grid " || fail "load: no grid on provinces_cells"
"$MAPCLI" adjacency --data geodata/provinces.geojson --format csv | rows > "$dir/own-provinces.csv"
"$MAPCLI" adjacency --engine postgis --db "$uri" --table provinces --format csv | rows > "$dir/pg-provinces.csv"
same "shipped provinces, loaded" "$dir/pg-provinces.csv" "$dir/own-provinces.csv"
# Loading again needs --replace; JSON through the same writer.
out=$("$MAPCLI" load geodata/provinces.geojson --db "$uri" --table provinces 2>&1) && fail "a second load replaced the table without --replace"
echo "$out" | grep -q "exists already: --replace" || fail "a second load said: $out"
"$MAPCLI" adjacency --engine postgis --db "PG:$kw" --table public.provinces --format json -o "$dir/pg.json"
grep -q '"territory_count":220' "$dir/pg.json" || fail "JSON output: $(head -c 300 "$dir/pg.json")"

# neighbors and border on the table: the pairs with one feature, computed in the database.
nb() { awk -F, 'NR > 1 { printf "%s,%s,%.0f\n", $3, $5, $6 * 1000 }' | sort; }
"$MAPCLI" neighbors Syunik --data geodata/provinces.geojson --format csv | nb > "$dir/own-nb.csv"
"$MAPCLI" neighbors Syunik --engine postgis --db "$uri" --table provinces --format csv | nb > "$dir/pg-nb.csv"
[ "$(wc -l < "$dir/own-nb.csv")" -ge 5 ] || fail "neighbors Syunik: $(cat "$dir/own-nb.csv")"
paste -d, "$dir/pg-nb.csv" "$dir/own-nb.csv" | awk -F, '$1 != $4 || $2 != $5 || ($3 - $6) > 1 || ($6 - $3) > 1 { bad = 1 } END { exit bad }' \
  || fail "neighbors Syunik differ: $(paste -d' ' "$dir/pg-nb.csv" "$dir/own-nb.csv")"
pass "neighbors Syunik: $(wc -l < "$dir/pg-nb.csv") neighbours, the same"
"$MAPCLI" border Syunik "Vayots Dzor" --data geodata/provinces.geojson --format json > "$dir/own-border.json"
"$MAPCLI" border Syunik "Vayots Dzor" --engine postgis --db "$uri" --table provinces --format json > "$dir/pg-border.json"
tr -d ' \n' < "$dir/own-border.json" > "$dir/own-border.min"
tr -d ' \n' < "$dir/pg-border.json" > "$dir/pg-border.min"
field() { grep -oE "\"$1\":[^,}]+" "$2" | head -1; }
for f in length_km segments contact; do
  [ -n "$(field $f "$dir/own-border.min")" ] || fail "border: no $f in $(cat "$dir/own-border.min")"
  [ "$(field $f "$dir/pg-border.min")" = "$(field $f "$dir/own-border.min")" ] \
    || fail "border Syunik Vayots Dzor: $f differs: $(field $f "$dir/pg-border.min") vs $(field $f "$dir/own-border.min")"
done
tripoints() { grep -oE '"territories":\[[^]]*\]' "$1"; }
[ "$(tripoints "$dir/own-border.min" | wc -l)" = 2 ] || fail "border Syunik Vayots Dzor: not 2 tripoints: $(cat "$dir/own-border.min")"
[ "$(tripoints "$dir/pg-border.min")" = "$(tripoints "$dir/own-border.min")" ] || fail "border Syunik Vayots Dzor: tripoints differ: $(cat "$dir/pg-border.min")"
pass "border Syunik Vayots Dzor: $(field length_km "$dir/pg-border.min"), the same length, segments and tripoints as mapcli's engine"

# corridor on the table: the features it can reach, and their neighbours, from the database;
# the same report as mapcli's own engine on the same table read through GDAL (id and name only).
route="46.1330,38.8512;46.1881,38.8530;46.2466,38.8807;46.2921,38.9045;46.3390,38.9200;46.4057,38.9025;46.4899,38.8926;46.5417,38.8803"
"$MAPCLI" corridor --data "PG:$kw" --layer provinces --route "$route" --width 1km --format json 2>/dev/null > "$dir/own-corridor.json" || fail "corridor on the table through GDAL"
"$MAPCLI" corridor --engine postgis --db "$uri" --table provinces --route "$route" --width 1km --format json > "$dir/pg-corridor.json" || fail "corridor --engine postgis"
grep -q '"verdicts"' "$dir/own-corridor.json" && grep -q '"AM-SU"' "$dir/own-corridor.json" || fail "corridor: no report on Syunik: $(head -c 300 "$dir/own-corridor.json")"
diff <(grep -v '"source' "$dir/own-corridor.json") <(grep -v '"source' "$dir/pg-corridor.json") > "$dir/corridor.diff" \
  || fail "corridor --engine postgis differs from mapcli's own engine: $(head -20 "$dir/corridor.diff")"
pass "corridor across Syunik: the same report ($(wc -c < "$dir/pg-corridor.json") bytes) as mapcli's own engine"

# 1b. 10,000 Voronoi cells made by PostGIS (a clean coverage: neighbours share their vertices).
psql <<'SQL' >/dev/null
SELECT setseed(0.18);
CREATE TABLE voronoi AS
SELECT 'c' || lpad(row_number() OVER (ORDER BY ST_XMin(g), ST_YMin(g))::text, 5, '0') AS id, g AS geom
FROM (SELECT (ST_Dump(ST_VoronoiPolygons(ST_Collect(p), 0, ST_MakeEnvelope(40, 36, 50, 44, 4326)))).geom AS g
      FROM (SELECT ST_SetSRID(ST_MakePoint(40 + 10 * random(), 36 + 8 * random()), 4326) AS p FROM generate_series(1, 10000)) pts) v;
SQL
[ "$(psql -c "SELECT count(*) FROM voronoi")" = 10000 ] || fail "the Voronoi layer has not 10000 cells"
"$MAPCLI" adjacency --data "PG:$kw" --layer voronoi --format csv 2>/dev/null | rows > "$dir/own-voronoi.csv"
"$MAPCLI" adjacency --engine postgis --db "$uri" --table voronoi --format csv | rows > "$dir/pg-voronoi.csv"
same "10,000 Voronoi cells, a plain table" "$dir/pg-voronoi.csv" "$dir/own-voronoi.csv"
"$MAPCLI" load "PG:$kw" --layer voronoi --db "$uri" --table loaded.voronoi 2>/dev/null && fail "a load into a missing schema was accepted"
psql -c "CREATE SCHEMA loaded"
"$MAPCLI" load "PG:$kw" --layer voronoi --db "$uri" --table loaded.voronoi > "$dir/load.txt" 2>/dev/null || fail "load of the Voronoi layer"
"$MAPCLI" adjacency --engine postgis --db "$uri" --table loaded.voronoi --format csv | rows > "$dir/pg-loaded.csv"
same "10,000 Voronoi cells, loaded with their partition key" "$dir/pg-loaded.csv" "$dir/own-voronoi.csv"

# 1c. Tolerance mode: 1,000 PostGIS Voronoi cells each moved by up to 1 cm (gaps and overlaps of
# up to 2 cm), at 0.1 m. The definitions differ (buffered boundaries against mapcli's probes;
# docs/postgis.md): every edge of mapcli's own engine over 1 m is an edge here within 1 m (or
# 2e-5 of its length: PostGIS buffers in a projection of its own, mapcli probes in a transverse
# Mercator; a 185 km border differs by 2 m), and every edge here is a contact there.
psql <<'SQL' >/dev/null
SELECT setseed(0.19);
CREATE TABLE jittered AS
SELECT 'j' || lpad(row_number() OVER (ORDER BY ST_XMin(g), ST_YMin(g))::text, 4, '0') AS id,
       ST_Translate(g, (random() - 0.5) * 2e-7, (random() - 0.5) * 2e-7) AS geom
FROM (SELECT (ST_Dump(ST_VoronoiPolygons(ST_Collect(p), 0, ST_MakeEnvelope(44, 38, 46, 40, 4326)))).geom AS g
      FROM (SELECT ST_SetSRID(ST_MakePoint(44 + 2 * random(), 38 + 2 * random()), 4326) AS p FROM generate_series(1, 1000)) pts) v;
SQL
"$MAPCLI" adjacency --data "PG:$kw" --layer jittered --tolerance 0.1m --format csv 2>/dev/null | rows > "$dir/own-tol.csv"
"$MAPCLI" adjacency --engine postgis --db "$uri" --table jittered --tolerance 0.1m --format csv | rows > "$dir/pg-tol.csv"
out=$("$MAPCLI" adjacency --data "PG:$kw" --layer jittered --format csv 2>&1 || true)
echo "$out" | grep -q "overlap by" || fail "the jittered layer is not misaligned: $out"
awk -F, -v own="$dir/own-tol.csv" '
  BEGIN { while ((getline line < own) > 0) { split(line, f, ","); kind[f[1] "," f[2]] = f[3]; len[f[1] "," f[2]] = f[4]; n++ } }
  { k = $1 "," $2; seen[k] = 1
    if ($3 == "edge" && !(k in kind)) { print "only here: " $0; bad = 1 }
    if ($3 == "edge" && kind[k] == "edge") { d = $4 - len[k]; if (d < 0) d = -d; if (d > 1 && d > 2e-5 * len[k]) { print "length: " $0 " vs " len[k]; bad = 1 }; m++ }
    if ($3 != "edge" && kind[k] == "edge" && len[k] > 1) { print "a point here: " $0 " (" len[k] " m there)"; bad = 1 } }
  END { for (k in kind) if (kind[k] == "edge" && len[k] > 1 && !(k in seen)) { print "missing: " k; bad = 1 }
        printf "test-postgis-engine: tolerance 0.1 m on 1,000 jittered cells: %d pairs there, %d edges compared\n", n, m > "/dev/stderr"
        exit bad }' "$dir/pg-tol.csv" || fail "tolerance mode in PostGIS differs from mapcli's own beyond its definition"
grep -c ",edge," "$dir/pg-tol.csv" | awk '$1 < 2500 { exit 1 }' || fail "tolerance mode in PostGIS found few edges: $(wc -l < "$dir/pg-tol.csv")"

# 2. Bad input: one message each, exit 1, nothing written.
bad() { # LABEL EXPECTED ARGS...
  local label=$1 expected=$2; shift 2
  rm -f "$dir/bad.csv"
  set +e
  out=$("$MAPCLI" adjacency --engine postgis --format csv -o "$dir/bad.csv" "$@" 2>&1)
  rc=$?
  set -e
  [ $rc = 1 ] || fail "$label: exit $rc (want 1): $out"
  echo "$out" | grep -qF "$expected" || fail "$label: the message does not say \"$expected\": $out"
  out=$(echo "$out" | grep -v "^mapcli: warning: a password given on the command line" || true)
  [ "$(echo "$out" | wc -l)" = 1 ] || fail "$label: more than one line: $out"
  [ ! -e "$dir/bad.csv" ] || fail "$label: an output file was written"
  pass "$label: $out"
}
bad "no server there" "cannot connect to PostgreSQL" --db "host=$dir port=1 user=mapcli dbname=postgres" --table provinces
bad "a malformed connection string" "cannot connect to PostgreSQL" --db "postgresql://mapcli@/postgres?host=$dir&port=$port&nosuchoption=1" --table provinces
bad "a password is not shown" "password=***" --db "host=$dir port=1 user=mapcli password=secret dbname=postgres" --table provinces
bad "a missing table" 'no table or view named "nosuchtable"' --db "$uri" --table nosuchtable
bad "a missing column" 'has no column "code" (--id-column)' --db "$uri" --table provinces --id-column code
psql -c "CREATE TABLE rivers AS SELECT 'r' || i AS id, ST_MakeLine(ST_MakePoint(i, 0), ST_MakePoint(i, 1))::geometry(LineString, 4326) AS geom FROM generate_series(1, 3) i"
bad "a column of lines" "holds linestring geometries" --db "$uri" --table rivers
psql -c "CREATE TABLE mixed AS SELECT 'x' AS id, ST_GeomFromText('POINT(0 0)', 4326) AS geom"
bad "a point in a generic geometry column" "a POINT where a polygon was expected" --db "$uri" --table mixed
psql -c "CREATE VIEW broken AS SELECT id, (1 / (length(id) - length(id)))::text AS name, geom FROM provinces"
bad "an SQL error" "division by zero" --db "$uri" --table broken
psql -c "CREATE TABLE overlapping AS SELECT 'a' AS id, ST_MakeEnvelope(0, 0, 2, 2, 4326) AS geom UNION ALL SELECT 'b', ST_MakeEnvelope(1, 1, 3, 3, 4326)"
bad "an overlap" "overlap by" --db "$uri" --table overlapping
# --where reaches PostgreSQL as SQL through GDAL (issue 29): it runs in a read-only transaction
# with a statement timeout, so it cannot write (a sequence stays where it was).
psql -c "CREATE SEQUENCE s" >/dev/null
set +e
out=$("$MAPCLI" adjacency --data "PG:$kw" --layer provinces --where "nextval('s') > 0" --format csv 2>&1)
rc=$?
set -e
[ $rc = 1 ] || fail "--where nextval(): exit $rc: $(echo "$out" | tail -2)"
echo "$out" | grep -q "read-only transaction" || fail "--where nextval(): not refused as a write: $(echo "$out" | tail -1)"
seq=$(psql -tAc "SELECT last_value::text || ',' || is_called::text FROM s")
[ "$seq" = "1,false" ] || fail "--where nextval() advanced a sequence: $seq"
pass "--where cannot write: $(echo "$out" | tail -1 | cut -c1-160)"
out=$("$MAPCLI" adjacency --engine postgis --db "$uri" 2>&1) && fail "--engine postgis without --table was accepted"
set +e
out=$("$MAPCLI" adjacency --db "$uri" --table provinces 2>&1)
rc=$?
set -e
[ $rc = 2 ] && echo "$out" | grep -q "go with --engine postgis" || fail "--db without --engine postgis (exit $rc): $out"

as_pg "$PGBIN/pg_ctl" -D "$pgdata" -w stop >/dev/null
finish
