"""The PDF export dialogs: fields, remembered settings, preview of the first page, export off the
UI thread, errors shown in the dialog (never a crash)."""

from __future__ import annotations

import io
import re

import pytest

from naion_designer.io.design_file import new_design

from .conftest import HOME_STORAGE  # noqa: F401 - fixtures redirect settings

NAME = "家庭储能 51.2 V"


@pytest.fixture
def design(example_cell_path):
    return new_design(str(example_cell_path), 16, 1, NAME).evolve(
        metadata=(("customer", "深圳某某储能科技有限公司"), ("revision", "C")))


def _text(path) -> str:
    import pypdf

    r = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in r.pages))


def test_fields_prefilled_from_the_design(qtbot, design):
    from naion_designer.gui.dialogs.export import ExportDialog

    dlg = ExportDialog(design)
    qtbot.addWidget(dlg)
    assert dlg.customer.text() == "深圳某某储能科技有限公司"
    assert dlg.revision.text() == "C"
    assert dlg.paper.currentData() == "A4"
    assert dlg.output.text().endswith(".pdf")
    with qtbot.waitSignal(dlg.preview_ready, timeout=20000):
        pass
    assert dlg.last_pdf.startswith(b"%PDF-")
    import pypdf

    pages = len(pypdf.PdfReader(io.BytesIO(dlg.last_pdf)).pages)
    assert dlg.preview_note.text().startswith(f"{pages} pages")
    assert "家庭储能" in dlg.output.text()  # default file name keeps the Chinese design name
    assert dlg.preview_mode == "image"  # rendered by pdfium, no external program
    assert not dlg.preview.pixmap().isNull()
    assert dlg.preview.pixmap().width() > 100
    dlg.reject()


def test_preview_is_a_page_image_without_external_programs(qtbot, design, monkeypatch):
    import naion_designer.gui.dialogs.export as mod

    monkeypatch.setenv("PATH", "")  # no pdftoppm or any other renderer on the PATH
    dlg = mod.ExportDialog(design)
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.preview_ready, timeout=20000):
        pass
    assert dlg.preview_mode == "image" and not dlg.preview.pixmap().isNull()
    dlg.reject()


def test_preview_that_cannot_render_shows_the_page_content(qtbot, design, monkeypatch):
    import naion_designer.gui.dialogs.export as mod

    monkeypatch.setattr(mod, "render_first_page", lambda pdf, dpi=100: None)
    dlg = mod.ExportDialog(design)
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.preview_ready, timeout=20000):
        pass
    assert dlg.preview_mode == "summary"
    from naion_designer.core.electrical import calculate
    from naion_designer.core.results import display

    volts = " ".join(display("nominal_voltage", calculate(design)["nominal_voltage"]))
    assert NAME in dlg.preview.text() and volts in dlg.preview.text()
    assert "could not be rendered" in dlg.preview_note.text()
    dlg.reject()


def test_export_writes_the_pdf_and_remembers_company(qtbot, design, tmp_path):
    from naion_designer.gui.dialogs.export import ExportDialog

    out = tmp_path / "sheet.pdf"
    dlg = ExportDialog(design)
    qtbot.addWidget(dlg)
    dlg.project.setText("P-42")
    dlg.author.setText("Ann")
    dlg.company.setText("钠能科技")
    dlg.paper.setCurrentIndex(dlg.paper.findData("letter"))
    dlg.output.setText(str(out))
    with qtbot.waitSignal(dlg.exported, timeout=20000) as sig:
        dlg.export_button.click()
    assert sig.args == [str(out)]
    text = _text(out)
    for s in (NAME, "深圳某某储能科技有限公司", "P-42", "Rev. C", "Ann", "钠能科技"):
        assert s in text
    assert dlg.result() == dlg.DialogCode.Accepted.value or dlg.result() == 1
    dlg.wait_for_tasks()

    again = ExportDialog(new_design(str(design.cell.origin or ""), 8, 1, "other")
                         if design.cell.origin else design.evolve(metadata=()))
    qtbot.addWidget(again)
    assert again.company.text() == "钠能科技"
    assert again.author.text() == "Ann"
    assert again.paper.currentData() == "letter"
    assert again.customer.text() == ""  # per design, not remembered
    again.wait_for_tasks()
    again.reject()


def test_export_error_is_shown_not_raised(qtbot, design, tmp_path):
    from naion_designer.gui.dialogs.export import ExportDialog

    dlg = ExportDialog(design)
    qtbot.addWidget(dlg)
    dlg.output.setText(str(tmp_path / "missing" / "x.pdf"))
    dlg.export_button.click()
    qtbot.waitUntil(lambda: bool(dlg.last_error), timeout=20000)
    assert "does not exist" in dlg.last_error
    assert dlg.export_button.isEnabled()
    assert dlg.isVisible() or dlg.result() == 0
    dlg.logo.setText(str(tmp_path / "nope.png"))
    dlg.output.setText(str(tmp_path / "x.pdf"))
    dlg.export_button.click()
    assert "--logo" in dlg.last_error
    assert not (tmp_path / "x.pdf").exists()
    dlg.wait_for_tasks()
    dlg.reject()


def test_comparison_export(qtbot, design, tmp_path):
    from PySide6.QtCore import Qt

    from naion_designer.gui.dialogs.export import ComparisonExportDialog

    other = design.evolve(name="Second design", series=14)
    dlg = ComparisonExportDialog([design, other])
    qtbot.addWidget(dlg)
    assert dlg.choice.count() == 2
    assert [d.name for d in dlg.selected()] == [NAME, "Second design"]
    # reorder (as a drag would) and untick
    item = dlg.choice.takeItem(1)
    dlg.choice.insertItem(0, item)
    assert [d.name for d in dlg.selected()] == ["Second design", NAME]
    dlg.choice.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert [d.name for d in dlg.selected()] == [NAME]
    dlg.choice.item(0).setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(dlg.preview_ready, timeout=20000):
        pass
    out = tmp_path / "cmp.pdf"
    dlg.output.setText(str(out))
    with qtbot.waitSignal(dlg.exported, timeout=20000):
        dlg.export_button.click()
    text = _text(out)
    assert NAME in text and "Second design" in text and "Comparison of 2 designs" in text
    assert text.index("Second design") < text.index(NAME)
    dlg.wait_for_tasks()


def test_spec_sheet_language_is_chosen_in_the_dialog(qtbot, design, tmp_path):
    import io

    from pypdf import PdfReader

    from naion_designer.gui.dialogs.export import ExportDialog

    dlg = ExportDialog(design)
    qtbot.addWidget(dlg)
    assert dlg.language.currentData() == "en"  # the app runs in English here
    dlg.language.setCurrentIndex(dlg.language.findData("zh_CN"))
    assert dlg.options().lang == "zh_CN"
    pdf = dlg.build_bytes(dlg.payload(), dlg.options())
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "标称电压" in text
    dlg.reject()
