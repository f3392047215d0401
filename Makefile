# NaIon Designer. `make run` and `make test` bootstrap .venv from pyproject.toml on first use.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

PREFIX ?= $(HOME)/.local
APPID  := io.naion.Designer
SHARE   = $(DESTDIR)$(PREFIX)/share
ICON_SIZES := 16 24 32 48 64 128 256 512

.PHONY: run test fuzz lint bench package clean help install-desktop uninstall-desktop \
        gui-walk translations translations-update constraints

help:
	@echo "make run      set up .venv and open the app on the bundled example design"
	@echo "make test     set up .venv and run the whole test suite (lint included)"
	@echo "make fuzz     the long fuzz of every input file kind (>= 10,000 cases)"
	@echo "make bench    run the benchmarks in bench/"
	@echo "make package  build the one-folder app bundle with PyInstaller (dist/)"
	@echo "make install-desktop  menu entry, .naion file type, metainfo and icons for this user"
	@echo "                      (PREFIX=$(PREFIX); the entry starts .venv/bin/naion-designer)"
	@echo "make gui-walk the long random walk through the desktop app (3 x 3400 actions)"
	@echo "make translations         compile resources/translations/*.ts to .qm"
	@echo "make translations-update  refresh the .ts from the code (pyside6-lupdate)"

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --upgrade pip
	$(PY) -m pip install -c constraints.txt -e '.[dev]'
	touch $(STAMP)

constraints: $(STAMP)
	( sed -n '1,2p' constraints.txt; $(PY) -m pip freeze --exclude-editable ) > constraints.new
	mv constraints.new constraints.txt

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
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -n auto --dist loadfile

fuzz: $(STAMP)
	NAION_FUZZ_EXAMPLES=2100 QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider tests/fuzz -s

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

# run a desktop cache tool when the system has it (the files work without; the caches speed up)
refresh = if command -v $(firstword $(1)) >/dev/null; then $(1) >/dev/null 2>&1 || true; fi

# XDG desktop integration: the .desktop file (started from this checkout's .venv), AppStream
# metainfo, the shared-mime-info type of .naion files and the hicolor icons (app and file type).
install-desktop:
	install -d $(SHARE)/applications $(SHARE)/metainfo $(SHARE)/mime/packages
	sed 's|^Exec=naion-designer|Exec=$(abspath $(VENV))/bin/naion-designer|' \
		packaging/$(APPID).desktop > $(SHARE)/applications/$(APPID).desktop
	install -m 644 packaging/$(APPID).metainfo.xml $(SHARE)/metainfo/$(APPID).metainfo.xml
	install -m 644 packaging/$(APPID).mime.xml $(SHARE)/mime/packages/$(APPID).xml
	for s in $(ICON_SIZES); do \
		install -d $(SHARE)/icons/hicolor/$${s}x$${s}/apps $(SHARE)/icons/hicolor/$${s}x$${s}/mimetypes; \
		install -m 644 resources/icons/naion-designer-$$s.png $(SHARE)/icons/hicolor/$${s}x$${s}/apps/naion-designer.png; \
		install -m 644 resources/icons/naion-designer-$$s.png $(SHARE)/icons/hicolor/$${s}x$${s}/mimetypes/application-x-naion-design.png; \
	done
	install -d $(SHARE)/icons/hicolor/scalable/apps
	install -m 644 resources/icons/naion-designer.svg $(SHARE)/icons/hicolor/scalable/apps/naion-designer.svg
	@$(call refresh,update-mime-database $(SHARE)/mime)
	@$(call refresh,update-desktop-database -q $(SHARE)/applications)
	@$(call refresh,gtk-update-icon-cache -q -t -f $(SHARE)/icons/hicolor)

uninstall-desktop:
	rm -f $(SHARE)/applications/$(APPID).desktop $(SHARE)/metainfo/$(APPID).metainfo.xml \
		$(SHARE)/mime/packages/$(APPID).xml $(SHARE)/icons/hicolor/scalable/apps/naion-designer.svg
	for s in $(ICON_SIZES); do \
		rm -f $(SHARE)/icons/hicolor/$${s}x$${s}/apps/naion-designer.png \
			$(SHARE)/icons/hicolor/$${s}x$${s}/mimetypes/application-x-naion-design.png; \
	done
	@$(call refresh,update-mime-database $(SHARE)/mime)
	@$(call refresh,update-desktop-database -q $(SHARE)/applications)
