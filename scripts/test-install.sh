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
source scripts/lib/checks.sh
require man man-db
make --no-print-directory install PREFIX="$prefix" >/dev/null
answer=$(cd "$elsewhere" && env -u MAPCLI_GEODATA "$prefix/bin/mapcli" where Kapan)
grep -q "in: Armenia (AM, country) › Syunik (AM-SU, province)" <<<"$answer" || fail "installed 'mapcli where Kapan' said: $answer"
page=$(LANG=C.UTF-8 MANWIDTH=100 man -l "$prefix/share/man/man1/mapcli.1" 2>/dev/null | col -b)
grep -q "mapcli neighbors" <<<"$page" || fail "the man page has no 'mapcli neighbors'"
grep -q "mapcli corridor compare" <<<"$page" || fail "the man page has no 'mapcli corridor compare'"
# Written as \[u00B2] on the page; swift-argument-parser's plugin dropped it ("areas in km").
grep -q "areas in km²" <<<"$page" || fail "the man page lost the ² of km²"
grep -q "MAPCLI_GEODATA" <<<"$page" || fail "the man page does not say where the data are found (MAPCLI_GEODATA)"
[ -s "$prefix/share/bash-completion/completions/mapcli" ] || fail "no bash completion"
[ -s "$prefix/share/zsh/site-functions/_mapcli" ] || fail "no zsh completion"
[ -s "$prefix/share/doc/mapcli/LICENSE" ] || fail "no LICENSE"
make --no-print-directory uninstall PREFIX="$prefix" >/dev/null
left=$(find "$prefix" -type f)
[ -z "$left" ] || fail "make uninstall left: $left"
pass
finish
