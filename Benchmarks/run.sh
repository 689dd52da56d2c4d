#!/usr/bin/env bash
# make bench (issue 7): mapcli side by side with the C GEOS references and
# shapely, whole-process wall time and peak memory (/usr/bin/time -v), in
# one run, plus an agreement check of their answers. See docs/benchmarks.md.
#
# Run from anywhere; uses the already built .build/release/mapcli (never
# builds it: `make release` first). Environment knobs:
#   MAPCLI=path              the mapcli binary (default .build/release/mapcli)
#   BENCH_SIZES="1k 10k 100k" datasets to run (plus the shipped provinces); add 1m for
#                            a million cells (exact adjacency only; ~300 MB generated once)
#   BENCH_REPS=3             repetitions for datasets up to 10k (100k: BENCH_REPS_100K=1)
#   BENCH_REPEAT_UNDER=20    a run longer than this many seconds is not repeated
#   BENCH_TIMEOUT=120        seconds before a mapcli run (1k/10k, shipped) is stopped
#   BENCH_TIMEOUT_100K=60    seconds before a mapcli 100k run is stopped
#   BENCH_TIMEOUT_REF=300    seconds before a reference (C, shapely) run is stopped
#   BENCH_TOLERANCE_M=0.1    tolerance (m) for the jittered copies, all tools
#   BENCH_SKIP_SHAPELY=1     leave shapely out
#   BENCH_POSTGIS=0          leave out the PostGIS engine (issue 18; on by default where
#                            PostgreSQL and PostGIS are installed: a throwaway cluster)
#   BENCH_ONLY=postgis       run the PostGIS cases only (with BENCH_SIZES)
set -euo pipefail

cd "$(dirname "$0")/.."
B=Benchmarks
DATA=$B/data
RES=$DATA/results
BIN=$B/.build
MAPCLI=${MAPCLI:-.build/release/mapcli}
SIZES=${BENCH_SIZES:-"1k 10k 100k"}
REPS=${BENCH_REPS:-3}
REPS_100K=${BENCH_REPS_100K:-1}
REPEAT_UNDER=${BENCH_REPEAT_UNDER:-20}
TIMEOUT=${BENCH_TIMEOUT:-120}
TIMEOUT_100K=${BENCH_TIMEOUT_100K:-60}
TIMEOUT_REF=${BENCH_TIMEOUT_REF:-300}
TOL=${BENCH_TOLERANCE_M:-0.1}
PY=${PYTHON:-python3}
TIME=/usr/bin/time

say() { printf '%s\n' "$*" >&2; }

# ---- prerequisites ----------------------------------------------------------
if [ ! -x "$TIME" ]; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq time >/dev/null; else say "install GNU time: sudo apt-get install time"; exit 1; fi
fi
[ -x "$MAPCLI" ] || { say "no mapcli binary at $MAPCLI: run 'make release' first (bench never builds it)"; exit 1; }
for h in /usr/include/geos_c.h /usr/include/geodesic.h /usr/include/proj.h; do
  [ -f "$h" ] || { say "missing $h: apt-get install libgeos-dev libproj-dev"; exit 1; }
done
if ! "$PY" -c 'import shapely, pyproj, numpy' 2>/dev/null; then
  say "installing the Python packages of $B/requirements.txt"
  "$PY" -m pip install -q -r $B/requirements.txt
fi

mkdir -p "$BIN" "$RES"
for p in adjacency_strtree adjacency_edgehash corridor; do
  if [ ! -x "$BIN/$p" ] || [ "$B/reference/$p.c" -nt "$BIN/$p" ] || [ "$B/reference/common.h" -nt "$BIN/$p" ]; then
    gcc -O2 -Wall -o "$BIN/$p" "$B/reference/$p.c" -lgeos_c -lproj -lm -lpthread
  fi
done

