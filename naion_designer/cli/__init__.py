"""`naion`: the command line that integrators script against (the contract: see the README).

One module per command group (`cells` with `fit`, `calc`, `simulate`, `life`, `layout`,
`targets`, `size`, `compare`, `report`); `common` holds what they share.  Import time matters (`naion --help`
should start in well under 0.3 s): only argparse is imported here; the core, numpy and pint are
imported by the command that needs them.  Qt and pyqtgraph are never imported on this path, and
reportlab only by `report`/`compare -o`.

Bad input of any kind exits 2 with one line on stderr that starts with `error: `; a core error
names its parameter in domain terms (`dt`) and is shown with the flag (`--dt`).
"""

from __future__ import annotations

import os
import sys

from .. import version_action
from . import calc, cells, compare, layout, life, report, simulate, size, targets
from .calc import calc_json, format_results
from .common import (
    Parser,
    UsageError,
    add_pack_source,
    flag_for,
    join_negative_values,
    load_pack_source,
    print_json,
    table,
)

__all__ = ["main", "build_parser", "Parser", "UsageError", "add_pack_source",
           "load_pack_source", "print_json", "table", "calc_json", "format_results"]

COMMANDS = (cells, calc, simulate, life, layout, targets, size, compare, report)
# commands whose work takes milliseconds (their solves run on one BLAS thread anyway): the pool
# of threads OpenBLAS starts at numpy's import costs them ~0.1 s of CPU and brings nothing
ONE_BLAS_THREAD = frozenset({"calc", "cells", "targets", "layout"})


def build_parser() -> Parser:
    parser = Parser(prog="naion", description="NaIon Designer: sodium-ion battery pack design "
                                              "from the command line.")
    parser.add_argument("--version", action=version_action("naion"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for mod in COMMANDS:
        mod.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    from ..core.units import set_cache_folder
    from ..io.paths import unit_cache_dir

    set_cache_folder(unit_cache_dir)
    try:
        parser = build_parser()
        args = parser.parse_args(join_negative_values(list(argv)))
        if not getattr(args, "func", None):
            parser.print_help()
            return 2
        if args.command in ONE_BLAS_THREAD and "numpy" not in sys.modules:
            os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
        return int(args.func(args) or 0)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the user sees one line, never a traceback
        from ..core.units import InputError

        if isinstance(exc, InputError):
            field = flag_for(exc.field)
            print(f"error: {field}: {exc.detail}" if field else f"error: {exc.detail}",
                  file=sys.stderr)
            return 2
        if os.environ.get("NAION_DEBUG"):
            raise
        print(f"error: internal error ({type(exc).__name__}: {exc}); set NAION_DEBUG=1 for "
              "details and please report it", file=sys.stderr)
        return 1
