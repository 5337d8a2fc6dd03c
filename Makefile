# Portal do Cliente: the two set-up commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements/base.txt requirements/dev.txt | md5sum | cut -c1-12)
NODE_STAMP := node_modules/.installed-$(shell md5sum < package-lock.json | cut -c1-12)

.PHONY: install run test lint format bench bench-sla load soak lock messages clean

## install: build .venv with the pinned dependencies and the front-end assets (npm, served locally)
install: $(STAMP) $(NODE_STAMP)

$(STAMP): requirements/base.txt requirements/dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/base.txt -r requirements/dev.txt
	rm -f $(VENV)/.installed-* && touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## run: migrate, load the demo data and serve http://127.0.0.1:8000 with a Celery worker and beat
run: export DEBUG ?= 1
run: install
	bash scripts/packages.sh pdf
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	PATH="$(BIN):$$PATH" $(BIN)/honcho start -f Procfile

## test: ruff, checks, migrations and the whole suite on a real PostgreSQL and Redis
test: install
	PATH="$(BIN):$$PATH" bash scripts/test.sh

lint: install
	$(BIN)/mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo --no-cache

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## bench: pages (100k tickets), sweeps (1M tickets), the consultancy statement (10k sessions) on a throw-away PostgreSQL, then bench-sla
bench: install
	PATH="$(BIN):$$PATH" bash scripts/bench.sh

## bench-sla: the SLA engine against businesstimedelta on the same 10,000 inputs
bench-sla: install
	$(BIN)/python bench/bench_sla.py

## load: 50 users for 120 s against gunicorn (DEBUG=0) on a seeded throw-away PostgreSQL/Redis; fails on any error
load: install
	PATH="$(BIN):$$PATH" bash scripts/load.sh

## soak: the same load for 30 minutes; reports the workers' memory growth and the 5xx answers (not in CI)
soak: install
	PATH="$(BIN):$$PATH" LOAD_SECONDS=$${LOAD_SECONDS:-1800} bash scripts/load.sh

## lock: re-pin requirements/*.txt from requirements/*.in (needs network)
lock:
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile -q --strip-extras --no-emit-index-url --no-emit-find-links -o requirements/base.txt requirements/base.in
	$(BIN)/pip-compile -q --strip-extras --no-emit-index-url --no-emit-find-links -o requirements/dev.txt requirements/dev.in

## messages: refresh and compile the translation catalogues (pt-BR source, English catalogue)
messages: install
	$(BIN)/python manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=node_modules --ignore=var --ignore=tests --ignore=bench --ignore=test-artifacts
	$(BIN)/python manage.py compilemessages -l en -l pt_BR --ignore=.venv

clean:
	rm -rf $(VENV) node_modules var db.sqlite3 db.sqlite3-*
