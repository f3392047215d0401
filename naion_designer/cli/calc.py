"""`naion calc`: the steady-state figures of a design, with the limits they break."""

from __future__ import annotations

import sys
from typing import Any

from .common import add_pack_source, load_pack_source, print_json, table


def register(sub) -> None:
    p = sub.add_parser("calc", help="steady-state estimates of a design")
    add_pack_source(p)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_calc)


def calc_json(design, results) -> dict[str, Any]:
    """The contract's calc object, plus `violations` (result name -> the limit it breaks) and
    `warnings` (input field -> why its value makes the results implausible)."""
    from ..core.limits import violations, warnings
    from ..core.results import results_to_json

    return {"name": design.name, "cell": design.cell.id, "series": design.series,
            "parallel": design.parallel, "cell_count": design.cell_count,
            "topology": design.topology, "results": results_to_json(results),
            "violations": violations(design, results),
            "warnings": [{"field": f, "message": m} for f, m in warnings(design, results)]}


def format_results(design, results) -> str:
    from ..core.limits import violations
    from ..core.results import RESULT_DEFS, display

    broken = violations(design, results)
    lines = [f"{design.name}: {design.series}S{design.parallel}P of {design.cell.id} "
             f"({design.cell_count} cells, {design.topology})"]
    est = " (cell figures marked estimated: " + ", ".join(design.cell.estimated) + ")" \
        if design.cell.estimated else ""
    groups: dict[str, list[list[str]]] = {}
    for name, q in results.items():
        d = RESULT_DEFS.get(name)
        num, unit = display(name, q)
        groups.setdefault(d.group if d else "other", []).append(
            [d.label if d else name, num, unit, "  (!)" if name in broken else ""])
    for g in ("electrical", "thermal", "mechanical", "cost", "other"):
        if g in groups:
            lines.append("")
            lines.append(g.capitalize())
            lines.append(table(groups[g], align="lrll").rstrip("\n"))
    if broken:
        lines.append("")
        lines.append("Limits exceeded (!)")
        for name, why in broken.items():
            d = RESULT_DEFS.get(name)
            lines.append(f"  {d.label if d else name}: {why}")
    if est:
        lines.append("")
        lines.append(est.strip())
    return "\n".join(lines) + "\n"


def cmd_calc(args) -> int:
    from ..core.electrical import calculate
    from ..core.limits import warnings
    from ..io.design_file import design_notes

    design = load_pack_source(args)
    results = calculate(design)
    for field, message in warnings(design, results):
        print(f"warning: {field}: {message}", file=sys.stderr)
    notes = design_notes(design)
    if args.json:
        print_json({**calc_json(design, results), "notes": notes})
    else:
        sys.stdout.write(format_results(design, results))
        if notes:
            sys.stdout.write("\nNotes\n" + "".join(f"  {n}\n" for n in notes))
    return 0
