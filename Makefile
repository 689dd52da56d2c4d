# mapcli — build, test and run the main job.
#   make demo        installs what is missing, builds, runs the main job on geodata/
#   make test        installs what is missing, builds once, runs every test
#   make test-quick  the unit and in-process CLI tests only (no PostgreSQL,
#                    Chromium, GDAL round trips or demo), after a build
# Run as root, missing Debian packages are installed with apt-get (in one
# run); otherwise the exact command to run is printed. docs/testing.md says
# what runs where and how long it takes.

SWIFT      ?= swift
# Build and run: GEOS, PROJ, GDAL, libpq, rsvg-convert for PNG maps, fonts.
APT_DEPS   := libgeos-dev libproj-dev libgdal-dev libpq-dev pkg-config librsvg2-bin fonts-dejavu-core
# What the tests need besides: a PostgreSQL + PostGIS server, Chromium for the
# page, GDAL's tools, man, zip, and poppler to read PDF maps back.
APT_TEST_DEPS := postgresql postgis chromium gdal-bin man-db zip poppler-utils
# One configuration for everything: release, with testability, so that the
# tests, the demo, make install and make bench share one build.
BUILD_FLAGS := -c release -Xswiftc -enable-testing
MAPCLI      = .build/release/mapcli
OUT        ?= out

.PHONY: all deps test-deps apt-install build release test test-quick test-install install uninstall test-asan test-tsan fuzz valgrind bench demo geodata clean

all: build

# Only the packages to build and run (make demo, make install).
deps:
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(APT_DEPS)"

# Everything `make test` needs, in one apt run.
test-deps:
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(APT_DEPS) $(APT_TEST_DEPS)"

apt-install:
	@missing=""; for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 1; \
	  else \
	    echo "missing Debian packages:$$missing"; \
	    echo "install them with: sudo apt-get install$$missing"; exit 1; \
	  fi; \
	fi
	@command -v $(SWIFT) >/dev/null || { echo "swift not found: install Swift 6 (https://swift.org/install)"; exit 1; }

# A debug build (valgrind runs it; the tests run the release build below).
build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build $(BUILD_FLAGS)

# One build (the release above, with the tests), then the Swift tests and the
# script checks side by side; one summary line at the end.
test: test-deps
	$(SWIFT) build $(BUILD_FLAGS) --build-tests
	bash scripts/test.sh

test-quick:
	$(SWIFT) build $(BUILD_FLAGS) --build-tests
	bash scripts/test.sh --quick

# make install PREFIX=… (default /usr/local; DESTDIR for packaging): the binary,
# the shipped data where it looks for them (PREFIX/share/mapcli/geodata),
# shell completions, the man page (written by mapcli generate-manual from its
# own command descriptions) and the licences. make uninstall removes exactly those files.
PREFIX  ?= /usr/local
DEST     = $(DESTDIR)$(PREFIX)
DATA     = countries.geojson provinces.geojson places.geojson corridors.geojson rivers.geojson published.csv README.md
MANDIR   = .build/man
# The man page's date: the last commit's (a page rebuilt from the same commit is the same).
MANDATE := $(shell git log -1 --format=%cs 2>/dev/null)
install: release
	mkdir -p $(MANDIR)
	$(MAPCLI) generate-manual $(if $(MANDATE),--date $(MANDATE)) > $(MANDIR)/mapcli.1.tmp && mv $(MANDIR)/mapcli.1.tmp $(MANDIR)/mapcli.1
	install -d $(DEST)/bin $(DEST)/share/mapcli/geodata $(DEST)/share/man/man1 $(DEST)/share/doc/mapcli \
	  $(DEST)/share/bash-completion/completions $(DEST)/share/zsh/site-functions $(DEST)/share/fish/vendor_completions.d
	install -m 755 $(MAPCLI) $(DEST)/bin/mapcli
	for f in $(DATA); do install -m 644 geodata/$$f $(DEST)/share/mapcli/geodata/$$f; done
	install -m 644 $(MANDIR)/mapcli.1 $(DEST)/share/man/man1/mapcli.1
	install -m 644 LICENSE $(DEST)/share/doc/mapcli/LICENSE
	$(MAPCLI) --generate-completion-script bash > $(DEST)/share/bash-completion/completions/mapcli
	$(MAPCLI) --generate-completion-script zsh > $(DEST)/share/zsh/site-functions/_mapcli
	$(MAPCLI) --generate-completion-script fish > $(DEST)/share/fish/vendor_completions.d/mapcli.fish
	@echo "installed mapcli in $(DEST)/bin (data in $(DEST)/share/mapcli/geodata)"

uninstall:
	rm -f $(DEST)/bin/mapcli $(DEST)/share/man/man1/mapcli.1 $(DEST)/share/doc/mapcli/LICENSE \
	  $(DEST)/share/bash-completion/completions/mapcli $(DEST)/share/zsh/site-functions/_mapcli \
	  $(DEST)/share/fish/vendor_completions.d/mapcli.fish
	for f in $(DATA); do rm -f $(DEST)/share/mapcli/geodata/$$f; done
	-rmdir $(DEST)/share/mapcli/geodata $(DEST)/share/mapcli $(DEST)/share/doc/mapcli 2>/dev/null

# The main job on the shipped geodata/: answers printed, maps written to out/.
demo: release
	bash scripts/demo.sh $(MAPCLI) $(OUT)

# Sanitizer runs of the whole test suite (not part of `make test`: slower).
# LeakSanitizer is off: Swift packs enum tags into pointer bits, so values held
# in globals look unreachable to it (false leaks); `make valgrind` checks leaks.
test-asan: test-deps
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan
	ASAN_OPTIONS=detect_leaks=0 MAPCLI_BIN=$(CURDIR)/.build-asan/debug/mapcli $(SWIFT) test --skip-build --sanitize=address --scratch-path .build-asan

test-tsan: test-deps
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-tsan
	MAPCLI_BIN=$(CURDIR)/.build-tsan/debug/mapcli $(SWIFT) test --skip-build --sanitize=thread --scratch-path .build-tsan

# libFuzzer targets for the GeoJSON reader and the route/width parsers,
# FUZZ_SECONDS each (findings land in Fuzz/findings/).
FUZZ_SECONDS ?= 60
fuzz: deps
	bash scripts/fuzz.sh $(FUZZ_SECONDS)

# valgrind memcheck over full CLI runs: no definite leaks, no invalid accesses.
valgrind: build
	bash scripts/valgrind.sh

# mapcli against C GEOS references and shapely (issue 7); about 3 minutes;
# not part of `make test`. Results: docs/benchmarks.md.
bench: release
	bash Benchmarks/run.sh

geodata:
	@$(MAKE) --no-print-directory deps APT_DEPS="gmt gmt-gshhg-full python3-pip"
	python3 -m pip install -q -r geodata/requirements.txt
	python3 geodata/build.py
	python3 geodata/rivers.py

clean:
	rm -rf .build $(OUT)
