"""Section "Performance": discharge curves, the 10 s power capability over SOC and the
target's duty cycle, all from the model."""

from __future__ import annotations

import math

from ...core.profiles import profile_label
from ..charts import PALETTE, Chart, Series, draw_chart, placeholder
from ..common import DAGGER, is_estimated
from .blocks import Context
from .data import PULSE, duty_cycle_series


def discharge_chart(ctx: Context, w: float, h: float):
    data, design, tr = ctx.data, ctx.design, ctx.tr
    if not data.curves:
        return placeholder(tr("No discharge curves: {why}").format(why=tr(data.curves_error)),
                           w, h, tr("Discharge curves"))
    series = [Series(f"{rate:g}C", list(cap_ah), list(volts), color=PALETTE[i % len(PALETTE)])
              for i, (rate, cap_ah, volts) in enumerate(data.curves)]
    at_25 = abs(design.thermal.ambient_temperature - 298.15) < 0.01
    vmin, vmax = ctx.res.value("min_voltage"), ctx.res.value("max_voltage")
    return draw_chart(Chart(
        tr("Discharge curves at 25 °C" if at_25 else "Discharge curves"),
        tr("Discharged capacity (Ah)"), tr("Pack voltage (V)"), series, xmin=0.0,
        xmax=1.02 * max(float(cap_ah[-1]) for _, cap_ah, _ in data.curves),
        ymin=math.floor(vmin * 0.95), ymax=vmax * 1.02, legend_title=tr("C-rate")), w, h)


def power_chart(ctx: Context, w: float, h: float):
    """The chart and whether the minimum-voltage curve runs off its top."""
    data, tr = ctx.data, ctx.tr
    title = tr("Power capability vs SOC ({t:g} s pulse)").format(t=PULSE)
    if not data.power:
        return placeholder(tr("No power curve: {why}").format(why=tr(data.power_error)), w, h,
                           title), False
    pw = data.power
    soc = [100 * float(s) for s in pw["soc"]]
    limit = "At peak current limit" if data.power_limit == "peak" else "At current limit"
    ps = [Series(tr("Power capability"), soc, [float(v) / 1e3 for v in pw["power_W"]],
                 color="#0b5394", width=1.8),
          Series(tr("At minimum voltage"), soc,
                 [float(v) / 1e3 for v in pw["power_at_min_voltage_W"]], color="#e69138",
                 dash=(3, 2), width=0.9),
          Series(tr(limit), soc, [float(v) / 1e3 for v in pw["power_at_current_limit_W"]],
                 color="#38761d", dash=(1.5, 1.5), width=0.9)]
    top = max(float(v) for v in pw["power_W"]) / 1e3
    every = max(max(float(v) for v in pw[k]) for k in ("power_W", "power_at_min_voltage_W",
                                                      "power_at_current_limit_W")) / 1e3
    ymax = min(every, 2.5 * top) if top > 0 else None
    cut = bool(ymax and every > ymax)
    return draw_chart(Chart(title, tr("State of charge (%)"), tr("Power (kW)"), ps, xmin=0.0,
                            xmax=100.0, ymin=0.0, ymax=ymax), w, h), cut


def curve_note(ctx: Context, cut: bool) -> str:
    data, design = ctx.data, ctx.design
    limit = ("the cell's peak discharge current" if data.power_limit == "peak" else
             "the continuous current limit")
    note = ("Model curves from a full charge at the design's ambient temperature, discharged at "
            "constant current until the first cut-off. Power capability: the lower of the power "
            f"at the minimum-voltage limit and at {limit}, {PULSE:g} s equivalent-circuit "
            "response.")
    parts = [note]
    if cut:
        parts.append("Where the minimum-voltage limit lies far above the current limit it runs "
                     "off the top of the plot.")
    if is_estimated(design, "voltage_under_load") or {"ocv", "rc"} & set(design.cell.estimated):
        parts.append(f"{DAGGER} The OCV/resistance data behind the curves are estimated.")
    return " ".join(ctx.tr.para(p, raw=False) for p in parts) if ctx.tr.lang != "bilingual" \
        else "<br/>".join(ctx.tr.para(p, raw=False) for p in parts)


def duty_cycle_chart(ctx: Context):
    from reportlab.platypus import Spacer

    data, tr = ctx.data, ctx.tr
    if data.target is None or not data.target.duty_cycle:
        return []
    dc = duty_cycle_series(data.target, ctx.design, data.duty_cycle)
    if dc is None:
        why = data.duty_cycle_error or "it has no segment of fixed duration"
        return [Spacer(1, 6), ctx.p(f"The target's duty cycle is not plotted: {why}.", "small")]
    times, vals, ylabel, note = dc
    hours = times[-1] > 3 * 3600
    xs = [x / 3600 for x in times] if hours else times
    # formatted before translating: a built-in cycle's name is translated in the template's hole
    ref = profile_label(data.target.duty_cycle)
    title = tr(f"Duty cycle of the target: {ref} (positive = discharge)")
    chart = draw_chart(Chart(title, tr("Time (h)" if hours else "Time (s)"), tr(ylabel),
                             [Series("", xs, vals, color="#674ea7", step=True)], xmin=0.0,
                             xmax=xs[-1], note=tr(note) if note else ""), ctx.width,
                       ctx.size(150, 110))
    return [Spacer(1, 6), chart]


def section(ctx: Context) -> list:
    from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

    from ..common import P as Para

    width = ctx.width
    cw, ch = (width - 14) / 2, ctx.size(172, 136)
    c1 = discharge_chart(ctx, cw, ch)
    c2, cut = power_chart(ctx, cw, ch)
    perf = [ctx.heading("Performance"), Spacer(1, 4),
            Table([[c1, c2]], colWidths=[cw + 7, cw + 7],
                  style=TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                                    ("RIGHTPADDING", (0, 0), (-1, -1), 0)])),
            Para(curve_note(ctx, cut), ctx.st["small"], raw=True)]
    return [KeepTogether(perf)] + duty_cycle_chart(ctx)
