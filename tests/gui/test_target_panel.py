"""TargetPanel: preset picker, editor, pass/fail badges for the current design."""

from __future__ import annotations

import pytest

from naion_designer.core.checks import check_design
from naion_designer.core.pack import PackDesign
from naion_designer.io.cell_file import read_cell_file
from naion_designer.io.target_file import load_target


@pytest.fixture
def design(example_cell_path):
    return PackDesign(cell=read_cell_file(example_cell_path), series=16, parallel=12,
                      target="home-storage-51v2")


@pytest.fixture
def panel(qtbot):
    from naion_designer.gui.widgets.target_panel import TargetPanel

    p = TargetPanel()
    qtbot.addWidget(p)
    return p


def test_picker_lists_presets_and_none(panel):
    ids = [panel.picker.itemData(i) for i in range(panel.picker.count())]
    assert ids[0] == "" and ids[-1] == "__open__"
    assert {"home-storage-51v2", "telecom-48v", "grid-container-1200v"} <= set(ids)
    assert "No design" in panel.summary.text()


def test_set_design_follows_its_target_and_shows_badges(panel, design, qtbot):
    with qtbot.assertNotEmitted(panel.target_changed):
        panel.set_design(design)
    assert panel.picker.currentData() == "home-storage-51v2"
    expected = check_design(design, load_target("home-storage-51v2"))
    assert [c.name for c in panel.checks()] == [c.name for c in expected]
    assert panel.checks_tree.topLevelItemCount() == len(expected)
    for c in expected:
        badge = panel.badge_of(c.name)
        assert badge == ("PASS" if c.passed and c.verified else "FAIL" if not c.passed
                         else "n/v")
    n_ok = sum(c.passed for c in expected)
    assert f"{n_ok} of {len(expected)} requirements met" in panel.summary.text()
    # the drop-in row explains the window
    panel.checks_tree.setCurrentItem(panel.checks_tree.topLevelItem(1))
    assert "window" in panel.reason.text()


def test_picking_a_target_emits_its_id(panel, design, qtbot):
    panel.set_design(design)
    i = panel.picker.findData("telecom-48v")
    with qtbot.waitSignal(panel.target_changed) as sig:
        panel.picker.setCurrentIndex(i)
        panel.picker.activated.emit(i)
    assert sig.args == ["telecom-48v"]
    assert panel.target().id == "telecom-48v"
    with qtbot.waitSignal(panel.target_changed) as sig:
        panel.picker.activated.emit(0)
    assert sig.args == [""]
    assert panel.target() is None and panel.checks() == []


def test_editing_rechecks_and_names_bad_fields(panel, design):
    panel.set_design(design)
    before = {c.name: c for c in panel.checks()}
    mass = panel.edits["mechanical.max_mass"]
    mass.setText("10 kg")
    mass.editingFinished.emit()
    after = {c.name: c for c in panel.checks()}
    assert after["mass"].required == pytest.approx(10.0)
    assert panel.badge_of("mass") == "FAIL"
    assert before["mass"].required != after["mass"].required
    assert panel.revert_button.isEnabled()
    energy = panel.edits["energy.usable"]
    energy.setText("5 V")
    energy.editingFinished.emit()
    assert panel.target() is None
    assert "energy.usable" in panel.error.text()
    assert energy.styleSheet()
    panel.revert_button.click()
    assert panel.target() == load_target("home-storage-51v2")
    assert panel.error.text() == ""


def test_save_as_user_target(panel, design, qtbot, tmp_path):
    from naion_designer.io.target_file import user_target_dir

    panel.set_design(design)
    panel.edits["id"].setText("my-home")
    panel.edits["id"].editingFinished.emit()
    panel.edits["energy.usable"].setText("4 kWh")
    panel.edits["energy.usable"].editingFinished.emit()
    with qtbot.waitSignal(panel.target_changed) as sig:
        ref = panel.save_to(user_target_dir() / "my-home.toml")
    assert ref == "my-home" and sig.args == ["my-home"]
    t = load_target("my-home")
    assert t.usable_energy == pytest.approx(4 * 3.6e6)
    assert panel.picker.findData("my-home") >= 0
    # any other file is referred to by its path
    other = tmp_path / "elsewhere.toml"
    with qtbot.waitSignal(panel.target_changed) as sig:
        panel.save_to(other)
    assert sig.args == [str(other)]
    assert load_target(str(other)).id == "my-home"


def test_unknown_target_of_a_design_is_reported(panel, design):
    panel.set_design(design.evolve(target="/no/such/target.toml"))
    assert "Cannot load the target" in panel.error.text()
    assert panel.checks() == []


def test_duty_cycle_button_simulates_in_a_worker(panel, design, qtbot):
    panel.set_design(design)  # home storage has no duty cycle
    assert not panel.duty_button.isVisibleTo(panel)
    eb = design.evolve(series=15, parallel=2, target="e-bike-48v")
    panel.set_design(eb)
    assert panel.target().duty_cycle == "two-wheeler-urban"
    assert panel.duty_button.isEnabled()
    n = len(panel.checks())
    with qtbot.waitSignal(panel.duty_cycle_done, timeout=60000) as sig:
        panel.duty_button.click()
    check = sig.args[0]
    assert check.name == "duty_cycle"
    assert len(panel.checks()) == n + 1 and panel.checks()[-1] is check
    assert panel.badge_of("duty_cycle") in ("PASS", "FAIL")
    # another design drops the stale result
    panel.set_design(eb.evolve(parallel=3))
    assert "duty_cycle" not in [c.name for c in panel.checks()]
