"""The fonts of the PDF reports: Liberation Sans for Latin text, WenQuanYi Micro Hei for CJK.

Both are TrueType (glyf outlines) files bundled in `resources/fonts/`, embedded as subsets, so a
report renders the same on every machine.  Text a user typed (design, customer, company names)
may mix scripts: `markup()` (for platypus paragraphs) and `draw_text()` (for the canvas) split it
into runs set in the font that has the glyphs.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

SANS = "NaIonSans"
SANS_BOLD = "NaIonSans-Bold"
CJK = "NaIonCJK"

_FILES = {
    SANS: ("LiberationSans-Regular.ttf", 0),
    SANS_BOLD: ("LiberationSans-Bold.ttf", 0),
    CJK: ("wqy-microhei.ttc", 0),
}


def font_dir() -> Path:
    try:
        from ..io.paths import resources_dir

        d = resources_dir() / "fonts"
        if (d / _FILES[CJK][0]).is_file():
            return d
    except RuntimeError:
        pass
    return Path(__file__).resolve().parents[2] / "resources" / "fonts"


def _register(name: str) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    fname, index = _FILES[name]
    path = font_dir() / fname
    if not path.is_file():
        raise RuntimeError(f"the report font {path} is missing; the installation is incomplete")
    pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=index))


@lru_cache(maxsize=1)
def register_fonts() -> None:
    """Register the Latin report fonts with reportlab (once per process)."""
    from reportlab.lib.fonts import addMapping

    for name in (SANS, SANS_BOLD):
        _register(name)
    addMapping(SANS, 0, 0, SANS)
    addMapping(SANS, 1, 0, SANS_BOLD)
    addMapping(SANS, 0, 1, SANS)  # no italics on the sheets
    addMapping(SANS, 1, 1, SANS_BOLD)


@lru_cache(maxsize=1)
def register_cjk() -> None:
    """Register the CJK font (5 MB to parse: only when some text needs it)."""
    from reportlab.lib.fonts import addMapping

    _register(CJK)
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(CJK, bold, italic, CJK)


@lru_cache(maxsize=1)
def _latin_cmap() -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    return frozenset(pdfmetrics.getFont(SANS).face.charToGlyph)


def runs(text: str) -> list[tuple[bool, str]]:
    """Split text into (is_cjk, run) pieces: CJK runs are the characters Liberation Sans lacks."""
    latin = _latin_cmap()
    out: list[tuple[bool, str]] = []
    for ch in text:
        cjk = ord(ch) not in latin and not ch.isspace()
        if cjk:
            register_cjk()
        if out and out[-1][0] == cjk:
            out[-1] = (cjk, out[-1][1] + ch)
        else:
            out.append((cjk, ch))
    return out


def has_cjk(text: str) -> bool:
    return any(c for c, _ in runs(text))


def markup(text: str) -> str:
    """Paragraph markup for user text: XML-escaped, CJK runs in the CJK font."""
    parts = []
    for cjk, run in runs(str(text)):
        e = escape(run)
        parts.append(f'<font name="{CJK}">{e}</font>' if cjk else e)
    return "".join(parts)


def markup_cjk(text: str) -> str:
    """Paragraph markup (tags kept as they are) with its CJK runs set in the CJK font."""
    import re

    out = []
    for piece in re.split(r"(<[^>]*>)", text):
        if piece.startswith("<"):
            out.append(piece)
            continue
        for cjk, run in runs(piece):
            out.append(f'<font name="{CJK}">{run}</font>' if cjk else run)
    return "".join(out)


def text_width(text: str, size: float, bold: bool = False) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    register_fonts()
    latin = SANS_BOLD if bold else SANS
    return sum(stringWidth(run, CJK if cjk else latin, size) for cjk, run in runs(text))


def draw_text(canvas, x: float, y: float, text: str, size: float, bold: bool = False,
              anchor: str = "start") -> float:
    """Draw mixed-script text on a canvas; returns its width."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    w = text_width(text, size, bold)
    if anchor == "end":
        x -= w
    elif anchor == "middle":
        x -= w / 2
    latin = SANS_BOLD if bold else SANS
    for cjk, run in runs(text):
        font = CJK if cjk else latin
        canvas.setFont(font, size)
        canvas.drawString(x, y, run)
        x += stringWidth(run, font, size)
    return w


def font_for(text: str, bold: bool = False) -> str:
    """One font for a short graphics label: the CJK font if any character needs it."""
    return CJK if has_cjk(text) else (SANS_BOLD if bold else SANS)


def fit_text(text: str, width: float, size: float, bold: bool = False) -> str:
    """Shorten text with an ellipsis so that it fits `width` points."""
    if text_width(text, size, bold) <= width:
        return text
    while text and text_width(text + "…", size, bold) > width:
        text = text[:-1]
    return text.rstrip() + "…"
