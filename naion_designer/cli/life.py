"""`naion life`: state of health over years of a duty cycle (CONTRACT.md, "Later commands").

No numpy/pint at module level: `naion --help` must stay fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

CSV_COLUMNS = ("year", "capacity_Ah", "capacity_soh", "usable_energy_kWh", "resistance_mohm",
               "power_kW", "worst_cell_soh", "worst_cell", "duty_energy_kWh", "duty_completed",
               "equivalent_full_cycles")
MC_FIELDS = (("capacity_soh", 1.0), ("usable_energy", 1 / 3.6e6), ("power", 1e-3),
             ("worst_cell_soh", 1.0))


def register(subparsers) -> None:
    from .common import add_pack_source

    p = subparsers.add_parser(
        "life", help="lifetime: state of health over years of a duty cycle",
        description="Run the duty cycle through the pack simulation, age every cell by what it "
                    "went through (temperature, SOC, depth of discharge, C-rate, throughput), "
                    "and repeat in blocks for N years: capacity, usable energy, resistance, "
                    "power, worst-cell state of health per year, the end-of-life year and the "
                    "cells that limit it.  After each cycle the pack is recharged at "
                    "--charge-rate; the cycle repeats every --period.")
    add_pack_source(p)
    p.add_argument("--profile", required=True, metavar="PROFILE",
                   help="the duty cycle: a profile CSV file or a built-in profile (as for "
                        "simulate)")
    p.add_argument("--years", required=True, metavar="N", help="years to run (up to 50)")
    amb = p.add_mutually_exclusive_group()
    amb.add_argument("--ambient", metavar="TEMP", help="ambient temperature (default: the "
                                                       "design's)")
    amb.add_argument("--climate", metavar="CSV",
                     help="seasonal ambients: a CSV with a column ambient_C, one row per season "
                          "of equal length (e.g. 12 months)")
    p.add_argument("--period", default="24 h", metavar="TIME",
                   help="the duty cycle repeats every period (default 24 h; at least the "
                        "cycle's own length)")
    p.add_argument("--charge-rate", default="0.5", metavar="C",
                   help="C-rate of the recharge after each cycle (default 0.5)")
    p.add_argument("--eol-capacity", metavar="FRACTION",
                   help="end of life at this fraction of the rated capacity (default: the "
                        "cell's end_of_life.capacity_fraction, else 0.8)")
    p.add_argument("--monte-carlo", metavar="N",
                   help="also run N packs drawn from the cells' spread: P5/P50/P95")
    p.add_argument("--seed", default="0", metavar="SEED",
                   help="random seed of the Monte Carlo packs (default 0)")
    p.add_argument("--json", action="store_true", help="JSON on stdout")
    p.add_argument("-o", "--output", metavar="OUT.csv", help="write the rows per year as CSV")
    p.set_defaults(func=cmd_life)


def _number(text: str, field: str, lo: float, hi: float) -> float:
    from ..core.units import InputError

    try:
        v = float(text)
    except ValueError:
        raise InputError(field, f"expected a number from {lo:g} to {hi:g}, got '{text}'") \
            from None
    if not lo <= v <= hi:
        raise InputError(field, f"expected a number from {lo:g} to {hi:g}, got '{text}'")
    return v


def _count(text: str, field: str) -> int:
    from ..core.units import InputError

    try:
        return int(text)
    except ValueError:
        raise InputError(field, f"expected a whole number, got '{text}'") from None


def load_profile(ref: str):
    from ..core.profiles import parse_builtin
    from ..io.profile_csv import read_profile_csv

    path = Path(ref)
    if path.is_file() or ref.lower().endswith(".csv"):
        return read_profile_csv(path)
    return parse_builtin(ref)


def settings_from_args(args):
    from ..core.life import LifeSettings
    from ..core.units import InputError, parse_quantity
    from ..io.climate_csv import read_climate_csv

    years = _number(args.years, "--years", 0.01, 50)
    ambient = None
    climate: tuple[float, ...] = ()
    if args.ambient is not None:
        ambient = parse_quantity(args.ambient, "temperature", "--ambient")
        if not 150 < ambient < 400:
            raise InputError("--ambient", f"'{args.ambient}' is not a plausible ambient")
    if args.climate is not None:
        climate = read_climate_csv(args.climate)
    text = args.period.strip()
    try:
        period = float(text) * 3600.0
    except ValueError:
        period = parse_quantity(text, "time", "--period")
    if not period > 0:
        raise InputError("--period", "must be positive")
    eol = None
    if args.eol_capacity is not None:
        eol = _number(args.eol_capacity, "--eol-capacity", 0.05, 0.99)
    return LifeSettings(years=years, ambient=ambient, climate=climate, period=period,
                        charge_rate=_number(args.charge_rate, "--charge-rate", 0.01, 10),
                        eol_capacity=eol)


def cmd_life(args) -> int:
    from ..core.life import run_life
    from ..core.life_mc import run_life_monte_carlo
    from ..core.units import InputError
    from ..io.atomic import atomic_write_text
    from .common import load_pack_source, print_json

    design = load_pack_source(args)
    settings = settings_from_args(args)
    profile = load_profile(args.profile)
    out = Path(args.output) if args.output else None
    if out is not None:
        folder = out.parent if str(out.parent) else Path(".")
        if not folder.is_dir():
            raise InputError(str(out), f"cannot write the results: the folder '{folder}' does "
                                       "not exist")
    n_mc = None
    if args.monte_carlo is not None:
        n_mc = _count(args.monte_carlo, "--monte-carlo")
        if not 2 <= n_mc <= 10_000:
            raise InputError("--monte-carlo", f"expected 2 to 10000 packs, got {n_mc}")
    seed = _count(args.seed, "--seed")
    result = run_life(design, profile, settings)
    mc = run_life_monte_carlo(design, profile, settings, n_mc, seed) if n_mc else None
    if out is not None:
        atomic_write_text(out, life_csv(result, mc), "lifetime CSV")
    if args.json:
        print_json(life_json(design, profile, result, mc))
    else:
        sys.stdout.write(life_text(design, profile, result, mc))
    return 0


def _q(value: float, unit: str) -> dict[str, Any]:
    return {"value": float(value), "unit": unit}


def _cell(c: tuple[int, int]) -> dict[str, int]:
    return {"series": int(c[0]), "parallel": int(c[1])}


def life_json(design, profile, result, mc=None) -> dict[str, Any]:
    m = result.model
    rows = [{"year": r.year, "capacity": _q(r.capacity / 3600, "A*h"),
             "capacity_soh": r.capacity_soh, "usable_energy": _q(r.usable_energy / 3.6e6, "kW*h"),
             "resistance": _q(r.resistance * 1e3, "mohm"), "power": _q(r.power / 1e3, "kW"),
             "worst_cell_soh": r.worst_cell_soh, "worst_cell": _cell(r.worst_cell),
             "duty_energy": _q(r.duty_energy / 3.6e6, "kW*h"),
             "duty_completed": r.duty_completed, "duty_cutoff": r.duty_cutoff or None,
             "equivalent_full_cycles": r.equivalent_full_cycles} for r in result.rows]
    out: dict[str, Any] = {
        "name": design.name, "cell": design.cell.id, "series": design.series,
        "parallel": design.parallel, "profile": profile.name, "years": result.settings.years,
        "ageing": {"estimated": m.estimated, "basis": m.basis,
                   "calendar_capacity": m.calendar_capacity,
                   "calendar_doubling": _q(m.calendar_doubling, "K"),
                   "cycle_capacity": m.cycle_capacity,
                   "cycle_doubling": _q(m.cycle_doubling, "K")},
        "rows": rows,
        "end_of_life": {"year": result.eol_year, "reason": result.eol_reason or None,
                        "capacity_fraction": result.eol_capacity,
                        "resistance_factor": result.eol_resistance,
                        "limiting_cells": [_cell(c) for c in result.limiting_cells]},
        "simulated_cycles": result.simulations}
    if mc is not None:
        pct = {}
        units = {"capacity_soh": None, "usable_energy": "kW*h", "power": "kW",
                 "worst_cell_soh": None}
        for name, scale in MC_FIELDS:
            arr = mc.percentiles[name]
            pct[name] = {f"P{int(q)}": [float(v * scale) for v in arr[i]]
                         for i, q in enumerate((5, 50, 95))}
            if units[name]:
                pct[name]["unit"] = units[name]
        out["monte_carlo"] = {
            "n": mc.n, "seed": mc.seed, "years": [float(y) for y in mc.years],
            "percentiles": pct,
            "end_of_life_year": {f"P{q}": v for q, v in zip((5, 50, 95), mc.eol_percentiles,
                                                            strict=True)}}
    return out


def life_csv(result, mc=None) -> str:
    cols = list(CSV_COLUMNS)
    if mc is not None:
        cols += [f"{name}_p{q}" for name, _ in MC_FIELDS for q in (5, 50, 95)]
    lines = [",".join(cols)]
    for r in result.rows:
        vals = [f"{r.year:.6g}", f"{r.capacity / 3600:.6g}", f"{r.capacity_soh:.6g}",
                f"{r.usable_energy / 3.6e6:.6g}", f"{r.resistance * 1e3:.6g}",
                f"{r.power / 1e3:.6g}", f"{r.worst_cell_soh:.6g}",
                f"s{r.worst_cell[0]}_p{r.worst_cell[1]}", f"{r.duty_energy / 3.6e6:.6g}",
                "true" if r.duty_completed else "false", f"{r.equivalent_full_cycles:.6g}"]
        if mc is not None:
            for name, scale in MC_FIELDS:
                for j in range(3):
                    vals.append(f"{mc.value(name, r.year, j) * scale:.6g}")
        lines.append(",".join(vals))
    return "\n".join(lines) + "\n"


def _year(v: float | None, years: float) -> str:
    return f"{v:.1f}" if v is not None else f"> {years:g}"


def life_text(design, profile, result, mc=None) -> str:
    from .common import table

    m = result.model
    lines = [f"{design.name}: {design.series}S{design.parallel}P of {design.cell.id}, "
             f"'{profile.name}' for {result.settings.years:g} years "
             f"({result.simulations} simulated cycles)"]
    rows = [[f"{r.year:g}", f"{r.capacity / 3600:.4g}", f"{100 * r.capacity_soh:.1f}",
             f"{r.usable_energy / 3.6e6:.4g}", f"{r.resistance * 1e3:.4g}",
             f"{r.power / 1e3:.4g}", f"{100 * r.worst_cell_soh:.1f}",
             f"s{r.worst_cell[0]} p{r.worst_cell[1]}", f"{r.equivalent_full_cycles:.0f}",
             "" if r.duty_completed else "no"] for r in result.rows]
    lines.append(table(rows, ["year", "Ah", "SOH %", "kWh", "mΩ", "kW", "worst cell %",
                              "worst cell", "EFC", "cycle done"],
                       align="rrrrrrrlrl").rstrip("\n"))
    stopped = next((r for r in result.rows if not r.duty_completed), None)
    if stopped is not None:
        lines.append(f"the duty cycle stops early from year {stopped.year:g}: "
                     f"{stopped.duty_cutoff or 'a cut-off'}")
    crit = f"{result.eol_capacity:.0%} of rated capacity"
    if result.eol_resistance:
        crit += f" or {result.eol_resistance:g}× resistance"
    if result.eol_year is not None:
        lines.append(f"end of life ({crit}): year {result.eol_year:.1f} ({result.eol_reason})")
    else:
        n = result.settings.years
        lines.append(f"end of life ({crit}): not within {n:g} year{'' if n == 1 else 's'}")
    lines.append("limiting cells: " + ", ".join(f"s{s} p{p}" for s, p in result.limiting_cells))
    if mc is not None:
        lines.append(f"Monte Carlo: {mc.n} packs from the cells' spread (seed {mc.seed})")
        y = [round(v) for v in mc.years]
        prow = []
        for name, label, scale in (("capacity_soh", "SOH %", 100.0),
                                   ("usable_energy", "kWh", 1 / 3.6e6)):
            for j, q in enumerate(("P5", "P50", "P95")):
                prow.append([f"{label} {q}"] + [f"{v * scale:.4g}"
                                                for v in mc.percentiles[name][j]])
        lines.append(table(prow, [""] + [str(v) for v in y],
                           align="l" + "r" * len(y)).rstrip("\n"))
        p5, p50, p95 = mc.eol_percentiles
        yrs = result.settings.years
        lines.append(f"end-of-life year P5 {_year(p5, yrs)}, P50 {_year(p50, yrs)}, "
                     f"P95 {_year(p95, yrs)}")
    lines.append(f"ageing model{' (estimated)' if m.estimated else ''}: {m.basis}")
    return "\n".join(lines) + "\n"
