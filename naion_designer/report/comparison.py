"""The PDF comparison report of several designs: one table side by side, overlaid curves and the
layouts.  Used by `naion compare DESIGN... -o OUT.pdf` and the GUI's "Export comparison".

    from naion_designer.report.comparison import write_comparison
    write_comparison([design_a, design_b], "compare.pdf", ReportOptions(customer="..."))
"""

from __future__ import annotations

from .. import __version__
from ..core.comparison import BETTER_HIGH
from ..core.units import InputError
from .common import (
    DAGGER,
    FAIL,
    PASS,
    RULE,
    ReportOptions,
    fig,
    frame_width,
    grid_table,
    header_band,
    heading,
    is_estimated,
    report_date,
    styles,
    validate_options,
    write_pdf,
)
from .common import P as Para
from .fonts import markup
from .pages import PageInfo, build_pdf

__all__ = ["write_comparison", "comparison_bytes", "ROWS"]

ROWS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Electrical", ("nominal_voltage", "max_voltage", "min_voltage", "capacity", "energy",
                    "usable_energy", "resistance", "max_continuous_discharge_current",
                    "max_continuous_discharge_power", "max_continuous_charge_current",
                    "max_continuous_charge_power", "peak_discharge_power", "max_discharge_c_rate",
                    "voltage_under_load", "runtime")),
    ("Mechanical", ("cell_count", "mass", "length", "width", "height", "volume",
                    "specific_energy", "energy_density")),
    ("Thermal", ("heat_at_max_continuous_discharge", "sustained_heat_at_max_continuous_discharge",
                 "adiabatic_temperature_rise_rate")),
)
COST_ROWS = ("cell_cost", "cost_per_energy")
HIGHER_IS_BETTER = {name for name, high in BETTER_HIGH.items() if high}
LOWER_IS_BETTER = {name for name, high in BETTER_HIGH.items() if not high}
MAX_DESIGNS = 8


def _label(name):
    from ..core.results import RESULT_DEFS

    return RESULT_DEFS[name].label if name in RESULT_DEFS else name


def comparison_table(designs, results, checks, st, width, units, include_cost):
    from reportlab.lib import colors

    n = len(designs)
    small = n > 4
    cst = st["cellr"] if not small else _smaller(st["cellr"])
    lw = width * (0.30 if n <= 4 else 0.24)
    uw = 34.0
    dw = (width - lw - uw) / n
    hdr = [Para("", st["th"])] + [Para(d.name, st["thr"]) for d in designs] + \
        [Para("Unit", st["th"])]
    rows = [hdr]
    extra = []
    info_rows = [("Cell", [f"{d.cell.maker} {d.cell.model}" for d in designs]),
                 ("Configuration", [f"{d.series}S{d.parallel}P" for d in designs])]
    for label, vals in info_rows:
        rows.append([Para(label, st["cellb"])] + [Para(v, cst) for v in vals] +
                    [Para("", st["cell"])])
    groups = list(ROWS) + ([("Cost (cells)", COST_ROWS)] if include_cost else [])
    for gname, names in groups:
        names = [nm for nm in names if any(nm in r for r in results)]
        if not names:
            continue
        rows.append([Para(gname, st["cellb"])] + [""] * (n + 1))
        r = len(rows) - 1
        extra += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r),
                                              colors.HexColor("#e3eaf2"))]
        for name in names:
            unit = ""
            vals = []
            for d, res in zip(designs, results, strict=True):
                if name in res:
                    num, unit = fig(name, res[name], units)
                    vals.append((res[name].value, num + (f" {DAGGER}" if is_estimated(d, name)
                                                         else "")))
                else:
                    vals.append((None, "—"))
            best = None
            present = [v for v, _ in vals if v is not None]
            if len(present) > 1 and len(set(present)) > 1:
                if name in HIGHER_IS_BETTER:
                    best = max(present)
                elif name in LOWER_IS_BETTER:
                    best = min(present)
            row = [Para(_label(name), st["cell"])]
            for v, text in vals:
                if best is not None and v == best:
                    row.append(Para(f"<b>{markup(text)}</b>", cst, raw=True))
                else:
                    row.append(Para(text, cst))
            row.append(Para(unit, st["cell"]))
            rows.append(row)
    if any(c is not None for c in checks):
        row = [Para("Application target", st["cellb"])]
        for c in checks:
            if c is None:
                row.append(Para("—", cst))
            else:
                ok = sum(1 for x in c if x.passed)
                colour = PASS if ok == len(c) else FAIL
                word = "PASS" if ok == len(c) else "FAIL"
                row.append(Para(f'<font color="{colour}"><b>{word}</b></font> {ok}/{len(c)}',
                                cst, raw=True))
        row.append(Para("", st["cell"]))
        rows.append(row)
    return grid_table(rows, [lw] + [dw] * n + [uw], zebra=False,
                      extra_style=extra + [("LINEAFTER", (0, 0), (0, -1), 0.4,
                                            colors.HexColor(RULE))])


