"""The Lifetime view: a run off the UI thread with progress, the band, the limiting cells
outlined on the layout, cancel, and Tools → Lifetime."""

from __future__ import annotations

from dataclasses import replace

import pytest

from naion_designer.io.lifetime_schema import lifetime_from_dict

from .conftest import HOME_STORAGE


@pytest.fixture
def life_design(tmp_path):
    from naion_designer.io.design_file import new_design

    prof = tmp_path / "duty.csv"
    prof.write_text("time_s,current_A\n0,24\n1800,0\n2400,0\n")
    d = new_design("hina-nacr32140-me12", 3, 2, "Life pack")
    return replace(d, lifetime=lifetime_from_dict({"profile": str(prof), "years": 5,
                                                   "monte_carlo": 3, "seed": 4,
                                                   "period": "6 h"}))


def test_run_shows_the_band_and_the_limiting_cells(qtbot, life_design):
    from naion_designer.gui.lifetime_view import LIMIT_PEN, LifetimeView

    view = LifetimeView(life_design)
    qtbot.addWidget(view)
    assert view.packs.value() == 3 and view.years.value() == 5
    seen = []
    with qtbot.waitSignal(view.finished, timeout=180_000) as sig:
        task = view.run()
        task.progressed.connect(seen.append)
        assert not view.run_button.isEnabled() and view.cancel_button.isEnabled()
    assert sig.args == ["done"]
    assert view.run_button.isEnabled()
    out = view.outcome
    assert out.monte_carlo.n == 3 and view.band is not None
    assert "End of life" in view.status.text()
    limiting = out.nominal.limiting_cells
    assert view.limiting.text().startswith(f"s{limiting[0][0]} p{limiting[0][1]}")
    for (s, p), item in view.cell_items.items():
        outlined = item.pen().color() == LIMIT_PEN
        assert outlined == ((s, p) in limiting)
    assert view.progress.value() == 1000
    assert seen and max(seen) <= 1.0


def test_cancel(qtbot, life_design):
    from naion_designer.gui.lifetime_view import LifetimeView

    view = LifetimeView(life_design)
    qtbot.addWidget(view)
    view.years.setValue(40)
    view.packs.setValue(200)
    with qtbot.waitSignal(view.finished, timeout=120_000) as sig:
        view.run()
        view.cancel()
    assert sig.args == ["cancelled"]
    assert "cancelled" in view.status.text()
    assert view.outcome is None


def test_bad_profile_is_said_not_raised(qtbot, life_design):
    from naion_designer.gui.lifetime_view import LifetimeView

    view = LifetimeView(life_design)
    qtbot.addWidget(view)
    view.profile.setCurrentText("no-such-cycle")
    assert view.run() is None
    assert "no-such-cycle" in view.status.text()


def test_tools_menu_opens_the_lifetime_view(make_window):
    win = make_window(HOME_STORAGE)
    win.lifetime_action.trigger()
    views = [w for w in win._tool_windows if w.objectName() == "lifetime_view"]
    assert len(views) == 1
    assert views[0].profile.currentText() == "Home storage day"  # shown by name
    assert views[0].profile_ref() == "home-storage-day"
    assert views[0].years.value() == 15


def test_closing_the_view_stops_its_run(qtbot, life_design):
    from naion_designer.gui.lifetime_view import LifetimeView

    view = LifetimeView(life_design)
    qtbot.addWidget(view)
    view.years.setValue(40)
    view.packs.setValue(200)
    task = view.run()
    view.close()
    assert not task.isRunning()


def test_duty_cycles_are_shown_by_their_translated_names(qtbot, life_design):
    from naion_designer.gui import i18n
    from naion_designer.gui.lifetime_view import LifetimeView

    old = i18n._current
    i18n._current = "zh_CN"
    try:
        view = LifetimeView(life_design)
        qtbot.addWidget(view)
    finally:
        i18n._current = old
    names = [view.profile.itemText(k) for k in range(view.profile.count())]
    assert "两轮车城市工况" in names and "户用储能日工况" in names
    view.profile.setCurrentIndex(names.index("两轮车城市工况"))
    assert view.profile_ref() == "two-wheeler-urban"
    view.profile.setCurrentText("cc:1C")
    assert view.profile_ref() == "cc:1C"
