"""`naion simulate`: time-domain simulation of a pack under a duty cycle (CONTRACT.md).

No numpy/pint at module level: `naion --help` must stay fast.
"""

from __future__ import annotations

import sys
from pathlib import Path


def register(subparsers) -> None:
    from .common import add_pack_source

    p = subparsers.add_parser(
        "simulate", help="time-domain simulation under a duty cycle",
        description="Simulate every cell of the pack under a profile: a CSV file (time_s and "
                    "current_A or power_W, positive = discharge) or a built-in profile: "
                    "cc:<rate> (cc:1C, cc:12A), cp:<power> (cp:500W, cp:0.5E = 0.5 W per Wh), "
                    "cccv:<rate> (CC-CV charge to the cell max voltage), rest:<s>, or an "
                    "application cycle: two-wheeler-urban, forklift-lift-drive, "
                    "home-storage-day, grid-day.  Stops at the first cut-off and says which.")
    add_pack_source(p)
    p.add_argument("--profile", required=True, metavar="PROFILE",
                   help="a profile CSV file or a built-in profile")
    p.add_argument("-o", "--output", required=True, metavar="OUT.csv", help="the results CSV")
    p.add_argument("--dt", default="1 s", metavar="DT",
                   help="interval of the output rows (default 1 s; a bare number is seconds)")
    p.add_argument("--soc0", default="1.0", metavar="SOC", help="initial SOC, 0-1 (default 1.0)")
    p.add_argument("--ambient", metavar="TEMP",
                   help="ambient and initial cell temperature, e.g. 25degC (default: the "
                        "design's)")
    p.add_argument("--per-cell", action="store_true",
                   help="also write every cell's current, voltage, SOC and temperature")
    p.add_argument("--spread-seed", metavar="SEED",
                   help="apply a statistical cell-to-cell spread with this random seed "
                        "(the cell file's [spread] CVs unless --capacity-cv/--resistance-cv)")
    p.add_argument("--capacity-cv", metavar="CV", help="capacity coefficient of variation")
    p.add_argument("--resistance-cv", metavar="CV", help="resistance coefficient of variation")
    p.add_argument("--soc0-cv", metavar="SD", help="standard deviation of the initial SOC")
    p.add_argument("--cooling", metavar="TEMP:CONDUCTANCE",
                   help="a cooling plate: coolant temperature and conductance per cell, "
                        "e.g. '20degC:0.5W/K'")
    p.add_argument("--step-every-row", action="store_true", dest="step_every_row",
                   help="end an internal step on every output row (by default, a steady "
                        "constant-current stretch takes steps of several rows and the rows "
                        "between are the steps' own solution)")
    p.add_argument("--quiet", action="store_true", help="no summary on stdout")
    p.add_argument("--stats", action="store_true",
                   help="one line on stderr: cells, internal steps, the in-process time of "
                        "the simulation and µs per cell-step")
    p.add_argument("--monte-carlo", metavar="N", dest="monte_carlo",
                   help="simulate N packs drawn from the cells' spread (the cell file's "
                        "[spread], or --capacity-cv/--resistance-cv/--soc0-cv), all at once; "
                        "OUT.csv gets one row per pack, stdout the P5/P50/P95 of delivered "
                        "energy, minimum cell voltage and maximum temperature")
    p.add_argument("--json", action="store_true",
                   help="with --monte-carlo: the percentiles as JSON on stdout")
    p.add_argument("--progress", action="store_true",
                   help="show the progress on stderr (rows are written as they are computed)")
    p.set_defaults(func=cmd_simulate)


def _fraction(text: str, field: str, hi: float) -> float:
    from ..core.units import InputError, parse_fraction

    try:
        v = float(text)
    except ValueError:
        raise InputError(field, f"expected a number from 0 to {hi:g}, got '{text}'") from None
    return parse_fraction(v, field, 0.0, hi)