for s in $SIZES; do
  case $s in 1k) n=1000 ;; 10k) n=10000 ;; 100k) n=100000 ;; 1m) n=1000000 ;; *) say "unknown size $s"; exit 2 ;; esac
  if [ "$s" = 1m ]; then
    [ -f "$DATA/voronoi-1m.geojson" ] || { say "generating 1m (once, several minutes)"; "$PY" $B/generate.py --sizes $n --no-jitter; }
    continue
  fi
  if [ ! -f "$DATA/voronoi-$s.geojson" ] || [ ! -f "$DATA/voronoi-$s-jitter.geojson" ] || [ ! -f "$DATA/route.geojson" ] \
    || { [ "$s" = 100k ] && { [ ! -f "$DATA/voronoi-$s-full.geojson" ] || [ ! -f "$DATA/voronoi-$s-flawed.geojson" ] || [ ! -f "$DATA/voronoi-$s-tjunction.geojson" ]; }; }; then
    say "generating $s (once; $DATA is git-ignored)"
    "$PY" $B/generate.py --sizes $n $([ "$s" = 100k ] && echo --full)
  fi
done
[ -f "$DATA/syunik-route.geojson" ] || "$PY" $B/generate.py --sizes 1000

# ---- the machine ------------------------------------------------------------
TSV=$RES/timings.tsv
: > "$TSV"
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/Mem:/{print $2}') GB RAM, $(. /etc/os-release; echo "$PRETTY_NAME")"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "mapcli: $MAPCLI ($("$MAPCLI" --version 2>/dev/null || echo '?'), built $(date -u -r "$MAPCLI" '+%Y-%m-%d %H:%M UTC'))"
  echo "GEOS (C references): $(geos-config --version 2>/dev/null || grep -m1 'define GEOS_VERSION ' /usr/include/geos_c.h | cut -d'"' -f2); PROJ: $(pkg-config --modversion proj 2>/dev/null || echo '?'); gcc $(gcc -dumpversion) -O2"
  echo "shapely $("$PY" -c 'import shapely; print(shapely.__version__, "(GEOS", shapely.geos_version_string + ")")'), pyproj $("$PY" -c 'import pyproj; print(pyproj.__version__)'), $("$PY" --version)"
  echo "tolerance mode: $TOL m; reps: $REPS (100k: $REPS_100K; runs over ${REPEAT_UNDER} s not repeated); timeouts: mapcli ${TIMEOUT} s (100k: ${TIMEOUT_100K} s), references ${TIMEOUT_REF} s"
} | tee "$RES/machine.txt" >&2

# ---- timing -----------------------------------------------------------------
# case TASK DATASET REPS LIMIT then lines "TOOL|KIND|OUTFILE|COMMAND" on stdin;
# runs round-robin (rep 1 of every tool, then rep 2, ...) so that load on a
# shared machine hits every tool alike.
run_case() {
  local task=$1 dataset=$2 reps=$3 limit=$4
  local -a tools=() kinds=() outs=() cmds=()
  while IFS='|' read -r tool kind out cmd; do
    [ -n "$tool" ] || continue
    tools+=("$tool"); kinds+=("$kind"); outs+=("$out"); cmds+=("$cmd")
  done
  local -a stop=()
  for i in "${!tools[@]}"; do stop[$i]=0; done
  for ((rep = 1; rep <= reps; rep++)); do
    for i in "${!tools[@]}"; do
      [ "${stop[$i]}" = 0 ] || continue
      local tv=$RES/.time.$$ status=ok
      rm -f "${outs[$i]}"
      set +e
      local lim=$limit
      [ "${kinds[$i]}" = mapcli ] || lim=$TIMEOUT_REF
      # TERM (then KILL 5 s later): timeout waits for the program, so the
      # peak memory of a stopped run is still reported.
      $TIME -v -o "$tv" timeout -k 5 "$lim" bash -c "${cmds[$i]}" > "$RES/.stdout.$$" 2> "$RES/.stderr.$$"
      local rc=$?
      set -e
      local wall rss
      wall=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(k=1;k<=n;k++) s=s*60+a[k]; print s}' "$tv")
      rss=$(awk -F': ' '/Maximum resident set size/{print $2}' "$tv")
      if [ $rc -ne 0 ]; then
        if [ $rc = 124 ] || [ $rc = 137 ]; then status=timeout; wall=$lim; else status=failed; fi
        stop[$i]=1
        say "  $task $dataset ${tools[$i]}: $status (rc $rc) $(tail -c 300 "$RES/.stderr.$$" | tr '\n' ' ')"
      else
        say "  $task $dataset ${tools[$i]} #$rep: ${wall} s, $((rss / 1024)) MB"
        awk -v w="$wall" -v l="$REPEAT_UNDER" 'BEGIN{exit !(w > l)}' && stop[$i]=1
      fi
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$task" "$dataset" "${tools[$i]}" "${kinds[$i]}" "$rep" "$wall" "${rss:-0}" "$status" >> "$TSV"
      rm -f "$tv"
    done
  done
  rm -f "$RES/.stdout.$$" "$RES/.stderr.$$"
}

