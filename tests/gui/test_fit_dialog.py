"""The "New cell from test data…" dialog: files in, fit off the UI thread, curves, tables, save
to the user's library; cancel."""

from __future__ import annotations

import numpy as np
import pytest


@pytest.fixture
def logs(tmp_path):
    from core.fit_synthetic import gitt, known_cell, run_from

    from naion_designer.core.profiles import constant_current

    cell = known_cell()
    out = []
    for name, run in (("gitt.csv", run_from(cell, gitt(cell, pulses=6), "gitt")),
                      ("cc-1c.csv", run_from(cell, constant_current(12.0), "cc", dt=5)),
                      ("cc-2c.csv", run_from(cell, constant_current(24.0), "cc2", dt=5,
                                             seed=4))):
        p = tmp_path / name
        np.savetxt(p, np.column_stack([run.time, run.current, run.voltage]), delimiter=",",
                   header="time_s,current_A,voltage_V", comments="", fmt="%.6f")
        out.append(p)
    return out


def test_fit_show_and_save(qtbot, logs, tmp_path):
    from naion_designer.gui.dialogs.fit_dialog import FitDialog
    from naion_designer.io.paths import user_cell_dir

    dlg = FitDialog()
    qtbot.addWidget(dlg)
    dlg.train_list.add_paths(logs[:2] + [tmp_path / "notes.docx"])  # not a log: ignored
    dlg.hold_list.add_paths([logs[2]])
    assert dlg.train_list.count() == 2 and dlg.hold_list.count() == 1
    dlg.id_edit.setText("bench-cell")
    with qtbot.waitSignal(dlg.fit_finished, timeout=180_000) as sig:
        dlg.start_fit()
        assert not dlg.fit_button.isEnabled() and dlg.cancel_button.isEnabled()
    assert sig.args == ["done"], dlg.status.text()
    assert dlg.save_button.isEnabled()
    assert dlg.runs_table.rowCount() == 3
    roles = [dlg.runs_table.item(r, 1).text() for r in range(3)]
    assert roles == ["train", "train", "hold-out"]
    params = {dlg.param_table.item(r, 0).text(): dlg.param_table.item(r, 1).text()
              for r in range(dlg.param_table.rowCount())}
    assert params["capacity"].endswith(" Ah") and params["RC 1: τ"].endswith(" s")
    assert len(dlg.v_plot.getPlotItem().listDataItems()) == 2  # measured and model
    assert len(dlg.e_plot.getPlotItem().listDataItems()) == 1  # the residual
    dlg.file_combo.setCurrentIndex(2)
    assert len(dlg.v_plot.getPlotItem().listDataItems()) == 2
    dlg.save()
    assert (user_cell_dir() / "bench-cell.toml").is_file()
    assert dlg.saved_id == "bench-cell"


def test_bad_input_is_one_line_and_cancel_works(qtbot, logs, tmp_path):
    from naion_designer.gui.dialogs.fit_dialog import FitDialog

    dlg = FitDialog()
    qtbot.addWidget(dlg)
    dlg.start_fit()
    assert "training file" in dlg.status.text()
    bad = tmp_path / "bad.csv"
    bad.write_text("time_s,voltage_V\n0,4\n")
    dlg.train_list.add_paths([bad])
    with qtbot.waitSignal(dlg.fit_finished, timeout=60_000) as sig:
        dlg.start_fit()
    assert sig.args == ["failed"]
    assert "missing column current_A" in dlg.status.text()
    assert "\n" not in dlg.status.text()
    dlg.train_list.clear()
    dlg.train_list.add_paths(logs)
    with qtbot.waitSignal(dlg.fit_finished, timeout=120_000) as sig:
        dlg.start_fit()
        dlg.cancel_fit()
    assert sig.args == ["cancelled"]
    assert not dlg.save_button.isEnabled()


def test_the_library_panel_opens_the_dialog(qtbot, monkeypatch):
    from naion_designer.gui.dialogs import fit_dialog
    from naion_designer.gui.widgets.cell_library import CellLibraryPanel

    opened = []

    class Fake:
        saved_id = ""

        def __init__(self, template, parent):
            opened.append(template)

        def exec(self):
            return 0

    panel = CellLibraryPanel()
    qtbot.addWidget(panel)
    panel.select("hakadi-18650-1500")
    monkeypatch.setattr(fit_dialog, "FitDialog", Fake)
    panel.fit_button.click()
    assert opened and opened[0].id == "hakadi-18650-1500"


def test_files_dropped_on_the_lists(qtbot, logs):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    from naion_designer.gui.dialogs.fit_dialog import FitDialog

    dlg = FitDialog()
    qtbot.addWidget(dlg)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in logs[:2]])
    ev = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime,
                    Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    dlg.train_list.dropEvent(ev)
    assert dlg.train_list.paths() == [str(p) for p in logs[:2]]
    dlg.train_list.dropEvent(ev)  # the same files again: no duplicates
    assert dlg.train_list.count() == 2


def test_a_share_of_the_training_files_is_held_out(qtbot, logs):
    from naion_designer.gui.dialogs.fit_dialog import FitDialog

    dlg = FitDialog()
    qtbot.addWidget(dlg)
    assert dlg.fraction_spin.value() == 0  # none by default
    dlg.train_list.add_paths(logs)
    dlg.fraction_spin.setValue(34)
    with qtbot.waitSignal(dlg.fit_finished, timeout=180_000) as sig:
        dlg.start_fit()
    assert sig.args == ["done"], dlg.status.text()
    rows = {dlg.runs_table.item(r, 0).text(): dlg.runs_table.item(r, 1).text()
            for r in range(dlg.runs_table.rowCount())}
    assert [k for k, v in rows.items() if v == "hold-out"] == ["cc-1c.csv"]
    assert sum(v == "train" for v in rows.values()) == 2
