"""`naion cells fit`: a cell from the user's cycler logs (CONTRACT.md, "Later commands"); and
`naion cells export` / `naion cells import`: cell models to and from PyBaMM parameter sets and
the library as CSV.

No numpy/pint at module level: `naion --help` must stay fast.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path


def register_cells(csub) -> None:
    """Adds `fit`, `export` and `import` to the `cells` subcommands."""
    p = csub.add_parser(
        "fit", help="fit an equivalent-circuit cell to cycler logs",
        description="Fit OCV(SOC), R0(SOC, C-rate) and 1-3 RC pairs to cycler logs and write a "
                    "cell file.  DATA: CSV with time_s, current_A, voltage_V and optionally "
                    "temperature_C (positive current = discharge unless --current-sign "
                    "negative-discharge; also time_min/time_h, current_mA, voltage_mV, "
                    "temperature_K), BioLogic .mpr, Neware .nda/.ndax.  The fit is refused, "
                    "with the reason, when the data cannot support it.")
    p.add_argument("data", nargs="+", metavar="DATA", help="training files")
    p.add_argument("-o", "--output", required=True, metavar="CELL.toml", help="the cell file")
    p.add_argument("--template", metavar="CELL",
                   help="take maker, model, dimensions, mass, limits, thermal and other "
                        "non-electrical fields from this cell (otherwise estimated and flagged)")
    p.add_argument("--id", metavar="ID", help="the new cell's id (default: from -o)")
    p.add_argument("--capacity", metavar="Q",
                   help="rated capacity, e.g. 1.5Ah (default: the lowest-rate full discharge)")
    p.add_argument("--rc-pairs", default="2", metavar="N", help="RC pairs, 1-3 (default 2)")
    p.add_argument("--hold-out", nargs="+", default=[], metavar="DATA",
                   help="files the fit never sees, simulated with the fitted cell to check it")
    p.add_argument("--hold-out-fraction", metavar="F",
                   help="also hold out this share of DATA (0 < F < 1): whole files spread "
                        "over those given, or of one log its tail from the end of a rest")
    p.add_argument("--current-sign", default="positive-discharge",
                   choices=("positive-discharge", "negative-discharge"),
                   help="how the CSV files sign a discharge current")
    p.add_argument("--ocv-from-template", action="store_true",
                   help="keep the template's [ocv] table instead of finding one in the data")
    p.add_argument("--max-rms", default="50 mV", metavar="V",
                   help="refuse the fit when a training run is followed worse than this "
                        "(default 50 mV)")
    p.add_argument("--ambient", default="25 degC", metavar="TEMP",
                   help="the test temperature where the files have no temperature column")
    p.add_argument("--diffusion-time", metavar="TIME",
                   help="the rate-capability time constant diffusion_time_constant (e.g. 50s) "
                        "to hold while R0 and the RC pairs are fitted, and to write into the "
                        "cell (default: the template's, else none)")
    p.add_argument("--report", metavar="FIT.pdf", help="also write a fit report (PDF)")
    p.add_argument("--json", action="store_true", help="print the fit report as JSON")
    p.set_defaults(func=cmd_cells_fit)

    p = csub.add_parser(
        "export", help="a cell as a PyBaMM parameter set, or the library as CSV",
        description="OUT.json: a PyBaMM parameter set for pybamm.equivalent_circuit.Thevenin "
                    "(load with pybamm.ParameterValues(json.load(...)) after turning the OCV "
                    "table into a function; see the README).  OUT.csv with --library: every "
                    "cell of the library, one row each.")
    p.add_argument("cell", nargs="?", metavar="CELL", help="a library id or cell file")
    p.add_argument("--library", action="store_true", help="export the whole library (CSV)")
    p.add_argument("-o", "--output", required=True, metavar="OUT")
    p.set_defaults(func=cmd_cells_export)

    p = csub.add_parser(
        "import", help="a cell from a PyBaMM parameter set, or cells from a library CSV",
        description="FILE.json (PyBaMM Thevenin parameter set, as `cells export` writes): one "
                    "cell file at -o.  FILE.csv (as `cells export --library` writes): one cell "
                    "file per row in the folder -o.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("-o", "--output", required=True, metavar="OUT")
    p.add_argument("--template", metavar="CELL",
                   help="(JSON) non-electrical fields from this cell")
    p.add_argument("--id", metavar="ID", help="(JSON) the new cell's id")
    p.set_defaults(func=cmd_cells_import)


def _cell_id(args) -> str:
    from ..core.units import InputError

    if args.id:
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", args.id):
            raise InputError("--id", f"expected lowercase letters, digits and '-', got "
                                     f"'{args.id}'")
        return args.id
    stem = re.sub(r"[^a-z0-9-]+", "-", Path(args.output).stem.lower()).strip("-")
    return stem or "fitted-cell"


def _fraction(text: str) -> float:
    from ..core.units import InputError

    try:
        f = float(text)
    except ValueError:
        f = float("nan")
    if not 0.0 < f < 1.0:  # nan too
        raise InputError("--hold-out-fraction", f"expected a fraction between 0 and 1 "
                                                f"(e.g. 0.25), got '{text}'")
    return f


def cmd_cells_fit(args) -> int:
    from ..core.fit import FitOptions, fit_cell
    from ..core.units import InputError, parse_count, parse_quantity
    from ..io.cell_file import write_cell_file
    from ..io.cycler import read_runs
    from ..io.library import resolve_cell

    rc = parse_count(args.rc_pairs, "--rc-pairs", minimum=1)
    if rc > 3:
        raise InputError("--rc-pairs", f"expected 1, 2 or 3, got {rc}")
    opts = FitOptions(rc_pairs=rc, cell_id=_cell_id(args),
                      ocv_from_template=args.ocv_from_template,
                      max_rms=parse_quantity(args.max_rms, "voltage", "--max-rms"),
                      ambient=parse_quantity(args.ambient, "temperature", "--ambient"))
    if args.capacity:
        opts.capacity = parse_quantity(args.capacity, "charge", "--capacity")
    if args.diffusion_time:
        opts.diffusion_time = parse_quantity(args.diffusion_time, "time", "--diffusion-time")
    if args.template:
        try:
            opts.template = resolve_cell(args.template)
        except InputError as exc:
            raise InputError("--template", str(exc)) from None
    if args.ocv_from_template and opts.template is None:
        raise InputError("--ocv-from-template", "needs --template")
    out = Path(args.output)
    if out.suffix.lower() != ".toml":
        raise InputError("-o", f"expected a .toml cell file, got '{out.name}'")
    train = read_runs(args.data, args.current_sign)
    hold = read_runs(args.hold_out, args.current_sign)
    if args.hold_out_fraction is not None:
        from ..core.fit.holdout import select

        train, chosen, opts.hold_out = select(train, _fraction(args.hold_out_fraction))
        hold = chosen + hold
    both = {r.name for r in train} & {r.name for r in hold}
    if both:
        raise InputError("--hold-out", f"{sorted(both)[0]} is also a training file")
    result = fit_cell(train, hold, opts)
    write_cell_file(result.cell, out)
    if args.report:
        from ..report.fit_report import write_fit_report

        write_fit_report(result, Path(args.report))
    if args.json:
        from .common import print_json

        rep = result.report_dict()
        if opts.hold_out is not None:
            rep["hold_out_selection"] = opts.hold_out.as_dict()
        print_json(rep)
        return 0
    _print_summary(result, out)
    return 0


def _print_summary(result, out: Path) -> None:
    from .common import table

    c = result.cell
    print(f"{c.id}: {c.capacity / 3600:.4g} Ah, R0 {c.resistance * 1e3:.4g} mΩ (50 % SOC, 1C), "
          + ", ".join(f"RC {p.resistance * 1e3:.3g} mΩ / τ {p.tau:.3g} s" for p in c.rc))
    print(f"capacity: {result.capacity_source}")
    fit = c.extra.get("fit", {})
    for key in ("diffusion_time_constant", "hold_out"):
        if key in fit:
            print(f"{key.replace('_', ' ')}: {fit[key]}")
    print(f"ocv: {result.ocv_source}")
    print(f"R0 at C-rates: {', '.join(f'{x:g}' for x in result.c_rates)}; fit residual "
          f"{result.fit_rms * 1e3:.1f} mV RMS")
    rows = []
    for r in result.reports:
        rows.append([r.file, r.role, str(r.rows), f"{r.rms * 1e3:.1f}", f"{r.max_error * 1e3:.1f}",
                     "" if r.capacity_error is None else f"{r.capacity_error * 100:+.2f} %"])
    sys.stdout.write(table(rows, ["file", "role", "rows", "RMS mV", "max mV", "capacity"],
                           align="llrrrr"))
    print(f"wrote {out}")


def cmd_cells_export(args) -> int:
    from ..core.units import InputError

    out = Path(args.output)
    if args.library:
        if args.cell:
            raise InputError("CELL", "give a cell or --library, not both")
        from ..io.library import library
        from ..io.library_csv import write_library_csv

        lib = library()
        write_library_csv([lib.cells[i] for i in lib.ids()], out)
        print(f"wrote {out} ({len(lib.cells)} cells)")
        return 0
    if not args.cell:
        raise InputError("CELL", "missing (a library id or a cell file, or --library)")
    from ..io.library import resolve_cell
    from ..io.pybamm import write_pybamm_json

    if out.suffix.lower() != ".json":
        raise InputError("-o", f"expected a .json PyBaMM parameter set, got '{out.name}'")
    write_pybamm_json(resolve_cell(args.cell), out)
    print(f"wrote {out}")
    return 0


def cmd_cells_import(args) -> int:
    from ..core.units import InputError
    from ..io.cell_file import write_cell_file

    src = Path(args.file)
    out = Path(args.output)
    if src.suffix.lower() == ".csv":
        from ..io.library_csv import read_library_csv

        cells = read_library_csv(src)
        out.mkdir(parents=True, exist_ok=True)
        for c in cells:
            write_cell_file(c, out / f"{c.id}.toml")
        print(f"wrote {len(cells)} cell files to {out}")
        return 0
    if src.suffix.lower() != ".json":
        raise InputError(src.name, "expected a PyBaMM .json parameter set or a library .csv")
    from ..io.library import resolve_cell
    from ..io.pybamm import read_pybamm_json

    template = resolve_cell(args.template) if args.template else None
    # the id: --id, else the parameter set's own (naion:cell), else from -o (with --template)
    cell = read_pybamm_json(src, template=template,
                            cell_id=_cell_id(args) if (args.id or template) else None)
    write_cell_file(cell, out)
    print(f"wrote {out}")
    return 0