SHAPELY=${BENCH_SKIP_SHAPELY:+0}
SHAPELY=${SHAPELY:-1}
EH=$BIN/adjacency_edgehash ST=$BIN/adjacency_strtree CO=$BIN/corridor

adjacency_cases() { # DATASET FILE JITTERFILE REPS LIMIT
  local d=$1 f=$2 j=$3 reps=$4 limit=$5
  say "== adjacency (exact), $d"
  {
    echo "mapcli|mapcli|$RES/exact-$d-mapcli.json|$MAPCLI adjacency --data $f --format json -o $RES/exact-$d-mapcli.json"
    echo "C strtree, 1 thread|c|$RES/exact-$d-strtree.json|$ST -o $RES/exact-$d-strtree.json $f"
    echo "C strtree, 2 threads|c|$RES/exact-$d-strtree2.json|$ST -t 2 -o $RES/exact-$d-strtree2.json $f"
    echo "C edgehash|c|$RES/exact-$d-edgehash.json|$EH -o $RES/exact-$d-edgehash.json $f"
    if [ "$SHAPELY" = 1 ]; then echo "shapely|shapely|$RES/exact-$d-shapely.json|$PY $B/shapely_adjacency.py $f -o $RES/exact-$d-shapely.json"; fi
  } | run_case exact "$d" "$reps" "$limit"
  [ -n "$j" ] || return 0
  say "== adjacency (tolerance $TOL m, jittered copy), $d"
  {
    echo "mapcli --tolerance|mapcli|$RES/tol-$d-mapcli.json|$MAPCLI adjacency --data $j --tolerance ${TOL}m --format json -o $RES/tol-$d-mapcli.json"
    echo "C strtree -T, 1 thread|c|$RES/tol-$d-strtree.json|$ST -T $TOL -o $RES/tol-$d-strtree.json $j"
    echo "C strtree -T, 2 threads|c|$RES/tol-$d-strtree2.json|$ST -T $TOL -t 2 -o $RES/tol-$d-strtree2.json $j"
    if [ "$SHAPELY" = 1 ]; then echo "shapely --tolerance|shapely|$RES/tol-$d-shapely.json|$PY $B/shapely_adjacency.py $j --tolerance $TOL -o $RES/tol-$d-shapely.json"; fi
  } | run_case tolerance "$d" "$reps" "$limit"
}

corridor_case() { # DATASET FILE ROUTE REPS LIMIT
  local d=$1 f=$2 r=$3 reps=$4 limit=$5
  say "== corridor 1 km, $d"
  {
    echo "mapcli corridor|mapcli|$RES/corridor-$d-mapcli.json|$MAPCLI corridor --data $f --route-file $r --width 1km --no-clip --min-piece 0m2 --format json -o $RES/corridor-$d-mapcli.json"
    echo "C corridor|c|$RES/corridor-$d-c.json|$CO -w 1000 -o $RES/corridor-$d-c.json $f $r"
  } | run_case corridor "$d" "$reps" "$limit"
}

