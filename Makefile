# Wijkportaal: `make run` to try it, `make test` to check it. Both install what they need.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: icons run test lint messages install install-test assets browser checkers migrate demo check-deploy clean bench loadtest faulttest worker lock cluster-packages cluster cluster-stop clustertest screenshots lighthouse

# PORT reaches the settings too, so every full link (e-mails, QR plaques, calendars, paper) points to this server.
run: install assets messages migrate demo
	PORT=$(PORT) $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install-test assets browser checkers messages
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/bandit -q -c pyproject.toml -r .
	$(VENV)/bin/lint-imports

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# Installs take the exact versions and file hashes in requirements*.lock (`make lock` writes them), so a fresh
# machine gets what the suite passed with, and pip refuses any file whose hash differs. The locks hold every
# dependency already, so pip does not resolve again (--no-deps): a newer release of a package that another asks for
# with an extra (weasyprint's fonttools[woff]) would otherwise count as an unpinned requirement.
$(VENV)/.installed: requirements.lock | $(VENV)/bin/python
	$(PY) -m pip install -q --no-deps --require-hashes -r requirements.lock
	touch $@

$(VENV)/.installed-test: requirements.lock requirements-test.lock | $(VENV)/bin/python
	$(PY) -m pip install -q --no-deps --require-hashes -r requirements-test.lock
	touch $(VENV)/.installed $@

# Newest versions that requirements*.txt allow, with the hash of every file, into requirements-test.lock and (the
# same versions, runtime only) requirements.lock; then run `make test` before committing them.
LOCK := .venv-lock/bin/pip-compile --quiet --upgrade --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install -q pip-tools
	CUSTOM_COMPILE_COMMAND="make lock" $(LOCK) -o requirements-test.lock requirements-test.txt
	CUSTOM_COMPILE_COMMAND="make lock" $(LOCK) -c requirements-test.lock -o requirements.lock requirements.txt
	rm -rf .venv-lock

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

assets: node_modules/.installed

# Browser tests use the system's Chromium (Debian package `chromium`); install it when missing.
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  echo "Installing Chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-dejavu-core; }

# The HTML check in the suite (npm vnu-jar) runs on Java; install a headless Java when missing.
checkers:
	@command -v java >/dev/null 2>&1 || { \
	  echo "Installing Java for the HTML check"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq default-jre-headless; }

messages: install
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v0

migrate: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable

demo: install
	PORT=$(PORT) $(PY) manage.py loaddemo

# The background worker against the configured database (DATABASE_URL): scheduled jobs (digest, reminders,
# retention) and, with WIJKPORTAAL_TASKS=database, every queued e-mail. Stop it with Ctrl+C; see docs/deploy.md.
worker: install messages
	PORT=$(PORT) $(PY) manage.py run_worker $(WORKER_ARGS)

check-deploy: install
	DJANGO_SETTINGS_MODULE=wijkportaal.settings.production DJANGO_SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
	DJANGO_ALLOWED_HOSTS=wijkportaal.example DATABASE_URL=sqlite:///tmp/check.sqlite3 \
	$(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3

# Benchmarks: realistic volumes in a scratch database; every figure is a line starting with "bench: ".
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/wijkportaal_bench
# The mixed workload serves the portal with its cache, sessions and limits in Redis (this database is emptied
# first), as app servers behind a load balancer run; without a reachable Redis it says so and uses the database.
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/13
bench: install-test assets messages
	@command -v wrk >/dev/null 2>&1 || { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wrk; }
	psql "$(dir $(BENCH_DATABASE_URL))postgres" -qc 'DROP DATABASE IF EXISTS "$(notdir $(BENCH_DATABASE_URL))"' \
	  -c 'CREATE DATABASE "$(notdir $(BENCH_DATABASE_URL))"'
	BENCH_DATABASE_URL=$(BENCH_DATABASE_URL) BENCH_REDIS_URL=$(BENCH_REDIS_URL) $(PY) -m bench $(BENCH)

# The favicon and app icons in static/icons/ (committed), drawn by bin/make_icons.py.
icons:
	$(PY) bin/make_icons.py

# The front doors at 390 px for the README (docs/screenshots/), from the demo in a scratch database.
screenshots: install-test assets browser messages
	SCREENSHOT_PORT=$(or $(SCREENSHOT_PORT),8010) $(PY) bin/screenshots.py

# Lighthouse 12 (mobile) on both front doors, a pearl, a walk and the dream form, from the demo in a scratch
# database: accessibility, best practices and layout shift per page. Lighthouse goes into .lighthouse/ on first use.
lighthouse: install-test assets browser messages
	LIGHTHOUSE_PORT=$(or $(LIGHTHOUSE_PORT),8011) $(PY) bin/lighthouse.py

# Load and fault tests: the production setup (gunicorn, PostgreSQL) on loopback, bounded in time.
loadtest: install-test assets messages
	$(PY) -m loadtest.run $(LOADTEST_ARGS)

faulttest: install-test assets messages
	$(PY) -m loadtest.run --fault $(LOADTEST_ARGS)

# A cluster on loopback from the checked-out commit: HAProxy (Debian package) on 127.0.0.1:8400 in front of three
# app nodes, each from its own copy of the release (.cluster/node1..3), PostgreSQL, Redis, S3-compatible object
# storage (moto's server as a stand-in) and two workers; see docs/deploy.md. `make cluster-stop` stops it.
cluster-packages:
	@{ command -v haproxy && command -v redis-server; } >/dev/null 2>&1 || { echo "Installing HAProxy and Redis for the cluster"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq haproxy redis-server; }

cluster: install-test assets cluster-packages
	$(PY) -m cluster.run start

cluster-stop:
	$(PY) -m cluster.run stop

# Faults under a mixed load through HAProxy (a node killed, Redis stopped, a worker killed mid-task), freshness
# across nodes, limits per visitor, one digest a day; one `cluster: ` line per figure, non-zero on any loss.
clustertest: install-test assets cluster-packages
	$(PY) -m cluster.test $(CLUSTERTEST_ARGS)
