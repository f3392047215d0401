"""The layout editor: cells to scale, series numbering, dragging a group (one undo step), hover
information, zoom/fit and the colour map."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from naion_designer.core.layout import compute_layout
from naion_designer.gui.layout_view import GroupItem

from .conftest import HOME_STORAGE, MOPED, drag_to


def test_cells_are_drawn_to_scale_with_terminals_and_envelope(make_window):
    win = make_window(MOPED)
    view = win.current_tab().view
    design = win.current_document().design
    lay = compute_layout(design)
    assert len(view.groups) == 20
    g = view.groups[0]
    assert isinstance(g, GroupItem) and g.round_cells
    assert g.dx == pytest.approx(32.0)  # mm: a 32140 cell
    assert len(g.local_x) == 4
    centre = g.pos()
    assert centre.x() == pytest.approx(lay.x[0].mean() * 1e3)
    labels = [it.data(0) for it in view.scene().items() if it.data(0)]
    assert sorted(labels) == ["terminal+", "terminal−"]
    texts = [getattr(it, "text", "") for it in view.scene().items()]
    assert f"L {lay.length * 1e3:.0f} mm" in texts
    assert any(t.startswith("Module 2") for t in texts)


def test_dragging_a_group_swaps_series_positions_in_one_undo_step(make_window, qtbot):
    win = make_window(HOME_STORAGE)
    doc = win.current_document()
    view = win.current_tab().view
    start = view.map_group_to_view(2)
    target = view.map_group_to_view(5)
    vp = view.viewport()
    drag_to(qtbot, vp, start, target)  # a drag is many mouse moves ...
    assert view.groups[5].drop_target
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=target)
    # ... and one undo step
    assert doc.undo_stack.count() == 1
    order = list(doc.design.layout.group_order)
    expected = list(range(16))
    expected[2], expected[5] = 5, 2
    assert order == expected
    lay = compute_layout(doc.design)
    assert lay.slot_of_series[2] == 5 and lay.slot_of_series[5] == 2
    assert win.windowTitle().endswith("*")
    win.undo_action.trigger()
    assert doc.design.layout.group_order == ()
    assert not win.windowTitle().endswith("*")


def test_dropping_a_group_back_on_its_own_slot_changes_nothing(make_window, qtbot):
    win = make_window(HOME_STORAGE)
    doc = win.current_document()
    view = win.current_tab().view
    start = view.map_group_to_view(3)
    vp = view.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(vp, pos=start + QPoint(3, 2))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=start + QPoint(3, 2))
    assert doc.undo_stack.count() == 0
    assert view.groups[3].pos() == view.groups[3].centre


def test_hover_tells_position_and_current_share(make_window, qtbot):
    win = make_window(MOPED)
    view = win.current_tab().view
    qtbot.mouseMove(view.viewport(), pos=QPoint(1, 1))  # off the cells first
    with qtbot.waitSignal(view.hovered, timeout=2000,
                          check_params_cb=lambda text: text.startswith("Group")) as blocker:
        qtbot.mouseMove(view.viewport(), pos=view.cell_view_pos(7, 2))
    text = blocker.args[0]
    assert text.startswith("Group 8 ")
    assert "cell s7 p2" in text and "DC current share" in text  # the id of the CSV columns
    assert win.hover_label.text() == text


def test_zoom_and_fit(make_window):
    win = make_window(HOME_STORAGE)
    view = win.current_tab().view
    z = view.zoom()
    win.zoom_in_action.trigger()
    assert view.zoom() == pytest.approx(z * 1.25)
    win.fit_action.trigger()
    assert view.zoom() == pytest.approx(z, rel=0.05)


def test_colour_map_of_dc_current_share(make_window):
    win = make_window(MOPED)
    tab = win.current_tab()
    tab.set_mode("share")
    share = win.current_document().current_share()
    assert share.max() > share.min()
    g = tab.view.groups[0]
    assert g.cell_colours is not None and len(g.cell_colours) == 4
    assert not tab.colour_bar.isHidden()
    tab.set_mode("groups")
    assert g.cell_colours is None


def test_layout_follows_the_editor(make_window, qtbot):
    win = make_window(MOPED)
    view = win.current_tab().view
    before = view.layout.length
    win.editor.packing_combo.setCurrentIndex(win.editor.packing_combo.findData("square"))
    win.editor.packing_combo.activated.emit(win.editor.packing_combo.currentIndex())
    assert win.current_document().design.layout.packing == "square"
    # the example keeps version 1's staggered columns: square columns take more room
    assert view.layout.length > before
    assert win.results.value_text("length") == f"{view.layout.length * 1e3:.1f} mm"
    x = np.array([g.pos().x() for g in view.groups])
    assert x.max() > x.min()


@pytest.mark.parametrize("button", [Qt.MouseButton.MiddleButton, Qt.MouseButton.LeftButton])
def test_pan_by_dragging(make_window, qtbot, button):
    win = make_window(HOME_STORAGE)
    view = win.current_tab().view
    win.zoom_in_action.trigger()
    win.zoom_in_action.trigger()
    win.zoom_in_action.trigger()
    vp = view.viewport()
    start = QPoint(8, 8)  # the background (middle button: anywhere)
    before = view.mapToScene(vp.rect().center())
    qtbot.mousePress(vp, button, pos=start)
    for k in range(1, 6):
        qtbot.mouseMove(vp, pos=start + QPoint(12 * k, 9 * k))
    qtbot.mouseRelease(vp, button, pos=start + QPoint(60, 45))
    after = view.mapToScene(vp.rect().center())
    assert (after - before).manhattanLength() > 10
    assert win.current_document().undo_stack.count() == 0


# --- group blocks, fitting and editing -------------------------------------------------------
def _settle(qtbot, ms=300):
    from PySide6.QtWidgets import QApplication

    qtbot.wait(ms)
    QApplication.processEvents()


def test_fit_is_idempotent_at_1400x900(make_window, qtbot):
    """home-storage, tob-18650-c-na, "Use in design" at 1400 × 900 once looped resize ↔ fit."""
    import time

    from naion_designer.io.library import library

    win = make_window(HOME_STORAGE)
    win.resize(1400, 900)
    _settle(qtbot)
    view = win.current_tab().view
    win.use_cell(library().get("tob-18650-c-na"))
    t0 = time.perf_counter()
    _settle(qtbot)  # the event loop returns
    assert time.perf_counter() - t0 < 5.0
    before = view.fit_count
    _settle(qtbot, 500)
    assert view.fit_count == before  # idle: no more fits
    transform = view.transform()
    view.fit()
    view.fit()
    assert view.transform() == transform  # fitting a fitted view changes nothing
    assert view.horizontalScrollBar().isHidden() or not view.horizontalScrollBar().isVisible()


def test_series_count_changes_after_a_group_swap(make_window, qtbot):
    win = make_window(HOME_STORAGE)
    doc = win.current_document()
    view = win.current_tab().view
    view.swap_groups(2, 6)
    assert doc.design.layout.group_order
    win.editor.series_spin.setValue(17)
    assert doc.design.series == 17
    order = doc.design.layout.group_order
    assert sorted(order) == list(range(17))
    assert order[2] == 6 and order[6] == 2  # the swap survived
    text = win.editor.error_label.text()
    assert "layout." not in text and "series path" in text.lower()
    win.editor.series_spin.setValue(12)
    assert doc.design.series == 12 and sorted(doc.design.layout.group_order or range(12)) == \
        list(range(12))
    win.undo_action.trigger()
    win.undo_action.trigger()
    assert doc.design.series == 16 and doc.design.layout.group_order


def test_one_group_in_a_two_module_design_adjusts_the_modules(make_window, qtbot):
    win = make_window(MOPED)
    doc = win.current_document()
    assert doc.design.layout.modules == 2
    win.editor.series_spin.setValue(1)
    assert doc.design.series == 1 and doc.design.layout.modules == 1
    assert "modules" in win.editor.error_label.text()
    assert "layout." not in win.editor.error_label.text()


def test_block_shape_and_module_moves_are_undoable(make_window, qtbot):
    win = make_window(MOPED)
    doc = win.current_document()
    view = win.current_tab().view
    assert view.set_group_shape((2, 2))
    assert doc.design.layout.group_shape == (2, 2)
    assert view.layout.group_shape == (2, 2)
    n = doc.undo_stack.count()
    assert view.swap_modules(0, 15)  # group 1 (module 1) onto group 16 (module 2)
    assert doc.undo_stack.count() == n + 1
    lay = compute_layout(doc.design)
    assert lay.module_of_series[0] == 1 and lay.module_of_series[15] == 0
    # the series path now jumps between the modules, and the view draws it apart
    assert not view.wiring.adjacent.all() and not view.wiring.jumps.isEmpty()
    win.undo_action.trigger()
    win.undo_action.trigger()
    assert doc.design.layout.group_shape == (4, 1) and not doc.design.layout.group_order


def test_layout_controls_edit_blocks_envelope_and_busbars(make_window, qtbot):
    win = make_window(MOPED)
    doc = win.current_document()
    lc = win.editor.layout_controls
    lc.shape_combo.setCurrentIndex(lc.shape_index((2, 2)))
    lc.shape_combo.activated.emit(lc.shape_combo.currentIndex())
    assert doc.design.layout.group_shape == (2, 2)
    lc.envelope_edits[0].setText("500 mm")
    lc.envelope_edits[0].editingFinished.emit()
    assert doc.design.layout.envelope is None  # one of three: says what is missing
    assert "Largest envelope" in win.editor.error_label.text()
    for e, v in zip(lc.envelope_edits, ("500 mm", "400 mm", "300 mm"), strict=True):
        e.setText(v)
        e.editingFinished.emit()
    assert doc.design.layout.envelope == pytest.approx((0.5, 0.4, 0.3))
    assert win.results.value_text("fits_envelope") in ("yes", "no")
    lc.material_combo.setCurrentIndex(lc.material_combo.findData("copper"))
    lc.material_combo.activated.emit(lc.material_combo.currentIndex())
    bb = doc.design.interconnect.busbar
    assert bb is not None and bb.material == "copper"
    assert "busbar_mass" in doc.results()


def test_fit_to_box_dialog_ranks_and_applies(make_window, qtbot):
    win = make_window(MOPED)
    doc = win.current_document()
    dlg = win.fit_to_box()
    qtbot.addWidget(dlg)
    lay = compute_layout(doc.design)
    # a box as long as the pack is wide and as wide as it is long: turning it fits
    dlg.set_box(lay.width + 0.001, lay.length + 0.001, lay.height + 0.001)
    dlg.search()
    assert dlg.table.rowCount() > 0 and dlg.ranked[0].fits
    assert "fit" in dlg.summary.text()
    n = doc.undo_stack.count()
    assert dlg.apply(0)
    assert doc.undo_stack.count() == n + 1
    new = compute_layout(doc.design)
    assert new.fits is True and doc.design.layout.envelope is not None
    dlg.set_box(0.05, 0.05, 0.05)
    dlg.search()
    assert not dlg.ranked[0].fits and dlg.summary.text().startswith("Nothing fits")


def test_errors_name_controls_not_fields():
    from naion_designer.core.units import InputError
    from naion_designer.gui.messages import user_message

    msg = user_message(InputError("layout.group_order", "expected a permutation of 0..16"))
    assert msg.startswith("Series order of the groups:") and "layout." not in msg
    assert "." not in user_message(InputError("layout.something_new", "x")).split(":")[0]


def test_shift_drag_moves_a_whole_module(make_window, qtbot):
    win = make_window(MOPED)
    doc = win.current_document()
    view = win.current_tab().view
    start = view.map_group_to_view(0)
    target = view.map_group_to_view(15)
    vp = view.viewport()
    drag_to(qtbot, vp, start, target, Qt.KeyboardModifier.ShiftModifier)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=target)
    assert doc.undo_stack.count() == 1
    lay = compute_layout(doc.design)
    assert set(lay.module_of_series[:10]) == {1} and set(lay.module_of_series[10:]) == {0}
    win.undo_action.trigger()
    assert doc.design.layout.group_order == ()


def test_a_typed_busbar_segment_overrides_busbars_from_geometry(make_window, qtbot):
    win = make_window(MOPED)
    doc = win.current_document()
    lc = win.editor.layout_controls
    lc.material_combo.setCurrentIndex(lc.material_combo.findData("copper"))
    lc.material_combo.activated.emit(lc.material_combo.currentIndex())
    geometric = doc.results().value("busbar_segment_resistance")
    seg = win.editor.quantity_edits[("interconnect", "busbar_segment")]
    seg.setText("0.5 mohm")
    seg.editingFinished.emit()
    assert doc.design.interconnect.busbar_segment_given
    assert doc.results().value("busbar_segment_resistance") == pytest.approx(0.5e-3)
    assert geometric != pytest.approx(0.5e-3)
