"""The fit report (PDF): what a cell engineer hands to a colleague after `naion cells fit` —
the method and data, the fitted parameters with their units, the R0 table, every file's
training or hold-out figures, and each measured curve against the model with its residual."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import numpy as np

from .charts import Chart, Series, draw_chart
from .common import P, grid_table, styles, write_pdf
from .fonts import markup

MAX_POINTS = 400


def _thin(x, y):
    x, y = np.asarray(x, float), np.asarray(y, float)
    if len(x) <= MAX_POINTS:
        return x, y
    k = np.linspace(0, len(x) - 1, MAX_POINTS).astype(int)
    return x[k], y[k]


def _parameter_rows(cell, st):
    rows = [[P("parameter", st["th"]), P("value", st["thr"]), P("from", st["th"])]]
    fit = cell.extra.get("fit", {})
    fitted = set(fit.get("fitted", []))
    other = "template" if not str(fit.get("template", "")).startswith("none") else "data"

    def add(name, value, key):
        src = "fit" if key in fitted else ("estimated" if cell.is_estimated(key) else other)
        rows.append([P(name, st["cell"]), P(value, st["cellr"]), P(src, st["cell"])])

    add("capacity", f"{cell.capacity / 3600:.4g} Ah", "capacity")
    add("R0 (50 % SOC, 1C, 25 °C)", f"{cell.resistance * 1e3:.4g} mΩ", "resistance")
    for j, p in enumerate(cell.rc, start=1):
        add(f"RC {j}: R / C / τ", f"{p.resistance * 1e3:.4g} mΩ / {p.capacitance:.4g} F / "
                                  f"{p.tau:.4g} s", "rc")
    add("voltage limits", f"{cell.min_voltage:.3g}–{cell.max_voltage:.3g} V", "min_voltage")
    add("OCV at 0 / 50 / 100 % SOC", " / ".join(f"{float(cell.ocv(s)):.3f}" for s in
                                               (0.0, 0.5, 1.0)) + " V", "ocv")
    add("mass", f"{cell.mass * 1e3:.4g} g", "mass")
    return rows


def _r0_rows(cell, st):
    if cell.r0_rate is not None:
        soc, rates, table = cell.r0_rate.soc, cell.r0_rate.c_rate, cell.r0_rate.resistance
    elif cell.r0_soc is not None:
        soc, rates, table = cell.r0_soc.x, (None,), (cell.r0_soc.y,)
    else:
        return None
    rows = [[P("SOC", st["th"])] + [P(f"{c:g}C" if c else "R0", st["thr"]) for c in rates]]
    for i, s in enumerate(soc):
        rows.append([P(f"{s:.0%}", st["cell"])] +
                    [P(f"{table[j][i] * 1e3:.1f}", st["cellr"]) for j in range(len(rates))])
    return rows


def build_fit_report(result) -> bytes:
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Spacer, Table

    st = styles()
    cell = result.cell
    fit = cell.extra.get("fit", {})
    width = A4[0] - 84
    story = [P("CELL FIT REPORT", st["kicker"]), P(f"{cell.maker} {cell.model}", st["title"]),
             P(f"cell id {cell.id} · {fit.get('date', _dt.date.today().isoformat())} · "
               "NaIon Designer naion cells fit", st["sub"]), Spacer(1, 8),
             P("1  Method and data", st["h1"]),
             P(f"Method: {fit.get('method', '')}.", st["base"]),
             P(f"Capacity: {result.capacity_source}.", st["base"]),
             P(f"OCV: {result.ocv_source}.", st["base"]),
             P(f"Temperature: {fit.get('thermal', '')}. R0 tabulated at C-rates "
               f"{', '.join(f'{c:g}' for c in result.c_rates)}; fit residual "
               f"{result.fit_rms * 1e3:.1f} mV RMS.", st["base"]),
             *[P(f"{label}: {markup(str(fit[key]))}.", st["base"])
               for key, label in (("diffusion_time_constant", "Rate capability (diffusion time constant)"),
                                  ("hold_out", "Held out")) if key in fit],
             P("2  Parameters", st["h1"]),
             grid_table(_parameter_rows(cell, st), [0.42 * width, 0.38 * width, 0.2 * width],
                        align_right=(1,))]
    r0 = _r0_rows(cell, st)
    if r0:
        n = len(r0[0])
        story += [P("R0 versus SOC and C-rate (mΩ, 25 °C)", st["h2"]),
                  grid_table(r0, [0.16 * width] + [0.84 * width / (n - 1)] * (n - 1),
                             align_right=tuple(range(1, n)))]
    story += [P("3  Validation (every file simulated with the fitted cell)", st["h1"])]
    rows = [[P(h, st["th"]) for h in ("file", "role", "rows")] +
            [P(h, st["thr"]) for h in ("RMS", "max error", "capacity")]]
    for r in result.reports:
        rows.append([P(r.file, st["cell"]), P(r.role, st["cell"]), P(str(r.rows), st["cellr"]),
                     P(f"{r.rms * 1e3:.1f} mV", st["cellr"]),
                     P(f"{r.max_error * 1e3:.1f} mV", st["cellr"]),
                     P("" if r.capacity_error is None else f"{r.capacity_error * 100:+.2f} %",
                       st["cellr"])])
    story.append(grid_table(rows, [0.36 * width, 0.12 * width, 0.1 * width, 0.14 * width,
                                   0.14 * width, 0.14 * width], align_right=(2, 3, 4, 5)))
    story += [P("4  Measured against the model", st["h1"])]
    half = width / 2 - 4
    for r in result.reports:
        t, v = _thin(r.time, r.measured)
        ts, vs = _thin(r.sim_time, r.simulated)
        m = r.time <= r.sim_time[-1] + 1e-9
        err = np.interp(r.time[m], r.sim_time, r.simulated) - r.measured[m]
        te, ee = _thin(r.time[m] / 60, err * 1e3)
        c1 = Chart(f"{r.file} ({r.role})", "time [min]", "voltage [V]",
                   [Series("measured", list(t / 60), list(v)),
                    Series("model", list(ts / 60), list(vs))])
        c2 = Chart("residual (model − measured)", "time [min]", "error [mV]",
                   [Series("residual", list(te), list(ee))])
        story.append(Table([[draw_chart(c1, half, 150), draw_chart(c2, half, 150)]],
                           colWidths=[half + 4, half + 4]))
    if cell.ocv is not None:
        s, ov = cell.ocv.arrays()
        story.append(draw_chart(Chart("open-circuit voltage", "SOC", "OCV [V]",
                                      [Series("OCV", list(s), list(ov))]), width * 0.6, 160))
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=42, rightMargin=42, topMargin=40,
                            bottomMargin=40, title=f"Cell fit report {cell.id}",
                            author="NaIon Designer", subject="equivalent-circuit cell fit")
    doc.build(story)
    return buf.getvalue()


def write_fit_report(result, path: Path) -> None:
    write_pdf(build_fit_report(result), path)
