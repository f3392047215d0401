"""The design edits of the layout editor: swapping groups or whole modules along the series
path and changing the block shape (each one undo step), and the context menu that offers them.
A mixin of `LayoutView`; its texts are in the `LayoutView` translation context."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu

from ..core.layout.blocks import group_shapes
from ..core.units import InputError
from .messages import user_message


class LayoutEdits:
    """Needs `doc`, `design`, `layout` (the computed PackLayout) and a `message` signal."""

    def swap_groups(self, s_a: int, s_b: int) -> None:
        """Swap the slots of series groups a and b (one undo step)."""
        d = self.doc.design
        lay = self.layout
        order = list(d.layout.group_order or range(d.series))  # slot -> series
        slot_a, slot_b = int(lay.slot_of_series[s_a]), int(lay.slot_of_series[s_b])
        order[slot_a], order[slot_b] = order[slot_b], order[slot_a]
        new_order = () if order == list(range(d.series)) else tuple(order)
        self._edit(QCoreApplication.translate("LayoutView", "Swap groups {0} and {1}").format(s_a + 1, s_b + 1),
                   layout=replace(d.layout, group_order=new_order))

    def swap_modules(self, s_a: int, s_b: int) -> bool:
        """Swap the whole modules of series groups a and b (same number of groups; one undo
        step): their groups trade places, each keeping its order inside the module."""
        d, lay = self.doc.design, self.layout
        m_a, m_b = int(lay.module_of_series[s_a]), int(lay.module_of_series[s_b])
        if m_a == m_b:
            return False
        slots = lay.slot_of_series
        module_of_slot = np.empty(d.series, dtype=int)
        module_of_slot[slots] = lay.module_of_series
        sa = np.nonzero(module_of_slot == m_a)[0]
        sb = np.nonzero(module_of_slot == m_b)[0]
        if sa.size != sb.size:
            self.message.emit(QCoreApplication.translate("LayoutView", "Modules {0} and {1} hold different numbers of groups "
                                      "({2} and {3}): they cannot trade places.").format(
                m_a + 1, m_b + 1, sa.size, sb.size))
            return False
        order = np.array(d.layout.group_order or range(d.series))
        order[sa], order[sb] = order[sb].copy(), order[sa].copy()
        new = () if list(order) == list(range(d.series)) else tuple(int(v) for v in order)
        return self._edit(QCoreApplication.translate("LayoutView", "Swap modules {0} and {1}").format(m_a + 1, m_b + 1),
                          layout=replace(d.layout, group_order=new))

    def set_group_shape(self, shape: tuple[int, int] | None) -> bool:
        """The block shape of every parallel group (None: chosen automatically); one undo step."""
        d = self.doc.design
        text = (QCoreApplication.translate("LayoutView", "Block shape automatic") if shape is None
                else QCoreApplication.translate("LayoutView", "Block shape {0} × {1}").format(shape[0], shape[1]))
        return self._edit(text, layout=replace(d.layout, group_shape=shape))

    def _edit(self, text: str, **changes) -> bool:
        try:
            self.doc.edit(text, **changes)
        except InputError as exc:
            self.message.emit(user_message(exc))
            return False
        return True

    def contextMenuEvent(self, event) -> None:
        if self.design is None:
            return
        self.context_menu().exec(event.globalPos())

    def context_menu(self) -> QMenu:
        """The context menu of the pack: the block shape of the parallel groups."""
        menu = QMenu(self)
        shapes = menu.addMenu(QCoreApplication.translate("LayoutView", "Block shape"))
        current = self.design.layout.group_shape
        auto = shapes.addAction(QCoreApplication.translate("LayoutView", "Automatic ({0} × {1})").format(
            self.layout.group_shape[0], self.layout.group_shape[1]))
        auto.setCheckable(True)
        auto.setChecked(current is None)
        auto.triggered.connect(lambda: self.set_group_shape(None))
        for sh in group_shapes(self.design.parallel):
            act = shapes.addAction(QCoreApplication.translate("LayoutView", "{0} rows × {1} columns").format(sh[0], sh[1]))
            act.setCheckable(True)
            act.setChecked(current == sh)
            act.triggered.connect(lambda _c=False, sh=sh: self.set_group_shape(sh))
        return menu
