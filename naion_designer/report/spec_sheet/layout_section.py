"""Section "Layout": the top view to scale (report.drawing) and what it shows."""

from __future__ import annotations

from ..common import fig
from ..drawing import layout_drawing
from .blocks import Context, setting


def _centred(drawing, width):
    from reportlab.platypus import Table, TableStyle

    t = Table([[drawing]], colWidths=[width])
    t.setStyle(TableStyle([("ALIGN", (0, 0), (-1, -1), "CENTER"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return t


def section(ctx: Context) -> list:
    from reportlab.platypus import KeepTogether, Spacer

    design, res, units, width = ctx.design, ctx.res, ctx.units, ctx.width
    info: dict = {}
    drawing = layout_drawing(design, width, ctx.size(250, 170), units, info=info)
    L, W, H = (fig(n, res[n], units) for n in ("length", "width", "height"))
    caption = (
        f"Top view to scale ({info.get('scale', '')} when printed at 100 %). "
        f"Parallel groups are coloured and numbered in series order, 1 at the negative pack "
        f"terminal (−) to {design.series} at the positive terminal (+); the red line with "
        f"arrows follows the series current path in discharge. Envelope {L[0]} × {W[0]} × "
        f"{H[0]} {L[1]} (L × W × H) including {setting('length', design.layout.margin, units)} "
        f"wall margin and {setting('length', design.layout.top_clearance, units)} top "
        "clearance.")
    return [KeepTogether([ctx.heading("Layout"), Spacer(1, 4), _centred(drawing, width),
                          ctx.p(caption, "small")])]
