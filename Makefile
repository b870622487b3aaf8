# unrolled: the two commands of the quickstart are `make site` and `make test`.
# Everything else here is for contributors (see CONTRIBUTING.md).

SWIFT      ?= swift
SITE_DIR   ?= site
VENV       ?= .venv
PYTHON     ?= python3
APT_PACKAGES := libcmark-dev libopenblas-dev pkg-config
BROWSER_APT_PACKAGES := chromium chromium-driver default-jre-headless
RELEASE_BIN = $(shell $(SWIFT) build -c release --show-bin-path)/unrolled
# This machine's vector width for release builds (see Scripts/release-flags.sh).
RELEASE_FLAGS := $(shell Scripts/release-flags.sh)

.PHONY: site test deps browser-deps venv build release wasm models bench format lint clean

# The page's WebAssembly module (the model and figures, compiled from the same Swift).
WASM := .build/wasm/unrolled.wasm

## make site: install what is missing, build, write the tutorial site, print where it is.
site: deps release wasm
	@"$(RELEASE_BIN)" site --out "$(SITE_DIR)" --live-module "$(WASM)"

## make test: install what is missing, then run every test. The browser tests (tools/tests)
## write their pages through the Swift test `SiteFixture` and open them in headless Chromium.
test: deps browser-deps venv wasm
	$(SWIFT) build --build-tests
	SE_OFFLINE=true $(VENV)/bin/python -m pytest -q tools/tests
	$(SWIFT) test --skip-build

browser-deps:
	@Scripts/install-deps.sh $(BROWSER_APT_PACKAGES)

deps:
	@Scripts/install-deps.sh $(APT_PACKAGES)

venv: $(VENV)/.installed

# axe-playwright-python comes without its dependencies: the tests only read the axe.min.js
# (axe-core 4.x) inside the wheel and inject it through Selenium; Playwright is not needed.
AXE_WHEEL := axe-playwright-python==0.1.7

$(VENV)/.installed: tools/requirements-test.txt bench/requirements.txt Makefile
	@Scripts/install-deps.sh python3-venv
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q -r tools/requirements-test.txt
	$(VENV)/bin/pip install -q --no-deps $(AXE_WHEEL)
	touch $@

## make wasm: build the page's WebAssembly module with the toolchain's Embedded Swift.
wasm: $(WASM)

$(WASM): Scripts/build-wasm.sh $(shell find Sources/TraceCore Sources/Markup Sources/Figures Sources/LiveTrace -name '*.swift' -o -name '*.c')
	@Scripts/build-wasm.sh "$(WASM)"

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release $(RELEASE_FLAGS) --product unrolled

## make models: retrain every built-in model from its committed seed (slow; see docs/models.md).
models: release
	Scripts/train-models.sh "$(RELEASE_BIN)"

## make bench: training speed against Keras, side by side (see docs/performance.md).
## bench/run.sh builds the release products and bench/.venv itself.
bench: deps
	@Scripts/install-deps.sh python3-venv
	bench/run.sh

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift

clean:
	rm -rf .build "$(SITE_DIR)"
