"""The spec sheet's lifetime figures: what the pack delivers over its life and what is guaranteed.

From the design's `lifetime` request (`core.life_request`): the nominal pack's lifetime and a
Monte Carlo of packs drawn from the cells' spread give, at the beginning of life and at the end
of the warranty, min (P5) / typical / max (P95) of usable energy, capacity, power, resistance
and state of health; the end-of-life year with its percentiles; and a "state of health over
life" chart with the P5–P95 band.  Every figure comes from `core.life`; every text goes through
the sheet's translator (`report.i18n.Text`), so the Chinese and bilingual sheets show it in
Chinese.
"""

from __future__ import annotations

from pathlib import Path

from ..core.profiles import profile_label
from .charts import nice_ticks
from .common import DAGGER, MUTED, NAVY, grid_table
from .common import P as Para
from .fonts import SANS, font_for, markup
from .i18n import Text

# (row field, label, unit, scale from SI, digits)
ROWS = (("usable_energy", "Usable energy", "kWh", 1 / 3.6e6, 4),
        ("capacity", "Pack capacity", "Ah", 1 / 3600, 4),
        ("power", "Continuous power at 50 % SOC", "kW", 1e-3, 4),
        ("resistance", "Pack DC resistance", "mΩ", 1e3, 4),
        ("capacity_soh", "Capacity state of health", "%", 100.0, 3),
        ("worst_cell_soh", "Worst cell state of health", "%", 100.0, 3))


def load_profile(ref: str):
    from ..core.profiles import builtin_profiles, parse_builtin
    from ..io.profile_csv import read_profile_csv

    if ref in builtin_profiles() or ":" in ref and not Path(ref).is_file():
        return parse_builtin(ref)
    return read_profile_csv(ref)


_MEMO: dict = {}


def compute(design, progress=None, cancel=None):
    """The design's lifetime outcome, or None when the design asks for none.  Memoised on the
    design and its request: a preview and the export of one design run it once."""
    from ..core.life_request import run_request

    req = design.lifetime
    if req is None:
        return None
    key = (design, req)
    hit = _MEMO.get(key)
    if hit is None:
        hit = run_request(design, load_profile(req.profile), req, progress, cancel)
        if len(_MEMO) >= 8:
            _MEMO.pop(next(iter(_MEMO)))
        _MEMO[key] = hit
    return hit


def _fmt(v: float, digits: int) -> str:
    if v != v:
        return "—"
    mag = 0 if v == 0 else int(f"{abs(v):e}".split("e")[1])
    return f"{v:.{max(0, digits - 1 - mag)}f}"


