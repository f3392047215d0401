"""Where NaIon Designer's files are.

Bundled, read-only: `cell_library/`, `resources/` and `examples/` in a checkout, an installed
wheel (mapped into the package as `naion_designer/_data/`) or a frozen PyInstaller bundle.

The user's own, writable: one root per kind as the platform expects it (`platformdirs`, with
the application name `naion-designer`): data (user cells and targets), config (settings), state
(recovery autosaves, logs) and cache.  `NAION_USER_DIR` puts all of them under one folder
(tests, portable installs).
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

APP_NAME = "naion-designer"  # file-system and D-Bus friendly: config paths, log files
DISPLAY_NAME = "NaIon Designer"  # what the user reads: window titles, menus, the .desktop file
APP_ID = "io.naion.Designer"  # reverse-DNS id: .desktop file, metainfo, icons
_LEGACY_DATA_NAME = "NaIon Designer"  # the user data folder of versions before 0.2

_PKG = Path(__file__).resolve().parent.parent


@cache
def data_root() -> Path:
    candidates = []
    if getattr(sys, "frozen", False) and hasattr(sys, "_MEIPASS"):
        candidates.append(Path(sys._MEIPASS))  # PyInstaller bundle
    candidates += [_PKG / "_data", _PKG.parent]  # wheel, checkout
    for c in candidates:
        if (c / "cell_library").is_dir():
            return c
    raise RuntimeError("NaIon Designer cannot find its cell_library folder; the installation is "
                       "incomplete")


def cell_library_dir() -> Path:
    return data_root() / "cell_library"


def resources_dir() -> Path:
    return data_root() / "resources"


def examples_dir() -> Path:
    return data_root() / "examples"


def translations_dir() -> Path:
    return resources_dir() / "translations"


def _override(kind: str) -> Path | None:
    env = os.environ.get("NAION_USER_DIR")
    if not env:
        return None
    return Path(env) if kind == "data" else Path(env) / kind


def _dirs():
    import platformdirs

    # appauthor=False: no vendor folder level on Windows (…\AppData\Local\naion-designer)
    return platformdirs.PlatformDirs(APP_NAME, appauthor=False, roaming=False)


def _migrate_legacy(new: Path) -> Path:
    """Rename the user data folder of older versions ('NaIon Designer') to the new name once."""
    import platformdirs

    old = Path(platformdirs.user_data_dir(_LEGACY_DATA_NAME, appauthor=False))
    if old == new or new.exists() or not old.is_dir():
        return new
    try:
        new.parent.mkdir(parents=True, exist_ok=True)
        os.replace(old, new)
    except OSError:
        return old  # keep using the old folder rather than losing sight of the user's files
    return new


def user_data_dir() -> Path:
    """The user's own cells and targets (XDG data home on Linux)."""
    return _override("data") or _migrate_legacy(Path(_dirs().user_data_dir))


def user_config_dir() -> Path:
    """Settings (XDG config home on Linux)."""
    return _override("config") or Path(_dirs().user_config_dir)


def user_state_dir() -> Path:
    """What the app keeps between runs that is neither data nor settings: recovery, logs."""
    return _override("state") or Path(_dirs().user_state_dir)


def user_cache_dir() -> Path:
    return _override("cache") or Path(_dirs().user_cache_dir)


def unit_cache_dir() -> Path:
    """pint's parsed unit definitions (`core.units.set_cache_folder`)."""
    return user_cache_dir() / "pint"


def recovery_dir() -> Path:
    """Autosaved copies of modified documents, restored after a crash."""
    return user_state_dir() / "recovery"


def log_dir() -> Path:
    return user_state_dir() / "log"


def user_cell_dir() -> Path:
    return user_data_dir() / "cells"


def user_target_dir() -> Path:
    return user_data_dir() / "targets"
