"""What the spec sheet and the comparison report share: options, styles, the page frame
(header, footer with revision, software version and 'page X of Y'), deterministic PDF output,
figures typeset through `core.results.display` and the marks on estimated figures."""

from __future__ import annotations

import datetime as _dt
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..core.units import InputError
from .fonts import (
    SANS,
    SANS_BOLD,
    markup,
    markup_cjk,
    register_fonts,
)

NAVY = "#123b5d"
ACCENT = "#e07a1f"  # the orange-yellow of a sodium flame
INK = "#1f2a37"
MUTED = "#5b6673"
RULE = "#c9d1da"
ZEBRA = "#f3f6f9"
PASS = "#2e7d32"
FAIL = "#c62828"
DAGGER = "†"
PAPERS = ("A4", "letter")


@dataclass(frozen=True)
class ReportOptions:
    """What the user adds to a report besides the design (empty: taken from the design's
    metadata where it has it)."""

    customer: str = ""
    project: str = ""
    revision: str = ""
    author: str = ""
    company: str = ""
    logo: str = ""  # path to a PNG/JPEG/GIF image
    paper: str = "A4"  # A4 | letter
    date: str = ""  # ISO date (YYYY-MM-DD); "" = the design's, SOURCE_DATE_EPOCH or today
    units: dict[str, str] = field(default_factory=dict)  # kind -> display unit
    notes: tuple[str, ...] = ()
    include_cost: bool = False
    title: str = ""  # document title; "" = the design name
    lang: str = "en"  # en | zh_CN | bilingual (中文 / English)

    def resolved(self, design) -> ReportOptions:
        """Fill empty fields from the design's metadata (customer, project, ...)."""
        from dataclasses import replace

        vals = {}
        for key in ("customer", "project", "revision", "author", "company", "logo", "date"):
            if not getattr(self, key) and design is not None and design.meta(key):
                vals[key] = design.meta(key)
        return replace(self, **vals) if vals else self


def validate_options(opts: ReportOptions) -> None:
    """InputError naming the option that is wrong."""
    from .i18n import LANGS

    if opts.lang not in LANGS:
        raise InputError("--lang", f"expected en, zh_CN or bilingual, got '{opts.lang}'")
    if opts.paper not in PAPERS:
        raise InputError("--paper", f"expected A4 or letter, got '{opts.paper}'")
    if opts.date:
        parse_date(opts.date)
    if opts.logo:
        check_logo(opts.logo)
    from ..core.results import DISPLAY_UNITS

    for kind, unit in opts.units.items():
        if kind not in DISPLAY_UNITS:
            raise InputError("--units", f"unknown quantity '{kind}' (expected one of "
                                        f"{', '.join(DISPLAY_UNITS)})")
        if unit not in DISPLAY_UNITS[kind]:
            raise InputError("--units", f"unit '{unit}' is not offered for {kind} (expected one "
                                        f"of {', '.join(DISPLAY_UNITS[kind])})")


def check_logo(path: str) -> None:
    p = Path(path)
    if not p.is_file():
        raise InputError("--logo", f"no such image file '{path}'")
    try:
        from PIL import Image

        with Image.open(p) as im:
            im.verify()
            if im.format not in ("PNG", "JPEG", "GIF", "BMP", "TIFF"):
                raise InputError("--logo", f"'{path}' is a {im.format} image; use PNG or JPEG")
    except InputError:
        raise
    except Exception:
        raise InputError("--logo", f"'{path}' is not a readable PNG or JPEG image") from None


def parse_date(text: str) -> _dt.date:
    try:
        return _dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        raise InputError("--date", f"expected a date as YYYY-MM-DD, got '{text}'") from None


def report_date(opts: ReportOptions) -> _dt.date:
    """The date printed on the report and stored as the PDF creation date (deterministic)."""
    if opts.date:
        return parse_date(opts.date)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), _dt.UTC).date()
    return _dt.datetime.now(_dt.UTC).date()


def page_size(paper: str) -> tuple[float, float]:
    from reportlab.lib.pagesizes import A4, letter

    return letter if paper == "letter" else A4


# --- figures -----------------------------------------------------------------------------------
def fig(name: str, q, units: dict[str, str] | None = None) -> tuple[str, str]:
    """(number, unit) exactly as `naion calc` prints them (core.results.display)."""
    from ..core.results import display

    return display(name, q, units or None)


