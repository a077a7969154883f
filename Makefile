# Returnee Home. `make demo` and `make test` work on a fresh Debian machine with Python 3.11.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/returnee_home_ci
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: demo test test-sqlite test-postgres test-e2e bench lint format setup system-packages \
        venv messages static db seed clean

## demo: set up everything and serve the portal with the small demo province
demo: setup
	$(PY) manage.py seed_demo --scale small --seed 2026
	$(PY) manage.py demo_logins
	@echo "Serving on http://127.0.0.1:$(PORT)/  (Ctrl+C stops)"
	$(VENV)/bin/gunicorn config.wsgi:application --bind 127.0.0.1:$(PORT) --workers 2 \
		--threads 4 --access-logfile - --error-logfile -

## test: set up and run the whole suite: SQLite, PostgreSQL, then the browser tests
test: setup
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres
	$(MAKE) --no-print-directory test-e2e

test-sqlite:
	$(VENV)/bin/pytest -m "not e2e" -n 2 -q

test-postgres:
	@pg_isready -h 127.0.0.1 -p 5432 >/dev/null || { echo "PostgreSQL is not running on 127.0.0.1:5432"; exit 1; }
	@psql "$(PG_TEST_URL)" -c "select 1" >/dev/null 2>&1 || \
		createdb -h 127.0.0.1 -p 5432 -U postgres "$$(basename "$(PG_TEST_URL)")"
	DATABASE_URL=$(PG_TEST_URL) $(VENV)/bin/pytest -m "not e2e" -n 2 -q

test-e2e:
	$(VENV)/bin/pytest -m e2e -q tests/e2e

## bench: load the large demo province once, run every benchmark, write bench/results/latest.json
bench: setup
	$(PY) bench/run.py

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	../shared/tools/zh-check
	$(PY) manage.py catalogues --check

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

setup: system-packages venv messages static db

system-packages:
	@missing=""; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing="$$missing fonts-noto-cjk"; \
	command -v wrk >/dev/null || missing="$$missing wrk"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c requirements.lock -e '.[dev]'
	touch $@

messages: venv
	$(PY) manage.py compilemessages --ignore=.venv -v 0

static: venv
	$(PY) manage.py collectstatic --noinput -v 0

db: venv
	mkdir -p var
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py load_reference

clean:
	rm -rf var/db.sqlite3* var/cache var/static var/media var/private var/mail