# the core names its parameters; the CLI answers with its flags
_FLAGS = {"dt": "--dt", "soc0": "--soc0", "ambient": "--ambient", "profile": "--profile",
          "per_cell": "--per-cell"}


def cmd_simulate(args) -> int:
    from ..core.units import InputError

    try:
        return _simulate(args)
    except InputError as exc:
        if exc.field in _FLAGS:
            raise InputError(_FLAGS[exc.field], exc.detail) from None
        raise


def _profile(text: str):
    from ..core.profiles import parse_builtin
    from ..io.profile_csv import read_profile_csv

    path = Path(text)
    if path.is_file() or text.lower().endswith(".csv"):
        return read_profile_csv(path)
    return parse_builtin(text)


def _simulate(args) -> int:
    from dataclasses import replace

    from ..core.simulate import Spread, simulate
    from ..core.units import InputError, parse_quantity
    from ..io.simulation_csv import SimulationCsvWriter
    from .common import load_pack_source

    design = load_pack_source(args)
    # --dt: a time; a bare number is seconds
    dt_text = args.dt.strip()
    try:
        dt = float(dt_text)
    except ValueError:
        dt = parse_quantity(dt_text, "time", "--dt")
    if not (dt > 0 and dt < 1e9):
        raise InputError("--dt", f"expected a positive time step, got '{args.dt}'")
    soc0 = _fraction(args.soc0, "--soc0", 1.0)
    ambient = None
    if args.ambient is not None:
        ambient = parse_quantity(args.ambient, "temperature", "--ambient")
        if not ambient > 0:
            raise InputError("--ambient", "must be above absolute zero")
    if args.cooling:
        temp, sep, cond = args.cooling.partition(":")
        if not sep:
            raise InputError("--cooling", f"expected TEMP:CONDUCTANCE such as '20degC:0.5W/K', "
                                          f"got '{args.cooling}'")
        tc = parse_quantity(temp, "temperature", "--cooling")
        gc = parse_quantity(cond, "thermal_conductance", "--cooling")
        if gc < 0:
            raise InputError("--cooling", "the conductance must not be negative")
        design = replace(design, thermal=replace(design.thermal, coolant_temperature=tc,
                                                 cooling_conductance=gc))
    spread = None
    seed = None
    if args.spread_seed is not None or args.capacity_cv or args.resistance_cv or args.soc0_cv:
        cell = design.cell
        spread = Spread(
            _fraction(args.capacity_cv, "--capacity-cv", 0.5) if args.capacity_cv
            else (cell.capacity_cv or 0.0),
            _fraction(args.resistance_cv, "--resistance-cv", 1.0) if args.resistance_cv
            else (cell.resistance_cv or 0.0),
            _fraction(args.soc0_cv, "--soc0-cv", 0.5) if args.soc0_cv else 0.0)
        if args.spread_seed is not None:
            try:
                seed = int(args.spread_seed)
            except ValueError:
                raise InputError("--spread-seed", f"expected a whole number, got "
                                                  f"'{args.spread_seed}'") from None
    profile = _profile(args.profile)
    out = Path(args.output)
    if args.monte_carlo is not None:
        return _monte_carlo(args, design, profile, out, dt, soc0, ambient, spread, seed)
    if args.json:
        raise InputError("--json", "goes with --monte-carlo")
    with SimulationCsvWriter(out, design.series, design.parallel, args.per_cell) as writer:
        res = simulate(design, profile, dt=dt, soc0=soc0, ambient=ambient,
                       per_cell=args.per_cell, spread=spread, seed=seed, sink=writer,
                       progress=_progress_printer() if args.progress else None,
                       interior_rows=not args.step_every_row)
        writer.commit()
    for w in res.warnings:
        print(f"warning: {w}", file=sys.stderr)
    if res.cutoff:
        print(f"cut-off: {res.cutoff} at t = {res.cutoff_time:.6g} s", file=sys.stderr)
    if args.stats:
        cells, steps = res.cells, res.steps
        us = res.wall_time / max(cells * steps, 1) * 1e6
        print(f"simulation: {cells} cells, {steps} steps, {res.wall_time:.4g} s, {us:.4g} µs "
              f"per cell-step", file=sys.stderr)
    if not args.quiet:
        s = res.summary
        print(f"wrote {out}: {s.rows} rows, {s.end_time:.6g} s, pack "
              f"{s.pack_voltage_min:.4g}-{s.pack_voltage_max:.4g} V, "
              f"{res.charge / 3600:.4g} Ah, {res.energy / 3600:.4g} Wh, max cell temperature "
              f"{s.max_cell_temperature - 273.15:.1f} °C")
    return 0