# cell file keys each pack result depends on (a result is marked estimated if any is)
_DIMS = ("diameter", "length", "width", "height", "form_factor")
RESULT_DEPENDS: dict[str, tuple[str, ...]] = {
    "nominal_voltage": ("nominal_voltage",),
    "max_voltage": ("max_voltage",),
    "min_voltage": ("min_voltage",),
    "capacity": ("capacity",),
    "energy": ("nominal_voltage", "capacity"),
    "usable_energy": ("ocv", "capacity"),
    "cells_resistance": ("resistance",),
    "resistance": ("resistance",),
    "interconnect_resistance": (),
    "max_continuous_discharge_current": ("max_continuous_discharge_current",),
    "max_continuous_discharge_power": ("max_continuous_discharge_current", "min_voltage"),
    "max_continuous_charge_current": ("max_continuous_charge_current",),
    "max_continuous_charge_power": ("max_continuous_charge_current", "nominal_voltage"),
    "peak_discharge_current": ("peak_discharge_current",),
    "peak_discharge_power": ("peak_discharge_current", "min_voltage"),
    "max_discharge_c_rate": ("max_continuous_discharge_current", "capacity"),
    "max_charge_c_rate": ("max_continuous_charge_current", "capacity"),
    "load_current": ("capacity",),
    "voltage_under_load": ("ocv", "resistance", "rc", "capacity"),
    "runtime_power": ("nominal_voltage", "capacity"),
    "runtime": ("ocv", "capacity", "nominal_voltage"),
    "heat_at_max_continuous_discharge": ("max_continuous_discharge_current", "resistance"),
    "sustained_heat_at_max_continuous_discharge": ("max_continuous_discharge_current",
                                                   "resistance", "rc", "entropic_coefficient"),
    "interconnect_loss_at_max_continuous_discharge": ("max_continuous_discharge_current",),
    "adiabatic_temperature_rise_rate": ("max_continuous_discharge_current", "resistance", "rc",
                                        "entropic_coefficient", "specific_heat"),
    "max_cell_current_share": ("resistance",),
    "cell_count": (),
    "cell_mass": ("mass",),
    "overhead_mass": (),
    "mass": ("mass",),
    "length": _DIMS,
    "width": _DIMS,
    "height": _DIMS,
    "volume": _DIMS,
    "specific_energy": ("nominal_voltage", "capacity", "mass"),
    "energy_density": ("nominal_voltage", "capacity") + _DIMS,
    "cell_cost": ("price",),
    "cost_per_energy": ("price", "nominal_voltage", "capacity"),
}


def is_estimated(design, name: str) -> bool:
    """True when a pack figure derives from an estimated cell figure."""
    est = set(design.cell.estimated)
    if not est:
        return False
    deps = set(RESULT_DEPENDS.get(name, ()))
    if name == "usable_energy" and design.cell.ocv is None:
        deps |= {"nominal_voltage"}
    if name == "runtime_power" and design.analysis.runtime_power is not None:
        deps = set()
    if name == "overhead_mass" and any(o.mass_fraction for o in design.overheads):
        deps |= {"mass"}
    return bool(deps & est)


