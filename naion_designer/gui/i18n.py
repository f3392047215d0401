"""The app's languages, the Qt way: every GUI string goes through `tr()` (or
`QCoreApplication.translate`), Qt Linguist sources in `resources/translations/*.ts` are compiled
to `.qm` by `pyside6-lrelease` at build time (`make translations`, the wheel's build hook, the
bundle), and `install_translators()` loads them, with Qt's own `qtbase_<lang>.qm` for the
standard dialogs, before the main window exists.

The language: `naion-designer --lang zh_CN|en`, else the Preferences choice, else the system
locale.  Texts made by the core (InputError messages, check reasons, result labels) are English;
`core_text()` is the one place the GUI shows one, translated by the core's Qt-free catalogue
`translate(text, lang)`.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
SOURCE_LANGUAGE = "en"
CATALOGUE = "naion-designer"  # naion-designer_zh_CN.ts / .qm
_current = SOURCE_LANGUAGE
_installed: list[QTranslator] = []


def translations_dir() -> Path:
    """Where the compiled .qm files are (NAION_TRANSLATIONS_DIR overrides: tests, bundles)."""
    env = os.environ.get("NAION_TRANSLATIONS_DIR")
    if env:
        return Path(env)
    from ..io.paths import resources_dir

    return resources_dir() / "translations"


def system_language() -> str:
    name = QLocale.system().name()  # "zh_CN", "en_GB", "C"
    return "zh_CN" if name.startswith("zh") else SOURCE_LANGUAGE


def choose_language(requested: str = "", preference: str = "") -> str:
    """--lang beats the Preferences choice ("" = follow the system), which beats the locale."""
    for lang in (requested, preference):
        if lang:
            if lang not in LANGUAGES:
                raise ValueError(f"unknown language '{lang}' (expected one of "
                                 f"{', '.join(LANGUAGES)})")
            return lang
    return system_language()


def install_translators(app, lang: str) -> list[str]:
    """Load the app's and Qt's translations of `lang` into `app`; the .qm files loaded."""
    global _current
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    _current = lang
    if lang == SOURCE_LANGUAGE:
        return []
    loaded = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in ((f"{CATALOGUE}_{lang}", str(translations_dir())),
                         (f"qtbase_{lang}", qt_dir)):
        t = QTranslator(app)
        if t.load(name, folder):
            app.installTranslator(t)
            _installed.append(t)
            loaded.append(str(Path(folder) / f"{name}.qm"))
        else:
            log.warning("no translation %s.qm in %s: showing English", name, folder)
    return loaded


def current_language() -> str:
    return _current


def translate(context: str, text: str) -> str:
    """`QCoreApplication.translate` (pyside6-lupdate collects `translate("Context", "text")`)."""
    return QCoreApplication.translate(context, text)


def core_text(text: str) -> str:
    """A text made by the core (an error, a check reason, a result label) in the UI language,
    from the core's Qt-free catalogue (the CLI and the spec sheet use the same one)."""
    if _current == SOURCE_LANGUAGE or not text:
        return text
    from ..io.messages_catalog import translate as core_translate

    return core_translate(text, _current)
