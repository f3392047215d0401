"""Section "Application target": the target's requirements checked on the design."""

from __future__ import annotations

import math

from ...core.results import pretty_unit
from ...core.units import format_number
from ..common import FAIL, MUTED, PASS, grid_table
from ..common import P as Para
from ..fonts import markup
from .blocks import Context


def _number(v, unit: str) -> str:
    try:
        v = float(v)
    except (TypeError, ValueError):
        return "—"
    if not math.isfinite(v):
        return "—"
    return f"{format_number(v, 4)} {unit}".strip()


def _margin(v) -> str:
    try:
        m = float(v)
    except (TypeError, ValueError):
        return "—"
    return f"{100 * m:+.1f} %".replace("-", "−") if math.isfinite(m) else "—"


def checks_table(ctx: Context):
    """The requirements: required, this design, margin, PASS/FAIL and the reason."""
    from reportlab.lib import colors

    st, tr, width = ctx.st, ctx.tr, ctx.width
    heads = ["Requirement", "Required", "Design", "Margin", "Result", "Basis"]
    # bilingual: the English on a line of its own, not broken inside a word of a narrow column
    rows = [[Para(tr(h, sep="\n"), st["th"] if i in (0, 5) else st["thr"])
             for i, h in enumerate(heads)]]
    extra = []
    for r, ch in enumerate(ctx.data.checks, start=1):
        unit = pretty_unit(ch.unit or "")
        word = ("PASS" if ch.passed else "FAIL") if ch.verified else "n/a"
        colour = PASS if ch.passed and ch.verified else FAIL if not ch.passed else MUTED
        rows.append([Para(tr(ch.label or ch.name), st["cell"]),
                     Para(_number(ch.required, unit), st["cellr"]),
                     Para(_number(ch.value, unit), st["cellr"]),
                     Para(_margin(ch.margin), st["cellr"]),
                     Para(f'<font color="{colour}"><b>{markup(tr(word))}</b></font>',
                          st["cellr"], raw=True),
                     Para(tr.para(ch.reason or "", raw=False), st["small"], raw=True)])
        if not ch.passed:
            extra.append(("BACKGROUND", (4, r), (4, r), colors.HexColor("#fdecea")))
    cw = [width * 0.20, width * 0.12, width * 0.12, width * 0.09, width * 0.08, width * 0.39]
    return grid_table(rows, cw, extra_style=extra)


def section(ctx: Context) -> list:
    from reportlab.platypus import CondPageBreak, Spacer

    data, design = ctx.data, ctx.design
    out = [CondPageBreak(120), ctx.heading("Application target"), Spacer(1, 3)]
    if data.checks is not None:
        n = len(data.checks)
        failed = n - sum(1 for c in data.checks if c.passed)
        verdict = (f'<font color="{PASS}"><b>meets all {n} requirements</b></font>'
                   if not failed else
                   f'<font color="{FAIL}"><b>fails {failed} of {n} requirements</b></font>')
        name = data.target.name or design.target
        out += [ctx.p(f"Target: <b>{markup(name)}</b> ({markup(design.target)}): the design "
                      f"{verdict}.", raw=True), Spacer(1, 3), checks_table(ctx)]
    elif data.target_error:
        out.append(ctx.p(f"Target not checked: {data.target_error}."))
    else:
        out.append(ctx.p("No application target is set for this design, so no requirement "
                         "table is shown. Set one in the design (key \"target\") to check it."))
    return out
