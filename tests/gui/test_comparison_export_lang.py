"""The comparison export speaks the app's language, with the spec-sheet export's choice."""

from __future__ import annotations

import io

from naion_designer.io.design_file import new_design

from .conftest import HOME_STORAGE  # noqa: F401 - fixtures redirect settings


def _designs(example_cell_path):
    a = new_design(str(example_cell_path), 16, 1, "家庭储能 51.2 V")
    return [a, a.evolve(name="Second design", series=14)]


def _text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_comparison_language_is_chosen_in_the_dialog(qtbot, example_cell_path):
    from naion_designer.gui.dialogs.export import ComparisonExportDialog

    dlg = ComparisonExportDialog(_designs(example_cell_path))
    qtbot.addWidget(dlg)
    assert dlg.language.currentData() == "en"  # the app runs in English here
    assert dlg.options().lang == "en"
    dlg.language.setCurrentIndex(dlg.language.findData("bilingual"))
    assert dlg.options().lang == "bilingual"
    text = _text(dlg.build_bytes(dlg.payload(), dlg.options()))
    assert "标称电压" in text and "Nominal voltage" in text
    dlg.wait_for_tasks()
    dlg.reject()


def test_comparison_export_follows_a_chinese_app(qtbot, example_cell_path, monkeypatch):
    from naion_designer.gui import i18n
    from naion_designer.gui.dialogs.export import ComparisonExportDialog

    monkeypatch.setattr(i18n, "current_language", lambda: "zh_CN")
    dlg = ComparisonExportDialog(_designs(example_cell_path))
    qtbot.addWidget(dlg)
    assert dlg.options().lang == "zh_CN"
    text = _text(dlg.build_bytes(dlg.payload(), dlg.options()))
    assert "标称电压" in text and "Nominal voltage" not in text
    dlg.wait_for_tasks()
    dlg.reject()


def test_text_summary_in_the_chosen_language(qtbot, example_cell_path):
    from naion_designer.gui.dialogs.export import ComparisonExportDialog

    dlg = ComparisonExportDialog(_designs(example_cell_path))
    qtbot.addWidget(dlg)
    assert "Comparison of 2 designs" in dlg.summary_html()
    dlg.language.setCurrentIndex(dlg.language.findData("zh_CN"))
    html = dlg.summary_html()
    assert "2 个设计的对比" in html and "设计对比 · 钠离子电池包" in html and "客户" in html
    dlg.wait_for_tasks()
    dlg.reject()
