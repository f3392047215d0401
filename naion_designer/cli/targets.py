"""`naion targets list|show|check`: the application targets and designs checked against them."""

from __future__ import annotations

import math
import sys
from typing import Any

from .calc import calc_json
from .common import Parser, UsageError, print_json, table


def register(sub) -> None:
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


def _q(value: float, unit: str) -> dict[str, Any]:
    return {"value": round(value, 10), "unit": unit}


def target_json(t) -> dict[str, Any]:
    """A target as JSON: quantities as {"value", "unit"} objects."""
    from ..core.units import to_unit

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
            "unit": c.unit, "reason": c.reason, "figure": c.figure, "basis": c.basis}


def candidate_json(c) -> dict[str, Any]:
    d = calc_json(c.design, c.results)
    d["passes"] = bool(c.passes)
    d["reasons"] = list(c.reasons)
    d["checks"] = [check_json(k) for k in c.checks]
    d["pareto"] = bool(c.pareto)
    d["layout"] = {"groups_per_row": c.design.layout.groups_per_row,
                   "rotation": c.design.layout.rotation}
    return d


def cmd_targets_list(args) -> int:
    from ..io.target_file import presets

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
    from ..core.targets import describe_target
    from ..io.target_file import load_target

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
    from ..core.checks import check_design, margin_text
    from ..core.electrical import calculate
    from ..core.units import InputError
    from ..io.design_file import read_design_file
    from ..io.target_file import duty_cycle_profile, load_target

    out = []
    all_ok = True
    for path in args.designs:
        design = read_design_file(path)
        ref = args.target or design.target
        if not ref:
            raise InputError("--target", f"{path} names no target: give --target TARGET")
        target = load_target(ref)
        results = calculate(design)
        dc = (lambda d, t=target: duty_cycle_profile(t, d)) if args.duty_cycle else None
        checks = check_design(design, target, results, duty_cycle=dc)
        ok = all(c.passed for c in checks)
        all_ok &= ok
        out.append((path, design, target, results, checks, ok))
    if args.json:
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
    from ..core.results import pretty_unit

    if v is None or not math.isfinite(v):
        return "–"
    return f"{v:.4g} {pretty_unit(unit)}".strip()
