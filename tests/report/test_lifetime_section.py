"""The spec sheet's lifetime figures: guaranteed (P5) and end-of-warranty columns from the
lifetime model, the state-of-health chart, and what the sheet says without a lifetime request."""

from __future__ import annotations

from dataclasses import replace

import pytest

from naion_designer.core.life_request import warranty_end
from naion_designer.core.units import InputError
from naion_designer.io.lifetime_schema import lifetime_from_dict
from naion_designer.report.lifetime_section import compute, soh_chart
from naion_designer.report.spec_sheet import spec_sheet_bytes

from .conftest import pdf_text


@pytest.fixture
def life_design(tmp_path):
    from naion_designer.io.design_file import new_design

    prof = tmp_path / "duty.csv"
    prof.write_text("time_s,current_A\n0,12\n1800,0\n2400,0\n")
    d = new_design("hina-nacr32140-me12", 2, 1, "Life pack")
    life = {"profile": str(prof), "years": 6, "warranty_years": 4, "monte_carlo": 3,
            "seed": 2, "period": "4 h"}
    return replace(d, lifetime=lifetime_from_dict(life))


def _page_with(texts, needle):
    """The text from the page that has `needle` on to the end."""
    k = next(i for i, t in enumerate(texts) if needle in t)
    return " ".join(texts[k:])


def test_guaranteed_and_end_of_warranty_figures_come_from_the_lifetime_model(life_design):
    outcome = compute(life_design)
    assert outcome.warranty_year == 4 and outcome.warranty_reason == "years"
    mc = outcome.monte_carlo
    assert mc.n == 3
    text = _page_with(pdf_text(spec_sheet_bytes(life_design)), "Over life")
    assert "End of warranty (year 4)" in text
    assert "N = 3 packs" in text and "seed 2" in text
    # the P5 (min) and P50 (typical) usable energy at the end of the warranty, as printed
    for j in (0, 1):
        kwh = mc.value("usable_energy", 4.0, j) / 3.6e6
        assert f"{kwh:.4f}"[:5] in text
    assert "State of health over life" in text
    assert "ageing model is estimated" in text


def test_warranty_ends_at_the_earlier_of_years_and_cycles(life_design):
    outcome = compute(life_design)
    req = replace(outcome.request, warranty_cycles=50.0)
    year, why = warranty_end(outcome.nominal, req)
    efc = [r.equivalent_full_cycles for r in outcome.nominal.rows]
    assert why == "cycles" and 0 < year < 4 and efc[-1] > 50
    assert warranty_end(outcome.nominal, replace(req, warranty_years=None,
                                                 warranty_cycles=None)) == (6.0, "run")


def test_chart_draws_the_band(life_design):
    from reportlab.graphics.shapes import Polygon

    d = soh_chart(compute(life_design), 400, 170)
    assert any(isinstance(c, Polygon) for c in d.contents)


def test_without_a_request_the_sheet_says_so(life_design):
    d = replace(life_design, lifetime=None)
    assert d.lifetime is None
    text = _page_with(pdf_text(spec_sheet_bytes(d)), "Over life")
    assert "asks for no lifetime run" in text


def test_a_bad_request_names_its_field():
    with pytest.raises(InputError) as e:
        lifetime_from_dict({"profile": "home-storage-day", "years": 99})
    assert e.value.field == "lifetime.years"


def test_a_request_that_cannot_run_is_said_on_the_sheet(life_design, tmp_path):
    missing = str(tmp_path / "no-such-duty.csv")
    bad = replace(life_design, lifetime=lifetime_from_dict({"profile": missing}))
    text = _page_with(pdf_text(spec_sheet_bytes(bad)), "Over life")
    assert "Lifetime not computed:" in text and "no-such-duty.csv" in text