def _smaller(style):
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(style.name + "-s", parent=style, fontSize=7, leading=8.6)


def _check(design):
    if not design.target:
        return None
    from ..core.checks import check_design
    from ..io.target_file import load_target

    try:
        return check_design(design, load_target(design.target))
    except InputError:
        return None


def _overlay_charts(designs, width, height):
    from ..core.curves import discharge_curves, power_capability
    from .charts import PALETTE, Chart, Series, draw_chart, placeholder

    dis, pw = [], []
    for i, d in enumerate(designs):
        if d.cell.ocv is None:
            continue
        color = PALETTE[i % len(PALETTE)]
        try:
            (rate, cap, volt), = discharge_curves(d, c_rates=(1.0,))
            # depth of discharge in % of the design's own capacity, so packs of any size overlay
            cap_ah = d.cell.capacity_ah * d.parallel
            dis.append(Series(d.name, [100 * float(c) / cap_ah for c in cap],
                              [float(v) for v in volt], color=color))
        except InputError:
            pass
        try:
            p = power_capability(d)
            pw.append(Series(d.name, [100 * float(s) for s in p["soc"]],
                             [float(v) / 1e3 for v in p["power_W"]], color=color))
        except InputError:
            pass
    c1 = draw_chart(Chart("Discharge at 1C", "Depth of discharge (% of rated capacity)",
                          "Pack voltage (V)", dis, xmin=0.0), width, height) if dis else \
        placeholder("no design has a time-domain model", width, height, "Discharge at 1C")
    c2 = draw_chart(Chart("Discharge power capability vs SOC", "State of charge (%)",
                          "Power (kW)", pw, xmin=0.0, xmax=100.0, ymin=0.0), width, height) \
        if pw else placeholder("no design has a time-domain model", width, height,
                               "Power capability vs SOC")
    return c1, c2


def build_story(designs, opts: ReportOptions, date_text: str) -> list:
    from reportlab.platypus import CondPageBreak, KeepTogether, Spacer, Table, TableStyle

    from ..core.electrical import calculate
    from .drawing import layout_drawing

    st = styles()
    width = frame_width(opts)
    units = opts.units
    results = [calculate(d) for d in designs]
    checks = [_check(d) for d in designs]
    story: list = [_title_block(designs, opts, st, width, date_text), Spacer(1, 8)]
    story.append(heading("1", "Figures side by side", st, width))
    story.append(Spacer(1, 3))
    story.append(comparison_table(designs, results, checks, st, width, units,
                                  opts.include_cost))
    notes = ("Bold: the best value of a row. "
             + (f"{DAGGER}: estimated (derived from cell figures the maker does not publish). "
                if any(d.cell.estimated for d in designs) else "")
             + "All figures are model estimates by NaIon Designer, typeset as naion calc "
               "prints them.")
    story.append(Para(notes, st["small"]))
    cw, ch = (width - 14) / 2, 190
    c1, c2 = _overlay_charts(designs, cw, ch)
    story.append(CondPageBreak(260))
    story.append(KeepTogether([
        heading("2", "Curves overlaid", st, width), Spacer(1, 4),
        Table([[c1, c2]], colWidths=[cw + 7, cw + 7],
              style=TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                                ("RIGHTPADDING", (0, 0), (-1, -1), 0)])),
        Para("Model curves from a full charge at each design's ambient temperature. Discharge "
             "at 1C is plotted against depth of discharge so that packs of different "
             "capacity overlay.", st["small"])]))
    story.append(CondPageBreak(240))
    story.append(heading("3", "Layouts", st, width))
    story.append(Spacer(1, 4))
    cells = []
    lw = (width - 14) / 2
    for d, res in zip(designs, results, strict=True):
        dr = layout_drawing(d, lw, 190, units, compact=True)
        dims = " × ".join(fig(n, res[n], units)[0] for n in ("length", "width", "height"))
        cap = Para(f"<b>{markup(d.name)}</b> · {d.series}S{d.parallel}P · {markup(dims)} "
                   f"{markup(fig('length', res['length'], units)[1])}", st["small"], raw=True)
        cells.append([dr, cap])
    grid = []
    for i in range(0, len(cells), 2):
        pair = cells[i:i + 2]
        if len(pair) == 1:
            pair.append("")
        grid.append(pair)
    story.append(Table(grid, colWidths=[lw + 7, lw + 7],
                       style=TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                         ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                                         ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                         ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                         ("BOTTOMPADDING", (0, 0), (-1, -1), 10)])))
    story.append(Para("Top views, each to its own scale; groups numbered in series order from "
                      "the negative terminal.", st["small"]))
    return story


