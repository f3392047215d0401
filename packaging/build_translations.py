"""Compile the Qt Linguist sources resources/translations/*.ts into .qm files next to them with
pyside6-lrelease.  Run by `make translations` (and so by `make run`, `make test`, `make package`),
by the wheel's build hook (hatch_build.py) and by the PyInstaller spec.  The .qm files are build
output, not committed: the .ts files are the one source of the translations.

    python packaging/build_translations.py [--update]   # --update: refresh the .ts (lupdate) first
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "resources" / "translations"
GUI = ROOT / "naion_designer" / "gui"
SOURCES_EXCLUDED: set[str] = set()  # every GUI module's strings are in the catalogue


def tool(name: str) -> str:
    """pyside6-<name> on PATH, beside this Python, or inside the PySide6 package."""
    for candidate in (shutil.which(f"pyside6-{name}"),
                      Path(sys.executable).with_name(f"pyside6-{name}")):
        if candidate and Path(candidate).is_file():
            return str(candidate)
    try:
        import PySide6
    except ImportError:  # a third-party build tool, not our own module
        PySide6 = None
    if PySide6 is not None:
        exe = Path(PySide6.__file__).with_name(name)
        if exe.is_file():
            return str(exe)
    raise SystemExit(f"pyside6-{name} not found: install PySide6-Essentials (pip install -e .)")


def sources() -> list[str]:
    return sorted(str(p) for p in GUI.rglob("*.py") if p.name not in SOURCES_EXCLUDED)


def update() -> None:
    for ts in sorted(TS_DIR.glob("*.ts")):
        lang = ts.stem.split("_", 1)[1]
        subprocess.run([tool("lupdate"), "-no-obsolete", "-locations", "none",
                        "-source-language", "en", "-target-language", lang, *sources(),
                        "-ts", str(ts)], check=True)


def build() -> list[Path]:
    out = []
    for ts in sorted(TS_DIR.glob("*_*.ts")):
        if ts.stem.endswith("_en"):
            continue  # English is the source language: no catalogue needed
        qm = ts.with_suffix(".qm")
        subprocess.run([tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        out.append(qm)
    return out


if __name__ == "__main__":
    if "--update" in sys.argv[1:]:
        update()
    for qm in build():
        print(f"built {qm.relative_to(ROOT)}")
