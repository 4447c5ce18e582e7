# The README's two commands are `make run` and `make test`; everything else is a helper.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: install run dev mutation test test-fast lint typecheck check-migrations pytest pytest-postgres browser bench messages lock clean

install: $(STAMP)

$(STAMP): requirements/base.txt requirements/dev.txt pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Cần Python 3.11 ($(PYTHON))"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --require-hashes -r requirements/base.txt -r requirements/dev.txt
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# serves as production does (gunicorn, DEBUG off), in demo mode with demo data; the web
# server, the worker and the reminder scheduler (Procfile) stop together on Ctrl+C
run: install
	PORT=$(PORT) bash scripts/serve.sh

# for developers: Django's runserver with DEBUG on and the demo data
dev: install
	@mkdir -p var
	BINHDANG_DEMO=1 $(BIN)/python manage.py migrate --noinput -v 0
	BINHDANG_DEMO=1 $(BIN)/python manage.py load_demo --if-empty
	DEBUG=1 BINHDANG_DEMO=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# removes each permission check and scope filter in turn; each removal must fail a test
mutation: install
	$(BIN)/python scripts/mutation.py

test: install browser lint typecheck check-migrations pytest pytest-postgres

# the quick run while working (under two minutes on two cores): no browser, no real
# servers, SQLite only, the tests spread over every core; `make test` runs everything
test-fast: install
	DATABASE_URL= $(BIN)/python -m pytest -m "not browser and not slow" -n auto

browser:
	@bash scripts/ensure-chromium.sh
	@bash scripts/ensure-tesseract.sh

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

check-migrations: install
	@mkdir -p var
	$(BIN)/python manage.py makemigrations --check --dry-run

pytest: install
	DATABASE_URL= $(BIN)/python -m pytest

pytest-postgres: install
	@bash scripts/pytest-postgres.sh $(BIN)/python

bench: install
	$(BIN)/python bench/parse_speed.py
	$(BIN)/python bench/unit_search.py
	$(BIN)/python bench/report_aggregates.py

.PHONY: vendor
# Front-end libraries (Bootstrap, Bootstrap Icons, htmx, Chart.js) from the npm registry,
# pinned in scripts/vendor.sh and committed under binhdang/static/vendor/.
vendor:
	PYTHON=$(PYTHON) bash scripts/vendor.sh

messages: install
	$(BIN)/python manage.py makemessages -l vi --no-obsolete --add-location file
	$(BIN)/python manage.py compilemessages -l vi --ignore ".venv"

# pins every package with the hashes of its files on PyPI (`make install` refuses a file
# whose hash differs, or a package not pinned); keeps today's pins unless an .in file needs
# a change. This machine's pip settings (local wheel folders) are left out of the lock.
PIP_TOOLS := pip-tools==7.6.2
COMPILE := env -u PIP_FIND_LINKS -u PIP_EXTRA_INDEX_URL -u PIP_INDEX_URL PIP_CONFIG_FILE=/dev/null \
	../$(BIN)/pip-compile -q --generate-hashes --strip-extras --no-header --allow-unsafe \
	--index-url https://pypi.org/simple --no-emit-index-url
lock:
	$(BIN)/python -m pip install -q $(PIP_TOOLS)
	cd requirements && $(COMPILE) base.in -o base.txt
	cd requirements && $(COMPILE) dev.in -o dev.txt

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