def lifetime_flowables(design, st, width, outcome=None, tr: Text | None = None) -> list:
    """The section's flowables (a short note when the design asks for no lifetime run), in the
    language of `tr` (English without one)."""
    from reportlab.platypus import KeepTogether, Spacer

    from ..core.units import InputError

    tr = tr or Text("en")
    out: list = [Spacer(1, 6), Para(tr("Over life: guaranteed and end-of-warranty figures"),
                                    st["h2"])]
    if outcome is None:
        try:
            outcome = compute(design)
        except InputError as exc:  # a figure the sheet cannot compute is said, not hidden
            out.append(Para(tr.para(f"Lifetime not computed: {markup(str(exc))}."), st["base"],
                            raw=True))
            return out
    if outcome is None:
        out.append(Para(tr.para("The design asks for no lifetime run, so the figures above are "
                                "for a new pack only. Add a \"lifetime\" key to the design (duty "
                                "profile, years, warranty) to show energy and power at the end "
                                "of the warranty and the state of health over life.", raw=False),
                        st["base"], raw=True))
        return out
    nom, mc, req = outcome.nominal, outcome.monte_carlo, outcome.request
    wy = outcome.warranty_year
    est = DAGGER if nom.model.estimated else ""
    hdr = [tr(h, sep="\n") + mk for h, mk in (("Parameter", ""), ("Min", ""), ("Typical", ""),
                                              ("Max", ""), ("Min", est), ("Typical", est),
                                              ("Max", est), ("Unit", ""))]
    rows = [[Para("", st["th"]), Para(tr("New pack"), st["th"]), Para("", st["th"]),
             Para("", st["th"]), Para(tr(f"End of warranty (year {wy:.3g})"), st["th"]),
             Para("", st["th"]), Para("", st["th"]), Para("", st["th"])],
            [Para(h, st["th"]) for h in hdr]]
    start, end = nom.at(0.0), nom.at(wy)
    for name, label, unit, scale, digits in ROWS:
        row = [Para(tr(label), st["cell"])]
        for year, typ in ((0.0, start), (wy, end)):
            if mc is not None:
                lo, t, hi = (mc.value(name, year, j) * scale for j in (0, 1, 2))
            else:
                t = getattr(typ, name) * scale
                lo = hi = float("nan")
            row += [Para(_fmt(lo, digits), st["cellr"]), Para(f"<b>{_fmt(t, digits)}</b>",
                                                              st["cellr"], raw=True),
                    Para(_fmt(hi, digits), st["cellr"])]
        row.append(Para(unit, st["cell"]))
        rows.append(row)
    w = width
    cols = [w * 0.28] + [w * 0.105] * 6 + [w * 0.09]
    table = grid_table(rows, cols, header_rows=2,
                       extra_style=[("SPAN", (1, 0), (3, 0)), ("SPAN", (4, 0), (6, 0))])
    heading = out.pop()  # the heading stays with its table, not alone at the foot of a page
    out.append(KeepTogether([heading, Spacer(1, 3), table]))
    out.append(Spacer(1, 3))
    crit = f"{nom.eol_capacity:.0%} of the rated capacity"
    if nom.eol_resistance:
        crit += f" or {nom.eol_resistance:g}× the pack resistance"
    eol = (f"year {nom.eol_year:.1f}" if nom.eol_year is not None
           else f"beyond year {req.years:g}")
    notes = [f"Duty cycle '{markup(profile_label(req.profile))}' once every {req.period / 3600:g} h, recharged at "
             f"{req.charge_rate:g}C, ambient "
             f"{(req.ambient or design.thermal.ambient_temperature) - 273.15:.0f} °C, for "
             f"{req.years:g} years ({nom.simulations} simulated cycles of the coupled pack "
             f"model, every cell aged by its own current, SOC and temperature). End of life "
             f"({crit}): {eol} for a pack of nominal cells."]
    if mc is not None:
        p5, p50, p95 = mc.eol_percentiles

        def y(v):
            return f"{v:.1f}" if v is not None else f"> {req.years:g}"

        notes.append(f"Min, typical and max are the P5, P50 and P95 of a Monte Carlo of "
                     f"N = {mc.n} packs drawn from the cells' stated spread (capacity, "
                     f"resistance, ageing rate; seed {mc.seed}): 95 % of packs deliver at least "
                     f"the min. End-of-life year P5 {y(p5)}, P50 {y(p50)}, P95 {y(p95)}. A pack "
                     "of identical nominal cells (the chart's line) ages slower than real packs, "
                     "whose weakest cell limits them.")
    else:
        notes.append("No Monte Carlo was asked for: the typical figures are those of a pack of "
                     "identical nominal cells; min and max are not given.")
    why = {"years": "warranty years", "cycles": "warranty cycles (equivalent full cycles)",
           "run": "end of the run"}[outcome.warranty_reason]
    notes.append(f"End of warranty at year {wy:.3g} ({why}). Limiting cells at end of life: "
                 + ", ".join(f"s{s} p{p}" for s, p in nom.limiting_cells) + ".")
    if nom.model.estimated:
        notes.append(f"{DAGGER} The ageing model is estimated: {markup(nom.model.basis)}.")
    chart = soh_chart(outcome, width, 170, tr)
    out.append(KeepTogether([chart] + [Para(tr.para(n), st["small"], raw=True)
                                       for n in notes]))
    return out


