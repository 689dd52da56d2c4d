# Shared by the test scripts of `make test` (sourced, not run): one way to
# count a check that passed, to fail, and to require a tool. The scripts
# never install anything: `make deps` installs every Debian package the
# tests need in one apt run, and a missing tool fails the run saying so.
# Each script ends with "NAME: N passed, N failed", which scripts/test.sh adds
# to the Swift tests' count.
NAME=${NAME:-$(basename "$0" .sh)}
checks=0
pass() {
  checks=$((checks + 1))
  if [ $# -gt 0 ]; then echo "$NAME: $*"; fi
}
fail() {
  echo "$NAME: FAILED: $*" >&2
  echo "$NAME: $checks passed, 1 failed"
  exit 1
}
finish() { echo "$NAME: $checks passed, 0 failed"; }
# require TOOL DEBIAN-PACKAGE
require() {
  command -v "$1" >/dev/null || fail "$1 is missing: run 'make deps' (it installs Debian's $2), or: apt-get install $2"
}
# PostgreSQL with PostGIS: sets PGBIN to the newest server's bin folder.
require_postgis() {
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "$PGBIN" ] || ! ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1; then
    fail "PostgreSQL with PostGIS is missing: run 'make deps' (it installs Debian's postgresql and postgis), or: apt-get install postgresql postgis"
  fi
}
