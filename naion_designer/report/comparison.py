"""The PDF comparison report of several designs: one table side by side, overlaid curves and the
layouts.  Used by `naion compare DESIGN... -o OUT.pdf` and the GUI's "Export comparison".
`ReportOptions.lang` sets the language as on the spec sheet: "en", "zh_CN" or "bilingual"
(中文 / English), through the same catalogs (`report.i18n.Text`).

    from naion_designer.report.comparison import write_comparison
    write_comparison([design_a, design_b], "compare.pdf", ReportOptions(customer="..."))
"""

from __future__ import annotations

from .. import __version__
from ..core.comparison import BETTER_HIGH
from ..core.profiles import profile_label
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
    heading,
    is_estimated,
    report_date,
    styles,
    title_band,
    validate_options,
    write_pdf,
)
from .common import P as Para
from .fonts import markup, runs, text_width
from .i18n import Text
from .pages import PageInfo, build_pdf

__all__ = ["write_comparison", "comparison_bytes", "build_story", "ROWS"]

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
NO_MODEL = "no design has a time-domain model"


def _label(name, tr: Text, sep: str = " / "):
    from ..core.results import RESULT_DEFS

    return tr(RESULT_DEFS[name].label if name in RESULT_DEFS else name, sep=sep)


def _target_rows(targets, tr: Text) -> list[tuple[str, list[str]]]:
    """The application target of each design and its duty cycle (names translated; bilingual:
    the English name on a line of its own)."""
    if all(t is None for t in targets):
        return []
    rows = [("Application target", [tr(t.name or t.id, sep="\n") if t is not None else "—"
                                    for t in targets])]
    if any(t is not None and t.duty_cycle for t in targets):
        rows.append(("Duty cycle", [tr(profile_label(t.duty_cycle), sep="\n")
                                    if t is not None and t.duty_cycle else "—"
                                    for t in targets]))
    return rows


def comparison_table(designs, results, checks, st, width, units, include_cost,
                     tr: Text | None = None, targets=None):
    from reportlab.lib import colors

    tr = tr or Text("en")
    n = len(designs)
    small = n > 4
    cst = st["cellr"] if not small else _smaller(st["cellr"])
    lw = width * (0.30 if n <= 4 else 0.24)
    if tr.lang == "bilingual":
        lw = width * (0.34 if n <= 4 else 0.25)
    groups = list(ROWS) + ([("Cost (cells only)", COST_ROWS)] if include_cost else [])
    # the unit column as wide as its widest unit ("CNY/kWh" on one line)
    uw = max([34.0] + [text_width(fig(nm, r[nm], units)[1], 7.8) + 9.0
                       for _, names in groups for nm in names for r in results if nm in r])
    dw = (width - lw - uw) / n
    # bilingual: the two names of a label or unit on lines of their own in the narrow columns
    sep = " / " if tr.lang != "bilingual" or n <= 2 else "\n"
    hdr = [Para("", st["th"])] + [Para(d.name, st["thr"]) for d in designs] + \
        [Para(tr("Unit", sep="\n"), st["th"])]
    rows = [hdr]
    extra = []
    info_rows = [("Cell", [f"{d.cell.maker} {d.cell.model}" for d in designs]),
                 ("Configuration", [f"{d.series}S{d.parallel}P" for d in designs])]
    info_rows += _target_rows(targets or [None] * n, tr)
    for label, vals in info_rows:
        rows.append([Para(tr(label, sep=sep), st["cellb"])] +
                    [[_fitted(x, cst, dw - 8) for x in v.split("\n")] for v in vals] +
                    [Para("", st["cell"])])
    for gname, names in groups:
        names = [nm for nm in names if any(nm in r for r in results)]
        if not names:
            continue
        rows.append([Para(tr(gname), st["cellb"])] + [""] * (n + 1))
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
            row = [Para(_label(name, tr, sep), st["cell"])]
            for v, text in vals:
                if best is not None and v == best:
                    row.append(Para(f"<b>{markup(text)}</b>", cst, raw=True))
                else:
                    row.append(Para(text, cst))
            row.append(Para(unit, st["cell"]))
            rows.append(row)
    if any(c is not None for c in checks):
        row = [Para(tr("Target check", sep=sep), st["cellb"])]
        for c in checks:
            if c is None:
                row.append(Para("—", cst))
            else:
                ok = sum(1 for x in c if x.passed)
                colour = PASS if ok == len(c) else FAIL
                word = tr("PASS" if ok == len(c) else "FAIL", sep=" ")
                row.append(Para(f'<font color="{colour}"><b>{markup(word)}</b></font> '
                                f'{ok}/{len(c)}', cst, raw=True))
        row.append(Para("", st["cell"]))
        rows.append(row)
    return grid_table(rows, [lw] + [dw] * n + [uw], zebra=False,
                      extra_style=extra + [("LINEAFTER", (0, 0), (0, -1), 0.4,
                                            colors.HexColor(RULE))])


