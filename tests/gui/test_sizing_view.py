"""SizingView: runs the search in a worker thread, ranks, plots the Pareto front, opens designs."""

from __future__ import annotations

from dataclasses import replace

import pytest

from naion_designer.core.pack import PackDesign
from naion_designer.io.cell_file import read_cell_file


@pytest.fixture
def cells(example_cell_path):
    c = read_cell_file(example_cell_path)
    c = replace(c, price=20.0, currency="CNY", price_basis="cell", cycle_life=5000.0)
    return [c, replace(c, id="light-dear", mass=0.3, price=30.0)]


@pytest.fixture
def view(qtbot, cells):
    from naion_designer.gui.sizing_view import SizingView

    v = SizingView(cells=cells)
    qtbot.addWidget(v)
    return v


def run(view, qtbot):
    with qtbot.waitSignal(view.finished, timeout=30000) as sig:
        view.run()
    qtbot.waitUntil(lambda: not view.is_running(), timeout=10000)
    return sig.args[0]


def test_sizes_in_a_worker_and_fills_table_and_plot(view, qtbot):
    view.set_target("home-storage-51v2")
    res = run(view, qtbot)
    assert res is view.result and res is not None
    assert view.table.rowCount() == len(res.candidates) > 0
    first = res.candidates[0]
    assert view.table.item(0, 2).text() == first.cell_id
    assert view.table.item(0, 3).text() == f"{first.series}S{first.parallel}P"
    assert view.table.item(0, 1).text() == ("pass" if first.passes else "FAIL")
    assert "searched" in view.status.text()
    if res.passing:
        assert view._scatter_items  # the Pareto/ranked scatter is drawn
        assert len(view.plot.getPlotItem().listDataItems()) >= 1
    assert "example-na-32140" in view.rejected.toPlainText()
    assert view.run_button.isEnabled() and not view.cancel_button.isEnabled()


def test_double_click_opens_the_design(view, qtbot):
    view.set_target("home-storage-51v2")
    res = run(view, qtbot)
    with qtbot.waitSignal(view.open_design) as sig:
        view.table.cellDoubleClicked.emit(0, 2)
    d = sig.args[0]
    assert isinstance(d, PackDesign)
    assert (d.series, d.parallel) == (res.candidates[0].series, res.candidates[0].parallel)
    assert d.target == "home-storage-51v2"


def test_objective_changes_the_ranking(view, qtbot):
    view.set_target("home-storage-51v2")
    view.set_objective("mass")
    res = run(view, qtbot)
    assert res.objective == "mass"
    masses = [c.results.value("mass") for c in res.passing]
    assert masses == sorted(masses)


def test_cancel(view, qtbot, monkeypatch):
    import naion_designer.gui.sizing_view as sv
    from naion_designer.core.sizing import SizingCancelled

    real = sv.size

    def slow_size(*args, cancel=None, **kw):
        import time

        t0 = time.monotonic()
        while time.monotonic() - t0 < 10:
            if cancel():
                raise SizingCancelled("cancelled")
            time.sleep(0.01)
        return real(*args, cancel=cancel, **kw)

    monkeypatch.setattr(sv, "size", slow_size)
    view.set_target("telecom-48v")
    with qtbot.waitSignal(view.finished, timeout=10000) as sig:
        view.run()
        assert view.is_running() and view.cancel_button.isEnabled()
        view.cancel()
    assert sig.args == [None]
    qtbot.waitUntil(lambda: not view.is_running(), timeout=5000)
    assert "cancelled" in view.status.text()


def test_no_target_and_bad_target(view, qtbot, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("format = 'naion-target'\nversion = 1\nid = 'b'\nname = 'b'\n")
    view.set_target(str(bad))
    view.run()
    assert not view.is_running()
    assert "voltage.min" in view.status.text()


def test_whole_library(qtbot):
    from naion_designer.gui.sizing_view import SizingView
    from naion_designer.io.library import library

    if not library().cells:
        pytest.skip("the cell library is empty")
    v = SizingView()
    qtbot.addWidget(v)
    v.set_target("forklift-48v")
    res = run(v, qtbot)
    assert res is not None and len(res.passing_counts) == len(library().cells)
