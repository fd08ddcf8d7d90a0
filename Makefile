# The two commands a new user needs: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
TS := $(wildcard resources/i18n/*.ts)
QM := $(patsubst resources/i18n/%.ts,kcp_desk/i18n/%.qm,$(TS))

.PHONY: run test lint translations update-translations bench

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

kcp_desk/i18n/%.qm: resources/i18n/%.ts $(VENV)/.installed
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

translations: $(QM)

# Re-scan the sources for tr() strings (then translate the new entries in the .ts files).
update-translations: $(VENV)/.installed
	$(VENV)/bin/pyside6-lupdate -extensions py $$(find kcp_desk -name '*.py') -no-obsolete \
		-ts resources/i18n/kcp_desk_de.ts resources/i18n/kcp_desk_en.ts

run: $(VENV)/.installed translations
	$(VENV)/bin/kcp-desk --demo

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check kcp_desk tests bench tools
	$(VENV)/bin/ruff format --check kcp_desk tests bench tools
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# Lint, then the whole suite on SQLite and on a real PostgreSQL server (a throwaway
# cluster unless KCP_DESK_TEST_DATABASE_URL names one).
test: lint translations
	QT_QPA_PLATFORM=offscreen tools/with_postgres.sh $(PY) -m pytest $(PYTEST_ARGS)
