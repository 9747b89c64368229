# Corridor — two commands do everything on a fresh machine:
#   make demo   install, migrate the embedded SQLite database, load the case study, collect the static files
#               (compressed, hashed names), serve on 127.0.0.1:8000
#   make test   install and run the whole test suite (SQLite, and PostgreSQL when one is running)

SHELL := /bin/bash
.DEFAULT_GOAL := help

export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := .venv
PYTHON_FOR_TOOLS ?= python3.11
UV_VERSION := 0.13.8
UV := .tools/bin/uv
VENV := .venv
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://corridor:corridor@127.0.0.1:5432/corridor

.PHONY: help install system-packages demo serve migrate casestudy collectstatic test test-sqlite test-postgres lint screenshots clean

help:
	@echo "make demo    install, migrate, load the case study, create demo users, serve on http://$(HOST):$(PORT)"
	@echo "make test    install and run the whole test suite (SQLite; PostgreSQL too when reachable)"
	@echo "make lint    ruff, import boundaries, mypy"

$(UV):
	$(PYTHON_FOR_TOOLS) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

system-packages:
	@scripts/system-packages.sh

$(VENV)/.installed: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --python $(PYTHON_FOR_TOOLS)
	@touch $@

install: system-packages $(VENV)/.installed

migrate: install
	@mkdir -p var
	$(VENV)/bin/python manage.py migrate --no-input -v 0

casestudy: migrate
	$(VENV)/bin/corridor casestudy load
	$(VENV)/bin/corridor realdata load
	$(VENV)/bin/corridor tracker seed

collectstatic: install
	@mkdir -p var
	$(VENV)/bin/python manage.py collectstatic --no-input --clear -v 0

demo: casestudy collectstatic
	@$(VENV)/bin/corridor demo personas --site http://$(HOST):$(PORT)/
	@echo ""
	@echo "Corridor is serving the 2015–16 Western Balkans case study on http://$(HOST):$(PORT)/ (Ctrl-C stops)."
	@echo "A job worker runs beside it (log: var/worker.log)."
	@trap 'kill 0' EXIT; \
	$(VENV)/bin/corridor jobs worker > var/worker.log 2>&1 & \
	STATIC_COLLECTED=true $(VENV)/bin/python manage.py runserver --noreload $(HOST):$(PORT)

lint: install
	$(VENV)/bin/ruff check config corridor tests
	$(VENV)/bin/ruff format --check config corridor tests
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy corridor config
	@mkdir -p var  # makemigrations checks the history of the default database, which lives there
	$(VENV)/bin/python manage.py makemigrations --check --dry-run -v 0

test: install lint test-sqlite test-postgres

test-sqlite: install
	DATABASE_URL=sqlite:///var/test.sqlite3 $(VENV)/bin/pytest -p no:cacheprovider

test-postgres: install
	@if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then \
		echo "PostgreSQL pass (browser, job worker and slow tests run once, in the SQLite pass): $(PG_URL)"; \
		DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest -p no:cacheprovider -m "not browser and not workers and not slow"; \
	elif [ -n "$$CI" ]; then \
		echo "PostgreSQL is not reachable on 127.0.0.1:5432, and CI must test on it." >&2; exit 1; \
	else \
		echo "PostgreSQL pass not run: no server on 127.0.0.1:5432 (scripts/postgres-start.sh starts the machine's)."; \
	fi

screenshots: install
	CORRIDOR_SCREENSHOTS=docs/screenshots $(VENV)/bin/pytest -p no:cacheprovider -m browser -k "dashboard or closes_north_macedonia or site_in_one_submit or failed_save_shows"

clean:
	rm -rf .venv .tools var/test.sqlite3