def _monte_carlo(args, design, profile, out, dt, soc0, ambient, spread, seed) -> int:
    import json
    import math

    from ..core.simulate import Spread
    from ..core.simulate.batch import simulate_batch
    from ..core.units import InputError, parse_count
    from ..io.atomic import atomic_write_text

    n = parse_count(args.monte_carlo, "--monte-carlo", minimum=1)
    if args.per_cell:
        raise InputError("--per-cell", "a Monte Carlo run writes one row per pack, not cells")
    if spread is None:
        cell = design.cell
        spread = Spread(cell.capacity_cv or 0.0, cell.resistance_cv or 0.0, 0.0)
    res = simulate_batch(design, profile, packs=n, seed=seed, spread=spread, dt=dt, soc0=soc0,
                         ambient=ambient,
                         progress=_progress_printer() if args.progress else None)
    lines = ["pack,energy_Wh,charge_Ah,min_cell_voltage_V,max_cell_temperature_C,"
             "cutoff_time_s,cutoff"]
    for b in range(res.packs):
        ct = "" if math.isnan(res.cutoff_time[b]) else f"{res.cutoff_time[b]:.8g}"
        why = (res.cutoff[b] or "").replace('"', "'")
        lines.append(f"{b},{res.energy[b] / 3600:.10g},{res.charge[b] / 3600:.10g},"
                     f"{res.lowest_cell_voltage[b]:.8g},"
                     f"{res.highest_cell_temperature[b] - 273.15:.6g},{ct},\"{why}\"")
    atomic_write_text(out, "\n".join(lines) + "\n", "results CSV")
    pct = res.percentiles()
    if not any((spread.capacity_cv, spread.resistance_cv, spread.soc0_cv)):
        print("warning: the cells have no stated spread: every pack is the same",
              file=sys.stderr)
    if args.stats:
        cells = res.cells * res.packs
        us = res.wall_time / max(cells * res.steps, 1) * 1e6
        print(f"simulation: {cells} cells, {res.steps} steps, {res.wall_time:.4g} s, {us:.4g} "
              f"µs per cell-step", file=sys.stderr)
    if args.json:
        print(json.dumps({"packs": res.packs, "seed": seed, "spread": {
            "capacity_cv": spread.capacity_cv, "resistance_cv": spread.resistance_cv,
            "soc0_cv": spread.soc0_cv}, "percentiles": pct,
            "cutoffs": sum(k is not None for k in res.cutoff_kind)}, indent=1))
    elif not args.quiet:
        print(f"wrote {out}: {res.packs} packs (seed {seed}), {res.time[-1]:.6g} s")
        print(f"{'':<26}{'P5':>12}{'P50':>12}{'P95':>12}")
        for k, v in pct.items():
            print(f"{k:<26}{v['P5']:>12.6g}{v['P50']:>12.6g}{v['P95']:>12.6g}")
    return 0


def _progress_printer():
    """progress(fraction) that rewrites one line on stderr."""
    last = [-1]

    def show(frac: float) -> None:
        pct = int(frac * 100)
        if pct != last[0]:
            last[0] = pct
            end = "\n" if frac >= 1.0 else ""
            print(f"\rsimulating: {pct:3d} %", end=end, file=sys.stderr, flush=True)

    return show
