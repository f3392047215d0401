"""Page 1 above the sections: the title block and the headline figures."""

from __future__ import annotations

from ..common import ACCENT, DAGGER, RULE, fig, title_band
from ..common import P as Para
from ..fonts import markup, text_width
from .blocks import Context, label, mark


def title_block(ctx: Context):
    design, opts, st, tr = ctx.design, ctx.opts, ctx.st, ctx.tr
    centre = [Para(tr("PRODUCT SPECIFICATION · SODIUM-ION BATTERY PACK"), st["kicker"]),
              Para(opts.title or design.name, st["title"]),
              Para(f"{design.series}S{design.parallel}P · {design.cell_count} "
                   f"{tr('cells')} · {design.cell.maker} {design.cell.model}", st["sub"])]
    return title_band(opts, st, ctx.width, tr, centre, ctx.date_text)


def _big_style(st, size: float):
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(f"big{size}", parent=st["big"], fontSize=size, leading=18)


def summary_box(ctx: Context):
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    design, res, st, width, units, tr = ctx.design, ctx.res, ctx.st, ctx.width, ctx.units, ctx.tr

    def box(name: str, text: str | None = None):
        num, unit = fig(name, res[name], units)
        m = mark(design, name)
        m = f'<font size="9" color="{ACCENT}">{m}</font>' if m else ""
        return [Para(f'{markup(num)}<font size="9.5"> {markup(unit)}</font>{m}', st["big"],
                     raw=True),
                Para(tr(text) if text else label(ctx, name), st["biglabel"])]

    L, W, H = (fig(n, res[n], units) for n in ("length", "width", "height"))
    dm = mark(design, "length")
    dm = f'<font size="9" color="{ACCENT}">{dm}</font>' if dm else ""
    dims_text = f"{L[0]} × {W[0]} × {H[0]}"
    size = 15.0
    while size > 8 and text_width(dims_text, size, True) + text_width(
            f" {L[1]}†", 9.5) > width / 4 - 18:
        size -= 0.5
    dims = [Para(f'{dims_text}<font size="9.5"> {markup(L[1])}</font>{dm}',
                 _big_style(st, size), raw=True),
            Para(tr("Envelope L × W × H"), st["biglabel"])]
    row1 = [box("nominal_voltage"), box("capacity"), box("energy"),
            box("max_continuous_discharge_power")]
    row2 = [[Para(f"{design.series}S{design.parallel}P", st["big"]),
             Para(f"{tr('Configuration')} · {design.cell_count} {tr('cells')}",
                  st["biglabel"])],
            box("mass"), dims, box("specific_energy")]
    t = Table([row1, row2], colWidths=[width / 4] * 4)
    t.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f1f5f9")),
        ("LINEABOVE", (0, 0), (-1, 0), 2, colors.HexColor(ACCENT)),
        ("LINEBELOW", (0, 0), (-1, 0), 0.4, colors.HexColor(RULE)),
        ("LINEAFTER", (0, 0), (-2, -1), 0.4, colors.HexColor(RULE)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 8), ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))
    return t


def head(ctx: Context) -> list:
    """Title block, headline figures and, where the cell has estimated figures, the dagger."""
    from reportlab.platypus import Spacer

    out = [title_block(ctx), Spacer(1, 8), summary_box(ctx), Spacer(1, 2)]
    if ctx.design.cell.estimated:
        out.append(ctx.p(f"{DAGGER} estimated: derived from cell figures the maker does not "
                         "publish (see the notes).", "small"))
    return out
