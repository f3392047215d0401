"""Where the bundled `cell_library/`, `resources/` and `examples/` are: a checkout, an installed
wheel (mapped into the package as `naion_designer/_data/`) or a frozen PyInstaller bundle."""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

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


def user_data_dir() -> Path:
    """The user's own folder (user cells, targets).  NAION_USER_DIR redirects it (tests)."""
    env = os.environ.get("NAION_USER_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(Path.home(), ".local", "share")
    if sys.platform == "win32":
        base = os.environ.get("APPDATA", base)
    elif sys.platform == "darwin":
        base = os.path.join(Path.home(), "Library", "Application Support")
    return Path(base) / "NaIon Designer"


def user_cell_dir() -> Path:
    return user_data_dir() / "cells"
