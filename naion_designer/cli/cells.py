"""`naion cells list|show` and `naion new`."""

from __future__ import annotations

import sys
from typing import Any

from .common import Parser, UsageError, print_json, table


def register(sub) -> None:
    cells = sub.add_parser("cells", help="the cell library")
    csub = cells.add_subparsers(dest="cells_command", metavar="SUB", parser_class=Parser)
    p = csub.add_parser("list", help="list the library's cells")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_cells_list)
    p = csub.add_parser("show", help="every field of one cell")
    p.add_argument("cell", metavar="CELL", help="a library id or a cell file path")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_cells_show)
    from .fit import register_cells

    register_cells(csub)

    def _missing(_args):
        raise UsageError(f"{cells.prog}: a subcommand is required (see '{cells.prog} --help')")

    cells.set_defaults(func=_missing)

    p = sub.add_parser("new", help="write a new design file")
    p.add_argument("--cell", required=True, metavar="CELL")
    p.add_argument("--series", required=True, metavar="S")
    p.add_argument("--parallel", required=True, metavar="P")
    p.add_argument("--name", metavar="NAME")
    p.add_argument("--application", default="generic", metavar="CLASS",
                   help="seed the overheads (BMS, busbars, enclosure) of this application "
                        "class: generic (default, 20 %% of the cell mass), vehicle, two-wheeler, "
                        "stationary, industrial, portable, or none")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.set_defaults(func=cmd_new)


def cell_summary(cell) -> dict[str, Any]:
    from ..io.cell_file import cell_to_dict

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
    from ..io.library import library

    lib = library()
    cells = [lib.cells[i] for i in lib.ids()]
    for problem in lib.problems:
        print(f"warning: skipped a user cell file: {problem}", file=sys.stderr)
    if args.json:
        print_json([cell_summary(c) for c in cells])
        return 0
    rows = [[c.id, c.maker, c.model, c.form_factor, c.chemistry, f"{c.nominal_voltage:.2f}",
             f"{c.capacity / 3600:g}", f"{c.mass * 1000:.0f}",
             "yes" if c.estimated else ""] for c in cells]
    sys.stdout.write(table(rows, ["id", "maker", "model", "format", "chemistry", "V", "Ah", "g",
                                  "estimates"], "lllllrrrl"))
    return 0


def cmd_cells_show(args) -> int:
    from ..io.cell_file import cell_to_dict
    from ..io.library import resolve_cell

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


def cmd_new(args) -> int:
    from ..core.overheads import default_overheads, mass_fraction
    from ..core.units import parse_count
    from ..io.design_file import new_design, write_design_file

    s = parse_count(args.series, "--series")
    p = parse_count(args.parallel, "--parallel")
    design = new_design(args.cell, s, p, args.name)
    design = design.evolve(overheads=default_overheads(args.application))
    write_design_file(design, args.output)
    share = mass_fraction(args.application)
    print(f"wrote {args.output}: {design.name} ({design.series}S{design.parallel}P, "
          f"{design.cell_count} cells of {design.cell.id}); overheads: "
          + (f"{share * 100:.0f} % of the cell mass ({args.application} defaults, edit them in "
             "the file's \"overheads\")" if share else "none"))
    return 0
