"""The page frame of the reports: running header and footer with 'page X of Y', PDF bookmarks
kept, deterministic output (invariant mode, creation date = the report date), and the layout of
a story on A4 or letter pages."""

from __future__ import annotations

import datetime as _dt
import io
from dataclasses import dataclass

from .. import __version__
from .common import ACCENT, INK, MUTED, NAVY, RULE, ReportOptions, page_size
from .fonts import draw_text, fit_text, register_fonts, text_width


@dataclass
class PageInfo:
    doc_title: str
    header_right: str
    footer_left: str
    footer_note: str
    date: _dt.date
    page_text: str = "Page {n} of {total}"


def make_canvas_class(info: PageInfo):
    """A canvas that numbers pages 'Page X of Y', draws the running header and footer, and is
    deterministic (invariant mode, creation date = the report date)."""
    from reportlab.lib import colors
    from reportlab.lib.utils import TimeStamp
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kw):
            kw["invariant"] = 1
            super().__init__(*args, **kw)
            ts = TimeStamp(invariant=1)
            epoch = _dt.datetime(info.date.year, info.date.month, info.date.day,
                                 tzinfo=_dt.UTC).timestamp()
            import time as _time

            ts.t = epoch
            ts.lt = _time.gmtime(epoch)
            ts.YMDhms = tuple(ts.lt)[:6]
            self._doc._timeStamp = ts
            self._saved: list[dict] = []
            self._page_marks: list[tuple[str, dict]] = []

        # Pages are kept until the total is known ('Page X of Y'), so the PDF page a bookmark
        # points to exists only when the page is replayed: bookmarks are recorded per page.
        def bookmarkPage(self, key, **kw):
            self._page_marks.append((key, kw))

        def showPage(self):
            self._saved.append(dict(self.__dict__))
            self._page_marks = []
            self._startPage()

        def save(self):
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                for key, kw in self._page_marks:
                    Canvas.bookmarkPage(self, key, **kw)
                self._decorate(total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _decorate(self, total: int) -> None:
            w, h = self._pagesize
            n = self._pageNumber
            m = 42.0
            self.saveState()
            # header band on pages after the first (the first has the title block)
            if n > 1:
                self.setFillColor(colors.HexColor(NAVY))
                self.rect(0, h - 6, w, 6, stroke=0, fill=1)
                self.setFillColor(colors.HexColor(ACCENT))
                self.rect(0, h - 8, w, 2, stroke=0, fill=1)
                self.setFillColor(colors.HexColor(NAVY))
                avail = w - 2 * m - 12
                right = fit_text(info.header_right, avail * 0.45, 7.5)
                left = fit_text(info.doc_title, avail - text_width(right, 7.5), 8.5, bold=True)
                draw_text(self, m, h - 30, left, 8.5, bold=True)
                self.setFillColor(colors.HexColor(MUTED))
                draw_text(self, w - m, h - 30, right, 7.5, anchor="end")
                self.setStrokeColor(colors.HexColor(RULE))
                self.setLineWidth(0.5)
                self.line(m, h - 36, w - m, h - 36)
            else:
                self.setFillColor(colors.HexColor(NAVY))
                self.rect(0, h - 6, w, 6, stroke=0, fill=1)
                self.setFillColor(colors.HexColor(ACCENT))
                self.rect(0, h - 8, w, 2, stroke=0, fill=1)
            # footer
            self.setStrokeColor(colors.HexColor(RULE))
            self.setLineWidth(0.5)
            self.line(m, 40, w - m, 40)
            self.setFillColor(colors.HexColor(MUTED))
            draw_text(self, m, 29, fit_text(info.footer_left, w - 2 * m - 80, 7), 7)
            draw_text(self, m, 20, fit_text(info.footer_note, w - 2 * m, 6.3), 6.3)
            self.setFillColor(colors.HexColor(INK))
            draw_text(self, w - m, 29, info.page_text.format(n=n, total=total), 7.5, bold=True,
                      anchor="end")
            self.restoreState()

    return NumberedCanvas


def _end_mark(out: list):
    """A zero-size flowable at the end of the story: records (pages, fill of the last page)."""
    from reportlab.platypus.flowables import Flowable

    class EndMark(Flowable):
        def wrap(self, aw, ah):
            return 0, 0

        def drawOn(self, canvas, x, y, _sW=0):
            frame = self._frame
            used = (frame._y1 + frame._height - y) / frame._height
            out[:] = [canvas.getPageNumber(), used]

        def draw(self):
            pass

    return EndMark()


def build_pdf(story: list, opts: ReportOptions, info: PageInfo, title: str, subject: str,
              author: str, keywords: str, lang: str = "en", measure: list | None = None) -> bytes:
    """Lay the story out on pages and return the PDF bytes.  With `measure` (a list), it is
    filled with [pages, fraction of the last page's frame used]."""
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    if measure is not None:
        story = [*story, _end_mark(measure)]

    register_fonts()
    buf = io.BytesIO()
    w, h = page_size(opts.paper)
    m = 42.0
    doc = BaseDocTemplate(buf, pagesize=(w, h), leftMargin=m, rightMargin=m, topMargin=46,
                          bottomMargin=50, title=title, author=author, subject=subject,
                          creator=f"NaIon Designer {__version__}", keywords=keywords,
                          invariant=1, pageCompression=1, lang=lang)
    first = Frame(m, 50, w - 2 * m, h - 50 - 18, id="first", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    later = Frame(m, 50, w - 2 * m, h - 50 - 44, id="later", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("First", [first], autoNextPageTemplate="Later"),
                          PageTemplate("Later", [later])])
    doc.build(story, canvasmaker=make_canvas_class(info))
    return buf.getvalue()


