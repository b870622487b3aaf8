# unrolled: the two commands of the quickstart are `make site` and `make test`.
# Everything else here is for contributors (see CONTRIBUTING.md).

SWIFT      ?= swift
SITE_DIR   ?= site
VENV       ?= .venv
PYTHON     ?= python3
APT_PACKAGES := libcmark-dev libopenblas-dev pkg-config
BROWSER_APT_PACKAGES := chromium chromium-driver default-jre-headless
RELEASE_BIN = $(shell $(SWIFT) build -c release --show-bin-path)/unrolled

.PHONY: site test deps browser-deps venv build release models bench format lint clean

## make site: install what is missing, build, write the tutorial site, print where it is.
site: deps release
	@"$(RELEASE_BIN)" site --out "$(SITE_DIR)"

## make test: install what is missing, then run every test.
test: deps venv
	$(SWIFT) build --build-tests
	$(VENV)/bin/python -m pytest -q tools/tests
	$(SWIFT) test --skip-build

deps:
	@Scripts/install-deps.sh $(APT_PACKAGES)

venv: $(VENV)/.installed

$(VENV)/.installed: tools/requirements-test.txt
	@Scripts/install-deps.sh python3-venv
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q -r tools/requirements-test.txt
	touch $@

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product unrolled

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