# --- styles ------------------------------------------------------------------------------------
def styles(tight: float = 1.0) -> dict:
    """The paragraph styles; `tight` < 1 scales every line spacing down (a denser sheet)."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    register_fonts()
    ink = colors.HexColor(INK)
    base = ParagraphStyle("base", fontName=SANS, fontSize=8.2, leading=10.4, textColor=ink,
                          wordWrap="CJK")
    st = {
        "base": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7, leading=8.8,
                                textColor=colors.HexColor(MUTED)),
        "cell": ParagraphStyle("cell", parent=base, fontSize=7.8, leading=9.4),
        "cellr": ParagraphStyle("cellr", parent=base, fontSize=7.8, leading=9.4,
                                alignment=TA_RIGHT),
        "cellc": ParagraphStyle("cellc", parent=base, fontSize=7.8, leading=9.4,
                                alignment=TA_CENTER),
        "cellb": ParagraphStyle("cellb", parent=base, fontName=SANS_BOLD, fontSize=7.8,
                                leading=9.4),
        "th": ParagraphStyle("th", parent=base, fontName=SANS_BOLD, fontSize=7.4, leading=9,
                             textColor=colors.white),
        "thr": ParagraphStyle("thr", parent=base, fontName=SANS_BOLD, fontSize=7.4, leading=9,
                              textColor=colors.white, alignment=TA_RIGHT),
        "h1": ParagraphStyle("h1", parent=base, fontName=SANS_BOLD, fontSize=10.5, leading=13,
                             textColor=colors.HexColor(NAVY), spaceBefore=8, spaceAfter=3),
        "h2": ParagraphStyle("h2", parent=base, fontName=SANS_BOLD, fontSize=8.6, leading=11,
                             textColor=colors.HexColor(NAVY), spaceBefore=4, spaceAfter=2),
        "title": ParagraphStyle("title", parent=base, fontName=SANS_BOLD, fontSize=17,
                                leading=21, textColor=colors.HexColor(NAVY)),
        "kicker": ParagraphStyle("kicker", parent=base, fontName=SANS_BOLD, fontSize=7.5,
                                 leading=9.5, textColor=colors.HexColor(ACCENT)),
        "sub": ParagraphStyle("sub", parent=base, fontSize=8.5, leading=11,
                              textColor=colors.HexColor(MUTED)),
        "tbk": ParagraphStyle("tbk", parent=base, fontSize=6.6, leading=8,
                              textColor=colors.HexColor(MUTED)),
        "tbv": ParagraphStyle("tbv", parent=base, fontSize=8.2, leading=10),
        "big": ParagraphStyle("big", parent=base, fontName=SANS_BOLD, fontSize=15, leading=18,
                              textColor=colors.HexColor(NAVY)),
        "biglabel": ParagraphStyle("biglabel", parent=base, fontSize=6.8, leading=8.4,
                                   textColor=colors.HexColor(MUTED)),
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=9, bulletIndent=0,
                                 spaceAfter=1.5),
        "company": ParagraphStyle("company", parent=base, fontName=SANS_BOLD, fontSize=11,
                                  leading=13.5, textColor=colors.HexColor(NAVY)),
    }
    if tight != 1.0:
        for style in st.values():
            style.leading = round(style.leading * tight, 2)
    return st


def P(text: str, style, raw: bool = False):
    """A Paragraph; user/plain text is escaped (a newline breaks the line) and CJK runs get the
    CJK font unless raw."""
    from reportlab.platypus import Paragraph

    return Paragraph(markup_cjk(text) if raw else markup(text).replace("\n", "<br/>"), style)


def _bookmark_class():
    from reportlab.platypus.flowables import Flowable

    class Bookmark(Flowable):
        """Zero-size flowable: a PDF outline entry (bookmark) for the section that follows."""

        def __init__(self, key: str, title: str):
            super().__init__()
            self.key, self.title = key, title
            self.width = self.height = 0

        def wrap(self, aw, ah):
            return 0, 0

        def draw(self):
            self.canv.bookmarkPage(self.key)
            self.canv.addOutlineEntry(self.title, self.key, level=0)

    return Bookmark


def heading(number: str, title: str, st: dict, width: float):
    """A numbered section heading with an accent rule and a PDF bookmark."""
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    mark = _bookmark_class()(f"section-{number}", f"{number} {title}")
    from reportlab.lib.styles import ParagraphStyle

    num_style = ParagraphStyle("h1n", parent=st["h1"], spaceBefore=0, spaceAfter=0)
    t = Table([[[mark, P(f'<font color="{ACCENT}">{number}</font>', num_style, raw=True)],
                P(title, st["h1"])]], colWidths=[18, width - 18])
    t.setStyle(TableStyle([
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.HexColor(NAVY)),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2), ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
    ]))
    return t


@lru_cache(maxsize=1)
def _table_class():
    from reportlab.platypus import Table

    class DatasheetTable(Table):
        """A table that never leaves fewer than MIN_ROWS data rows alone on a page: where a
        page break would, it moves more rows along."""

        MIN_ROWS = 3

        def split(self, availWidth, availHeight):
            parts = super().split(availWidth, availHeight)
            if len(parts) != 2:
                return parts
            head = self.repeatRows if isinstance(self.repeatRows, int) else \
                len(self.repeatRows)
            first = len(parts[0]._cellvalues)
            tail = len(self._cellvalues) - first
            need = self.MIN_ROWS - tail
            if need <= 0 or first - head - need < self.MIN_ROWS:
                return parts
            lower = availHeight - sum(self._rowHeights[first - need:first]) - 0.5
            moved = super().split(availWidth, lower)
            if len(moved) != 2:
                return parts
            # the page break keeps the moved rows from flowing back into the space they left
            from reportlab.platypus import PageBreak

            return [moved[0], PageBreak(), moved[1]]

    return DatasheetTable


def grid_table(rows: list[list], col_widths: list[float], header_rows: int = 1,
               align_right: tuple[int, ...] = (), zebra: bool = True, bold_rows=(),
               extra_style=()):
    """A datasheet table: navy header, light zebra rows, hairlines."""
    from reportlab.lib import colors
    from reportlab.platypus import TableStyle

    t = _table_class()(rows, colWidths=col_widths, repeatRows=header_rows, hAlign="LEFT")
    style = [
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor(NAVY)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 1.6), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.0),
        ("LINEBELOW", (0, header_rows), (-1, -1), 0.3, colors.HexColor(RULE)),
        ("BOX", (0, 0), (-1, -1), 0.5, colors.HexColor(RULE)),
    ] if header_rows else [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 1.6), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.0),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor(RULE)),
        ("BOX", (0, 0), (-1, -1), 0.5, colors.HexColor(RULE)),
    ]
    if zebra:
        for r in range(header_rows, len(rows)):
            if (r - header_rows) % 2 == 1:
                style.append(("BACKGROUND", (0, r), (-1, r), colors.HexColor(ZEBRA)))
    for c in align_right:
        style.append(("ALIGN", (c, 0), (c, -1), "RIGHT"))
    for r in bold_rows:
        style.append(("FONTNAME", (0, r), (-1, r), SANS_BOLD))
    style.extend(extra_style)
    t.setStyle(TableStyle(style))
    return t


def frame_width(opts: ReportOptions) -> float:
    return page_size(opts.paper)[0] - 84.0


def write_pdf(data: bytes, path) -> None:
    from ..io.atomic import atomic_write_bytes

    atomic_write_bytes(Path(path), data, "PDF report")


def safe_id(text: str) -> str:
    """A file-name-safe version of a design name (letters of any script are kept)."""
    return re.sub(r"[^\w.-]+", "-", text).strip("-.") or "report"


def header_band(left, centre, right, width: float):
    """The band at the top of page 1: logo/company (`left`, or None for none), the title block
    and the document table, ruled off from the page below."""
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    if left is not None:
        lw = width * 0.22
        t = Table([[left, centre, right]], colWidths=[lw, width * 0.67 - lw, width * 0.33])
    else:
        t = Table([[[], centre, right]], colWidths=[0, width * 0.67, width * 0.33])
    t.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (1, 0), (1, 0), 8),
        ("LINEAFTER", (1, 0), (1, 0), 0.5, colors.HexColor(RULE)),
        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("LINEBELOW", (0, 0), (-1, 0), 1.2, colors.HexColor(NAVY)),
    ]))
    return t


def title_band(opts: ReportOptions, st: dict, width: float, tr, centre: list, date_text: str):
    """The band page 1 of every report opens with: the logo and company (left, where given), the
    `centre` paragraphs, and the customer / project / revision / date / author fields."""
    from reportlab.lib import colors
    from reportlab.platypus import Image, Table, TableStyle

    left: list = []
    if opts.logo:
        from reportlab.lib.utils import ImageReader

        iw, ih = ImageReader(opts.logo).getSize()
        scale = min((width * 0.22 - 8) / iw, 46.0 / ih)
        left.append(Image(opts.logo, width=iw * scale, height=ih * scale, hAlign="LEFT"))
    if opts.company:
        left.append(P(opts.company, st["company"]))
    kv = [("Customer", opts.customer or "—"), ("Project", opts.project or "—"),
          ("Revision", opts.revision or "—"), ("Date", date_text),
          ("Prepared by", opts.author or "—")]
    key_w = 46 if not tr.chinese else 52 if tr.lang == "zh_CN" else 70
    right = Table([[P(tr(k, sep=" "), st["tbk"]), P(v, st["tbv"])] for k, v in kv],
                  colWidths=[key_w, width * 0.33 - key_w])
    right.setStyle(TableStyle([
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 1.4), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6),
        ("LINEBELOW", (0, 0), (-1, -2), 0.3, colors.HexColor(RULE)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    return header_band(left or None, centre, right, width)

