"""What every `naion` command shares: the parser class, the pack source (DESIGN or
--cell/--series/--parallel), tables, JSON output, and the mapping of core field names to flags.

Only the standard library at import time: `naion --help` must stay fast.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from typing import Any


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2, no usage dump
        raise UsageError(f"{self.prog}: {message}")


# Core and io errors name the parameter in domain terms; the command line shows its flag.
# (Only parameter names no file uses as a key: a design file's "series" stays "series".)
FLAGS = {
    "dt": "--dt", "soc0": "--soc0", "ambient": "--ambient", "profile": "--profile",
    "per_cell": "--per-cell", "objective": "--objective", "top": "--top",
    "application": "--application",
}


def flag_for(field: str) -> str:
    """The flag of a core field name ("dt" -> "--dt"); other fields (file keys) unchanged."""
    return FLAGS.get(field, field)


# Options whose value is a quantity that may start with a minus sign ("--ambient -20degC"):
# argparse would read "-20degC" as an option, so such a value is joined to its flag first.
QUANTITY_OPTIONS = ("--ambient", "--soc0", "--dt")
_NEGATIVE = re.compile(r"^-\d|^-\.\d")


def join_negative_values(argv: list[str]) -> list[str]:
    """["--ambient", "-20degC"] -> ["--ambient=-20degC"] for the quantity options."""
    out: list[str] = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--":
            out.extend(argv[i:])
            break
        if a in QUANTITY_OPTIONS and i + 1 < len(argv) and _NEGATIVE.match(argv[i + 1]):
            out.append(f"{a}={argv[i + 1]}")
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def add_pack_source(p: argparse.ArgumentParser) -> None:
    """DESIGN or --cell/--series/--parallel, as calc and simulate take them."""
    p.add_argument("design", nargs="?", metavar="DESIGN", help="a design file (.naion)")
    p.add_argument("--cell", metavar="CELL", help="a library id or a cell file path")
    p.add_argument("--series", metavar="S", help="cells in series")
    p.add_argument("--parallel", metavar="P", help="cells in parallel")


def load_pack_source(args: argparse.Namespace):
    """The PackDesign that DESIGN or --cell/--series/--parallel describe."""
    from ..core.units import InputError, parse_count
    from ..io.design_file import new_design, read_design_file

    if args.design and (args.cell or args.series or args.parallel):
        raise InputError("DESIGN", "give either a design file or --cell/--series/--parallel, "
                                   "not both")
    if args.design:
        return read_design_file(args.design)
    if not args.cell:
        raise InputError("DESIGN", "missing: give a design file or --cell, --series and "
                                   "--parallel")
    if args.series is None:
        raise InputError("--series", "missing (expected a whole number ≥ 1)")
    if args.parallel is None:
        raise InputError("--parallel", "missing (expected a whole number ≥ 1)")
    s = parse_count(args.series, "--series")
    p = parse_count(args.parallel, "--parallel")
    return new_design(args.cell, s, p)


def print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, indent=2, ensure_ascii=False) + "\n")


def table(rows: list[list[str]], header: list[str] | None = None,
          align: str | None = None) -> str:
    allrows = ([header] if header else []) + rows
    widths = [max(len(str(r[i])) for r in allrows) for i in range(len(allrows[0]))]
    align = align or "l" * len(widths)
    out = []
    for n, r in enumerate(allrows):
        cells = [str(c).rjust(w) if a == "r" else str(c).ljust(w)
                 for c, w, a in zip(r, widths, align, strict=False)]
        out.append("  ".join(cells).rstrip())
        if header and n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out) + "\n"
