# Two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

.PHONY: run test test-fast install lint browser xmlsec1 wrk messages clean bench bench-redirect bench-desk bench-insights bench-scaleout bench-soak bench-sanitise bench-import

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)

# Development and tests get the runtime pins plus the tools (pytest, Playwright, ruff);
# the Docker image installs requirements.lock alone.
$(VENV)/.installed: $(BIN)/python requirements.lock requirements-dev.lock pyproject.toml
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed

# axe-core for the accessibility checks in the browser tests (pinned in package-lock.json).
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm is missing: the accessibility checks will be skipped outside CI."; fi

run: install xmlsec1
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py run_platform --port $(PORT)

browser:
	@sh scripts/ensure-package chromium chromium "the browser tests"

# Ralph, the learning record store the xAPI integration test sends to, in a virtualenv of its
# own (its pins are not the site's): tests/integration/test_lrs.py.
var/ralph-venv/.installed: requirements-ralph.lock
	$(PYTHON) -m venv var/ralph-venv || python3 -m venv var/ralph-venv
	var/ralph-venv/bin/pip install --quiet --upgrade pip
	var/ralph-venv/bin/pip install --quiet -r requirements-ralph.lock
	touch $@

# pysaml2 checks the IdP's signatures with it: SAML sign-in and its tests need it.
xmlsec1:
	@sh scripts/ensure-package xmlsec1 xmlsec1 "SAML sign-in"

# The load generator of the benchmarks (they fall back to a slower Python one without it).
wrk:
	@sh scripts/ensure-package wrk wrk "the benchmarks"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: install browser xmlsec1 node_modules/.installed var/ralph-venv/.installed lint
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

# The inner loop: the suite without the browser and integration tests, and without lint and
# checks, on a test database kept between runs (pytest-django's --reuse-db; new migrations
# are still applied). `make test` stays the full gate that CI runs. Narrow it further with
# ARGS, e.g. `make test-fast ARGS="tests/missions -x"`.
test-fast: install
	$(BIN)/pytest --reuse-db -m "not browser and not integration" $(ARGS)

# Not part of `make test`: the tracked-link redirect against /healthz/ under gunicorn.
bench: install wrk
	$(BIN)/python bench/run.py

bench-redirect: install wrk
	$(BIN)/python bench/redirect_bench.py

bench-desk: install wrk
	$(BIN)/python bench/desk_bench.py

bench-insights: install wrk
	$(BIN)/python bench/insights_bench.py

# Two web instances and two task clusters on one PostgreSQL (and Redis with REDIS_URL).
bench-scaleout: install wrk
	$(BIN)/python bench/scaleout.py

# People of every role on PostgreSQL for 10 minutes: no 5xx, nothing lost, flat memory.
bench-soak: install
	$(BIN)/python bench/soak.py

# The text cleaner's worst case, and the field limits that bound it (no server needed).
bench-sanitise: install
	$(BIN)/python bench/sanitise_bench.py

# An employee import of 20,000 rows applied by its background task (no server needed).
bench-import: install
	$(BIN)/python bench/import_bench.py

messages: install
	cd $(CURDIR) && $(BIN)/python manage.py makemessages -l nl -l en --no-obsolete -i ".venv/*"
	$(BIN)/python manage.py compilemessages -i ".venv"

clean:
	rm -rf $(VENV) .pytest-db.sqlite3* var/
