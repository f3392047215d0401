"""What every section of the spec sheet uses: the context it is built in (data, options,
styles, width, language) and the small typesetting helpers (figures, labels, tables)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...core.results import DISPLAY_UNITS, RESULT_DEFS, Quantity, display, pretty_unit
from ...core.units import to_unit
from ..common import DAGGER, ReportOptions, fig, grid_table, heading, is_estimated
from ..common import P as Para
from ..i18n import Text
from .data import SpecSheetData


@dataclass
class Context:
    """One sheet being built.  `heading()` numbers the sections in the order they appear, so a
    section that has nothing to show leaves no gap."""

    data: SpecSheetData
    opts: ReportOptions
    st: dict
    width: float
    tr: Text
    date_text: str
    compact: int = 0  # 1: smaller drawings and charts, so that a last page is not half empty
    numbered: list[str] = field(default_factory=list)

    @property
    def design(self):
        return self.data.design

    @property
    def res(self):
        return self.data.results

    @property
    def units(self) -> dict:
        return self.opts.units

    @property
    def half(self) -> float:
        return (self.width - 12) / 2

    def size(self, *heights: float) -> float:
        """The height for the sheet's compactness: heights[compact] (the last if fewer)."""
        return heights[min(self.compact, len(heights) - 1)]

    def heading(self, title_en: str):
        number = str(len(self.numbered) + 1)
        self.numbered.append(title_en)
        return heading(number, self.tr(title_en), self.st, self.width)

    def p(self, text_en: str, style: str = "base", raw: bool = False):
        """A paragraph in the sheet's language (English markup when raw)."""
        if raw:
            return Para(self.tr.para(text_en), self.st[style], raw=True)
        return Para(self.tr.para(text_en, raw=False), self.st[style], raw=True)

    def cell(self, text_en: str, style: str = "cell"):
        """A short translated text in a table cell."""
        return Para(self.tr(text_en), self.st[style])


def mark(design, name: str) -> str:
    return DAGGER if is_estimated(design, name) else ""


def label(ctx: Context, name: str, sep: str = " / ") -> str:
    """A result's label; bilingual with `sep` between the two (a newline in narrow columns)."""
    d = RESULT_DEFS.get(name)
    return ctx.tr(d.label if d else name.replace("_", " "), sep=sep)


def basis(ctx: Context, name: str) -> str:
    d = RESULT_DEFS.get(name)
    return ctx.tr(d.help) if d and d.help else ""


def temp(v_k: float, units) -> str:
    num, unit = display("temperature", Quantity(v_k, "temperature"), units or None, digits=3)
    try:
        num = f"{float(num):.0f}" if abs(float(num)) >= 1 else num
    except ValueError:
        pass
    return f"{num.replace('-', '−')} {unit}"


def quantity(kind: str, v: float, units, digits: int = 4) -> str:
    num, unit = display(kind, Quantity(v, kind), units or None, digits=digits)
    return f"{num} {unit}".strip()


def setting(kind: str, v: float, units, digits: int = 4) -> str:
    """A design input (a gap, a coefficient) in the display unit of its kind: '2 mm'."""
    unit = (units or {}).get(kind) or DISPLAY_UNITS[kind][0]
    return f"{to_unit(v, kind, unit):.{digits}g} {pretty_unit(unit)}"


def results_table(ctx: Context, names, width: float, show_basis: bool = True):
    design, res, st, tr = ctx.design, ctx.res, ctx.st, ctx.tr
    sep = " / " if show_basis else "\n"  # a narrow table: the bilingual header on two lines
    hdr = [Para(tr("Parameter"), st["th"]), Para(tr("Value", sep), st["thr"]),
           Para(tr("Unit", sep), st["th"]), Para("", st["th"])]
    rows = [hdr + ([Para(tr("Basis"), st["th"])] if show_basis else [])]
    for name in names:
        if name not in res:
            continue
        num, unit = fig(name, res[name], ctx.units)
        row = [Para(label(ctx, name, " / " if show_basis else "\n"), st["cell"]),
               Para(num, st["cellr"]),
               Para(unit, st["cell"]), Para(mark(design, name), st["cellc"])]
        if show_basis:
            row.append(Para(basis(ctx, name), st["small"]))
        rows.append(row)
    if show_basis:
        cw = [width * 0.33, width * 0.13, width * 0.10, width * 0.04, width * 0.40]
    else:
        cw = [width * 0.55, width * 0.21, width * 0.17, width * 0.07]
    return grid_table(rows, cw)


def side_by_side(left: list, right: list, width: float):
    """Two columns of flowables, top-aligned, 12 pt apart."""
    from reportlab.platypus import Table, TableStyle

    half = (width - 12) / 2
    return Table([[left, right]], colWidths=[half + 6, half + 6],
                 style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (0, 0), 6),
                                   ("RIGHTPADDING", (1, 0), (1, 0), 0),
                                   ("LEFTPADDING", (1, 0), (1, 0), 6)]))


def bullets(ctx: Context, texts_en: list[str]) -> list:
    out = []
    for t in texts_en:
        p = Para(ctx.tr.para(t), ctx.st["bullet"], raw=True)
        p.bulletText = "•"
        out.append(p)
    return out
