"""The real main window driven through its widgets: open, edit S and P, unit-aware fields,
undo/redo, save and reopen, closing unsaved work, drag-and-drop, tools wiring."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from .conftest import HOME_STORAGE, MOPED


def _type_into_spin(qtbot, spin, value: int) -> None:
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), str(value))
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Return)


def _type_into(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:  # QTest types ASCII only: µ, Ω and ° are pasted as a user's input method would
        edit.insert(text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_opens_the_example_laid_out_and_computed(make_window):
    win = make_window()
    doc = win.open_example()
    assert doc is not None
    assert win.windowTitle() == "NaIon Designer — Home storage 51.2 V 10.7 kWh"
    assert len(win.current_tab().view.groups) == 16
    assert win.results.value_text("energy") == "10.75 kWh"
    assert win.results.value_text("nominal_voltage") == "51.20 V"
    assert win.editor.series_spin.value() == 16
    assert win.editor.quantity_edits[("interconnect", "cell_connection")].text() == "0.08 mΩ"


def test_changing_s_and_p_through_the_widgets_updates_results_and_undo(make_window, qtbot):
    win = make_window(HOME_STORAGE)
    doc = win.current_document()
    _type_into_spin(qtbot, win.editor.series_spin, 20)
    assert doc.design.series == 20
    assert win.results.value_text("nominal_voltage") == "64.00 V"
    assert win.windowTitle().endswith(" *")
    assert len(win.current_tab().view.groups) == 20
    _type_into_spin(qtbot, win.editor.parallel_spin, 2)
    assert doc.design.parallel == 2
    assert win.results.value_text("capacity") == "420.0 Ah"
    assert win.results.value_text("energy") == "26.88 kWh"
    assert doc.undo_stack.count() == 2
    win.undo_action.trigger()
    assert doc.design.parallel == 1
    assert win.results.value_text("capacity") == "210.0 Ah"
    assert win.editor.parallel_spin.value() == 1
    win.undo_action.trigger()
    assert doc.design.series == 16
    assert win.results.value_text("energy") == "10.75 kWh"
    assert not win.windowTitle().endswith("*")  # back at the clean state
    win.redo_action.trigger()
    win.redo_action.trigger()
    assert (doc.design.series, doc.design.parallel) == (20, 2)
    assert win.editor.series_spin.value() == 20
    assert win.windowTitle().endswith(" *")


def test_unit_aware_field_accepts_units_and_reports_errors_inline(make_window, qtbot):
    win = make_window(HOME_STORAGE)
    doc = win.current_document()
    edit = win.editor.quantity_edits[("interconnect", "cell_connection")]
    _type_into(qtbot, edit, "200 µΩ")
    assert doc.design.interconnect.cell_connection == pytest.approx(200e-6)
    assert edit.text() == "0.2 mΩ"
    _type_into(qtbot, edit, "0.3 mΩ")
    assert abs(doc.design.interconnect.cell_connection - 0.3e-3) < 1e-12
    _type_into(qtbot, edit, "12 V")
    assert not win.editor.error_label.isHidden()
    assert win.editor.error_label.text().startswith("Cell connection: expected a resistance")
    assert abs(doc.design.interconnect.cell_connection - 0.3e-3) < 1e-12
    _type_into(qtbot, edit, "0.5")  # a bare number is read in the unit shown
    assert abs(doc.design.interconnect.cell_connection - 0.5e-3) < 1e-12
    assert win.editor.error_label.isHidden()
    amb = win.editor.quantity_edits[("thermal", "ambient_temperature")]
    _type_into(qtbot, amb, "95 °F")
    assert abs(doc.design.thermal.ambient_temperature - 308.15) < 1e-6
    assert amb.text() == "35 °C"


def test_invalid_design_values_are_refused_with_the_field_named(make_window, qtbot):
    win = make_window(HOME_STORAGE)
    doc = win.current_document()
    before = doc.design
    gap = win.editor.quantity_edits[("layout", "gap")]
    _type_into(qtbot, gap, "-2 mm")
    assert doc.design == before
    assert win.editor.error_label.text().startswith("Cell gap: ")  # the control, not the key
    assert "layout." not in win.editor.error_label.text()
    assert gap.text() == "-2 mm" and gap.error  # the refused text stays, marked, in the field
    assert gap.toolTip() == gap.error
    _type_into(qtbot, gap, "3 mm")
    assert doc.design.layout.gap == pytest.approx(3e-3) and not gap.error


def test_overheads_and_soc_window_edit_as_one_undo_step_each(make_window, qtbot):
    win = make_window(HOME_STORAGE)
    doc = win.current_document()
    table = win.editor.overhead_table
    table.item(0, 1).setText("1.5 kg")
    assert doc.design.overheads[0].mass == 1.5
    assert win.results.value_text("overhead_mass").startswith("14.89")
    win.editor.soc_low_spin.setValue(10)
    assert doc.design.analysis.soc_window == (0.10, 0.95)
    assert doc.undo_stack.count() == 2


def test_limits_are_highlighted_with_the_reason(make_window, qtbot):
    win = make_window(HOME_STORAGE)
    win.editor.load_c_spin.setValue(1.5)
    assert "load_current" in win.results.reasons
    assert "continuous discharge limit" in win.results.reasons["load_current"]
    item = win.results.items["load_current"]
    assert item.text(0).startswith("⚠")
    assert "210 A" in item.toolTip(1)


def test_switching_units_in_the_results_panel(make_window, qtbot):
    win = make_window(HOME_STORAGE)
    win.results._unit_chosen("energy", _combo_for(win, "energy", "W*h"))
    assert win.results.value_text("energy") == "10752 Wh"
    assert win.settings.get("units/energy") == "W*h"
    win.results._unit_chosen("length", _combo_for(win, "length", "in"))
    assert win.results.value_text("length").endswith(" in")


def _combo_for(win, name, unit):
    for combo, _kind in win.results._unit_combos:
        if combo.property("result") == name:
            combo.setCurrentIndex(combo.findData(unit))
            return combo
    raise AssertionError(name)


def test_save_and_reopen(make_window, tmp_path, qtbot, answers):
    win = make_window(HOME_STORAGE)
    doc = win.current_document()
    _type_into_spin(qtbot, win.editor.series_spin, 15)
    _type_into(qtbot, win.editor.name_edit, "Balcony 48 V")
    answers.save_path = str(tmp_path / "balcony")
    assert win.save()  # the bundled example is never overwritten: Save asks for a name
    assert answers.asked == ["save_path"]
    saved = tmp_path / "balcony.naion"
    assert saved.is_file()
    assert win.windowTitle() == "NaIon Designer — Balcony 48 V"
    assert str(saved.resolve()) == win.settings.get("recent_files")[0]
    assert win.close_tab(win.tabs.currentIndex())
    assert win.tabs.count() == 0
    doc = win.open_file(saved)
    assert doc.design.series == 15
    assert doc.design.name == "Balcony 48 V"
    assert not doc.is_modified()
    assert win.results.value_text("nominal_voltage") == "48.00 V"


def test_closing_unsaved_work_asks(make_window, qtbot, answers):
    win = make_window(HOME_STORAGE)
    _type_into_spin(qtbot, win.editor.series_spin, 12)
    answers.save_changes = "cancel"
    assert not win.close_tab(0)
    assert win.tabs.count() == 1
    answers.save_changes = "discard"
    assert win.close_tab(0)
    assert win.tabs.count() == 0
    assert answers.asked == ["save_changes:Home storage 51.2 V 10.7 kWh"] * 2


def test_several_documents_as_tabs_share_the_docks(make_window, qtbot):
    win = make_window(HOME_STORAGE, MOPED)
    assert win.tabs.count() == 2
    assert win.editor.series_spin.value() == 20
    assert win.results.value_text("capacity") == "48.00 Ah"
    win.tabs.setCurrentIndex(0)
    assert win.editor.series_spin.value() == 16
    _type_into_spin(qtbot, win.editor.series_spin, 17)
    assert win.docs[0].design.series == 17
    assert win.docs[1].design.series == 20
    assert win.tabs.tabText(0).endswith("*") and not win.tabs.tabText(1).endswith("*")
    win.tabs.setCurrentIndex(1)
    assert not win.undo_action.isEnabled()  # the moped's own stack is empty
    assert win.open_file(HOME_STORAGE) is win.docs[0]  # already open: no second tab
    assert win.tabs.count() == 2


def test_new_design_uses_the_selected_library_cell(make_window):
    win = make_window()
    win.library.select("hina-nacr32140-me12")
    doc = win.new_document()
    assert doc.design.cell.id == "hina-nacr32140-me12"
    assert doc.design.name == "Untitled 1"
    assert not doc.is_modified()


def test_dropping_a_design_file_opens_it(make_window):
    win = make_window()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(MOPED))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    win.dropEvent(event)
    assert win.current_document().design.name == "E-moped 62 V 48 Ah"


def test_bad_file_shows_one_line_error(make_window, tmp_path, answers):
    bad = tmp_path / "bad.naion"
    bad.write_text('{"format": "naion-design", "version": 99}', encoding="utf-8")
    win = make_window(bad)
    assert win.tabs.count() == 0
    assert len(answers.errors) == 1
    title, message = answers.errors[0]
    assert title == "Cannot open the design"
    assert "newer" in message and "\n" not in message


def test_window_geometry_is_restored(make_window, qtbot):
    win = make_window()
    assert (win.width(), win.height()) != (0, 0)
    win.resize(700, 480)  # the offscreen screen is 800 × 600: only the height is free
    win.plots_dock.hide()
    win.close()
    assert not win.settings.get("window/geometry").isEmpty()
    win2 = make_window()
    assert win2.height() == 480
    assert not win2.plots_dock.isVisible()


def test_user_cell_is_used_and_library_cell_swapped(make_window):
    win = make_window(HOME_STORAGE)
    doc = win.current_document()
    cell = win.library.cells["hina-haixing-k210"]
    win.use_cell(cell)
    assert doc.design.cell.id == "hina-haixing-k210"
    assert doc.design.cell_ref == "hina-haixing-k210"
    assert win.results.value_text("capacity") == "210.0 Ah"
    win.undo_action.trigger()
    assert doc.design.cell.id == "generic-nfpp-210ah"


def test_common_commands_have_shortcuts(make_window):
    win = make_window(HOME_STORAGE)
    table = dict(win.shortcut_table())
    for action in ("New design", "Open…", "Save", "Save as…", "Undo", "Redo", "Preferences…",
                   "Fit pack in view", "Run simulation", "Cancel simulation", "Close design",
                   "Quit", "Export spec sheet…", "Size for target…"):
        assert table.get(action), action
    assert table["Save"] == "Ctrl+S"


def test_recent_files_menu_reopens_a_design(make_window):
    win = make_window(MOPED)
    assert win.close_tab(0)
    win.recent_menu.aboutToShow.emit()
    actions = [a for a in win.recent_menu.actions() if a.text().startswith("&1 ")]
    assert actions and actions[0].text() == "&1 e-moped-60v.naion"
    actions[0].trigger()
    assert win.current_document().path == MOPED


def test_results_values_stay_in_view_at_the_default_width(make_window, qtbot):
    """Long figure names may be elided (their tooltip has them in full); values and units
    never leave the Results dock."""
    win = make_window(HOME_STORAGE)
    win.resize(1400, 900)
    qtbot.wait(50)
    tree = win.results.tree
    h = tree.header()
    right = h.sectionViewportPosition(2) + h.sectionSize(2)
    assert right <= tree.viewport().width()
    item = next(i for i in win.results._items.values() if i.text(1))
    assert item.text(0).lstrip("⚠ ") in item.toolTip(0)


def test_elided_figure_names_keep_their_ends(make_window, qtbot):
    """Figure names that share a long beginning ("Max. continuous discharge current", "…
    power") are elided in the middle, so a narrow Results column still tells them apart; values
    get the width of a number, not that of a long text value."""
    win = make_window(MOPED)
    win.resize(1400, 900)
    qtbot.wait(50)
    tree = win.results.tree
    fm = tree.fontMetrics()
    h = tree.header()
    assert h.sectionSize(1) <= fm.horizontalAdvance("−000,000.00") + 3 * fm.horizontalAdvance("M")
    names = {n.lstrip("⚠ ") for n in win.results._names.values()}
    pairs = [("Max. continuous discharge current", "Max. continuous discharge power"),
             ("Peak discharge current", "Peak discharge power"),
             ("Max. continuous charge current", "Max. continuous charge power")]
    for a, b in pairs:
        assert {a, b} <= names
        for width in (90, 110, 140):
            ea, eb = (fm.elidedText(x, tree.textElideMode(), width) for x in (a, b))
            assert ea != eb, (width, ea)


def test_narrow_results_column_tells_every_figure_apart(make_window, qtbot):
    """In the narrow Results dock, English names are shortened word by word ("Cont. discharge
    current") before the view elides them: no two rows read the same."""
    from naion_designer.gui.widgets.results_panel import short_name

    win = make_window(MOPED)
    win.resize(1400, 900)
    qtbot.wait(50)
    panel = win.results
    tree = panel.tree
    fm = tree.fontMetrics()
    assert short_name("Max. continuous charge current", 1e9, fm.horizontalAdvance) == \
        "Max. continuous charge current"
    assert short_name("Max. continuous charge current", 10, fm.horizontalAdvance) == \
        "Cont. charge current"
    for width in (360, 420, 520):  # the Results tree at its default width is about 340 px
        tree.setFixedWidth(width)
        tree.viewport().resize(width - 2 * tree.frameWidth(), tree.viewport().height())
        panel._fit_columns()
        w0 = tree.header().sectionSize(0) - 8  # the view's margins
        shown = [fm.elidedText(i.text(0), tree.textElideMode(), w0)
                 for k, i in panel._items.items() if not k.startswith("target:")]
        assert len(shown) == len(set(shown)), (width, sorted(shown))
        for key, item in panel._items.items():  # the full name is kept for the tooltip
            assert panel._names[key].lstrip("⚠ ") in item.toolTip(0) or key.startswith("target:")



def test_the_window_fits_a_1366_pixel_wide_screen(make_window, qtbot):
    """No label of the docks or the editor forces the window wider than a common laptop screen
    (the plots' placeholder wraps)."""
    win = make_window(MOPED)
    win.resize(1200, 700)
    qtbot.wait(50)
    assert win.minimumSizeHint().width() <= 1366
    assert win.plots_dock.minimumSizeHint().width() < 600
