# Dateline: `make demo` serves a complete demo site; `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
DEMO_ENV := DJANGO_SETTINGS_MODULE=dateline.settings.dev DATELINE_TIME_ZONE=$${DATELINE_TIME_ZONE:-Asia/Kolkata}

.PHONY: install demo serve edge test test-fast e2e lint bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

demo: install
	mkdir -p var
	$(DEMO_ENV) $(PY) manage.py migrate --noinput
	$(DEMO_ENV) $(PY) manage.py load_demo
	$(MAKE) --no-print-directory serve

# The worker publishes scheduled stories and runs background tasks while the site is up.
serve: install
	$(DEMO_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	@echo "Dateline is at http://127.0.0.1:8000/ (editors: http://127.0.0.1:8000/admin/). Ctrl-C stops it."
	@$(DEMO_ENV) $(PY) manage.py worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEMO_ENV) $(PY) manage.py runserver 127.0.0.1:8000 --noreload

# What is loaded, served as in production on one machine: granian (2 workers) and the worker as
# deploy/Procfile runs them, behind the shipped nginx edge cache (deploy/nginx/) on
# http://127.0.0.1:8080/, which the app purges on publish. Needs Debian's nginx-light and
# libnginx-mod-http-cache-purge (libnginx-mod-http-brotli-filter for brotli).
edge: install
	$(DEMO_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	@$(DEMO_ENV) $(PY) tools/edge.py

test: install
	$(BIN)/pytest

# The layer arrows (pyproject.toml, [tool.importlinter]): lint-imports checks the Python imports,
# tools/check_template_layers.py the apps' templates. Both run, so one pass shows every broken arrow.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo; status=$$?; $(PY) tools/check_template_layers.py && exit $$status
	$(BIN)/python manage.py makemigrations --check --dry-run

# bench/run.py measures speed; bench/edge_bench.py the shipped nginx edge in front of the app and
# publish-to-edge times; bench/live_bench.py live updates from post to a polling reader;
# bench/soak.py runs the production setup with faults (SOAK_MINUTES).
bench: install
	$(PY) bench/run.py
	$(PY) bench/edge_bench.py
	$(PY) bench/live_bench.py
	$(PY) bench/soak.py

clean:
	rm -rf var $(VENV)