def _title_block(designs, opts, st, width, date_text):
    from reportlab.lib import colors
    from reportlab.platypus import Image, Table, TableStyle

    left: list = []
    if opts.logo:
        from reportlab.lib.utils import ImageReader

        iw, ih = ImageReader(opts.logo).getSize()
        scale = min((width * 0.22 - 8) / iw, 46.0 / ih)
        left.append(Image(opts.logo, width=iw * scale, height=ih * scale, hAlign="LEFT"))
    if opts.company:
        left.append(Para(opts.company, st["company"]))
    title = opts.title or f"Comparison of {len(designs)} designs"
    centre = [Para("DESIGN COMPARISON · SODIUM-ION BATTERY PACKS", st["kicker"]),
              Para(title, st["title"]),
              Para(" · ".join(d.name for d in designs), st["sub"])]
    kv = [("Customer", opts.customer or "—"), ("Project", opts.project or "—"),
          ("Revision", opts.revision or "—"), ("Date", date_text),
          ("Prepared by", opts.author or "—")]
    right = Table([[Para(k, st["tbk"]), Para(v, st["tbv"])] for k, v in kv],
                  colWidths=[46, width * 0.33 - 46])
    right.setStyle(TableStyle([
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 1.4), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6),
        ("LINEBELOW", (0, 0), (-1, -2), 0.3, colors.HexColor(RULE)),
    ]))
    return header_band(left or None, centre, right, width)


def comparison_bytes(designs, options: ReportOptions | None = None) -> bytes:
    designs = list(designs)
    if not designs:
        raise InputError("DESIGN", "give at least one design to compare")
    if len(designs) > MAX_DESIGNS:
        raise InputError("DESIGN", f"a comparison report holds at most {MAX_DESIGNS} designs, "
                                   f"got {len(designs)}")
    opts = (options or ReportOptions()).resolved(None)
    validate_options(opts)
    date = report_date(opts)
    date_text = date.isoformat()
    title = opts.title or f"Comparison of {len(designs)} designs"
    story = build_story(designs, opts, date_text)
    rev = f"Rev. {opts.revision}" if opts.revision else "Rev. —"
    info = PageInfo(
        doc_title=title,
        header_right=" · ".join(x for x in (opts.customer, opts.project, rev) if x),
        footer_left=" · ".join(x for x in (opts.company, title, rev, date_text,
                                           f"NaIon Designer {__version__}") if x),
        footer_note=f"{DAGGER} estimated figure. Model estimates, subject to verification on "
                    "prototypes; not a warranty.",
        date=date)
    subject = "Sodium-ion battery pack comparison: " + "; ".join(d.name for d in designs)
    return build_pdf(story, opts, info, title=title, subject=subject,
                     author=opts.author or opts.company or "NaIon Designer",
                     keywords="sodium-ion, battery pack, comparison")


def write_comparison(designs, path, options: ReportOptions | None = None) -> None:
    """Write the comparison report of `designs` (in the order given) to `path` atomically."""
    write_pdf(comparison_bytes(designs, options), path)
