"""The layout editor: cells to scale, series numbering, dragging a group (one undo step), hover
information, zoom/fit and the colour map."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from naion_designer.core.layout import compute_layout
from naion_designer.gui.layout_view import GroupItem

from .conftest import HOME_STORAGE, MOPED


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
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    for k in range(1, 11):  # a drag is many mouse moves ...
        p = start + (target - start) * (k / 10)
        qtbot.mouseMove(vp, pos=QPoint(int(p.x()), int(p.y())))
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
    assert "cell p2" in text and "DC current share" in text
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
    assert view.layout.length > before  # square packing is wider than hexagonal
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
