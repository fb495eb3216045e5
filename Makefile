# danchu — the two commands are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
DANCHU := $(BIN)/danchu

.DEFAULT_GOAL := help

.PHONY: help run test test-browser lint format bench bench-full bench-votes bench-petitions messages clean

help: ## Show this help
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-12s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed $(VENV)/.system-packages
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# Debian packages: fonts for official papers, PDF libraries, poppler-utils, gettext.
$(VENV)/.system-packages: scripts/system-packages.sh | $(BIN)/python
	bash scripts/system-packages.sh
	touch $@

run: $(VENV)/.installed $(VENV)/.system-packages ## Create the venv, migrate SQLite, import units, load the demo, serve on $(HOST):$(PORT) with a task worker
	mkdir -p var
	$(DANCHU) migrate --noinput
	$(DANCHU) import-units
	$(DANCHU) demo
	@echo "Serving on http://$(HOST):$(PORT)/ (background tasks: danchu run_huey)"
	@trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(DANCHU) run_huey --quiet & worker=$$!; \
	$(DANCHU) runserver $(HOST):$(PORT)

test: $(VENV)/.installed-test ## Install test dependencies and run the whole suite (PostgreSQL when DATABASE_URL is set)
	$(BIN)/pytest

test-browser: $(VENV)/.installed-test ## Browser tests in Debian's Chromium (installs it when missing)
	bash scripts/system-packages.sh --with-browser
	$(BIN)/pytest -m browser tests/browser

lint: $(VENV)/.installed-test ## ruff check, ruff format --check, migrations up to date
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DATABASE_URL=sqlite://:memory: DJANGO_SETTINGS_MODULE=danchu.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

format: $(VENV)/.installed-test ## Apply ruff fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: $(VENV)/.installed ## Update and compile the Vietnamese and English translations
	cd danchu && ../$(DANCHU) makemessages -l vi -l en --no-obsolete --ignore 'demo/*'
	cd danchu && ../$(DANCHU) compilemessages

bench: $(VENV)/.installed-test ## Quick benchmark set (see bench/README.md)
	$(BIN)/python bench/run.py --quick

bench-full: $(VENV)/.installed-test ## Full scale benchmark set
	$(BIN)/python bench/run.py --full

bench-votes: $(VENV)/.installed-test ## Online votes per second and the 100,000-ballot tally (PostgreSQL)
	$(BIN)/python bench/decisions_votes.py

bench-petitions: $(VENV)/.installed-test ## Search over 1,000,000 cases and the work queue (PostgreSQL)
	$(BIN)/python bench/petitions_search.py

clean: ## Remove the venv and the local database
	rm -rf $(VENV) var
