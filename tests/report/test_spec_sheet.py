"""The spec sheet: the model's figures (as `naion calc` prints them), Chinese text, pages,
metadata, footer, estimated marks, min/typ/max, transport section, determinism and speed."""

from __future__ import annotations

import io
import re
import time

import pytest

from naion_designer import __version__
from naion_designer.core.electrical import calculate
from naion_designer.core.results import RESULT_DEFS, display
from naion_designer.report.spec_sheet import ReportOptions, spec_sheet_bytes, write_spec_sheet

from .conftest import COMPANY, CUSTOMER, NAME, pdf_text

OPTS = ReportOptions(project="ESS-2026-07", author="李伟 Li Wei", company=COMPANY,
                     date="2026-11-25")


@pytest.fixture
def pdf(design) -> bytes:
    return spec_sheet_bytes(design, OPTS)


def test_every_calc_figure_is_on_the_sheet_as_calc_prints_it(design, pdf):
    text = " ".join(pdf_text(pdf))
    results = calculate(design)
    checked = 0
    for name, q in results.items():
        if RESULT_DEFS[name].group == "cost":
            continue
        num, unit = display(name, q)
        row = f"{RESULT_DEFS[name].label} {num} {unit}".strip()
        assert row in text, f"{name}: '{row}' not found"
        checked += 1
    assert checked >= 25


def test_figures_match_the_naion_calc_output(tmp_path, design, capsys):
    """Rows of `naion calc` (label, number, unit) appear on the sheet made by `naion report`."""
    import re

    from naion_designer.cli import main
    from naion_designer.io.design_file import write_design_file

    path = tmp_path / "d.naion"
    write_design_file(design, path)
    assert main(["calc", str(path)]) == 0
    calc_out = capsys.readouterr().out
    out_pdf = tmp_path / "d.pdf"
    assert main(["report", str(path), "-o", str(out_pdf)]) == 0
    text = " ".join(pdf_text(out_pdf.read_bytes()))
    rows = [re.split(r"\s{2,}", line.strip()) for line in calc_out.splitlines()]
    rows = [r for r in rows if len(r) >= 2 and re.match(r"^-?[\d.,]+$", r[1])]
    assert len(rows) >= 25
    for r in rows:
        assert " ".join(r) in text, r


def test_chinese_names_survive_intact(pdf):
    pages = pdf_text(pdf)
    assert NAME in pages[0]
    assert CUSTOMER in pages[0]
    assert COMPANY in pages[0]
    assert "李伟 Li Wei" in pages[0]
    # the running header of later pages carries the customer too
    assert CUSTOMER in pages[1]


def test_pages_metadata_footer(pdf):
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    n = len(reader.pages)
    assert n >= 2
    meta = reader.metadata
    assert meta.title == NAME
    assert meta.author == "李伟 Li Wei"
    assert "16S2P" in meta.subject and CUSTOMER in meta.subject
    assert meta.creator == f"NaIon Designer {__version__}"
    assert str(meta["/CreationDate"]).startswith("D:20261125")
    for i, page in enumerate(pdf_text(pdf), start=1):
        assert f"Page {i} of {n}" in page
        assert "Rev. B" in page  # revision from the design's metadata
        assert f"NaIon Designer {__version__}" in page
    w, h = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(w), round(h)) == (595, 842)


def test_letter_paper(design):
    from dataclasses import replace

    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(spec_sheet_bytes(design, replace(OPTS, paper="letter"))))
    w, h = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(w), round(h)) == (612, 792)


def test_deterministic_bytes(design, pdf):
    assert spec_sheet_bytes(design, OPTS) == pdf
    other = spec_sheet_bytes(design.evolve(name="Another name"), OPTS)
    assert other != pdf


def test_date_from_source_date_epoch(design, monkeypatch):
    from dataclasses import replace

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    a = spec_sheet_bytes(design, replace(OPTS, date=""))
    assert "2026-01-01" in pdf_text(a)[0]
    assert a == spec_sheet_bytes(design, replace(OPTS, date=""))


def test_estimated_figures_carry_a_dagger(design, pdf):
    # the example cell marks mass and resistance as estimated
    text = " ".join(pdf_text(pdf))
    res = calculate(design)

    def row(name):
        num, unit = display(name, res[name])
        return f"{RESULT_DEFS[name].label} {num} {unit}"

    for name in ("mass", "cell_mass", "resistance", "specific_energy",
                 "heat_at_max_continuous_discharge"):
        assert row(name) + " †" in text, name
    for name in ("nominal_voltage", "capacity", "energy", "max_continuous_discharge_current"):
        assert row(name) + " †" not in text, name
        assert row(name) in text