# Reading through GDAL (issue 14): the same cells as GeoPackage and
# FlatGeobuf (converted once by ogr2ogr, cached beside the GeoJSON); mapcli
# adjacency on each (the same analysis, so the difference is the reading),
# and GDAL itself reading every feature into memory (ogr2ogr -f Memory) as
# the C reference for the reading alone.
read_cases() { # DATASET GEOJSON REPS LIMIT
  local d=$1 f=$2 reps=$3 limit=$4
  command -v ogr2ogr >/dev/null || { say "== reading $d: skipped (no ogr2ogr: apt-get install gdal-bin)"; return 0; }
  local g=${f%.geojson}.gpkg b=${f%.geojson}.fgb
  [ -s "$g" ] && [ "$g" -nt "$f" ] || ogr2ogr -f GPKG "$g" "$f" -nln cells
  [ -s "$b" ] && [ "$b" -nt "$f" ] || ogr2ogr -f FlatGeobuf "$b" "$f" -nln cells
  say "== reading GeoJSON, GeoPackage, FlatGeobuf, $d"
  {
    echo "mapcli adjacency <- GeoJSON|mapcli|$RES/read-$d-geojson.json|$MAPCLI adjacency --data $f --format json -o $RES/read-$d-geojson.json"
    echo "mapcli adjacency <- GeoPackage|mapcli|$RES/read-$d-gpkg.json|$MAPCLI adjacency --data $g --format json -o $RES/read-$d-gpkg.json"
    echo "mapcli adjacency <- FlatGeobuf|mapcli|$RES/read-$d-fgb.json|$MAPCLI adjacency --data $b --format json -o $RES/read-$d-fgb.json"
    echo "GDAL reads GeoPackage (ogr2ogr -f Memory)|c|-|ogr2ogr -f Memory mem $g"
    echo "GDAL reads FlatGeobuf (ogr2ogr -f Memory)|c|-|ogr2ogr -f Memory mem $b"
  } | run_case read "$d" "$reps" "$limit"
}

# A map of the user's own cells (issue 15): the whole picture, SVG.
map_case() { # DATASET FILE REPS LIMIT
  say "== map --data, $1"
  echo "mapcli map|mapcli|$RES/map-$1.svg|$MAPCLI map --data $2 -o $RES/map-$1.svg" | run_case map "$1" "$3" "$4"
}

# Issue 17: the same 100k cells at full double precision in random order
# (mapcli and the C edge-hash); with one T-junction and one 1e-9 degree
# overlap (mapcli's automatic path, which falls back around the flaws only,
# and its GEOS path, whose answers must be the same); and the CSV and table
# outputs beside JSON.
issue17_cases() { # REPS LIMIT
  local reps=$1 limit=$2 f=$DATA/voronoi-100k.geojson
  say "== adjacency (exact), 100k at full precision, random order"
  {
    echo "mapcli|mapcli|$RES/exact-100k-full-mapcli.json|$MAPCLI adjacency --data $DATA/voronoi-100k-full.geojson --format json -o $RES/exact-100k-full-mapcli.json"
    echo "C edgehash|c|$RES/exact-100k-full-edgehash.json|$EH -o $RES/exact-100k-full-edgehash.json $DATA/voronoi-100k-full.geojson"
  } | run_case exact 100k-full "$reps" "$limit"
  say "== adjacency (exact), 100k with a T-junction and a 1e-9 degree overlap"
  {
    echo "mapcli|mapcli|$RES/exact-100k-flawed-mapcli.out|$MAPCLI adjacency --data $DATA/voronoi-100k-flawed.geojson --format json -o $RES/exact-100k-flawed-mapcli.json > $RES/exact-100k-flawed-mapcli.out 2>&1; test \$? -le 1"
    echo "mapcli --exact-method geos|mapcli|$RES/exact-100k-flawed-geos.out|$MAPCLI adjacency --data $DATA/voronoi-100k-flawed.geojson --exact-method geos --format json -o $RES/exact-100k-flawed-geos.json > $RES/exact-100k-flawed-geos.out 2>&1; test \$? -le 1"
  } | run_case exact 100k-flawed "$reps" "$TIMEOUT_REF"
  say "== adjacency (exact), 100k with a T-junction"
  {
    echo "mapcli|mapcli|$RES/exact-100k-tjunction-mapcli.json|$MAPCLI adjacency --data $DATA/voronoi-100k-tjunction.geojson --format json -o $RES/exact-100k-tjunction-mapcli.json"
    echo "mapcli --exact-method geos|mapcli|$RES/exact-100k-tjunction-geos.json|$MAPCLI adjacency --data $DATA/voronoi-100k-tjunction.geojson --exact-method geos --format json -o $RES/exact-100k-tjunction-geos.json"
  } | run_case exact 100k-tjunction "$reps" "$TIMEOUT_REF"
  say "== adjacency (exact) output formats, 100k"
  {
    echo "mapcli --format json|mapcli|$RES/format-100k.json|$MAPCLI adjacency --data $f --format json -o $RES/format-100k.json"
    echo "mapcli --format csv|mapcli|$RES/format-100k.csv|$MAPCLI adjacency --data $f --format csv -o $RES/format-100k.csv"
    echo "mapcli --format table|mapcli|$RES/format-100k.txt|$MAPCLI adjacency --data $f --format text -o $RES/format-100k.txt"
  } | run_case formats 100k "$reps" "$limit"
}

