"""Preferences: one table of defaults and types, a redirectable file, a corrupt file set aside."""

from __future__ import annotations

from naion_designer.gui.settings import DEFAULTS, Settings


def test_defaults_and_round_trip(tmp_path):
    s = Settings(tmp_path / "a.ini")
    assert s.get("ambient_temperature_c") == 25.0
    assert s.get("autosave_interval_s") == 60
    assert s.units() == {}
    s.set("units/energy", "W*h")
    s.set("ambient_temperature_c", 30.5)
    s.sync()
    t = Settings(tmp_path / "a.ini")
    assert t.units() == {"energy": "W*h"}
    assert t.get("ambient_temperature_c") == 30.5
    assert set(DEFAULTS) >= {"recent_files", "window/geometry", "units/temperature"}


def test_unknown_units_and_bad_types_fall_back_to_defaults(tmp_path):
    p = tmp_path / "b.ini"
    p.write_text("[units]\nenergy=furlongs\n[General]\nautosave_interval_s=soon\n")
    s = Settings(p)
    assert s.units() == {}
    assert s.get("autosave_interval_s") == 60


def test_recent_files_most_recent_first_without_duplicates(tmp_path):
    s = Settings(tmp_path / "c.ini")
    for name in ("a", "b", "a"):
        s.add_recent(str(tmp_path / f"{name}.naion"))
    assert [p.rsplit("/", 1)[-1] for p in s.get("recent_files")] == ["a.naion", "b.naion"]


def test_preferences_dialog_applies_to_the_window(make_window):
    from naion_designer.gui.dialogs.preferences import PreferencesDialog

    from .conftest import HOME_STORAGE

    win = make_window(HOME_STORAGE)
    dlg = PreferencesDialog(win.settings, win)
    dlg.unit_combos["energy"].setCurrentIndex(dlg.unit_combos["energy"].findData("MJ"))
    dlg.unit_combos["temperature"].setCurrentIndex(
        dlg.unit_combos["temperature"].findData("degF"))
    dlg.ambient_spin.setValue(30)
    dlg.accept()
    win.apply_preferences()
    assert win.results.value_text("energy") == "38.71 MJ"
    assert win.editor.quantity_edits[("thermal", "ambient_temperature")].text() == "77 °F"
    doc = win.new_document()
    assert abs(doc.design.thermal.ambient_temperature - 303.15) < 1e-9
