#!/usr/bin/env bash
# Part of `make test`: the HTML map is tested in a real headless Chromium
# (Debian's chromium; Tests/mapcliTests/HTMLMapBrowserTests.swift). Installed
# here as root when missing; otherwise the exact command is printed and that
# test fails saying so.
set -euo pipefail
command -v chromium >/dev/null && exit 0
if [ "$(id -u)" = 0 ]; then
  echo "installing chromium (for the HTML map test)"
  apt-get install -y -qq chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
else
  echo "install-chromium: chromium is missing; the HTML map test will fail until: sudo apt-get install chromium"
fi
