"""`naion targets list|show`, `naion size` and `naion compare` (issue 5).

Only argparse-level code at import: numpy, pint and the core are imported inside the handlers so
that `naion --help` stays fast.
"""

from __future__ import annotations

import math
import sys
from typing import Any


def register(sub) -> None:
    from .cli import Parser

    targets = sub.add_parser("targets", help="application targets (presets and your own)")
    tsub = targets.add_subparsers(dest="targets_command", metavar="SUB", parser_class=Parser)
    p = tsub.add_parser("list", help="list the application targets")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_targets_list)
    p = tsub.add_parser("show", help="every requirement of one target")
    p.add_argument("target", metavar="TARGET", help="a preset id or a target file")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_targets_show)

    def _missing(_args):
        from .cli import UsageError

        raise UsageError(f"{targets.prog}: a subcommand is required (see "
                         f"'{targets.prog} --help')")

    p = tsub.add_parser("check", help="check designs against a target",
                        description="Every requirement of the target checked on each design, "
                                    "with pass/fail, value, required, margin and the reason.")
    p.add_argument("designs", nargs="+", metavar="DESIGN", help="design files (.naion)")
    p.add_argument("--target", metavar="TARGET",
                   help="a preset id or a target file (default: the design's own target)")
    p.add_argument("--duty-cycle", action="store_true",
                   help="also simulate the target's duty cycle (slower)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_targets_check)
    targets.set_defaults(func=_missing)

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

    p = sub.add_parser("compare", help="designs side by side")
    p.add_argument("designs", nargs="+", metavar="DESIGN", help="design files (.naion)")
    p.add_argument("--target", metavar="TARGET",
                   help="also check every design against this target")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("-o", "--output", metavar="OUT.pdf", help="write a PDF comparison")
    p.set_defaults(func=cmd_compare)


# --- helpers ------------------------------------------------------------------------------------
def _q(value: float, unit: str) -> dict[str, Any]:
    return {"value": round(value, 10), "unit": unit}


def target_json(t) -> dict[str, Any]:
    """A target as JSON: quantities as {"value", "unit"} objects."""
    from .core.units import to_unit

    def q(v, kind, unit):
        return None if v is None else _q(to_unit(v, kind, unit), unit)

    nlo, nhi = t.nominal_window
    return {
        "id": t.id, "name": t.name, "application": t.application,
        "description": t.description, "source": t.source,
        "origin": t.origin or "preset",
        "voltage_min": q(t.voltage_min, "voltage", "V"),
        "voltage_max": q(t.voltage_max, "voltage", "V"),
        "nominal_min": q(nlo, "voltage", "V"), "nominal_max": q(nhi, "voltage", "V"),
        "incumbent": t.incumbent, "min_usable_fraction": t.min_usable_fraction,
        "full_range": t.full_range,
        "usable_energy": q(t.usable_energy, "energy", "kW*h"),
        "energy_at_end_of_life": q(t.energy_at_end_of_life, "energy", "kW*h"),
        "continuous_power": q(t.continuous_power, "power", "kW"),
        "peak_power": q(t.peak_power, "power", "kW"),
        "peak_duration": q(t.peak_duration, "time", "s"),
        "charge_power": q(t.charge_power, "power", "kW"),
        "temperature_min": q(t.temperature_min, "temperature", "degC"),
        "temperature_max": q(t.temperature_max, "temperature", "degC"),
        "charge_temperature_min": q(t.charge_min_temperature, "temperature", "degC"),
        "charge_temperature_max": q(t.charge_max_temperature, "temperature", "degC"),
        "coldest_energy": q(t.coldest_energy, "energy", "kW*h"),
        "coldest_power": q(t.coldest_power, "power", "kW"),
        "max_mass": q(t.max_mass, "mass", "kg"),
        "max_length": q(t.max_length, "length", "mm"),
        "max_width": q(t.max_width, "length", "mm"),
        "max_height": q(t.max_height, "length", "mm"),
        "max_volume": q(t.max_volume, "volume", "L"),
        "overhead_mass_fraction": t.overhead_mass_fraction,
        "overhead_volume_fraction": t.overhead_volume_fraction,
        "cycle_life": t.cycle_life,
        "budget": [{"value": a, "unit": c} for a, c in t.budget],
        "duty_cycle": t.duty_cycle or None,
    }


def check_json(c) -> dict[str, Any]:
    def num(v):
        return None if v is None or (isinstance(v, float) and not math.isfinite(v)) else v

    return {"name": c.name, "label": c.label, "passed": c.passed, "verified": c.verified,
            "value": num(c.value), "required": num(c.required), "margin": num(c.margin),
            "unit": c.unit, "reason": c.reason}


def candidate_json(c) -> dict[str, Any]:
    from .cli import calc_json

    d = calc_json(c.design, c.results)
    d["passes"] = bool(c.passes)
    d["reasons"] = list(c.reasons)
    d["checks"] = [check_json(k) for k in c.checks]
    d["pareto"] = bool(c.pareto)
    d["layout"] = {"groups_per_row": c.design.layout.groups_per_row,
                   "rotation": c.design.layout.rotation}
    return d


# --- targets ------------------------------------------------------------------------------------
def cmd_targets_list(args) -> int:
    from .cli import print_json, table
    from .core.targets import presets

    all_t = presets()
    if args.json:
        print_json([target_json(t) for t in all_t.values()])
        return 0
    rows = []
    for t in all_t.values():
        rows.append([t.id, t.name[:44], f"{t.voltage_min:g}–{t.voltage_max:g} V",
                     f"{t.usable_energy / 3.6e6:.4g} kWh",
                     "" if t.continuous_power is None else f"{t.continuous_power / 1e3:.4g} kW",
                     f"{t.temperature_min - 273.15:.0f}…{t.temperature_max - 273.15:.0f} °C",
                     "drop-in" if t.incumbent else ""])
    sys.stdout.write(table(rows, ["id", "name", "window", "usable", "power", "ambient", ""],
                           "llrrrrl"))
    return 0


def cmd_targets_show(args) -> int:
    from .cli import print_json, table
    from .core.targets import describe_target, load_target

    t = load_target(args.target)
    if args.json:
        print_json(target_json(t))
        return 0
    print(f"{t.id}: {t.name}")
    if t.description:
        print(t.description)
    sys.stdout.write(table([list(r) for r in describe_target(t)]))
    if t.source:
        print(f"source: {t.source}")
    print(f"file: {t.origin}" if t.origin not in ("", "preset") else "file: bundled preset")
    return 0


def cmd_targets_check(args) -> int:
    from .cli import print_json, table
    from .core.electrical import calculate
    from .core.targets import check_design, load_target, margin_text
    from .core.units import InputError
    from .io.design_file import read_design_file

    out = []
    all_ok = True
    for path in args.designs:
        design = read_design_file(path)
        ref = args.target or design.target
        if not ref:
            raise InputError("--target", f"{path} names no target: give --target TARGET")
        target = load_target(ref)
        results = calculate(design)
        checks = check_design(design, target, results, duty_cycle=args.duty_cycle)
        ok = all(c.passed for c in checks)
        all_ok &= ok
        out.append((path, design, target, results, checks, ok))
    if args.json:
        from .cli import calc_json

        objs = []
        for _path, design, target, results, checks, ok in out:
            obj = calc_json(design, results)
            obj.update({"target": target.id, "passes": ok,
                        "checks": [check_json(c) for c in checks],
                        "reasons": [c.reason for c in checks if not c.passed]})
            objs.append(obj)
        print_json(objs)
        return 0
    for path, design, target, _results, checks, ok in out:
        print(f"{path}: {design.name} against {target.id}: "
              + ("passes" if ok else f"fails {sum(not c.passed for c in checks)} of "
                                     f"{len(checks)} requirements"))
        rows = []
        for c in checks:
            badge = "PASS" if c.passed and c.verified else "FAIL" if not c.passed else "n/v"
            rows.append([badge, c.label, _fmt_value(c.value, c.unit),
                         _fmt_value(c.required, c.unit),
                         margin_text(c)])
        sys.stdout.write(table(rows, ["", "requirement", "design", "required", "margin"],
                               "llrrr"))
        for c in checks:
            if not c.passed or not c.verified:
                print(f"  - {c.label}: {c.reason}")
        print()
    return 0


def _fmt_value(v, unit: str) -> str:
    from .core.results import pretty_unit

    if v is None or not math.isfinite(v):
        return "–"
    return f"{v:.4g} {pretty_unit(unit)}".strip()


# --- size ---------------------------------------------------------------------------------------
def _cells(args):
    from .io.library import library, resolve_cell

    if args.cell:
        return [resolve_cell(c) for c in args.cell]
    lib = library()
    for problem in lib.problems:
        print(f"warning: skipped a user cell file: {problem}", file=sys.stderr)
    return [lib.cells[i] for i in lib.ids()]


def cmd_size(args) -> int:
    from .cli import print_json, table
    from .core.sizing import OBJECTIVES, size
    from .core.targets import load_target
    from .core.units import InputError, parse_count

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
               pareto=args.pareto or args.json, duty_cycle=args.duty_cycle)
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
        sys.stdout.write(table(rows, ["#", "", "cell", "S×P", "nominal", "usable", "mass",
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

    from .core.units import InputError
    from .io.design_file import write_design_file

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


# --- compare ------------------------------------------------------------------------------------
COMPARE_ROWS = ("nominal_voltage", "min_voltage", "max_voltage", "capacity", "energy",
                "usable_energy", "resistance", "max_continuous_discharge_current",
                "max_continuous_discharge_power", "max_continuous_charge_current",
                "heat_at_max_continuous_discharge", "cell_count", "mass", "length", "width",
                "height", "volume", "specific_energy", "energy_density", "cell_cost",
                "cost_per_energy")


def cmd_compare(args) -> int:
    from .cli import calc_json, print_json, table
    from .core.electrical import calculate
    from .core.results import RESULT_DEFS, display
    from .core.units import InputError
    from .io.design_file import read_design_file

    designs = [read_design_file(p) for p in args.designs]
    results = [calculate(d) for d in designs]
    target = None
    checks = None
    if args.target:
        from .core.targets import check_design, load_target

        target = load_target(args.target)
        checks = [check_design(d, target, r) for d, r in zip(designs, results, strict=True)]
    if args.output:
        try:
            from .report.comparison import write_comparison
        except ImportError:
            raise InputError("-o", "PDF comparison is not available") from None
        write_comparison(designs, args.output)
    if args.json:
        out = []
        for k, (d, r) in enumerate(zip(designs, results, strict=True)):
            obj = calc_json(d, r)
            if checks is not None:
                obj["target"] = target.id
                obj["passes"] = all(c.passed for c in checks[k])
                obj["checks"] = [check_json(c) for c in checks[k]]
            out.append(obj)
        print_json(out)
        return 0
    names = [f"{i + 1}: {d.name[:28]}" for i, d in enumerate(designs)]
    rows = [["cell", *[d.cell.id for d in designs], ""],
            ["S × P", *[f"{d.series}S{d.parallel}P" for d in designs], ""]]
    for name in COMPARE_ROWS:
        if not any(name in r for r in results):
            continue
        d = RESULT_DEFS[name]
        vals, unit = [], ""
        for r in results:
            if name in r:
                num, unit = display(name, r[name])
                vals.append(num)
            else:
                vals.append("–")
        best = _best_index(name, results)
        if best is not None and len(designs) > 1:
            vals[best] = "*" + vals[best]
        rows.append([f"{d.label} ({unit})" if unit else d.label, *vals, ""])
    if checks is not None:
        rows.append([f"passes {target.id}",
                     *["yes" if all(c.passed for c in cs) else "no" for cs in checks], ""])
    header = ["", *names, ""]
    sys.stdout.write(table([r[:-1] for r in rows], header[:-1], "l" + "r" * len(designs)))
    if len(designs) > 1:
        print("* best of the row")
    if checks is not None:
        for d, cs in zip(designs, checks, strict=True):
            failed = [c for c in cs if not c.passed]
            if failed:
                print(f"{d.name}: fails " + "; ".join(f"{c.label.lower()}: {c.reason}"
                                                      for c in failed))
    if args.output:
        print(f"wrote {args.output}")
    return 0


# Which way is better for a row (True: higher is better); rows not listed have no "best".
BETTER_HIGH = {"capacity": True, "energy": True, "usable_energy": True,
               "max_continuous_discharge_current": True, "max_continuous_discharge_power": True,
               "max_continuous_charge_current": True, "specific_energy": True,
               "energy_density": True, "resistance": False, "mass": False, "volume": False,
               "heat_at_max_continuous_discharge": False, "cell_cost": False,
               "cost_per_energy": False}


def _best_index(name: str, results) -> int | None:
    if name not in BETTER_HIGH:
        return None
    vals = [(r[name].value, i) for i, r in enumerate(results) if name in r]
    if name in ("cell_cost", "cost_per_energy"):
        units = {r[name].unit for r in results if name in r}
        if len(units) > 1:
            return None  # different currencies: no best without exchange rates
    if len(vals) < 2:
        return None
    pick = max if BETTER_HIGH[name] else min
    v, i = pick(vals)
    if all(abs(x - v) <= 1e-12 * max(abs(v), 1) for x, _ in vals):
        return None  # all equal
    return i
