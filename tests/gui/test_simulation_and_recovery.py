"""Simulations off the UI thread (to completion and cancelled), the colour map after a run, the
plots; autosave to the recovery folder and restoring it after a crash."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np

from naion_designer.gui import recovery

from .conftest import HOME_STORAGE, MOPED


def test_simulation_runs_to_completion_off_the_ui_thread(make_window, qtbot):
    win = make_window(MOPED)
    doc = win.current_document()
    plots = win.plots
    plots.select_profile("cc:1C")
    with qtbot.waitSignal(plots.simulation_finished, timeout=60_000) as blocker:
        win.run_action.trigger()
        assert plots.is_running()
        assert not plots.run_button.isEnabled() and plots.cancel_button.isEnabled()
    assert blocker.args == ["done"]
    sim = doc.simulation
    assert sim is not None and sim.cell_temperature.shape[1:] == (20, 4)
    assert plots.progress.value() == 1000
    assert "Discharge at 1C" in plots.status.text()
    assert sim.cutoff  # a 1C discharge ends at a cut-off
    # the plots show the run
    curves = plots.v_plot.getPlotItem().listDataItems()
    assert len(curves) == 1 and len(curves[0].xData) == len(sim.time)
    assert len(plots.t_plot.getPlotItem().listDataItems()) == 2
    # results gain the simulation rows, temperatures in the user's unit
    assert win.results.value_text("sim_hottest_cell").endswith("°C")
    win.results._unit_chosen("temperature", _combo(win, "sim_hottest_cell", "degF"))
    assert win.results.value_text("sim_hottest_cell").endswith("°F")
    # colour map by temperature at a chosen time; hover tells the cell's temperature
    tab = win.current_tab()
    tab.set_mode("temperature")
    tab.time_slider.setValue(len(sim.time) // 2)
    g = tab.view.groups[0]
    assert g.cell_colours is not None
    assert "min" in tab.time_label.text()
    info = tab.cell_info(0, 0)
    k = len(sim.time) // 2
    assert f"{sim.cell_temperature[k, 0, 0] - 273.15:.1f} °C" in info
    assert f"{sim.cell_current[k, 0, 0]:.2f} A" in info


def _combo(win, name, unit):
    for combo, _kind in win.results._unit_combos:
        if combo.property("result") == name:
            combo.setCurrentIndex(combo.findData(unit))
            return combo
    raise AssertionError(name)


def test_simulation_can_be_cancelled(make_window, qtbot):
    win = make_window(MOPED)
    doc = win.current_document()
    plots = win.plots
    plots.select_profile("home-storage-day")
    with qtbot.waitSignal(plots.simulation_finished, timeout=60_000) as blocker:
        plots.run_simulation()
        win.cancel_action.trigger()
    assert blocker.args == ["cancelled"]
    assert doc.simulation is None
    assert plots.status.text() == "Simulation cancelled"
    assert plots.run_button.isEnabled() and not plots.cancel_button.isEnabled()


def test_closing_a_document_cancels_its_simulation(make_window, qtbot):
    win = make_window(MOPED, HOME_STORAGE)
    win.tabs.setCurrentIndex(0)
    plots = win.plots
    plots.select_profile("home-storage-day")
    with qtbot.waitSignal(plots.simulation_finished, timeout=60_000) as blocker:
        plots.run_simulation()
        assert win.close_tab(0)
    assert blocker.args == ["cancelled"]
    assert win.tabs.count() == 1
    assert win.plots.doc is win.current_document()


def test_autosave_and_restore_after_a_crash(make_window, qtbot, answers, tmp_path):
    win = make_window(HOME_STORAGE)
    doc = win.current_document()
    win.editor.series_spin.setValue(18)
    written = win.autosave_now()
    assert len(written) == 1 and written[0].parent == recovery.recovery_dir()
    # still running: nothing is offered
    assert recovery.orphaned_autosaves() == []
    # the process "crashes": its autosave stays, owned by a process that no longer runs
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    meta = written[0].with_suffix(".json")
    data = json.loads(meta.read_text())
    data["pid"] = int(dead.stdout)
    meta.write_text(json.dumps(data))
    doc.undo_stack.setClean()  # forget it in this window without removing the autosave
    win2 = make_window()
    restored = win2.offer_restore()
    assert answers.asked[-1] == "restore:1"
    assert len(restored) == 1
    rdoc = restored[0]
    assert rdoc.design.series == 18
    assert rdoc.path == HOME_STORAGE  # reopened over its file, the restore is one undo step
    assert rdoc.is_modified()
    rdoc.undo_stack.undo()
    assert rdoc.design.series == 16
    assert not written[0].exists()  # the old autosave is consumed


def test_declined_restore_discards_and_saved_documents_leave_no_autosave(make_window, answers,
                                                                         tmp_path):
    win = make_window(HOME_STORAGE)
    win.editor.series_spin.setValue(15)
    path = win.autosave_now()[0]
    answers.save_path = str(tmp_path / "saved.naion")
    assert win.save()
    assert not path.exists()
    win.editor.series_spin.setValue(14)
    path = win.autosave_now()[0]
    meta = json.loads(path.with_suffix(".json").read_text())
    assert meta["original_path"] == str(tmp_path / "saved.naion")
    meta["pid"] = 0
    path.with_suffix(".json").write_text(json.dumps(meta))
    answers.restore = False
    win2 = make_window()
    assert win2.offer_restore() == []
    assert not path.exists()


def test_autosave_interval_comes_from_the_preferences(make_window):
    win = make_window()
    assert win.autosave_timer.interval() == 60_000
    win.settings.set("autosave_interval_s", 5)
    win.apply_preferences()
    assert win.autosave_timer.interval() == 5_000
    win.settings.set("autosave_interval_s", 0)
    win.apply_preferences()
    assert not win.autosave_timer.isActive()


def test_discharge_curves_and_power_capability(make_window, qtbot):
    win = make_window(MOPED)
    plots = win.plots
    with qtbot.waitSignal(plots.curves_finished, timeout=60_000):
        plots.tabs.setCurrentIndex(1)
    items = plots.discharge_plot.getPlotItem().listDataItems()
    assert len(items) == 4
    v = np.asarray(items[0].yData)
    assert v.max() <= 79.0 + 1e-6 and v.min() >= 30
    assert len(plots.power_plot.getPlotItem().listDataItems()) >= 1


def test_lowest_c_rate_curve_drawn_on_top_and_legend_clear_of_the_curves(make_window, qtbot):
    win = make_window(MOPED)
    plots = win.plots
    with qtbot.waitSignal(plots.curves_finished, timeout=60_000):
        plots.tabs.setCurrentIndex(1)
    items = plots.discharge_plot.getPlotItem().listDataItems()
    z = [it.zValue() for it in items]
    assert z == sorted(z, reverse=True)  # 0.2C first and highest
    legend = plots.power_plot.getPlotItem().legend
    assert all(v < 0 for v in legend.opts["offset"])  # anchored bottom right
