"""The comparison report: every design's figures side by side as `naion calc` prints them, in the
order given, Chinese names, metadata, page numbers, determinism, errors."""

from __future__ import annotations

import io
import re

import pytest

from naion_designer import __version__
from naion_designer.core.electrical import calculate
from naion_designer.core.results import RESULT_DEFS, display
from naion_designer.core.units import InputError
from naion_designer.report.common import ReportOptions
from naion_designer.report.comparison import ROWS, comparison_bytes, write_comparison

from .conftest import CUSTOMER, NAME, pdf_text

OPTS = ReportOptions(customer=CUSTOMER, revision="D", author="Ann", date="2026-02-03")


@pytest.fixture
def designs(design, spread_design):
    return [design, spread_design, design.evolve(name="第三 13S2P", series=13)]


def test_table_carries_every_designs_figures_in_order(designs):
    text = " ".join(pdf_text(comparison_bytes(designs, OPTS)))
    results = [calculate(d) for d in designs]
    checked = 0
    for _group, names in ROWS:
        for name in names:
            if not all(name in r for r in results):
                continue
            nums = [display(name, r[name])[0] for r in results]
            unit = display(name, results[0][name])[1]
            pat = re.escape(RESULT_DEFS[name].label) + "".join(
                r" " + re.escape(n) + r"( †)?" for n in nums) + (" " + re.escape(unit)
                                                                  if unit else "")
            assert re.search(pat, text), (name, nums)
            checked += 1
    assert checked >= 20
    for d in designs:
        assert f"{d.series}S{d.parallel}P" in text


def test_names_metadata_pages(designs):
    import pypdf

    pdf = comparison_bytes(designs, OPTS)
    pages = pdf_text(pdf)
    assert NAME in pages[0] and "第三 13S2P" in pages[0] and CUSTOMER in pages[0]
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert reader.metadata.title == "Comparison of 3 designs"
    assert reader.metadata.author == "Ann"
    assert NAME in reader.metadata.subject
    n = len(reader.pages)
    assert n >= 2
    for i, page in enumerate(pages, start=1):
        assert f"Page {i} of {n}" in page
        assert "Rev. D" in page and f"NaIon Designer {__version__}" in page
    assert "Layouts" in " ".join(pages)


def test_deterministic_and_order_matters(designs):
    a = comparison_bytes(designs, OPTS)
    assert comparison_bytes(designs, OPTS) == a
    assert comparison_bytes(designs[::-1], OPTS) != a


def test_write_and_errors(tmp_path, designs):
    out = tmp_path / "cmp.pdf"
    write_comparison(designs, out)  # options are optional
    assert out.read_bytes().startswith(b"%PDF-")
    with pytest.raises(InputError, match="at least one"):
        comparison_bytes([], OPTS)
    with pytest.raises(InputError, match="at most"):
        comparison_bytes(designs * 3, OPTS)
    with pytest.raises(InputError, match="does not exist"):
        write_comparison(designs, tmp_path / "no" / "x.pdf", OPTS)


def test_single_design_comparison(design):
    text = " ".join(pdf_text(comparison_bytes([design], OPTS)))
    num, unit = display("energy", calculate(design)["energy"])
    assert f"Energy {num} {unit}" in text
