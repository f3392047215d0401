# NaIon Designer. `make run` and `make test` bootstrap .venv from pyproject.toml on first use.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench package clean help gui-walk translations translations-update

help:
	@echo "make run      set up .venv and open the app on the bundled example design"
	@echo "make test     set up .venv and run the whole test suite (lint included)"
	@echo "make bench    run the benchmarks in bench/"
	@echo "make package  build the one-folder app bundle with PyInstaller (dist/)"
	@echo "make gui-walk the long random walk through the desktop app (3 x 3400 actions)"
	@echo "make translations         compile resources/translations/*.ts to .qm"
	@echo "make translations-update  refresh the .ts from the code (pyside6-lupdate)"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --upgrade pip
	$(PY) -m pip install -e '.[dev]'
	touch $(STAMP)

translations: $(STAMP)
	$(PY) packaging/build_translations.py

translations-update: $(STAMP)
	$(PY) packaging/build_translations.py --update

run: $(STAMP) translations
	$(VENV)/bin/naion-designer

lint: $(STAMP)
	$(VENV)/bin/ruff check naion_designer tests bench packaging hatch_build.py
	$(VENV)/bin/lint-imports

test: $(STAMP) lint translations
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

gui-walk: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.gui.walk --actions 3400 \
		--sizes 1400x900,1600x1000,1200x800 --seed 1

bench: $(STAMP)
	$(PY) -m bench

package: $(STAMP) translations
	$(PY) -m pip install -e '.[package]'
	$(VENV)/bin/pyinstaller --noconfirm --clean packaging/naion-designer.spec
	QT_QPA_PLATFORM=offscreen $(PY) packaging/smoke_test.py dist/naion-designer

clean:
	rm -rf build dist .pytest_cache .ruff_cache