# Issue 28: `where` at sea (the North Sea, 2.0,51.2) on a 1:10m-class world layer
# the project did not make (World Borders 0.3, the test fixture; target: under
# 0.5 s): as shipped (--repair: four outlines cross themselves) and on a copy
# made valid once by ogr2ogr -makevalid; the reference, shapely's nearest and
# pyproj's geodesic distance, reads a GeoJSON of that copy.
where_case() { # REPS LIMIT
  local f=Tests/Fixtures/worldborders/TM_WORLD_BORDERS-0.3.shp v=$DATA/worldborders-valid.gpkg j=$DATA/worldborders-valid.geojson
  [ -s "$v" ] || ogr2ogr -f GPKG -makevalid -nlt MULTIPOLYGON "$v" "$f"
  [ -s "$j" ] || ogr2ogr -f GeoJSON -lco SIGNIFICANT_FIGURES=17 "$j" "$v"
  say "== where at sea, World Borders 0.3 (1:10m class)"
  {
    echo "mapcli where, as shipped (--repair)|mapcli|$RES/where-world-shipped.json|$MAPCLI where 2.0,51.2 --data $f --id-field ISO3 --name-field NAME --repair --format json -o $RES/where-world-shipped.json"
    echo "mapcli where, valid copy|mapcli|$RES/where-world-valid.json|$MAPCLI where 2.0,51.2 --data $v --id-field ISO3 --name-field NAME --format json -o $RES/where-world-valid.json"
    echo "shapely + pyproj|shapely|$RES/where-world-ref.json|$PY $B/shapely_where.py $j 2.0 51.2 --id-field ISO3 -o $RES/where-world-ref.json"
  } | run_case where world10m "$1" "$2"
}

