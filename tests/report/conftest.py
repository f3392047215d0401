"""Fixtures for the report tests: designs with Chinese names, cells with and without spread."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DATA = Path(__file__).parent.parent / "data"
NAME = "家庭储能 51.2 V"
CUSTOMER = "深圳某某储能科技有限公司"
COMPANY = "钠能科技 NaPower Ltd."


def pdf_text(data: bytes) -> list[str]:
    """Text of every page (pypdf), whitespace normalised to single spaces."""
    import io

    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    return [re.sub(r"\s+", " ", p.extract_text() or "") for p in reader.pages]


@pytest.fixture
def spread_cell(tmp_path) -> Path:
    """The example cell with a cell-to-cell spread, an end-of-life derating and 0 V shipping."""
    text = (DATA / "example-na-32140.toml").read_text(encoding="utf-8")
    text = text.replace('id = "example-na-32140"', 'id = "example-spread"')
    text = text.replace("[ocv]", 'zero_volt_shipping = true\nshipping_note = "ship at 0 V, '
                                 'terminals shorted"\ncycle_life = 4000\n\n[spread]\n'
                                 'capacity_cv = 0.02\nresistance_cv = 0.05\n\n[end_of_life]\n'
                                 'capacity_fraction = 0.8\nresistance_factor = 1.5\n\n[ocv]')
    p = tmp_path / "example-spread.toml"
    p.write_text(text, encoding="utf-8")
    return p


@pytest.fixture
def design():
    from naion_designer.io.design_file import new_design

    d = new_design(str(DATA / "example-na-32140.toml"), 16, 2, NAME)
    return d.evolve(metadata=(("customer", CUSTOMER), ("revision", "B")))


@pytest.fixture
def spread_design(spread_cell):
    from naion_designer.io.design_file import new_design

    return new_design(str(spread_cell), 14, 3, "Spread pack")
