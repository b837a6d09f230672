# Maillage — two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: run install install-dev setup test test-sqlite test-postgresql lint format typecheck \
        docs check clean bench messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements/base.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/base.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-dev: requirements/dev.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## Prepare the embedded database: migrate, referential, demo territory (all idempotent).
setup: install
	$(BIN)/maillage migrate --no-input -v 0
	$(BIN)/maillage import_territories
	$(BIN)/maillage seed_demo

## Install, prepare and serve http://$(HOST):$(PORT)
run: setup
	$(BIN)/maillage runserver $(HOST):$(PORT)

## The whole suite: SQLite, then PostgreSQL, with browser tests (see scripts/test.sh).
test: install-dev
	scripts/test.sh

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/bandit -q -c pyproject.toml -r src/maillage

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: install-dev
	$(BIN)/mypy

docs: install-dev
	$(BIN)/python scripts/generate_cli_docs.py

## Benchmarks (see README, "Performances"): each prints its figures and the baseline ratio.
bench: install-dev
	$(BIN)/python bench/import_bench.py
	$(BIN)/python bench/meetings_bench.py

## Refresh the French and English catalogues after changing interface strings.
messages: install-dev
	cd src/maillage && ../../$(BIN)/maillage makemessages -l fr -l en --ignore 'static/vendor/*' --ignore '*/tests/*'
	cd src/maillage && ../../$(BIN)/maillage compilemessages

clean:
	rm -rf $(VENV) var
