"""Page images rendered in process (pypdfium2), without poppler."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from naion_designer.report.preview import page_count, render_first_page, render_page
from naion_designer.report.spec_sheet import ReportOptions, spec_sheet_bytes


def test_renders_the_first_page_at_the_asked_resolution(design, monkeypatch):
    monkeypatch.setenv("PATH", "")  # no pdftoppm or any other program
    pdf = spec_sheet_bytes(design, ReportOptions(date="2026-01-01", lang="zh_CN"))
    png = render_page(pdf, 0, dpi=50)
    with Image.open(io.BytesIO(png)) as im:
        assert im.format == "PNG"
        assert im.size == pytest.approx((595 * 50 / 72, 842 * 50 / 72), abs=2)  # A4
        # the page is not blank: the navy band and the text are drawn
        colours = im.convert("RGB").getcolors(maxcolors=1 << 20)
        assert len(colours) > 20
    assert page_count(pdf) >= 2
    assert render_first_page(pdf, 30) is not None


def test_bad_input_is_refused_plainly(design):
    pdf = spec_sheet_bytes(design, ReportOptions(date="2026-01-01"))
    with pytest.raises(ValueError, match="no page 99"):
        render_page(pdf, 98)
    with pytest.raises(ValueError, match="not a readable PDF"):
        render_page(b"not a pdf")
    assert render_first_page(b"%PDF-broken") is None
