# Two set-up commands: `make run` and `make test`. Both bootstrap .venv on first use
# and do nothing more when pyproject.toml has not changed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench screenshots connect-screenshots demo clean server bundle bundle-test translations

$(STAMP): pyproject.toml
	@echo "Installing ESCP Field Auditor into $(VENV) (the first time takes a minute)..."
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install -q --upgrade pip > $(VENV)/pip.log 2>&1 || { cat $(VENV)/pip.log; exit 1; }
	@$(PY) -m pip install -q -e '.[test]' >> $(VENV)/pip.log 2>&1 || { cat $(VENV)/pip.log; exit 1; }
	@touch $(STAMP)

$(VENV)/.sysdeps-%: scripts/system-deps.sh
	@bash scripts/system-deps.sh $*
	@mkdir -p $(VENV) && touch $@

# The window in English and Simplified Chinese (auditor_app/ui/i18n.py). The .ts files are the sources
# (every tr() of auditor_app/ui, with their Chinese); the compiled .qm are checked in, so a fresh clone
# shows Chinese without a build step, and rebuilt here whenever a .ts is newer. `make translations`
# re-reads the code (pyside6-lupdate) after strings changed: then translate what it marks unfinished
# (pyside6-linguist, or by hand) and run it again; tests/ui/test_i18n.py fails until none is left.
I18N := resources/i18n
UI_SOURCES = $(wildcard auditor_app/ui/*.py auditor_app/ui/pages/*.py)
QM_FILES := $(I18N)/auditor_app_zh_CN.qm $(I18N)/auditor_app_en.qm
LUPDATE := $(VENV)/bin/pyside6-lupdate -no-obsolete -locations none
LRELEASE := $(VENV)/bin/pyside6-lrelease -silent

$(I18N)/%.qm: $(I18N)/%.ts | $(STAMP)
	@$(LRELEASE) $< -qm $@

translations: $(STAMP)
	@$(LUPDATE) $(UI_SOURCES) -ts $(I18N)/auditor_app_zh_CN.ts
	@$(LUPDATE) -pluralonly $(UI_SOURCES) -ts $(I18N)/auditor_app_en.ts
	@$(LRELEASE) $(I18N)/auditor_app_zh_CN.ts -qm $(I18N)/auditor_app_zh_CN.qm
	@$(LRELEASE) $(I18N)/auditor_app_en.ts -qm $(I18N)/auditor_app_en.qm
	@grep -c 'type="unfinished"' $(I18N)/*.ts | grep -v ':0$$' && echo "translate the unfinished messages above" || true

run: $(VENV)/.sysdeps-run $(STAMP) $(QM_FILES)
	@$(PY) -m auditor_app run --ensure-demo

test: $(VENV)/.sysdeps-test $(STAMP) $(QM_FILES)
	@$(PY) -m ruff check auditor_app tests benchmarks scripts connect_server
	@$(PY) -m mypy
	@QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

# The reference Connect platform on http://127.0.0.1:8700 (data in ./connect-data unless CONNECT_SERVER_DATA
# says otherwise; PostgreSQL with CONNECT_DATABASE_URL). `.venv/bin/connect-server admin --help` administers it.
server: $(STAMP)
	@$(PY) -m connect_server serve

bench: $(VENV)/.sysdeps-test $(STAMP)
	@QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks

screenshots: $(VENV)/.sysdeps-screens $(STAMP) $(QM_FILES)
	@$(PY) scripts/screenshots.py
	@$(PY) scripts/hours_screenshots.py

# The Connect web view in headless Chromium and the app's Connect screens on Xvfb (docs/screenshots/connect-*).
connect-screenshots: $(VENV)/.sysdeps-screens $(STAMP) $(QM_FILES)
	@$(PY) scripts/connect_screenshots.py

# The one-folder application for auditors (PyInstaller, packaging/escp-field-auditor.spec): dist/escp-field-auditor/.
# The same spec builds on Windows and macOS (README, "Install for auditors"). bundle-test starts the built
# executable headless; it takes minutes, so `make test` leaves it out and .ci/run calls it.
BUNDLE_STAMP := $(VENV)/.installed-bundle
BUNDLE_EXE := dist/escp-field-auditor/escp-field-auditor

$(BUNDLE_STAMP): $(STAMP)
	@echo "Installing PyInstaller into $(VENV)..."
	@$(PY) -m pip install -q -e '.[test,bundle]' >> $(VENV)/pip.log 2>&1 || { cat $(VENV)/pip.log; exit 1; }
	@touch $@

bundle: $(VENV)/.sysdeps-bundle $(BUNDLE_STAMP) $(QM_FILES)
	@$(PY) -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/escp-field-auditor.spec

bundle-test: bundle
	@AUDITOR_APP_BUNDLE=$(BUNDLE_EXE) QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q tests/install/test_bundle.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache build dist
