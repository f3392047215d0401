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


def version_action(prog: str):
    """An argparse action for `--version` that prints "<prog> <version>" and reads the package
    metadata only when the option is given (the command line and the app share it)."""
    import argparse
    import sys

    class VersionAction(argparse.Action):
        def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS,
                     help="show program's version number and exit"):
            super().__init__(option_strings=option_strings, dest=dest, default=default,
                             nargs=0, help=help)

        def __call__(self, parser, namespace, values, option_string=None):
            parser._print_message(f"{prog} {_version()}\n", sys.stdout)
            parser.exit()

    return VersionAction
