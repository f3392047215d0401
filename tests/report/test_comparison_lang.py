"""The comparison report in Chinese and bilingual: the spec sheet's terms and page frame, the
target and duty-cycle names translated, the same numbers in every language."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import pypdf
import pytest

from naion_designer.core.electrical import calculate
from naion_designer.core.results import RESULT_DEFS, display
from naion_designer.core.units import InputError
from naion_designer.io.design_file import read_design_file
from naion_designer.report.common import ReportOptions
from naion_designer.report.comparison import ROWS, build_story, comparison_bytes
from naion_designer.report.i18n import Text

from .conftest import pdf_text
from .test_spec_sheet_lang import english_left, story_texts, user_texts

ROOT = Path(__file__).resolve().parents[2]
OPTS = ReportOptions(date="2026-11-25", customer="深圳某某储能科技有限公司", revision="B")
# the table's own labels besides the figures'
TABLE_LABELS = ("Cell", "Configuration", "Application target", "Duty cycle", "Target check",
                "Electrical", "Mechanical", "Thermal", "Unit")
TERMS = ("标称电压", "额定容量", "额定能量", "质量能量密度", "体积能量密度", "电池单体", "成组方式",
         "数据并列对比", "曲线叠加", "布局", "设计对比 · 钠离子电池包", "第 1 页，共 2 页",
         "户用储能 51.2 V", "电动轻便摩托车 60 V", "两轮车城市工况", "运行工况", "目标检查")


@pytest.fixture(scope="module")
def examples():
    """The two bundled examples, each with its application target."""
    home = read_design_file(ROOT / "examples" / "home-storage-51v.naion").evolve(
        target="home-storage-51v2")
    moped = read_design_file(ROOT / "examples" / "e-moped-60v.naion")
    return [home, moped]


@pytest.fixture(scope="module")
def reports(examples):
    return {lang: comparison_bytes(examples, replace(OPTS, lang=lang))
            for lang in ("en", "zh_CN", "bilingual")}


def figure_labels():
    return [RESULT_DEFS[n].label for _, names in ROWS for n in names]


def test_chinese_report_uses_the_standard_terms(reports):
    text = " ".join(pdf_text(reports["zh_CN"]))
    for term in TERMS:
        assert term in text, term
    for english in (*figure_labels(), *TABLE_LABELS, "Page 1 of", "Figures side by side",
                    "Two-wheeler urban cycle", "E-moped 60 V", "PASS", "FAIL"):
        assert not re.search(rf"(?<![\w-]){re.escape(english)}(?![\w-])", text), english
    # units stay SI symbols
    assert " kWh" in text and " Wh/kg" in text and " mΩ" in text


def test_bilingual_report_has_both(reports):
    text = " ".join(pdf_text(reports["bilingual"]))
    for term in TERMS[:-6]:
        assert term in text, term
    for english in (*figure_labels(), "Configuration", "Application target", "Duty cycle",
                    "Figures side by side", "Curves overlaid", "Layouts", "Two-wheeler urban cycle",
                    "Page 1 of 2", "第 1 页，共 2 页"):
        assert english in text, english


def test_same_numbers_in_every_language(examples, reports):
    texts = {lang: " ".join(pdf_text(pdf)) for lang, pdf in reports.items()}
    results = [calculate(d) for d in examples]
    for _, names in ROWS:
        for name in names:
            for r in results:
                if name in r:
                    num, unit = display(name, r[name])
                    for lang, text in texts.items():
                        assert f"{num}" in text, (lang, name, num)


def test_pdf_language_and_title(reports):
    zh = pypdf.PdfReader(io.BytesIO(reports["zh_CN"]))
    en = pypdf.PdfReader(io.BytesIO(reports["en"]))
    assert zh.trailer["/Root"]["/Lang"] == "zh-CN"
    assert en.trailer["/Root"]["/Lang"] == "en"
    assert zh.metadata.title == "2 个设计的对比"
    assert en.metadata.title == "Comparison of 2 designs"
    assert [o.title for o in zh.outline][:3] == ["1 数据并列对比", "2 曲线叠加", "3 布局"]


def test_english_report_has_no_chinese_but_the_users(reports):
    text = " ".join(pdf_text(reports["en"]))
    assert "Figures side by side" in text and "Two-wheeler urban cycle" in text
    assert not re.search(r"[\u4e00-\u9fff]", text.replace(OPTS.customer, ""))


@pytest.mark.parametrize("lang", ["zh_CN", "bilingual"])
def test_every_text_is_translated(examples, lang):
    """No English left in the story but the files' own data; every text has a catalog entry."""
    tr = Text(lang)
    opts = replace(OPTS, lang=lang, include_cost=True)
    story = build_story(examples, opts, "2026-11-25", tr)
    assert not tr.missing, sorted(tr.missing)
    if lang == "zh_CN":
        data = [t for d in examples for t in user_texts(d)] + [d.name for d in examples]
        data.append("naion calc")  # a command, as it is typed
        data.sort(key=len, reverse=True)
        left = [w for t in story_texts(story) for w in english_left(t, data)]
        assert not left, left


def test_bad_language_names_the_option(examples):
    with pytest.raises(InputError) as e:
        comparison_bytes(examples, replace(OPTS, lang="fr"))
    assert e.value.field == "--lang"


def test_chinese_report_is_deterministic(examples, reports):
    assert comparison_bytes(examples, replace(OPTS, lang="zh_CN")) == reports["zh_CN"]


@pytest.mark.parametrize("text", ["户用储能 51.2 V（直接替换 LFP，配逆变器）", "电动轻便摩托车 60 V",
                                  "HiNa Battery (Zhongke Haina) NaCR32140-ME12",
                                  "Home storage 51.2 V (LFP inverter drop-in)"])
def test_a_table_cell_stays_in_its_column(text):
    """No line runs past the column (a hanging closing bracket), a number keeps its unit and a
    model number is not cut, at any column width."""
    from naion_designer.report.common import styles
    from naion_designer.report.comparison import _fitted
    from naion_designer.report.fonts import text_width

    style = styles()["cellr"]
    for width in range(60, 170, 3):
        bl = _fitted(text, style, width).blPara
        if bl.kind == 1:
            lines = ["".join(getattr(w, "text", "") for w in ln.words) for ln in bl.lines]
            spare = [ln.extraSpace for ln in bl.lines]
        else:
            lines = [" ".join(ln[1]) for ln in bl.lines]
            spare = [ln[0] for ln in bl.lines]
        assert min(spare) > -0.02, (width, lines)
        for this, nxt in zip(lines, lines[1:], strict=False):
            assert not (re.search(r"\d\s*$", this) and re.match(r"\s*V", nxt)), (width, lines)
        if "NaCR32140-ME12" in text and text_width("NaCR32140-ME12", style.fontSize) < width:
            assert any("NaCR32140-ME12" in x for x in lines), (width, lines)
