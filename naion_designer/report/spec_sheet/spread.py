"""Section "Typical and worst-case figures": the ±2σ cell spread and end of life."""

from __future__ import annotations

from ..common import DAGGER, fig, grid_table
from ..common import P as Para
from ..fonts import markup
from ..lifetime_section import lifetime_flowables
from .blocks import Context, label, mark

# for these a low value is the worst case; for the others a high value is
LOW_IS_WORST = {"capacity", "energy", "usable_energy", "voltage_under_load", "runtime",
                "specific_energy", "energy_density"}


def spread_table(ctx: Context):
    from reportlab.lib import colors

    data, design, st, tr, width, units = ctx.data, ctx.design, ctx.st, ctx.tr, ctx.width, \
        ctx.units
    c = design.cell
    has_spread = bool(c.capacity_cv or c.resistance_cv)
    has_eol = c.eol_capacity_fraction is not None or c.eol_resistance_factor is not None
    hdr = ["Parameter", "Min", "Typical", "Max", "End of life", "Unit", ""]
    rows = [[Para(tr(h), st["thr"] if 1 <= i <= 4 else st["th"]) for i, h in enumerate(hdr)]]
    extra = []
    for r, (name, (qmin, qtyp, qmax, qeol)) in enumerate(data.spread.items(), start=1):
        unit = fig(name, qtyp, units)[1]
        mk = mark(design, name)
        if (has_spread and "spread" in c.estimated) or (has_eol and "end_of_life" in
                                                        c.estimated):
            mk = DAGGER
        gcol = (1 if name in LOW_IS_WORST else 3) if has_spread else -1
        row = [Para(label(ctx, name), st["cell"])]
        for col, q in enumerate((qmin, qtyp, qmax, qeol), start=1):
            text = fig(name, q, units)[0] if q is not None else "—"
            if col == gcol:
                row.append(Para(f"<b>{markup(text)}</b>", st["cellr"], raw=True))
                extra.append(("BACKGROUND", (col, r), (col, r), colors.HexColor("#fdebd3")))
            else:
                row.append(Para(text, st["cellr"]))
        row += [Para(unit, st["cell"]), Para(mk, st["cellc"])]
        rows.append(row)
    cw = [width * 0.30, width * 0.13, width * 0.13, width * 0.13, width * 0.13, width * 0.12,
          width * 0.06]
    notes = []
    if has_spread:
        notes.append(
            f"Min and Max: the model run with every cell at the ±2σ bounds of the cell file's "
            f"spread (capacity σ = {100 * (c.capacity_cv or 0):.3g} %, resistance σ = "
            f"{100 * (c.resistance_cv or 0):.3g} % of typical), beginning of life. "
            f"<b>Guaranteed values are the shaded ones</b>: the worst case of the spread "
            f"(lowest capacity, energy and voltage, highest resistance and heat); the others "
            f"are typical and not guaranteed.")
    else:
        notes.append("The cell file gives no cell-to-cell spread, so no guaranteed min/max "
                     "figures can be derived; all figures are typical.")
    if has_eol:
        cycles = (f", after about {c.cycle_life:,.0f} cycles" if c.cycle_life else "")
        notes.append(
            f"End of life: capacity × {c.eol_capacity_fraction or 1:.3g}, resistance × "
            f"{c.eol_resistance_factor or 1:.3g} (the cell file's end-of-life definition"
            f"{cycles}); typical cells, not guaranteed.")
    return grid_table(rows, cw, extra_style=extra), notes


def section(ctx: Context) -> list:
    from reportlab.platypus import CondPageBreak, Spacer

    out = [CondPageBreak(160), ctx.heading("Typical and worst-case figures")]
    if ctx.data.spread:
        t, notes = spread_table(ctx)
        out += [Spacer(1, 3), t, Spacer(1, 3)]
        out += [ctx.p(n, "small", raw=True) for n in notes]
    else:
        out.append(ctx.p("The cell file gives neither a cell-to-cell spread nor an end-of-life "
                         "derating, so only typical figures are shown (section 2). None of the "
                         "figures is guaranteed."))
    out += lifetime_flowables(ctx.design, ctx.st, ctx.width, tr=ctx.tr)
    return out
