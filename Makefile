# phoihop — the two commands are `make run` and `make test`; see README.md.

PY := .venv/bin/python
ADDRESS ?= 127.0.0.1:8000

.DEFAULT_GOAL := help
.PHONY: help run test setup setup-dev lint fmt messages clean

help:
	@echo "make run       set up, migrate, load the demo data, serve on http://$(ADDRESS)/"
	@echo "make test      install what is missing, lint, the tests on SQLite and on PostgreSQL 15"
	@echo "make setup     .venv with requirements.txt, and htmx from the npm registry"
	@echo "make lint      ruff check, ruff format --check, import-linter"
	@echo "make fmt       ruff format and ruff check --fix"
	@echo "make messages  update the English catalogue (locale/en) and compile it"
	@echo "make clean     remove var/ (the SQLite database, media) and .venv"

run:
	@scripts/run.sh $(ADDRESS)

test:
	@scripts/test.sh

setup:
	@scripts/setup.sh

setup-dev:
	@scripts/setup.sh --dev

lint: setup-dev
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/lint-imports

fmt: setup-dev
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

# Vietnamese is the source language (the msgids); English is the translation.
messages: setup-dev
	@scripts/system-deps.sh gettext
	$(PY) manage.py makemessages -l en --no-obsolete \
		-i '.venv/*' -i 'var/*' -i 'node_modules/*' -i 'test-artifacts/*' -i 'static/vendor/*' \
		-i '*/tests/*' -i conftest.py
	$(PY) manage.py compile_catalogs

clean:
	rm -rf var .venv

# The benchmark of issue 3, not part of `make test` (bench/, scripts/bench.sh): SQLite and
# a throwaway PostgreSQL; tables in bench/results/. SCALE=1 is 20,000 programmes and
# 1,000,000 tasks; e.g. `make bench SCALE=0.01` for a quick run.
SCALE ?= 1
.PHONY: bench
bench:
	@scripts/bench.sh --scale $(SCALE)
