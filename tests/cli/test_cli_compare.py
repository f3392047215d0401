"""`naion compare ... -o OUT.pdf --lang`: the comparison report's language, as `report` has it."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf

from .conftest import assert_input_error

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = [ROOT / "examples" / f"{n}.naion" for n in ("home-storage-51v", "e-moped-60v")]


def text_of(path) -> str:
    reader = pypdf.PdfReader(io.BytesIO(Path(path).read_bytes()))
    return " ".join(p.extract_text() or "" for p in reader.pages)


def test_compare_pdf_in_chinese(naion, tmp_path):
    out = tmp_path / "c.pdf"
    r = naion("compare", *EXAMPLES, "-o", out, "--lang", "zh_CN")
    assert r.code == 0, r.err
    text = text_of(out)
    assert "标称电压" in text and "数据并列对比" in text
    assert "Nominal voltage" not in text
    # the terminal table stays as it was
    assert "Nominal voltage" in r.out and f"wrote {out}" in r.out


def test_compare_pdf_bilingual_and_default_english(naion, tmp_path):
    both, en = tmp_path / "b.pdf", tmp_path / "e.pdf"
    assert naion("compare", *EXAMPLES, "-o", both, "--lang", "bilingual").code == 0
    assert naion("compare", *EXAMPLES, "-o", en).code == 0
    text = text_of(both)
    assert "标称电压" in text and "Nominal voltage" in text
    text = text_of(en)
    assert "Nominal voltage" in text and "标称电压" not in text


def test_compare_bad_language(naion, tmp_path):
    out = tmp_path / "x.pdf"
    assert_input_error(naion("compare", *EXAMPLES, "-o", out, "--lang", "fr"),
                       "--lang", "zh_CN", "'fr'")
    assert not out.exists()
    # checked like `report` checks it, with or without a PDF to write
    assert_input_error(naion("compare", *EXAMPLES, "--lang", "zh"), "--lang")
