"""`naion`: the command line that integrators script against (see CONTRACT.md and the README).

Import time matters (`naion --help` should start in well under 0.3 s): only argparse is imported
here; the core, numpy and pint are imported by the command that needs them.  Qt, pyqtgraph and
reportlab are never imported on this path except by `report`/`compare -o`.

Bad input of any kind exits 2 with one line on stderr that starts with `error: `.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from typing import Any

# Modules that add their own subcommands: each has register(subparsers, common).
EXTENSIONS = ("naion_designer.cli_simulate", "naion_designer.cli_targets",
              "naion_designer.cli_report", "naion_designer.cli_life")


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2, no usage dump
        raise UsageError(f"{self.prog}: {message}")


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("naion-designer")
    except Exception:  # not installed (running from a checkout)
        return "0.1.0"


def add_pack_source(p: argparse.ArgumentParser) -> None:
    """DESIGN or --cell/--series/--parallel, as calc and simulate take them."""
    p.add_argument("design", nargs="?", metavar="DESIGN", help="a design file (.naion)")
    p.add_argument("--cell", metavar="CELL", help="a library id or a cell file path")
    p.add_argument("--series", metavar="S", help="cells in series")
    p.add_argument("--parallel", metavar="P", help="cells in parallel")


def load_pack_source(args: argparse.Namespace):
    """The PackDesign that DESIGN or --cell/--series/--parallel describe."""
    from .core.units import InputError, parse_count
    from .io.design_file import new_design, read_design_file

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


# --- cells ------------------------------------------------------------------------------------
def cell_summary(cell) -> dict[str, Any]:
    from .io.cell_file import cell_to_dict

    d = cell_to_dict(cell)
    return {
        "id": cell.id, "maker": cell.maker, "model": cell.model,
        "form_factor": cell.form_factor, "cathode": cell.cathode, "anode": cell.anode,
        "chemistry": cell.chemistry,
        "nominal_voltage": {"value": cell.nominal_voltage, "unit": "V"},
        "capacity": {"value": round(cell.capacity / 3600, 9), "unit": "A*h"},
        "max_voltage": {"value": cell.max_voltage, "unit": "V"},
        "min_voltage": {"value": cell.min_voltage, "unit": "V"},
        "mass": {"value": cell.mass, "unit": "kg"},
        "source": cell.source, "estimated": list(cell.estimated),
        "confidence": d.get("confidence", ""),
        "origin": cell.origin or "library",
    }


def cmd_cells_list(args) -> int:
    from .io.library import library

    lib = library()
    cells = [lib.cells[i] for i in lib.ids()]
    for problem in lib.problems:
        print(f"warning: skipped a user cell file: {problem}", file=sys.stderr)
    if args.json:
        print_json([cell_summary(c) for c in cells])
        return 0
    rows = [[c.id, c.maker[:28], c.model[:26], c.form_factor, c.chemistry,
             f"{c.nominal_voltage:.2f}", f"{c.capacity / 3600:g}", f"{c.mass * 1000:.0f}",
             "est." if c.estimated else ""] for c in cells]
    sys.stdout.write(table(rows, ["id", "maker", "model", "format", "chemistry", "V", "Ah", "g",
                                  ""], "lllllrrrl"))
    return 0


def cmd_cells_show(args) -> int:
    from .io.cell_file import cell_to_dict
    from .io.library import resolve_cell

    cell = resolve_cell(args.cell)
    d = cell_to_dict(cell)
    d.pop("format", None)
    d.pop("version", None)
    if args.json:
        out = cell_summary(cell)
        out.update({k: v for k, v in d.items() if k not in out})
        out["fields"] = d
        print_json(out)
        return 0
    est = set(cell.estimated)
    rows = []
    for k, v in d.items():
        if isinstance(v, (dict, list)) and k not in ("charge_temperature",
                                                      "discharge_temperature", "estimated"):
            continue
        text = ", ".join(map(str, v)) if isinstance(v, list) else str(v)
        rows.append([k, text[:90], "estimated" if k in est else ""])
    sys.stdout.write(table(rows, ["field", "value", ""]))
    if cell.ocv is not None:
        pts = ", ".join(f"{s:g}:{v:.3f}" for s, v in zip(cell.ocv.x, cell.ocv.y, strict=True))
        print(f"ocv (SOC:V): {pts}")
    else:
        print("ocv: none (this cell has no time-domain model)")
    for i, rc in enumerate(cell.rc):
        print(f"rc[{i}]: {rc.resistance * 1e3:.4g} mΩ, {rc.capacitance:.6g} F "
              f"(τ = {rc.tau:.4g} s)")
    return 0


# --- new / calc ---------------------------------------------------------------------------------
def cmd_new(args) -> int:
    from .core.units import parse_count
    from .io.design_file import new_design, write_design_file

    s = parse_count(args.series, "--series")
    p = parse_count(args.parallel, "--parallel")
    design = new_design(args.cell, s, p, args.name)
    write_design_file(design, args.output)
    print(f"wrote {args.output}: {design.name} ({design.series}S{design.parallel}P, "
          f"{design.cell_count} cells of {design.cell.id})")
    return 0


def calc_json(design, results) -> dict[str, Any]:
    from .core.results import results_to_json

    return {"name": design.name, "cell": design.cell.id, "series": design.series,
            "parallel": design.parallel, "cell_count": design.cell_count,
            "topology": design.topology, "results": results_to_json(results)}


def format_results(design, results) -> str:
    from .core.results import RESULT_DEFS, display

    lines = [f"{design.name}: {design.series}S{design.parallel}P of {design.cell.id} "
             f"({design.cell_count} cells, {design.topology})"]
    est = " (cell figures marked estimated: " + ", ".join(design.cell.estimated) + ")" \
        if design.cell.estimated else ""
    groups: dict[str, list[list[str]]] = {}
    for name, q in results.items():
        d = RESULT_DEFS.get(name)
        num, unit = display(name, q)
        groups.setdefault(d.group if d else "other", []).append(
            [d.label if d else name, num, unit])
    for g in ("electrical", "thermal", "mechanical", "cost", "other"):
        if g in groups:
            lines.append("")
            lines.append(g.capitalize())
            lines.append(table(groups[g], align="lrl").rstrip("\n"))
    if est:
        lines.append("")
        lines.append(est.strip())
    return "\n".join(lines) + "\n"


def cmd_calc(args) -> int:
    from .core.electrical import calculate

    design = load_pack_source(args)
    results = calculate(design)
    if args.json:
        print_json(calc_json(design, results))
    else:
        sys.stdout.write(format_results(design, results))
    return 0


# --- parser -------------------------------------------------------------------------------------
def build_parser() -> Parser:
    parser = Parser(prog="naion", description="NaIon Designer: sodium-ion battery pack design "
                                              "from the command line.")
    parser.add_argument("--version", action="version", version=f"naion {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    cells = sub.add_parser("cells", help="the cell library")
    csub = cells.add_subparsers(dest="cells_command", metavar="SUB", parser_class=Parser)
    p = csub.add_parser("list", help="list the library's cells")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_cells_list)
    p = csub.add_parser("show", help="every field of one cell")
    p.add_argument("cell", metavar="CELL", help="a library id or a cell file path")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_cells_show)
    cells.set_defaults(func=lambda a: _missing_sub(cells))

    p = sub.add_parser("new", help="write a new design file")
    p.add_argument("--cell", required=True, metavar="CELL")
    p.add_argument("--series", required=True, metavar="S")
    p.add_argument("--parallel", required=True, metavar="P")
    p.add_argument("--name", metavar="NAME")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("calc", help="steady-state estimates of a design")
    add_pack_source(p)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_calc)

    for modname in EXTENSIONS:
        try:
            mod = importlib.import_module(modname)
        except ModuleNotFoundError as exc:
            if exc.name == modname:
                continue
            raise
        mod.register(sub)
    return parser


def _missing_sub(parser: argparse.ArgumentParser) -> int:
    raise UsageError(f"{parser.prog}: a subcommand is required (see '{parser.prog} --help')")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.print_help()
            return 2
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
        from .core.units import InputError

        if isinstance(exc, InputError):
            print(f"error: {exc}", file=sys.stderr)
            return 2
        if os.environ.get("NAION_DEBUG"):
            raise
        print(f"error: internal error ({type(exc).__name__}: {exc}); set NAION_DEBUG=1 for "
              "details and please report it", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