def _fitted(text: str, style, avail: float):
    """A table cell's paragraph that stays inside `avail` points and keeps a number with its
    unit, and Latin text whole words.  Chinese line breaking keeps a closing bracket or comma on the line it ends, which may
    then run past the column (to the left of a right-aligned one): such a paragraph is wrapped
    that much narrower.  It also breaks at any space, between "60" and "V" too: there the
    number goes to the next line with its unit."""
    from reportlab.lib.styles import ParagraphStyle

    text = " ".join(str(text).split())
    if not any(cjk for cjk, _ in runs(text)):
        # no Chinese: break at spaces only, never inside a model number
        style = ParagraphStyle(style.name + "-latin", parent=style, wordWrap=None)
    body = markup(text)
    p = _inside(body, style, avail)
    cut = _unit_cut(p, text)
    if cut is not None:
        p = _inside(markup(text[:cut].rstrip()) + "<br/>" + markup(text[cut:]), style, avail)
    return p


def _inside(body: str, style, avail: float):
    """The paragraph wrapped narrower until no line runs past `avail` (a hanging bracket
    moves to the next line with the character before it)."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    indent = style.rightIndent
    p = Paragraph(body, style)
    for _ in range(6):
        p.wrap(avail, 1e6)
        over = max((-(ln.extraSpace if hasattr(ln, "extraSpace") else ln[0])
                    for ln in p.blPara.lines), default=0.0)
        if over <= 0.01:
            break
        indent += over + 0.5
        p = Paragraph(body, ParagraphStyle(style.name + "-fit", parent=style,
                                           rightIndent=indent))
    return p


def _unit_cut(p, text: str) -> int | None:
    """Where in `text` to break the line so that a number at the end of a line goes along with
    the unit that begins the next one (None: no such break in the wrapped `p`)."""
    import re

    bl = p.blPara
    if bl.kind == 1:
        lines = ["".join(getattr(w, "text", "") for w in ln.words) for ln in bl.lines]
        joint = ""
    else:
        lines = [" ".join(ln[1]) for ln in bl.lines]
        joint = " "
    done = ""
    for this, nxt in zip(lines, lines[1:], strict=False):
        m = re.search(r"\d[\d.,]*\s*$", this)
        before = done + this[:m.start()] if m else ""
        if m and before.strip() and re.match(r"\s*[A-Za-zΩ°%µ]", nxt):
            return len(before) if text.startswith(before) else None
        done += this + joint
    return None


def _smaller(style):
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(style.name + "-s", parent=style, fontSize=7, leading=8.6)


def _target(design):
    """(the design's application target, its checks), or (None, None) where it has none that
    can be read."""
    if not design.target:
        return None, None
    from ..core.checks import check_design
    from ..io.target_file import load_target

    try:
        target = load_target(design.target)
        return target, check_design(design, target)
    except InputError:
        return None, None


def _check(design):
    return _target(design)[1]


def _overlay_charts(designs, width, height, tr: Text | None = None):
    from ..core.curves import discharge_curves, power_capability
    from .charts import PALETTE, Chart, Series, draw_chart, placeholder

    tr = tr or Text("en")
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
    c1 = draw_chart(Chart(tr("Discharge at 1C"), tr("Depth of discharge (% of rated capacity)"),
                          tr("Pack voltage (V)"), dis, xmin=0.0), width, height) if dis else \
        placeholder(tr(NO_MODEL), width, height, tr("Discharge at 1C"))
    c2 = draw_chart(Chart(tr("Discharge power capability vs SOC"), tr("State of charge (%)"),
                          tr("Power (kW)"), pw, xmin=0.0, xmax=100.0, ymin=0.0), width, height) \
        if pw else placeholder(tr(NO_MODEL), width, height, tr("Power capability vs SOC"))
    return c1, c2


def _title(designs, opts, tr: Text) -> str:
    return opts.title or tr("Comparison of {n} designs").format(n=len(designs))


def build_story(designs, opts: ReportOptions, date_text: str, tr: Text | None = None) -> list:
    """The flowables of the report; `tr` may pass the translator (to see what it could not
    translate)."""
    from reportlab.platypus import CondPageBreak, KeepTogether, Spacer, Table, TableStyle

    from ..core.electrical import calculate
    from .drawing import layout_drawing

    tr = tr or Text(opts.lang)
    st = styles()
    width = frame_width(opts)
    units = opts.units
    results = [calculate(d) for d in designs]
    found = [_target(d) for d in designs]
    targets = [t for t, _ in found]
    checks = [c for _, c in found]
    story: list = [_title_block(designs, opts, st, width, date_text, tr), Spacer(1, 8)]
    story.append(heading("1", tr("Figures side by side"), st, width))
    story.append(Spacer(1, 3))
    story.append(comparison_table(designs, results, checks, st, width, units,
                                  opts.include_cost, tr, targets))
    notes = ["Bold: the best value of a row."]
    if any(d.cell.estimated for d in designs):
        notes.append(f"{DAGGER}: estimated (derived from cell figures the maker does not "
                     "publish).")
    notes.append("All figures are model estimates by NaIon Designer, typeset as naion calc "
                 "prints them.")
    joint = "<br/>" if tr.lang == "bilingual" else " "
    story.append(Para(joint.join(tr.para(x, raw=False) for x in notes), st["small"], raw=True))
    cw, ch = (width - 14) / 2, 190
    c1, c2 = _overlay_charts(designs, cw, ch, tr)
    story.append(CondPageBreak(260))
    story.append(KeepTogether([
        heading("2", tr("Curves overlaid"), st, width), Spacer(1, 4),
        Table([[c1, c2]], colWidths=[cw + 7, cw + 7],
              style=TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                                ("RIGHTPADDING", (0, 0), (-1, -1), 0)])),
        Para(tr.para("Model curves from a full charge at each design's ambient temperature. "
                     "Discharge at 1C is plotted against depth of discharge so that packs of "
                     "different capacity overlay.", raw=False), st["small"], raw=True)]))
    story.append(CondPageBreak(240))
    story.append(heading("3", tr("Layouts"), st, width))
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
    story.append(Para(tr.para("Top views, each to its own scale; groups numbered in series "
                              "order from the negative terminal.", raw=False), st["small"],
                      raw=True))
    return story


def _title_block(designs, opts, st, width, date_text, tr: Text):
    centre = [Para(tr("DESIGN COMPARISON · SODIUM-ION BATTERY PACKS"), st["kicker"]),
              Para(_title(designs, opts, tr), st["title"]),
              Para(" · ".join(d.name for d in designs), st["sub"])]
    return title_band(opts, st, width, tr, centre, date_text)


def comparison_bytes(designs, options: ReportOptions | None = None) -> bytes:
    designs = list(designs)
    if not designs:
        raise InputError("DESIGN", "give at least one design to compare")
    if len(designs) > MAX_DESIGNS:
        raise InputError("DESIGN", f"a comparison report holds at most {MAX_DESIGNS} designs, "
                                   f"got {len(designs)}")
    opts = (options or ReportOptions()).resolved(None)
    validate_options(opts)
    tr = Text(opts.lang)
    date = report_date(opts)
    date_text = date.isoformat()
    title = _title(designs, opts, tr)
    story = build_story(designs, opts, date_text, tr)
    rev = f"{tr('Rev.', sep=' ')} {opts.revision or '—'}"
    info = PageInfo(
        doc_title=title,
        header_right=" · ".join(x for x in (opts.customer, opts.project, rev) if x),
        footer_left=" · ".join(x for x in (opts.company, title, rev, date_text,
                                           f"NaIon Designer {__version__}") if x),
        footer_note=f"{DAGGER} " + tr("estimated figure. Model estimates, subject to "
                                      "verification on prototypes; not a warranty."),
        date=date, page_text=tr("Page {n} of {total}"))
    subject = "Sodium-ion battery pack comparison: " + "; ".join(d.name for d in designs)
    return build_pdf(story, opts, info, title=title, subject=subject,
                     author=opts.author or opts.company or "NaIon Designer",
                     keywords="sodium-ion, battery pack, comparison", lang=tr.pdf_lang)


def write_comparison(designs, path, options: ReportOptions | None = None) -> None:
    """Write the comparison report of `designs` (in the order given) to `path` atomically."""
    write_pdf(comparison_bytes(designs, options), path)
