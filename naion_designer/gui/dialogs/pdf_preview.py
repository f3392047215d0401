"""Page count and a raster image of page 1 of a PDF, rendered with pdfium (pypdfium2) so that
every bundle (Linux, Windows, macOS) previews without an external program.  Runs in a worker
thread: it returns PNG bytes (QImage is thread-safe, QPixmap is not)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage

log = logging.getLogger(__name__)
PREVIEW_DPI = 72
# pdfium's pixel layouts (bytes in memory, little-endian) as QImage formats
_FORMATS = {"BGR": QImage.Format.Format_BGR888, "BGRA": QImage.Format.Format_ARGB32,
            "BGRX": QImage.Format.Format_RGB32, "L": QImage.Format.Format_Grayscale8}


def page_count(pdf: bytes) -> int:
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf)
    try:
        return len(doc)
    finally:
        doc.close()


def render_first_page(pdf: bytes, dpi: int = PREVIEW_DPI) -> bytes | None:
    """PNG bytes of page 1 at `dpi`, or None when pdfium cannot read the document."""
    import pypdfium2

    try:
        doc = pypdfium2.PdfDocument(pdf)
    except pypdfium2.PdfiumError:
        log.exception("pdfium cannot read the preview PDF")
        return None
    try:
        bitmap = doc[0].render(scale=dpi / 72.0)
        pixels = bitmap.to_numpy()
        fmt = _FORMATS.get(bitmap.mode)
        if fmt is None:
            return None
        h, w = pixels.shape[:2]
        image = QImage(pixels.data, w, h, pixels.strides[0], fmt).copy()
    finally:
        doc.close()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    buf.close()
    return bytes(data)