# Issue 18: the PostGIS engine, in a throwaway cluster (started here, stopped at
# exit), beside mapcli's own engine on the same cells: read from the GeoJSON,
# and read from the same table through GDAL (what a user with data in PostGIS
# would otherwise run). mapcli load (GeoJSON to the table and its partition
# key) is timed too; the partition sweep runs the on-the-fly query with 8 to
# 2048 features per grid cell.
PGDIR=""
postgis_start() {
  [ -z "$PGDIR" ] || return 0
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "$PGBIN" ] || ! ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1; then
    say "== PostGIS engine: skipped (apt-get install postgresql postgis)"; return 1
  fi
  PGDIR=$(mktemp -d); chmod 755 "$PGDIR"
  if [ "$(id -u)" = 0 ]; then chown postgres "$PGDIR"; fi
  as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  as_pg "$PGBIN/initdb" -D "$PGDIR/data" -U mapcli -A trust >/dev/null
  PGPORT_BENCH=$((20000 + RANDOM % 20000))
  as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -o "-k $PGDIR -p $PGPORT_BENCH -c listen_addresses='' -c shared_buffers=1GB -c work_mem=256MB" \
    -l "$PGDIR/pg.log" -w start >/dev/null
  trap 'as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1; rm -rf "$PGDIR"' EXIT
  "$PGBIN/psql" -h "$PGDIR" -p "$PGPORT_BENCH" -U mapcli -d postgres -qc "CREATE EXTENSION postgis" >/dev/null
  PGURI="postgresql://mapcli@/postgres?host=$PGDIR&port=$PGPORT_BENCH"
  say "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}'), PostGIS $("$PGBIN/psql" -h "$PGDIR" -p "$PGPORT_BENCH" -U mapcli -d postgres -Atc 'SELECT extversion FROM pg_extension WHERE extname = $$postgis$$')"
}
postgis_cases() { # DATASET FILE REPS LIMIT
  local d=$1 f=$2 reps=$3 limit=$4 t="cells_${1}"
  postgis_start || return 0
  say "== PostGIS engine, $d"
  {
    echo "mapcli load (GeoJSON -> table + partition key)|mapcli|$RES/pg-load-$d.txt|$MAPCLI load $f --db '$PGURI' --table $t --replace > $RES/pg-load-$d.txt"
  } | run_case postgis "$d" 1 "$TIMEOUT_REF"
  PGOPTIONS=--client-min-messages=warning "$PGBIN/psql" -h "$PGDIR" -p "$PGPORT_BENCH" -U mapcli -d postgres -qc "DROP TABLE IF EXISTS plain_$d; CREATE TABLE plain_$d AS SELECT id, name, geom FROM $t; CREATE INDEX ON plain_$d USING gist (geom); ANALYZE plain_$d" >/dev/null
  {
    echo "mapcli --engine postgis (loaded table)|mapcli|$RES/pg-$d-engine.json|$MAPCLI adjacency --engine postgis --db '$PGURI' --table $t --format json -o $RES/pg-$d-engine.json"
    echo "mapcli --engine postgis (plain table)|mapcli|$RES/pg-$d-plain.json|$MAPCLI adjacency --engine postgis --db '$PGURI' --table plain_$d --format json -o $RES/pg-$d-plain.json"
    echo "mapcli <- the table through GDAL|mapcli|$RES/pg-$d-gdal.json|$MAPCLI adjacency --data 'PG:host=$PGDIR port=$PGPORT_BENCH user=mapcli dbname=postgres' --layer plain_$d --format json -o $RES/pg-$d-gdal.json"
    echo "mapcli <- GeoJSON|mapcli|$RES/pg-$d-own.json|$MAPCLI adjacency --data $f --format json -o $RES/pg-$d-own.json"
  } | run_case postgis "$d" "$reps" "$TIMEOUT_REF"
  if [ "$d" = 100k ] || [ "$d" = 10k ]; then
    # The partition grid: the same cells loaded with 8 to 2,048 features per grid cell (the
    # load not timed here), the engine on each.
    for k in 8 32 128 512 2048; do
      "$MAPCLI" load "$f" --db "$PGURI" --table "${t}_k$k" --features-per-cell $k --replace > /dev/null
    done
    for k in 8 32 128 512 2048; do
      echo "--engine postgis, $k features per cell|mapcli|$RES/pg-$d-k$k.json|$MAPCLI adjacency --engine postgis --db '$PGURI' --table ${t}_k$k --format json -o $RES/pg-$d-k$k.json"
    done | run_case postgis-partitions "$d" 1 "$TIMEOUT_REF"
  fi
}

