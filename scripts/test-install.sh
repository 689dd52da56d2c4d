#!/usr/bin/env bash
# The install test of `make test`: `make install PREFIX=<temporary folder>`,
# then the installed mapcli, run from another folder with no geodata/ in
# sight, finds its data and answers; `man` shows its page; the completions
# are there; `make uninstall` removes every installed file.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=$(mktemp -d)
elsewhere=$(mktemp -d)
trap 'rm -rf "$prefix" "$elsewhere"' EXIT
fail() { echo "test-install: FAILED: $*" >&2; exit 1; }
make --no-print-directory install PREFIX="$prefix" >/dev/null
answer=$(cd "$elsewhere" && env -u MAPCLI_GEODATA "$prefix/bin/mapcli" where Kapan)
grep -q "in: Armenia (AM, country) › Syunik (AM-SU, province)" <<<"$answer" || fail "installed 'mapcli where Kapan' said: $answer"
if ! command -v man >/dev/null; then
  if [ "$(id -u)" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -qq man-db >/dev/null; else fail "man is not installed"; fi
fi
page=$(MANWIDTH=100 man -l "$prefix/share/man/man1/mapcli.1" 2>/dev/null | col -b)
grep -q "mapcli neighbors" <<<"$page" || fail "the man page has no 'mapcli neighbors'"
grep -q "MAPCLI_GEODATA" <<<"$page" || fail "the man page does not say where the data are found (MAPCLI_GEODATA)"
[ -s "$prefix/share/bash-completion/completions/mapcli" ] || fail "no bash completion"
[ -s "$prefix/share/zsh/site-functions/_mapcli" ] || fail "no zsh completion"
[ -s "$prefix/share/doc/mapcli/LICENSE" ] || fail "no LICENSE"
make --no-print-directory uninstall PREFIX="$prefix" >/dev/null
left=$(find "$prefix" -type f)
[ -z "$left" ] || fail "make uninstall left: $left"
echo "test-install: 1 passed, 0 failed"
