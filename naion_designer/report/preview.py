"""Page images of a PDF for previews, rendered in process with PDFium (pypdfium2): no external
program, so Windows and macOS bundles preview the same way as Linux.

    png = render_page(pdf_bytes, page=0, dpi=100)   # PNG bytes
"""

from __future__ import annotations

import io
import threading

# PDFium is not thread-safe: one render at a time in the process
_LOCK = threading.Lock()


def page_count(pdf: bytes) -> int:
    import pypdfium2 as pdfium

    with _LOCK:
        doc = pdfium.PdfDocument(pdf)
        try:
            return len(doc)
        finally:
            doc.close()


def render_page(pdf: bytes, page: int = 0, dpi: float = 100.0) -> bytes:
    """PNG bytes of one page (0-based) at `dpi`.  Raises ValueError for a PDF that cannot be
    read or a page it does not have."""
    import pypdfium2 as pdfium

    with _LOCK:
        try:
            doc = pdfium.PdfDocument(pdf)
        except pdfium.PdfiumError as exc:
            raise ValueError(f"not a readable PDF ({exc})") from None
        try:
            if not 0 <= page < len(doc):
                raise ValueError(f"the PDF has {len(doc)} page(s), no page {page + 1}")
            pg = doc[page]
            try:
                bitmap = pg.render(scale=dpi / 72.0)
                image = bitmap.to_pil()
            finally:
                pg.close()
        finally:
            doc.close()
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=False)
    return buf.getvalue()


def render_first_page(pdf: bytes, dpi: float = 100.0) -> bytes | None:
    """PNG of page 1, or None when the PDF cannot be rendered (the preview then says so)."""
    try:
        return render_page(pdf, 0, dpi)
    except ValueError:
        return None
