"""NaIon Designer: sodium-ion battery pack design.

`naion_designer.core` is the Qt-free domain (cells, packs, layout, electrical, thermal,
simulation, sizing), `naion_designer.io` reads and writes files, `naion_designer.report` makes
PDFs, `naion_designer.cli` is the `naion` command, and only `naion_designer.gui` imports Qt.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
