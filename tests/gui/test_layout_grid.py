"""Modules in a grid in the editor: the Modules per row field, the modules drawn where the core
puts them, and Shift+drag of a whole module across the grid (one undo step)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsRectItem

from naion_designer.core.layout import compute_layout

from .conftest import MOPED, drag_to


def _module_rects(view):
    return [i.rect() for i in view.scene().items()
            if isinstance(i, QGraphicsRectItem) and i.zValue() == -5]


def test_modules_per_row_field_lays_the_modules_out_in_a_grid(make_window, qtbot):
    win = make_window(MOPED)
    doc = win.current_document()
    doc.edit("four modules", layout=replace(doc.design.layout, modules=4))
    ed = win.editor
    ed.modules_per_row_spin.setValue(2)
    assert doc.design.layout.modules_per_row == 2
    lay = compute_layout(doc.design)
    assert lay.modules_per_row == 2
    rects = _module_rects(win.current_tab().view)
    assert len(rects) == 4
    # two columns and two rows of module frames
    assert len({round(r.left()) for r in rects}) == 2
    assert len({round(r.top()) for r in rects}) == 2
    # back to automatic: "auto" in the field, one undo step each
    ed.modules_per_row_spin.setValue(0)
    assert doc.design.layout.modules_per_row == 0
    assert ed.modules_per_row_spin.text() in ("auto", "自动")
    win.undo_action.trigger()
    assert doc.design.layout.modules_per_row == 2 and ed.modules_per_row_spin.value() == 2


def test_shift_drag_moves_a_module_across_the_grid(make_window, qtbot):
    win = make_window(MOPED)
    doc = win.current_document()
    doc.edit("grid", layout=replace(doc.design.layout, modules=4, modules_per_row=2))
    n = doc.undo_stack.count()
    view = win.current_tab().view
    # group 1 is in module 1 (top left), group 11 in module 3 (bottom right): 5 groups each
    start, target = view.map_group_to_view(0), view.map_group_to_view(10)
    vp = view.viewport()
    drag_to(qtbot, vp, start, target, Qt.KeyboardModifier.ShiftModifier)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=target)
    assert doc.undo_stack.count() == n + 1
    lay = compute_layout(doc.design)
    assert set(lay.module_of_series[:5]) == {2} and set(lay.module_of_series[10:15]) == {0}
    win.undo_action.trigger()
    assert doc.design.layout.group_order == ()