def test_min_typ_max_and_end_of_life(spread_design):
    """±2σ of a uniform pack scales capacity by 1 ∓ 2·CV; end of life by the cell's fraction."""
    res = calculate(spread_design)
    text = " ".join(pdf_text(spread_sheet := spec_sheet_bytes(spread_design, OPTS)))
    assert spread_sheet
    cap = res["capacity"]
    from naion_designer.core.results import Quantity

    def num(v):
        return display("capacity", Quantity(v, "charge"))[0]

    expected = (f"Capacity {num(cap.value * 0.96)} {num(cap.value)} {num(cap.value * 1.04)} "
                f"{num(cap.value * 0.8)} Ah")
    assert expected in text
    r = res["resistance"].value  # no interconnect: pack R scales with cell R
    rnum = [display("resistance", Quantity(v, "resistance"))[0]
            for v in (r * 0.9, r, r * 1.1, r * 1.5)]
    assert f"Pack resistance {' '.join(rnum)} mΩ" in text
    assert "Guaranteed values are the shaded ones" in text


def test_no_spread_says_so(pdf):
    assert "gives neither a cell-to-cell spread nor an end-of-life" in " ".join(pdf_text(pdf))


def test_transport_section_is_sodium(design, spread_design, pdf):
    text = " ".join(pdf_text(pdf))
    for s in ("UN 3551", "UN 3552", "UN 3558", "UN 38.3", "UL 1973", "T/CNESA 1006-2021",
              "GB 38031-2025", "IEC 62619", "《钠离子蓄电池通用规范》"):
        assert s in text, s
    assert "written for lithium" in text
    # the example cell does not say whether it tolerates 0 V
    assert "0 V shipping: not stated" in text
    spread_text = " ".join(pdf_text(spec_sheet_bytes(spread_design, OPTS)))
    assert "0 V shipping: permitted by the cell file" in spread_text
    assert "ship at 0 V, terminals shorted" in spread_text
    from dataclasses import replace

    forbid = spread_design.evolve(cell=replace(spread_design.cell, zero_volt_shipping=False))
    assert "0 V shipping: NOT permitted" in " ".join(pdf_text(spec_sheet_bytes(forbid, OPTS)))


def test_watt_hour_rating(design, pdf):
    res = calculate(design)
    wh = res["energy"].value / 3600
    from naion_designer.core.units import format_number

    assert f"{format_number(wh, 4)} Wh" in " ".join(pdf_text(pdf))


def test_user_units(design):
    from dataclasses import replace

    res = calculate(design)
    text = " ".join(pdf_text(spec_sheet_bytes(design, replace(OPTS, units={"length": "in",
                                                                           "mass": "lb"}))))
    num, unit = display("length", res["length"], {"length": "in"})
    assert unit == "in" and f"Envelope length {num} in" in text
    num, _ = display("mass", res["mass"], {"mass": "lb"})
    assert f"Pack mass {num} lb" in text


def test_layout_drawing_is_vector_and_complete(design):
    from reportlab.graphics.shapes import Circle, Path, String

    from naion_designer.report.drawing import layout_drawing

    d = layout_drawing(design, 500, 300)
    shapes = list(d.getContents())
    # every cell is one closed sub-path (circles as Bézier curves) of its group colour's path
    closed = sum(op == 3 for s in shapes if isinstance(s, Path) for op in s.operators)
    assert closed == design.cell_count
    circles = [s for s in shapes if isinstance(s, Circle)]
    strings = [s.text for s in shapes if isinstance(s, String)]
    # 16 group labels + 2 terminals
    assert len(circles) == design.series + 2
    assert {"+", "−", "1", "16"} <= set(strings)
    assert any(t.startswith("L = ") and t.endswith(" mm") for t in strings)
    assert d.width <= 500 + 1e-6 and d.height <= 300 + 1e-6


def test_layout_drawing_of_a_huge_pack_draws_groups(example_cell_path):
    from reportlab.graphics.shapes import Rect

    from naion_designer.io.design_file import new_design
    from naion_designer.report.drawing import MAX_CELLS_DRAWN, layout_drawing

    big = new_design(str(example_cell_path), 50, MAX_CELLS_DRAWN // 50 + 1)
    shapes = list(layout_drawing(big, 500, 300).getContents())
    # the envelope, one box per group, and the white boxes behind the two dimension labels
    assert sum(isinstance(s, Rect) for s in shapes) == 1 + big.series + 1


def test_curves_come_from_the_model_and_are_plotted(design, pdf):
    import numpy as np

    from naion_designer.core.curves import discharge_curves, power_capability
    from naion_designer.report.spec_sheet import C_RATES, collect

    data = collect(design)
    assert [c[0] for c in data.curves] == list(C_RATES)
    for (rate, cap, volt), (r2, cap2, volt2) in zip(data.curves,
                                                   discharge_curves(design, C_RATES),
                                                   strict=True):
        assert rate == r2 and np.allclose(cap, cap2) and np.allclose(volt, volt2)
    assert np.allclose(data.power["power_W"], power_capability(design)["power_W"])
    text = " ".join(pdf_text(pdf))
    assert "Discharge curves" in text and "Power capability vs SOC" in text
    for label in ("0.2C", "0.5C", "1C", "2C", "At minimum voltage", "At current limit"):
        assert label in text
    assert "No discharge curves" not in text and "No power curve" not in text


def test_generation_is_fast(design):
    spec_sheet_bytes(design, OPTS)  # warm imports and fonts
    t = time.perf_counter()
    spec_sheet_bytes(design.evolve(name="timing"), OPTS)
    assert time.perf_counter() - t < 2.0


def test_write_is_atomic_and_errors_name_the_file(tmp_path, design):
    from naion_designer.core.units import InputError

    out = tmp_path / "sheet.pdf"
    write_spec_sheet(design, out, OPTS)
    assert out.read_bytes().startswith(b"%PDF-")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    with pytest.raises(InputError, match="does not exist"):
        write_spec_sheet(design, tmp_path / "missing" / "x.pdf", OPTS)


def test_bad_options(design, tmp_path):
    from dataclasses import replace

    from naion_designer.core.units import InputError

    with pytest.raises(InputError, match="--paper"):
        spec_sheet_bytes(design, replace(OPTS, paper="A3"))
    bad = tmp_path / "logo.png"
    bad.write_bytes(b"not an image")
    with pytest.raises(InputError, match="--logo"):
        spec_sheet_bytes(design, replace(OPTS, logo=str(bad)))
    with pytest.raises(InputError, match="--units"):
        spec_sheet_bytes(design, replace(OPTS, units={"length": "furlong"}))


def test_logo_is_embedded(design, tmp_path):
    from dataclasses import replace

    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (200, 60), (20, 60, 120)).save(logo)
    with_logo = spec_sheet_bytes(design, replace(OPTS, logo=str(logo)))
    assert b"/Subtype /Image" in with_logo
    assert b"/Subtype /Image" not in spec_sheet_bytes(design, OPTS)


