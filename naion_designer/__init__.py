"""NaIon Designer: sodium-ion battery pack design.

`naion_designer.core` is the Qt-free domain (cells, packs, layout, electrical, thermal,
simulation, sizing), `naion_designer.io` reads and writes files, `naion_designer.report` makes
PDFs, `naion_designer.cli` is the `naion` command, and only `naion_designer.gui` imports Qt.
"""

from __future__ import annotations

from functools import cache

__all__ = ["__version__"]


@cache
def _version() -> str:
    # the one place the version is written is pyproject.toml; the installed metadata carries it
    # (the PyInstaller bundle copies that metadata in).  importlib.metadata costs ~45 ms to
    # import, so it is read when the version is first asked for, not on every start.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("naion-designer")
    except PackageNotFoundError:  # a source tree that was never installed
        return "0+unknown"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return _version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
