"""Section "Notes and assumptions": what the figures rest on, and the sources."""

from __future__ import annotations

from ..common import DAGGER, fig
from ..common import P as Para
from ..fonts import markup
from .blocks import Context, bullets, label, setting, temp
from .construction import source_note


def notes(ctx: Context) -> list[str]:
    design, res, opts = ctx.design, ctx.res, ctx.opts
    c = design.cell
    est = ", ".join(c.estimated)
    if est:
        first = (f"{DAGGER} marks a figure that is, or is derived from, an estimated cell figure "
                 f"(not published by the cell maker): the cell file lists {markup(est)} as "
                 "estimated.")
    else:
        first = "The cell file marks no figure as estimated."
    th = design.thermal
    htc = setting("heat_transfer_coefficient", th.heat_transfer_coefficient, opts.units, 3)
    out = [
        first,
        "All figures are model estimates by NaIon Designer from the cell data and the "
        "design's interconnect, not measurements. Verify them on a prototype before release.",
        "Capacity and energy at the cell's rated conditions; the weakest parallel group "
        "limits the pack. Usable energy: open-circuit energy inside the design's SOC window.",
        "Maximum continuous discharge power is taken at the minimum voltage under load "
        "(current limit × minimum voltage); pack resistance includes the interconnect network.",
        f"Thermal figures: ambient {temp(th.ambient_temperature, opts.units)}, heat transfer "
        f"coefficient {htc} "
        "over each cell's outer surface; no active cooling unless the design defines it.",
        "Discharge curves and power capability come from the cell's equivalent-circuit model "
        "(OCV table, R0 and RC pairs of the cell file) for one representative cell carrying "
        "1/P of the pack current plus the interconnect resistance, isothermal at the ambient "
        "temperature; a coupled per-cell thermal simulation (naion simulate) refines them.",
    ]
    if "runtime" in res:
        num, unit = fig("runtime_power", res["runtime_power"], opts.units)
        out.append(f"Runtime at {num} {unit}: resistive losses neglected.")
    from ...core.limits import violations
    from ...core.limits import warnings as input_warnings

    for name, why in violations(design, res).items():
        out.append(markup(f"Limit exceeded: {label(ctx, name)}: {why}."))
    for field, message in input_warnings(design, res):
        out.append(markup(f"Check the input {field}: {message}."))
    urls = source_note(c)
    if urls:
        out.append(f"Cell data sources ({markup(c.maker)} {markup(c.model)}): {markup(urls)}")
    return out


def section(ctx: Context) -> list:
    from reportlab.platypus import CondPageBreak, Spacer

    out = [CondPageBreak(100), ctx.heading("Notes and assumptions"), Spacer(1, 2)]
    out += bullets(ctx, notes(ctx))
    extra = [markup(ctx.design.meta("notes"))] if ctx.design.meta("notes") else []
    extra += [markup(n) for n in ctx.opts.notes]
    for n in extra:  # the user's own notes, printed as written
        para = Para(n, ctx.st["bullet"], raw=True)
        para.bulletText = "•"
        out.append(para)
    return out