T0=$(date +%s)
for s in $SIZES; do
  if [ "$s" = 1m ]; then
    say "== adjacency (exact), 1m"
    {
      echo "mapcli|mapcli|$RES/exact-1m-mapcli.json|$MAPCLI adjacency --data $DATA/voronoi-1m.geojson --format json -o $RES/exact-1m-mapcli.json"
      echo "C edgehash|c|$RES/exact-1m-edgehash.json|$EH -o $RES/exact-1m-edgehash.json $DATA/voronoi-1m.geojson"
    } | run_case exact 1m 1 "$TIMEOUT_REF"
    continue
  fi
  if [ "${BENCH_ONLY:-}" = postgis ]; then
    if [ "$s" = 100k ]; then reps=$REPS_100K limit=$TIMEOUT_100K; else reps=$REPS limit=$TIMEOUT; fi
    postgis_cases "$s" "$DATA/voronoi-$s.geojson" "$reps" "$limit"
    continue
  fi
  if [ "$s" = 100k ]; then issue17_cases "$REPS_100K" "$TIMEOUT_100K"; fi
  if [ "$s" = 10k ]; then map_case "$s" "$DATA/voronoi-$s.geojson" "$REPS" "$TIMEOUT"; fi
  if [ "$s" = 100k ]; then map_case "$s" "$DATA/voronoi-$s.geojson" "$REPS_100K" "$TIMEOUT_100K"; fi
  if [ "$s" = 100k ]; then read_cases "$s" "$DATA/voronoi-$s.geojson" "$REPS_100K" "$TIMEOUT_100K"; fi
  if [ "$s" = 100k ]; then reps=$REPS_100K limit=$TIMEOUT_100K; else reps=$REPS limit=$TIMEOUT; fi
  adjacency_cases "$s" "$DATA/voronoi-$s.geojson" "$DATA/voronoi-$s-jitter.geojson" "$reps" "$limit"
  corridor_case "$s" "$DATA/voronoi-$s.geojson" "$DATA/route.geojson" "$reps" "$limit"
  [ "${BENCH_POSTGIS:-1}" = 0 ] || postgis_cases "$s" "$DATA/voronoi-$s.geojson" "$reps" "$limit"
done
if [ "${BENCH_ONLY:-}" != postgis ]; then
  adjacency_cases shipped geodata/provinces.geojson "" "$REPS" "$TIMEOUT"
  corridor_case shipped geodata/provinces.geojson "$DATA/syunik-route.geojson" "$REPS" "$TIMEOUT"
  where_case "$REPS" "$TIMEOUT"
  say "== loading the shipped geodata/"
  echo "mapcli territories|mapcli|$RES/load-mapcli.json|$MAPCLI territories --format json > $RES/load-mapcli.json" | run_case load shipped "$REPS" "$TIMEOUT"
fi
T1=$(date +%s)

# ---- report -----------------------------------------------------------------
echo
cat "$RES/machine.txt"
echo "bench wall time: $((T1 - T0)) s; load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
"$PY" $B/report.py "$TSV" --markdown "$RES/table.md"
echo
echo "Agreement (same pair set, same contact kind, edge lengths within 1 m; mapcli rounds to 1 m;"
echo "the first tool listed is the baseline; a run stopped by its timeout has no output to compare):"
agree=0
check() { "$PY" $B/compare.py "$@" || agree=1; }
have() { [ -s "$1" ]; }
if have "$RES/exact-100k-full-mapcli.json" && have "$RES/exact-100k-full-edgehash.json"; then
  echo " exact, 100k at full precision in random order:"; check adjacency "mapcli=$RES/exact-100k-full-mapcli.json" "edgehash=$RES/exact-100k-full-edgehash.json"
