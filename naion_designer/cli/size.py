"""`naion size`: the best designs of the library for a target, with the reasons."""

from __future__ import annotations

import math
import sys

from .common import print_json, table
from .targets import candidate_json


def register(sub) -> None:
    p = sub.add_parser("size", help="automatic sizing: the best designs for a target",
                       description="Search every library cell x series x parallel count against "
                                   "a target and print the best designs, each re-checked with "
                                   "calc, with the reasons they pass or fail.")
    p.add_argument("--target", required=True, metavar="TARGET",
                   help="a preset id (see 'naion targets list') or a target file")
    p.add_argument("--top", default="10", metavar="N", help="how many designs (default 10)")
    p.add_argument("--objective", default="cost", metavar="OBJ",
                   help="cost (default), mass, volume or energy_margin")
    p.add_argument("--cell", action="append", metavar="CELL",
                   help="search only these cells (repeatable; library ids or cell files)")
    p.add_argument("--per-cell", default="1", metavar="K",
                   help="at most K designs of one cell before others (default 1)")
    p.add_argument("--pareto", action="store_true",
                   help="also print the Pareto front of mass vs cost")
    p.add_argument("--duty-cycle", action="store_true",
                   help="also simulate the target's duty cycle on the designs found (slower)")
    p.add_argument("--save", metavar="DIR",
                   help="write each design found as DIR/NN-<cell>-<S>s<P>p.naion")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_size)


def _cells(args):
    from ..io.library import library, resolve_cell

    if args.cell:
        return [resolve_cell(c) for c in args.cell]
    lib = library()
    for problem in lib.problems:
        print(f"warning: skipped a user cell file: {problem}", file=sys.stderr)
    return [lib.cells[i] for i in lib.ids()]


def cmd_size(args) -> int:
    from ..core.sizing import OBJECTIVES, size
    from ..core.units import InputError, parse_count
    from ..io.target_file import duty_cycle_profile, load_target

    top = parse_count(args.top, "--top")
    per_cell = parse_count(args.per_cell, "--per-cell")
    if args.objective not in OBJECTIVES:
        raise InputError("--objective", f"expected one of {', '.join(OBJECTIVES)}, got "
                                        f"'{args.objective}'")
    target = load_target(args.target)
    cells = _cells(args)
    if not cells:
        raise InputError("--cell", "no cells to search (the library is empty)")
    res = size(target, cells, top=top, objective=args.objective, per_cell=per_cell,
               pareto=args.pareto or args.json,
               duty_cycle=(lambda d: duty_cycle_profile(target, d)) if args.duty_cycle else None)
    saved = _save_candidates(res.candidates, args.save) if args.save else []
    if args.json:
        objs = [candidate_json(c) for c in res.candidates]
        for obj, path in zip(objs, saved, strict=False):
            obj["file"] = path
        print_json(objs)
        return 0
    n_pass = sum(1 for c in res.candidates if c.passes)
    print(f"{target.id}: {target.name}")
    print(f"searched {len(cells)} cells, {res.evaluated:,} S × P combinations in "
          f"{res.elapsed * 1e3:.0f} ms; objective: {OBJECTIVES[args.objective]}")
    rows = []
    for k, c in enumerate(res.candidates, 1):
        r = c.results
        cost = (f"{r.value('cell_cost'):,.0f} {r['cell_cost'].unit}" if "cell_cost" in r
                else "–")
        usable = next((x.value for x in c.checks if x.name == "usable_energy"), math.nan)
        rows.append([str(k), "pass" if c.passes else "FAIL", c.cell_id,
                     f"{c.series}S{c.parallel}P", f"{r.value('nominal_voltage'):.1f} V",
                     f"{usable:.3g} kWh", f"{r.value('mass'):.4g} kg", cost])
    if rows:
        sys.stdout.write(table(rows, ["#", "", "cell", "S×P", "nominal", "usable in window", "mass",
                                      "cell cost"], "rllrrrrr"))
    print()
    for k, c in enumerate(res.candidates, 1):
        print(f"{k}. {c.cell_id} {c.series}S{c.parallel}P: "
              + ("passes" if c.passes else "fails"))
        for reason in c.reasons:
            print(f"   - {reason}")
    if args.pareto and res.pareto:
        print()
        a, b = res.pareto_axes
        print(f"Pareto front ({a} vs {b}):")
        prow = []
        for c in res.pareto:
            r = c.results
            second = (f"{r.value('cell_cost'):,.0f} {r['cell_cost'].unit}" if b == "cost" and
                      "cell_cost" in r else f"{r.value('volume') * 1e3:.4g} L")
            prow.append([c.cell_id, f"{c.series}S{c.parallel}P", f"{r.value('mass'):.4g} kg",
                         second])
        sys.stdout.write(table(prow, ["cell", "S×P", "mass", b], "llrr"))
    rejected = {k: v for k, v in res.rejected_reasons.items() if v}
    if rejected:
        print()
        print("cells with no passing design:")
        for cid, why in rejected.items():
            print(f"  {cid}: {why}")
    if n_pass == 0:
        print()
        print("no library cell meets every requirement of this target (see the reasons above)")
    if saved:
        print()
        print(f"wrote {len(saved)} design files to {args.save}")
    return 0


def _save_candidates(candidates, folder: str) -> list[str]:
    from pathlib import Path

    from ..core.units import InputError
    from ..io.design_file import write_design_file

    out = Path(folder)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError("--save", f"cannot create the folder {folder} ({exc.strerror})") \
            from None
    paths = []
    for k, c in enumerate(candidates, 1):
        path = out / f"{k:02d}-{c.cell_id}-{c.series}s{c.parallel}p.naion"
        write_design_file(c.design, path)
        paths.append(str(path))
    return paths
