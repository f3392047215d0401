"""The spec sheet in Chinese and bilingual, and what a new user found on the English one:
pulse power at the peak current, imperial units, the last page, the cell citation, CSV duty
cycles."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import pytest

from naion_designer.core.electrical import calculate
from naion_designer.io.design_file import read_design_file
from naion_designer.report.i18n import Text
from naion_designer.report.spec_sheet import ReportOptions, build_story, collect, spec_sheet_bytes

from .conftest import pdf_text

ROOT = Path(__file__).resolve().parents[2]
OPTS = ReportOptions(date="2026-11-25", customer="深圳某某储能科技有限公司")


@pytest.fixture(scope="module")
def home():
    """An example design whose cell gives a peak current and cites web pages."""
    return read_design_file(ROOT / "examples" / "home-storage-51v.naion").evolve(
        target="home-storage-51v2")


@pytest.fixture(scope="module")
def sheets(home):
    return {lang: spec_sheet_bytes(home, replace(OPTS, lang=lang))
            for lang in ("en", "zh_CN", "bilingual")}


def test_chinese_sheet_uses_the_standard_terms(sheets):
    text = " ".join(pdf_text(sheets["zh_CN"]))
    for term in ("产品规格书", "标称电压", "额定容量", "额定能量", "质量能量密度", "体积能量密度",
                 "电池单体与电池包结构", "电气特性", "运输、发运与标准", "第 1 页，共"):
        assert term in text, term
    for english in ("Nominal voltage", "Electrical characteristics", "Page 1 of"):
        assert english not in text
    # units stay SI symbols
    assert " kWh" in text and " Wh/kg" in text and " mΩ" in text


def test_every_text_of_the_chinese_sheet_is_translated(home):
    data = collect(home)
    for lang in ("zh_CN", "bilingual"):
        tr = Text(lang)
        build_story(data, replace(OPTS, lang=lang), "2026-11-25", tr=tr)
        assert not tr.missing, sorted(tr.missing)


# the example designs' own targets (the home-storage example names none)
TARGETS = {"home-storage-51v": "home-storage-51v2", "e-moped-60v": "e-moped-60v"}
CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH = re.compile(r"(?<![\w'./:-])[A-Za-z][a-z]{2,}(?![\w'./:-])")
# what stays as it is in Chinese: the product, the CLI, units
KEEP = ("NaIon Designer", "naion simulate", "K/min")


def example(name: str, target: bool):
    """An example design, with or without a target, its lifetime request made quick (a
    Monte Carlo of 2 packs over 3 years where the example asks for one)."""
    d = read_design_file(ROOT / "examples" / f"{name}.naion")
    life = replace(d.lifetime, years=3.0, warranty_years=2.0,
                   monte_carlo=2 if d.lifetime.monte_carlo else 0)
    return replace(d.evolve(target=TARGETS[name] if target else None), lifetime=life)


def story_texts(flowables) -> list[str]:
    """Every text a story shows: paragraphs, table cells, the strings of drawings."""
    from reportlab.graphics.shapes import Group, String
    from reportlab.platypus import Paragraph, Table

    out: list[str] = []

    def walk(f):
        if isinstance(f, list | tuple):
            for x in f:
                walk(x)
        elif isinstance(f, Paragraph):
            out.append(f.text)
        elif isinstance(f, Table):
            for row in f._cellvalues:
                walk(list(row))
        elif isinstance(f, String):
            out.append(f.text)
        elif isinstance(f, Group):  # a Drawing is a Group
            walk(f.contents)
        elif isinstance(f, str):
            out.append(f)
        else:  # KeepTogether, side-by-side tables
            for attr in ("_content", "_flowables"):
                walk(getattr(f, attr, []))

    walk(flowables)
    return out


def user_texts(design) -> list[str]:
    """The texts the design and cell files give (names, notes, materials, ids, keys): data the
    sheet prints as it is, longest first."""
    import dataclasses

    found = set()
    for obj in (design, design.cell, *design.overheads):
        for f in dataclasses.fields(obj):
            v = getattr(obj, f.name)
            vals = v if isinstance(v, tuple | list | frozenset | set) else (v,)
            found.update(x for x in vals if isinstance(x, str) and x)
    found.update(v for _, v in design.metadata)
    found.update(str(v) for v in design.extra.values() if isinstance(v, str))
    for part in str(design.cell.source).split(";"):
        found.add(part.strip())
    if design.target:
        from naion_designer.io.target_file import load_target

        found.add(load_target(design.target).name)
    return sorted(found, key=len, reverse=True)


def english_left(text: str, data: list[str]) -> list[str]:
    plain = re.sub(r"<[^>]*>", " ", text).replace("&quot;", '"').replace("&amp;", "&")
    plain = re.sub(r"https?://\S+|'[^']*'|\"[^\"]*\"", " ", plain)
    for d in data + list(KEEP):
        plain = plain.replace(d, " ")
    return ENGLISH.findall(plain)


@pytest.mark.parametrize("name", sorted(TARGETS))
@pytest.mark.parametrize("target", [True, False], ids=["target", "no-target"])
def test_both_examples_have_no_english_left(name, target):
    """The Chinese sheet shows no English text but the files' own data (names, notes, ids);
    on the bilingual one every English text stands beside its Chinese.  Both examples, with and
    without their target, the lifetime section included."""
    design = example(name, target)
    data = collect(design)
    given = user_texts(design)
    for lang in ("zh_CN", "bilingual"):
        tr = Text(lang)
        story = build_story(data, replace(OPTS, lang=lang), "2026-11-25", tr=tr)
        assert not tr.missing, (lang, sorted(tr.missing))
        texts = story_texts(story)
        joined = " ".join(texts)
        assert "全寿命周期" in joined and ("目标" in joined)
        for text in texts:
            left = english_left(text, given)
            if lang == "zh_CN":
                assert not left, (text, left)
            else:
                assert not left or CJK.search(text), (text, left)


def test_the_lifetime_section_is_in_chinese():
    from naion_designer.report.common import styles
    from naion_designer.report.lifetime_section import lifetime_flowables

    design = example("home-storage-51v", False)
    texts = re.sub(r"<[^>]*>", "", " ".join(
        story_texts(lifetime_flowables(design, styles(), 480, tr=Text("zh_CN")))))
    for term in ("质保期末（第 2 年）", "电池包容量", "蒙特卡洛", "寿命终止", "全寿命周期健康状态",
                 "名义单体（无离散）"):
        assert term in texts, term
    none = replace(design, lifetime=None)
    text = re.sub(r"<[^>]*>", "", " ".join(
        story_texts(lifetime_flowables(none, styles(), 480, tr=Text("bilingual")))))
    assert "本设计未要求寿命仿真" in text and "asks for no lifetime run" in text


def test_bilingual_sheet_has_both(sheets):
    text = " ".join(pdf_text(sheets["bilingual"]))
    assert "标称电压 / Nominal voltage" in text
    assert "电气特性 / Electrical characteristics" in text
    assert "All figures are model estimates" in text and "所有数据均为" in text


def test_pdf_language_and_bookmarks(sheets):
    import pypdf

    for lang, code in (("en", "en"), ("zh_CN", "zh-CN")):
        reader = pypdf.PdfReader(io.BytesIO(sheets[lang]))
        assert reader.trailer["/Root"]["/Lang"] == code
    titles = [o.title for o in pypdf.PdfReader(io.BytesIO(sheets["zh_CN"])).outline]
    assert titles[0] == "1 电池单体与电池包结构"


def test_the_last_page_is_not_a_stub(sheets):
    for lang, pdf in sheets.items():
        pages = pdf_text(pdf)
        mean = sum(len(p) for p in pages) / len(pages)
        assert len(pages[-1]) > 0.25 * mean, (lang, [len(p) for p in pages])


def test_pulse_power_is_taken_at_the_peak_current(home):
    from naion_designer.core.curves import power_capability

    data = collect(home)
    cell = home.cell
    assert cell.peak_discharge_current > cell.max_continuous_discharge_current
    assert data.power_limit == "peak"
    peak = cell.peak_discharge_current * home.parallel
    cont = power_capability(home)
    # at the current limit the pulse now draws the peak current page 1 lists
    assert max(data.power["power_at_current_limit_W"]) > \
        1.5 * max(cont["power_at_current_limit_W"])
    v_end = data.power["power_at_current_limit_W"][-1] / peak
    assert 0.8 * home.series * cell.min_voltage < v_end < home.series * cell.max_voltage
    assert max(data.power["power_W"]) > max(cont["power_W"])
    text = " ".join(pdf_text(spec_sheet_bytes(home, OPTS)))
    assert "At peak current limit" in text and "peak discharge current, 10 s" in text


def test_imperial_units_convert_every_kind(home):
    from naion_designer.cli.report import parse_units

    units = parse_units("imperial")
    text = " ".join(pdf_text(spec_sheet_bytes(home, replace(OPTS, units=units))))
    for unit in ("Wh/lb", "Wh/in³", "Btu/(h·ft²·°F)", "Btu/(lb·°F)", "°F", " lb", " in"):
        assert unit in text, unit
    for metric in ("Wh/kg", "Wh/L", "W/(m²·K)", "J/(kg·K)"):
        assert metric not in text, metric
    res = calculate(home)
    wh_per_lb = res.value("specific_energy") / 3600 * 0.45359237
    assert f"{wh_per_lb:.4g}" in text or f"{wh_per_lb:.3f}" in text


def test_cell_source_is_a_citation_and_urls_go_to_the_notes(home):
    from naion_designer.report.spec_sheet.construction import citation

    cite = citation(home.cell)
    assert "http" not in cite and "trade press report (" in cite
    assert cite.startswith(home.cell.maker)
    text = " ".join(pdf_text(spec_sheet_bytes(home, OPTS)))
    before, _, notes = text.partition("Notes and assumptions")
    assert "https://" not in before
    assert "Cell data sources" in notes and "https://" in notes


def test_citation_of_a_maker_page_with_a_date():
    from types import SimpleNamespace

    from naion_designer.report.spec_sheet.construction import citation

    cell = SimpleNamespace(maker="CATL", source="https://www.catl.com/en/news/6401.html ; "
                           "https://apps.digitimes.com/news/a20231229VL203/x.html")
    assert citation(cell) == ("CATL, manufacturer's publication (catl.com, undated); trade "
                              "press report (apps.digitimes.com, 2023-12-29)")
    assert citation(SimpleNamespace(maker="X", source="datasheet rev. 3")) == "datasheet rev. 3"


def test_csv_duty_cycle_is_read_beside_the_target_and_plotted(home, tmp_path):
    src = ROOT / "resources" / "targets" / "home-storage-51v2.toml"
    lines = src.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("format"))
    lines.insert(at + 1, 'duty_cycle = "cycle.csv"')
    folder = tmp_path / "targets"
    folder.mkdir()
    (folder / "mine.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "cycle.csv").write_text("time_s,power_W\n0,2000\n3600,-1500\n5400,0\n7200,0\n",
                                      encoding="utf-8")
    d = home.evolve(target=str(folder / "mine.toml"))
    data = collect(d)
    assert data.duty_cycle is not None and data.duty_cycle_error == ""
    text = " ".join(pdf_text(spec_sheet_bytes(d, OPTS, data=data)))
    assert "Duty cycle of the target: cycle.csv" in text
    # a missing CSV is said, not fatal
    (folder / "cycle.csv").unlink()
    data = collect(d)
    assert data.duty_cycle is None and "cycle.csv" in data.duty_cycle_error


def test_unknown_language_is_an_input_error(home):
    from naion_designer.core.units import InputError

    with pytest.raises(InputError, match="lang"):
        spec_sheet_bytes(home, replace(OPTS, lang="fr"))
