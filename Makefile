# One Makefile for people and CI. `make run` and `make test` are the two commands.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8000
export PYTHONDONTWRITEBYTECODE=1

.PHONY: run test test-postgres serve lint format bench css messages translations clean backup

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Serve Python 3.11 ($(PYTHON))."; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

messages: $(VENV)/.installed  ## compile the translations (no system gettext needed)
	$(PY) manage.py compile_translations

## Refresh locale/en from the code (needs GNU gettext: apt-get install gettext), then list
## what still needs translating. Obsolete entries are kept (commented out) so nothing is lost.
MAKEMESSAGES_IGNORE := --ignore='.venv/*' --ignore='static/vendor/*' --ignore='staticfiles/*' \
	--ignore='tests/*' --ignore='*/node_modules/*' --ignore='node_modules/*' --ignore='media/*'
translations: $(VENV)/.installed
	$(PY) manage.py makemessages -l en --no-wrap --add-location=file $(MAKEMESSAGES_IGNORE)
	@if grep -rqs "gettext(" static/js; then \
	  $(PY) manage.py makemessages -d djangojs -l en --no-wrap --add-location=file $(MAKEMESSAGES_IGNORE); fi
	$(PY) manage.py compile_translations
	$(PY) tools/untranslated.py

## The site on the embedded defaults (SQLite, local memory), with the real content, and
## the e-mail sender beside it (requests only queue e-mails); Ctrl+C stops both.
run: messages
	$(PY) manage.py migrate --no-input
	$(PY) manage.py seed
	$(PY) manage.py local_admin
	@echo "Sito: http://127.0.0.1:$(PORT)/  (Ctrl+C per fermarlo)"
	@$(PY) manage.py send_outbox --watch & sender=$$!; \
	  trap 'kill $$sender 2>/dev/null; wait $$sender 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py runserver 127.0.0.1:$(PORT)

## The whole test suite: unit, integration, concurrency and browser tests.
test: messages
	$(PY) -m pytest $(PYTEST_ARGS)

## The same site with production settings under gunicorn (no reseeding).
serve: messages
	@test -f .secret-key || $(PY) -c "import secrets; print(secrets.token_urlsafe(64))" > .secret-key
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY="$$(cat .secret-key)" DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost \
	DJANGO_SECURE_SSL_REDIRECT=0 SITE_URL=http://127.0.0.1:$(PORT) sh -c '\
	  $(PY) manage.py migrate --no-input && \
	  $(PY) manage.py collectstatic --no-input -v0 || exit 1; \
	  $(PY) manage.py send_outbox --watch & sender=$$!; \
	  trap "kill $$sender 2>/dev/null; wait $$sender 2>/dev/null" EXIT INT TERM; \
	  $(VENV)/bin/gunicorn torino_social_factory.wsgi -b 127.0.0.1:$(PORT) \
	    --workers $${WEB_CONCURRENCY:-3}'

## A consistent copy of the database and MEDIA_ROOT in backups/tsf-YYYYMMDD-HHMMSS
## (BACKUP_DIR elsewhere, BACKUP_KEEP=N keeps the newest N). Restore: manage.py restore DIR.
backup: $(VENV)/.installed
	$(PY) manage.py backup --output "$${BACKUP_DIR:-backups}" --keep "$${BACKUP_KEEP:-0}"

lint: messages  ## makemigrations runs the system checks, which want the catalogues
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## Speed figures (not a test): writes tests/bench/RESULTS.md. Needs wrk, Chromium and npm
## (installed from Debian when we may; else a slower Python load generator is used and
## labelled, and the page-weight and Lighthouse parts say they could not run).
bench: messages
	@command -v wrk >/dev/null 2>&1 || { [ "$$(id -u)" -eq 0 ] && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1; } || \
	  echo "wrk non installato: uso il generatore Python (più lento)"
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" -eq 0 ] && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1; } || \
	  echo "chromium non installato: peso delle pagine e Lighthouse non misurati"
	@command -v npm >/dev/null 2>&1 || { [ "$$(id -u)" -eq 0 ] && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null 2>&1; } || \
	  echo "npm non installato: Lighthouse non misurato"
	$(PY) tests/bench/run.py

## Bootstrap Italia trimmed to the rules our templates and scripts use (PurgeCSS from npm,
## build time only). The output is committed: run this after adding classes to a template
## or a script; tests/site/test_stylesheet.py fails until you do.
css: $(VENV)/.installed
	@command -v npm >/dev/null 2>&1 || { echo "Serve Node.js con npm (apt-get install npm)."; exit 1; }
	cd tools/css && npm ci --no-audit --no-fund --loglevel=error
	PYTHON=$(abspath $(PY)) node tools/css/purge.mjs

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
