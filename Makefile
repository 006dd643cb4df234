# newsroom — `make run` starts the site with the seeds imported; `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: run test test-pg lint install browser db check-deploy

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'

# Debian's Chromium for the real-browser tests (Playwright drives it; it never downloads one).
browser:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null); \
	  else echo "Install Chromium first: sudo apt-get install chromium fonts-noto-cjk" >&2; exit 1; fi; }

db: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py import_seeds --publish
	DEBUG=1 $(BIN)/python manage.py tag_sections
	DEBUG=1 $(BIN)/python manage.py setup_roles
	@# The demo login is for the embedded SQLite development database only.
	$(if $(DATABASE_URL),@echo "DATABASE_URL is set: no demo login (create one with: manage.py createsuperuser)",DEBUG=1 $(BIN)/python manage.py demo_login)

# The job worker runs beside the site: Celery when CELERY_BROKER_URL is set, otherwise the
# embedded worker (`manage.py jobs --work`); it stops with the site.
run: db
	$(if $(CELERY_BROKER_URL),DEBUG=1 $(BIN)/celery -A newsroom worker --pool solo --loglevel info,DEBUG=1 $(BIN)/python manage.py jobs --work) & \
	trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install browser
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q

test-pg: install browser
	$(BIN)/lint-imports
	DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports

check-deploy: install
	SECRET_KEY=$$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))') ALLOWED_HOSTS=example.org \
	  $(BIN)/python manage.py check --deploy --fail-level WARNING
