"""`naion simulate`: time-domain simulation of a pack under a duty cycle (CONTRACT.md).

No numpy/pint at module level: `naion --help` must stay fast.
"""

from __future__ import annotations

import sys
from pathlib import Path


def register(subparsers) -> None:
    from .cli import add_pack_source

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
    p.add_argument("--quiet", action="store_true", help="no summary on stdout")
    p.set_defaults(func=cmd_simulate)


def _fraction(text: str, field: str, hi: float) -> float:
    from .core.units import InputError, parse_fraction

    try:
        v = float(text)
    except ValueError:
        raise InputError(field, f"expected a number from 0 to {hi:g}, got '{text}'") from None
    return parse_fraction(v, field, 0.0, hi)


def cmd_simulate(args) -> int:
    from dataclasses import replace

    from .cli import load_pack_source
    from .core.profiles import parse_builtin, read_profile_csv
    from .core.simulate import Spread, simulate
    from .core.units import InputError, parse_quantity
    from .io.atomic import atomic_write_text

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
    prof_arg = args.profile
    path = Path(prof_arg)
    if path.is_file() or prof_arg.lower().endswith(".csv"):
        profile = read_profile_csv(path)
    else:
        profile = parse_builtin(prof_arg)
    out = Path(args.output)
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(str(out), f"cannot write the results: the folder '{folder}' does not "
                                   "exist")
    res = simulate(design, profile, dt=dt, soc0=soc0, ambient=ambient, per_cell=args.per_cell,
                   spread=spread, seed=seed)
    atomic_write_text(out, res.csv_text(per_cell=args.per_cell), "results CSV")
    if res.cutoff:
        print(f"cut-off: {res.cutoff} at t = {res.cutoff_time:.6g} s", file=sys.stderr)
    if not args.quiet:
        t_end = float(res.time[-1])
        print(f"wrote {out}: {len(res.time)} rows, {t_end:.6g} s, pack "
              f"{res.pack_voltage.min():.4g}-{res.pack_voltage.max():.4g} V, "
              f"{res.charge / 3600:.4g} Ah, {res.energy / 3600:.4g} Wh, max cell temperature "
              f"{res.max_cell_temperature.max() - 273.15:.1f} °C")
    return 0
