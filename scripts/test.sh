#!/usr/bin/env bash
# make test's runner, after its one build (release with testability): the
# Swift tests and the script checks run side by side, each part's output goes
# to a log shown when that part fails, and the run ends with one line that
# counts them all: "total: N passed, N failed" (exit 1 if any failed).
#   scripts/test.sh           everything (what CI runs)
#   scripts/test.sh --quick   the Swift tests without Chromium, the demo and the
#                             GDAL round trips, and no script: the edit-test loop
# One suite: .build/release/mapcliPackageTests.xctest --testing-library swift-testing --filter NAME
# (or swift test -c release -Xswiftc -enable-testing --skip-build --filter NAME; docs/testing.md).
set -uo pipefail
cd "$(dirname "$0")/.."
quick=false
[ "${1:-}" = --quick ] && quick=true
MAPCLI=.build/release/mapcli
[ -x "$MAPCLI" ] || { echo "test: $MAPCLI is missing: run make test (it builds first)" >&2; exit 1; }
# Each part's whole output stays in .build/test-logs/ after the run.
logs=.build/test-logs
rm -rf "$logs"
mkdir -p "$logs"
t0=$(date +%s)

# run NAME COMMAND…: in the background, its output in $logs/NAME.log and its
# exit code and seconds in $logs/NAME.rc.
names=()
run() {
  local name=$1
  shift
  names+=("$name")
  (
    s=$(date +%s)
    "$@" > "$logs/$name.log" 2>&1
    echo "$? $(($(date +%s) - s))" > "$logs/$name.rc"
  ) &
}

# Tests that leave the process for a browser, a shell script or GDAL's tools:
# not in the quick loop.
slow='HTMLMapBrowserTests|DemoTests|GISFormatsTests|MapPublishingTests'
# The test binary is run as `swift test --skip-build` runs it, but directly:
# `swift test` holds the build folder's lock until it ends, and the install
# test's `make install` needs it.
tests=.build/release/mapcliPackageTests.xctest
[ -x "$tests" ] || { echo "test: $tests is missing: run make test (it builds first)" >&2; exit 1; }
if $quick; then
  run swift "$tests" --testing-library swift-testing --skip "$slow"
else
  # The scripts start first: they wait on servers and child processes, and
  # fill the gaps the Swift tests leave on the two cores.
  run postgis-engine bash scripts/test-postgis-engine.sh "$MAPCLI"
  run gdal-sources bash scripts/test-gdal-sources.sh "$MAPCLI"
  run swift "$tests" --testing-library swift-testing
  run ogr2ogr bash scripts/test-ogr2ogr.sh "$MAPCLI"
  run install bash scripts/test-install.sh
fi
wait

passed=0
failed=0
for name in "${names[@]}"; do
  read -r rc seconds < "$logs/$name.rc"
  log="$logs/$name.log"
  if [ "$name" = swift ]; then
    # Swift Testing's closing line: "Test run with N tests in M suites passed|failed after…";
    # a failed test is a line "✘ Test NAME… failed" (XCTest: "Executed N tests, with F failures").
    total=$(sed -n 's/.*Test run with \([0-9]*\) tests\{0,1\} .*/\1/p' "$log" | tail -1)
    bad=$(grep -c '^✘ Test .* failed after' "$log")
    bad=$((bad - $(grep -c '^✘ Test run with' "$log")))
    xt=$(sed -n 's/.*Executed \([0-9]*\) tests\{0,1\}, with \([0-9]*\) failures.*/\1 \2/p' "$log" | tail -1)
    xtotal=${xt% *}
    xbad=${xt#* }
    total=$((${total:-0} + ${xtotal:-0}))
    bad=$((bad + ${xbad:-0}))
    [ "$rc" = 0 ] || [ "$bad" -gt 0 ] || bad=1
    [ "$total" -gt 0 ] || { [ "$rc" = 0 ] && bad=1; }
    good=$((total - bad))
    [ "$good" -ge 0 ] || good=0
    summary="$good passed, $bad failed"
  else
    # A script's closing line: "NAME: N passed, N failed".
    line=$(grep -E '^[a-z0-9-]+: [0-9]+ passed, [0-9]+ failed$' "$log" | tail -1)
    good=$(sed -n 's/.*: \([0-9]*\) passed.*/\1/p' <<<"$line")
    bad=$(sed -n 's/.*passed, \([0-9]*\) failed/\1/p' <<<"$line")
    good=${good:-0}
    bad=${bad:-0}
    [ "$rc" = 0 ] || [ "$bad" -gt 0 ] || bad=1
    summary="$good passed, $bad failed"
  fi
  if [ "$rc" != 0 ] || [ "$bad" -gt 0 ]; then
    echo "---- $name (exit $rc): its output ----"
    if [ "$name" = swift ]; then grep -v '^◇\|^✔\|^􀟈\|^􁁛' "$log" | tail -200; else tail -100 "$log"; fi
  fi
  printf '%-15s %4s s  %s\n' "$name" "$seconds" "$summary"
  passed=$((passed + good))
  failed=$((failed + bad))
done
echo "test: all parts in $(($(date +%s) - t0)) s"
echo "total: $passed passed, $failed failed"
[ "$failed" = 0 ]