def test_target_requirements_with_pass_fail(design):
    from dataclasses import replace

    from naion_designer.io.target_file import load_target

    d = design.evolve(target="home-storage-51v2")
    from naion_designer.core.checks import check_design

    checks = check_design(d, load_target("home-storage-51v2"))
    text = " ".join(pdf_text(spec_sheet_bytes(d, OPTS)))
    assert "Home storage 51.2 V" in text
    failed = [c for c in checks if not c.passed]
    assert f"fails {len(failed)} of {len(checks)} requirements" in text or \
        (not failed and f"meets all {len(checks)} requirements" in text)
    for c in checks:
        word = ("PASS" if c.passed else "FAIL") if c.verified else "n/a"
        assert re.search(re.escape(c.label or c.name) + r" .{0,60}?" + word, text), c.label
    # a target that does not exist is reported, not fatal
    text = " ".join(pdf_text(spec_sheet_bytes(replace(d, target="no-such-target"), OPTS)))
    assert "Target not checked" in text and "no-such-target" in text


def test_duty_cycle_of_the_target_is_plotted(design, tmp_path):
    from pathlib import Path

    from naion_designer.report.spec_sheet import duty_cycle_series

    src = Path(__file__).parents[2] / "resources" / "targets" / "home-storage-51v2.toml"
    lines = src.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("format"))
    lines.insert(at + 1, 'duty_cycle = "home-storage-day"')
    target = tmp_path / "home-with-cycle.toml"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    d = design.evolve(target=str(target))
    from naion_designer.io.target_file import load_target

    times, vals, label, _note = duty_cycle_series(load_target(str(target)), d)
    assert times[0] == 0 and times[-1] == pytest.approx(24 * 3600)
    assert label == "Power (kW)"
    from naion_designer.core.profiles import builtin_profiles

    # the built-in day is in W per Wh of pack energy: plotted in kW for this pack
    profile = builtin_profiles()["home-storage-day"].make(d)
    energy_wh = calculate(d)["energy"].value / 3600
    per_wh = [sg.value for sg in profile.segments if sg.mode == "power"]
    assert max(vals) == pytest.approx(max(per_wh) * energy_wh / 1e3, rel=1e-6)
    assert min(vals) == pytest.approx(min(per_wh) * energy_wh / 1e3, rel=1e-6)
    assert min(vals) < 0  # PV charging
    text = " ".join(pdf_text(spec_sheet_bytes(d, OPTS)))
    assert "Duty cycle of the target: Home storage day" in text


def test_cell_without_time_model_says_so(tmp_path):
    from naion_designer.io.design_file import new_design

    from .conftest import DATA

    text = (DATA / "example-na-32140.toml").read_text(encoding="utf-8")
    text = text[:text.index("[ocv]")] + text[text.index("[[rc]]"):]
    cell = tmp_path / "no-ocv.toml"
    cell.write_text(text.replace('"example-na-32140"', '"no-ocv"'), encoding="utf-8")
    d = new_design(str(cell), 16, 1, "No OCV")
    pages = pdf_text(spec_sheet_bytes(d, OPTS))
    assert len(pages) >= 2
    joined = " ".join(pages)
    assert "No discharge curves: the cell file has no OCV table" in joined
    res = calculate(d)
    num, unit = display("usable_energy", res["usable_energy"])
    assert f"Usable energy {num} {unit}" in joined


def test_sections_are_bookmarked(pdf):
    import pypdf

    titles = [o.title for o in pypdf.PdfReader(io.BytesIO(pdf)).outline]
    assert titles[0] == "1 Cell and pack construction"
    assert "4 Layout" in titles and "8 Transport, shipping and standards (sodium-ion)" in titles
    assert len(titles) == 9