fi
if have "$RES/exact-100k-flawed-mapcli.out" && have "$RES/exact-100k-flawed-geos.out"; then
  echo " exact, 100k with two flaws: automatic (local fallback) vs the GEOS path:"
  if cmp -s "$RES/exact-100k-flawed-mapcli.out" "$RES/exact-100k-flawed-geos.out" \
    && { [ ! -e "$RES/exact-100k-flawed-mapcli.json" ] || cmp -s "$RES/exact-100k-flawed-mapcli.json" "$RES/exact-100k-flawed-geos.json"; }; then
    echo "  identical output$([ -s "$RES/exact-100k-flawed-mapcli.out" ] && echo ": $(head -c 300 "$RES/exact-100k-flawed-mapcli.out")")"
  else
    echo "  DIFFERENT: $RES/exact-100k-flawed-{mapcli,geos}.{out,json}"; agree=1
  fi
fi
if have "$RES/exact-100k-tjunction-mapcli.json" && have "$RES/exact-100k-tjunction-geos.json"; then
  echo " exact, 100k with a T-junction: automatic (local fallback) vs the GEOS path:"
  if cmp -s "$RES/exact-100k-tjunction-mapcli.json" "$RES/exact-100k-tjunction-geos.json"; then echo "  identical output"; else echo "  DIFFERENT"; agree=1; fi
fi
if have "$RES/exact-1m-mapcli.json" && have "$RES/exact-1m-edgehash.json"; then
  echo " exact, 1m:"; check adjacency "mapcli=$RES/exact-1m-mapcli.json" "edgehash=$RES/exact-1m-edgehash.json"
fi
for d in 1k 10k 100k; do
  args=()
  for t in own engine plain gdal k8 k32 k128 k512 k2048; do have "$RES/pg-$d-$t.json" && args+=("pg-$t=$RES/pg-$d-$t.json"); done
  if [ ${#args[@]} -ge 2 ]; then echo " PostGIS engine, $d (baseline: mapcli's own engine on the GeoJSON):"; check adjacency "${args[@]}"; fi
done
for d in 1k 10k 100k shipped; do
  case " $SIZES shipped " in *" $d "*) ;; *) continue ;; esac
  args=()
  for t in mapcli strtree strtree2 edgehash shapely; do have "$RES/exact-$d-$t.json" && args+=("$t=$RES/exact-$d-$t.json"); done
  if [ ${#args[@]} -ge 2 ]; then echo " exact, $d:"; check adjacency "${args[@]}"; fi
  args=()
  for t in mapcli strtree strtree2 shapely; do have "$RES/tol-$d-$t.json" && args+=("$t-tol=$RES/tol-$d-$t.json"); done
  if [ ${#args[@]} -ge 2 ]; then
    # At 100k some shared edges are ~1.5 cm long: a 0.1 m tolerance rightly sees
    # more contacts there than exact mode, so the exact answer is no yardstick.
    [ "$d" != 100k ] && have "$RES/exact-$d-edgehash.json" && args+=("exact-edgehash=$RES/exact-$d-edgehash.json")
    echo " tolerance $TOL m on the jittered copy, $d$([ "$d" != 100k ] && echo ' (last line: against the exact answer on the unjittered data)'):"
    check adjacency "${args[@]}"
  fi
  args=()
  for t in geojson gpkg fgb; do have "$RES/read-$d-$t.json" && args+=("$t=$RES/read-$d-$t.json"); done
  if [ ${#args[@]} -ge 2 ]; then echo " exact, $d, read from GeoJSON, GeoPackage and FlatGeobuf:"; check adjacency "${args[@]}"; fi
  if have "$RES/corridor-$d-mapcli.json" && have "$RES/corridor-$d-c.json"; then
    echo " corridor, $d:"; check corridor "$RES/corridor-$d-mapcli.json" "$RES/corridor-$d-c.json"
  fi
done
for t in shipped valid; do
  if have "$RES/where-world-$t.json" && have "$RES/where-world-ref.json"; then
    echo " where at sea, World Borders 0.3 ($t):"; check where "$RES/where-world-$t.json" "$RES/where-world-ref.json"
  fi
done
echo
echo "timings: $TSV; table: $RES/table.md; outputs: $RES/"
exit 0
