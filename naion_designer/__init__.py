"""NaIon Designer: sodium-ion battery pack design.

`naion_designer.core` is the Qt-free domain (cells, packs, layout, electrical, thermal,
simulation, sizing), `naion_designer.io` reads and writes files, `naion_designer.report` makes
PDFs, `naion_designer.cli` is the `naion` command, and only `naion_designer.gui` imports Qt.
"""

from importlib.metadata import PackageNotFoundError, version

__all__ = ["__version__"]
try:
    # the one place the version is written is pyproject.toml; the installed metadata carries it
    # (the PyInstaller bundle copies that metadata in)
    __version__ = version("naion-designer")
except PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0+unknown"