def soh_chart(outcome, width: float, height: float, tr: Text | None = None):
    """State of health (capacity, % of rated) over the years: the typical pack, the P5–P95 band
    of the Monte Carlo, the end-of-life criterion and the end of the warranty."""
    from reportlab.graphics.shapes import Drawing, Line, Polygon, PolyLine, Rect, String
    from reportlab.lib import colors
    from reportlab.pdfbase.pdfmetrics import stringWidth

    tr = tr or Text("en")
    nom, mc = outcome.nominal, outcome.monte_carlo
    years = [r.year for r in nom.rows]
    soh = [100 * r.capacity_soh for r in nom.rows]
    lows = [100 * v for v in mc.percentiles["capacity_soh"][0]] if mc is not None else soh
    x1 = max(years)
    lo = min(min(lows), 100 * nom.eol_capacity) - 3
    yt = nice_ticks(max(lo, 0.0), 101.0, 6)
    xt = nice_ticks(0.0, x1, 8)
    y0, y1 = yt[0], yt[-1]
    left, bottom, right, top = 42, 28, 8, 18
    pw, ph = width - left - right, height - bottom - top
    d = Drawing(width, height)

    def X(v):
        return left + pw * (v / (xt[-1] or 1.0))

    def Y(v):
        return bottom + ph * (v - y0) / (y1 - y0)

    title = tr("State of health over life (capacity, % of rated)")
    d.add(String(left, height - 11, title, fontName=font_for(title, True), fontSize=8.5,
                 fillColor=colors.HexColor(NAVY)))
    for v in yt:
        d.add(Line(left, Y(v), left + pw, Y(v), strokeColor=colors.HexColor("#dddddd"),
                   strokeWidth=0.4))
        d.add(String(left - 3, Y(v) - 2.5, f"{v:g}", fontName=SANS, fontSize=6.5,
                     textAnchor="end"))
    for v in xt:
        d.add(Line(X(v), bottom, X(v), bottom + ph, strokeColor=colors.HexColor("#eeeeee"),
                   strokeWidth=0.4))
        d.add(String(X(v), bottom - 9, f"{v:g}", fontName=SANS, fontSize=6.5,
                     textAnchor="middle"))
    year = tr("Year")
    d.add(String(left + pw / 2, 4, year, fontName=font_for(year), fontSize=7,
                 textAnchor="middle"))
    d.add(Rect(left, bottom, pw, ph, fillColor=None, strokeColor=colors.HexColor(MUTED),
               strokeWidth=0.5))
    legend = [(tr("Nominal cells (no spread)"), "#0b5394", None)]
    if mc is not None:
        ys = list(mc.years)
        p5 = [100 * v for v in mc.percentiles["capacity_soh"][0]]
        p95 = [100 * v for v in mc.percentiles["capacity_soh"][2]]
        pts = [c for x, v in zip(ys, p95, strict=True) for c in (X(x), Y(v))]
        pts += [c for x, v in zip(ys[::-1], p5[::-1], strict=True) for c in (X(x), Y(v))]
        d.add(Polygon(pts, fillColor=colors.HexColor("#cfe2f3"), strokeColor=None))
        p50 = [100 * v for v in mc.percentiles["capacity_soh"][1]]
        d.add(PolyLine([c for x, v in zip(ys, p50, strict=True) for c in (X(x), Y(v))],
                       strokeColor=colors.HexColor("#6fa8dc"), strokeWidth=1.0,
                       strokeDashArray=(3, 2)))
        legend.insert(0, (tr(f"P50 of {mc.n} packs"), "#6fa8dc", "dash"))
        legend.insert(0, (tr(f"P5–P95 of {mc.n} packs"), "#cfe2f3", "band"))
    yc = Y(100 * nom.eol_capacity)
    d.add(Line(left, yc, left + pw, yc, strokeColor=colors.HexColor("#990000"),
               strokeWidth=0.8, strokeDashArray=(4, 2)))
    eol = tr(f"end of life {nom.eol_capacity:.0%}")
    d.add(String(left + 3, yc + 2, eol, fontName=font_for(eol), fontSize=6.5,
                 fillColor=colors.HexColor("#990000")))
    xw = X(outcome.warranty_year)
    d.add(Line(xw, bottom, xw, bottom + ph, strokeColor=colors.HexColor("#38761d"),
               strokeWidth=0.8, strokeDashArray=(2, 2)))
    ew = tr("end of warranty")
    d.add(String(xw + 2, bottom + 3, ew, fontName=font_for(ew), fontSize=6.5,
                 fillColor=colors.HexColor("#38761d")))
    d.add(PolyLine([c for x, v in zip(years, soh, strict=True) for c in (X(x), Y(v))],
                   strokeColor=colors.HexColor("#0b5394"), strokeWidth=1.6))
    # top right (the curves fall from the top left), as wide as the longest entry
    lx = left + pw - 20 - max(stringWidth(label, font_for(label), 6.5) for label, _, _ in legend)
    for k, (label, color, kind) in enumerate(legend):
        ly = bottom + ph - 10 - 10 * k
        if kind == "band":
            d.add(Rect(lx, ly - 1, 12, 5, fillColor=colors.HexColor(color), strokeColor=None))
        else:
            d.add(Line(lx, ly + 1.5, lx + 12, ly + 1.5, strokeColor=colors.HexColor(color),
                       strokeWidth=1.6, strokeDashArray=(3, 2) if kind == "dash" else None))
        d.add(String(lx + 15, ly, label, fontName=font_for(label), fontSize=6.5))
    return d
