# mapcli — build, test and run the main job.
#   make demo   installs what is missing, builds, runs the main job on geodata/
#   make test   installs what is missing, runs all tests
# Run as root, missing Debian packages are installed with apt-get; otherwise
# the exact command to run is printed.

SWIFT      ?= swift
APT_DEPS   := libgeos-dev libproj-dev pkg-config librsvg2-bin fonts-dejavu-core
MAPCLI      = .build/release/mapcli
OUT        ?= out

.PHONY: all deps build release test test-asan test-tsan fuzz valgrind bench demo geodata clean

all: build

deps:
	@missing=""; for p in $(APT_DEPS); do \
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

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# The main job on the shipped geodata/: answers printed, maps written to out/.
demo: release
	bash scripts/demo.sh $(MAPCLI) $(OUT)

# Sanitizer runs of the whole test suite (not part of `make test`: slower).
# LeakSanitizer is off: Swift packs enum tags into pointer bits, so values held
# in globals look unreachable to it (false leaks); `make valgrind` checks leaks.
test-asan: deps
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan
	ASAN_OPTIONS=detect_leaks=0 MAPCLI_BIN=$(CURDIR)/.build-asan/debug/mapcli $(SWIFT) test --skip-build --sanitize=address --scratch-path .build-asan

test-tsan: deps
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

clean:
	rm -rf .build $(OUT)
