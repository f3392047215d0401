"""The layout editor: the pack seen from above, every cell to scale (items in `layout_items`).

Dragging a group onto another slot swaps the series positions of the two slots
(`layout.group_order`); Shift+drag moves a whole module onto another of the same size; the
context menu of a group changes the block shape.  Each is one undo step, and an edit the design
refuses shows its message (`message` signal) instead of raising.

Fitting is idempotent: the view has no scroll bars (it pans by dragging), so fitting cannot
change the viewport size and the resize that follows a fit does not fit again.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

from ..core.layout import compute_layout
from .layout_edits import LayoutEdits
from .layout_items import (  # noqa: F401 (VIRIDIS and colormap are used by the document tab)
    VIRIDIS,
    GroupItem,
    GroupLabels,
    Label,
    WiringItem,
    cell_path,
    colormap,
    group_colour,
)


class LayoutView(LayoutEdits, QGraphicsView):
    hovered = Signal(str)  # a status-bar line about the cell under the mouse
    message = Signal(str)  # why an edit in the view was not made (user words)
    cell_clicked = Signal(int, int)  # series, parallel
    zoom_changed = Signal(float)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        # about a hundred items, all rebuilt after an edit: a BSP index costs more than it saves
        self.scene().setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setBackgroundBrush(QBrush(QColor("#f6f7f9")))
        self.setMouseTracking(True)
        self.doc = None
        self.design = None
        self.layout = None
        self.groups: list[GroupItem] = []
        self.wiring: WiringItem | None = None
        self.show_busbars = True
        self.show_path = True
        self.info_provider = None  # callable(s, p) -> str, set by the document tab
        self._drag: tuple[GroupItem, QPointF] | None = None
        self._drop: GroupItem | None = None
        self._hover: tuple[GroupItem, int] | None = None
        self._selected: tuple[int, int] | None = None
        self._colour_values = None
        self._fitted = False
        self._fit_size = QSize()
        self._in_fit = False
        self._strip_cache: tuple = (None, None)
        # no scroll bars: fitting then never changes the viewport size (no resize/fit loop)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.fit_count = 0
        self.scale(1, -1)  # y up, as in core.layout

    # --- building --------------------------------------------------------------------------
    def set_document(self, doc) -> None:
        self.doc = doc
        doc.design_changed.connect(self.rebuild)
        self.rebuild()

    def rebuild(self, *_args) -> None:
        """Recreate the items from the current design (cheap: one item per group)."""
        design = self.doc.design
        old = self.design
        self.design = design
        lay = compute_layout(design)
        self.layout = lay
        scene = self.scene()
        # the groups' items are kept and moved when the pack keeps its S, P and cell form
        # (an edit of gap, rows or order); everything else is drawn anew
        keep = (len(self.groups) == design.series and old is not None
                and old.parallel == design.parallel
                and self.groups[0].round_cells == lay.round_cells)
        for item in scene.items():
            if not (keep and isinstance(item, GroupItem)):
                scene.removeItem(item)
        if not keep:
            self.groups = []
        self._hover = None
        self._drop = None
        self._drag = None
        S, P = design.series, design.parallel
        x = lay.x * 1e3
        y = lay.y * 1e3
        dx, dy = lay.cell_dx * 1e3, lay.cell_dy * 1e3
        L, W = lay.length * 1e3, lay.width * 1e3
        # envelope
        env = scene.addRect(QRectF(0, 0, L, W), self._pen(QColor("#5b6270"), 1.5,
                                                          Qt.PenStyle.DashLine),
                            QBrush(QColor("#ffffff")))
        env.setZValue(-10)
        self._modules(lay, x, y, dx, dy)
        self._place_groups(x, y, dx, dy, lay.round_cells)
        centres = np.stack([x.mean(axis=1), y.mean(axis=1)], axis=1)
        self.wiring = WiringItem(self._strips(design, lay), centres, lay.series_adjacent,
                                 min(dx, dy), self.show_busbars, self.show_path)
        scene.addItem(self.wiring)
        self.labels = GroupLabels(self.groups)
        scene.addItem(self.labels)
        self._terminals(design, x, y, dx, dy, W)
        self._dimensions(L, W, lay.height * 1e3,
                         self._terminal_lead(dx, dy, W) + 0.5 * min(dx, dy))
        pad = max(L, W) * 0.12 + 30
        # room for the dimension lines, their labels and the upper terminal too: the view
        # cannot show beyond the scene rect, so a fit would be cut off there
        top = self._terminal_lead(dx, dy, W) + min(dx, dy)
        scene.setSceneRect(QRectF(-pad, -pad, L + 2 * pad, W + 2 * pad)
                           .united(self._fit_rect.adjusted(-pad, -pad, pad, pad + top)))
        if self._colour_values is not None and self._colour_values[0].shape == (S, P):
            self.set_colour_values(*self._colour_values)
        else:
            self._colour_values = None
        if self._selected and (self._selected[0] >= S or self._selected[1] >= P):
            self._selected = None
        if old is None or (old.series, old.parallel, old.cell.id) != (S, P, design.cell.id) \
                or not self._fitted or getattr(self, "_auto_fit", True):
            self.fit()

    def _place_groups(self, x, y, dx, dy, round_cells) -> None:
        """Move (or create) one item per group; groups of the same shape share one path."""
        S, P = x.shape
        mx, my = x.mean(axis=1, keepdims=True), y.mean(axis=1, keepdims=True)
        lx, ly = x - mx, y - my
        centres = np.concatenate([mx, my], axis=1).tolist()
        _, first, which = np.unique(np.round(np.concatenate([lx, ly], axis=1), 4), axis=0,
                                    return_index=True, return_inverse=True)
        paths = [cell_path(lx[i], ly[i], dx, dy, round_cells) for i in first]
        which = np.ravel(which)
        for s in range(S):
            args = (x[s], y[s], dx, dy, round_cells, group_colour(s, S), P)
            if s < len(self.groups):
                item = self.groups[s]
                item.set_cells(*args, path=paths[which[s]], centre=centres[s],
                               local=(lx[s], ly[s]))
                item.cell_colours, item.highlight_cell, item.drop_target = None, -1, False
            else:
                item = GroupItem(s, *args, path=paths[which[s]])
                item.setZValue(1)
                self.scene().addItem(item)
                self.groups.append(item)

    def _strips(self, design, lay) -> list:
        """Polylines (mm) of the busbar sheets, as arrays of flat polylines: every row and
        every column of each block, and the links between consecutive groups (cached per
        layout object).  The network's strips
        are the neighbour pairs of `core.layout.busbars`; a block's rows and columns draw the
        same sheet with far fewer path elements."""
        if self._strip_cache[0] is lay:
            return self._strip_cache[1]
        r, c = lay.group_shape
        S = design.series
        x = (lay.x * 1e3).reshape(S, r, c)
        y = (lay.y * 1e3).reshape(S, r, c)
        lines = []
        # a straight row or column is drawn from its first to its last cell: the same strip
        # without a join at every cell (joins of wide pens are what costs when zoomed in)
        if c > 1:
            pts = np.stack([x, y], axis=-1).reshape(S * r, c, 2)[:, [0, -1]]
            lines.append(pts.reshape(S * r, 4))
        if r > 1:
            pts = np.stack([x.transpose(0, 2, 1), y.transpose(0, 2, 1)], axis=-1)
            if not (lay.footprint is not None and lay.footprint.hexagonal):
                pts = pts[:, :, [0, -1]]  # hexagonal columns zigzag: every cell kept
            lines.append(pts.reshape(S * c, -1))
        if S > 1 and design.topology == "series-groups":
            cen = lay.group_centres() * 1e3
            lines.append(np.concatenate([cen[:-1], cen[1:]], axis=1))
        self._strip_cache = (lay, lines)
        return lines

    def _pen(self, colour: QColor, width: float, style=Qt.PenStyle.SolidLine) -> QPen:
        pen = QPen(colour, width, style)
        pen.setCosmetic(True)
        return pen

    def _modules(self, lay, x, y, dx, dy) -> None:
        if self.design.layout.modules <= 1:
            return
        for m in np.unique(lay.module_of_series):
            sel = lay.module_of_series == m
            x0, x1 = x[sel].min() - dx / 2, x[sel].max() + dx / 2
            y0, y1 = y[sel].min() - dy / 2, y[sel].max() + dy / 2
            pad = min(dx, dy) * 0.25
            r = QRectF(x0 - pad, y0 - pad, x1 - x0 + 2 * pad, y1 - y0 + 2 * pad)
            item = self.scene().addRect(r, self._pen(QColor("#3d6fb6"), 1.2,
                                                     Qt.PenStyle.DashDotLine),
                                        QBrush(QColor(61, 111, 182, 18)))
            item.setZValue(-5)
            self.scene().addItem(Label(self.tr("Module {0}").format(m + 1),
                                       QPointF(r.left(), r.bottom() + 0.3 * min(dx, dy)),
                                       QColor("#3d6fb6"), True, "left", 11))

    def _terminals(self, design, x, y, dx, dy, W) -> None:
        P = design.parallel
        last = P - 1 if design.interconnect.terminal_side == "opposite" else 0
        for s, p, text, colour in ((0, 0, "−", QColor("#202020")),
                                   (design.series - 1, last, "+", QColor("#c62828"))):
            cx, cy = float(x[s, p]), float(y[s, p])
            # lead the terminal out to the nearer long wall
            lead = self._terminal_lead(dx, dy, W)
            out_y = -lead if cy < W / 2 else W + lead
            r = min(dx, dy) * 0.45
            line = self.scene().addLine(cx, cy, cx, out_y, self._pen(colour, 2.0))
            line.setZValue(0.5)  # under the cells: the lead leaves from the cell's edge
            circ = self.scene().addEllipse(QRectF(cx - r, out_y - r, 2 * r, 2 * r),
                                           self._pen(colour, 2.0), QBrush(QColor("#ffffff")))
            circ.setZValue(4)
            lab = Label(text, QPointF(cx, out_y), colour, True, "centre", 18)
            lab.setData(0, f"terminal{text}")
            self.scene().addItem(lab)

    @staticmethod
    def _terminal_lead(dx: float, dy: float, W: float) -> float:
        return max(min(dx, dy) * 1.2, 0.05 * W)

    def _dimensions(self, L: float, W: float, H: float, terminal_room: float) -> None:
        scene = self.scene()
        off = max(L, W) * 0.03 + 6 + terminal_room
        pen = self._pen(QColor("#5b6270"), 1.0)
        scene.addLine(0, -off, L, -off, pen)
        scene.addLine(0, -off * 1.3, 0, -off * 0.7, pen)
        scene.addLine(L, -off * 1.3, L, -off * 0.7, pen)
        scene.addItem(Label(f"L {L:.0f} mm", QPointF(L / 2, -off * 1.4), bold=True))
        scene.addLine(-off, 0, -off, W, pen)
        scene.addLine(-off * 1.3, 0, -off * 0.7, 0, pen)
        scene.addLine(-off * 1.3, W, -off * 0.7, W, pen)
        scene.addItem(Label(f"W {W:.0f} mm", QPointF(-off * 1.35, W / 2), bold=True,
                            rotation=-90))
        self._fit_rect = QRectF(-off * 1.6, -off * 1.75, L + off * 1.6, W + off * 1.75)

    # --- colour map ------------------------------------------------------------------------
    def set_colour_values(self, values: np.ndarray | None, vmin: float = 0.0,
                          vmax: float = 1.0) -> None:
        """Paint every cell by `values` (S × P) on a viridis scale; None = group colours."""
        if values is None:
            self._colour_values = None
            for g in self.groups:
                g.cell_colours = None
                g.update()
            return
        self._colour_values = (values, vmin, vmax)
        rgb = colormap(values, vmin, vmax).astype(np.uint32)
        rgba = (0xFF000000 | (rgb[..., 0] << 16) | (rgb[..., 1] << 8) | rgb[..., 2]).tolist()
        table: dict[int, QColor] = {}
        for g in self.groups:
            g.cell_colours = [table.get(v) or table.setdefault(v, QColor.fromRgba(v))
                              for v in rgba[g.series_index]]
            g.update()

    # --- view operations -------------------------------------------------------------------
    def fit(self) -> None:
        # the geometry, not itemsBoundingRect: screen-sized labels have no extent in mm
        r = getattr(self, "_fit_rect", None)
        if r is None or r.isEmpty() or self._in_fit:
            return
        self._in_fit = True
        try:
            self._fit(r)
        finally:
            self._in_fit = False

    def _fit(self, r: QRectF) -> None:
        self.fit_count += 1
        self._fit_size = self.viewport().size()
        lay = self.layout
        dx, dy = lay.cell_dx * 1e3, lay.cell_dy * 1e3
        top = self._terminal_lead(dx, dy, lay.width * 1e3) + min(dx, dy)  # the upper terminal
        r = r.adjusted(0, 0, 0, top)
        self.fitInView(r, Qt.AspectRatioMode.KeepAspectRatio)
        self.scale(0.92, 0.92)  # room in pixels for the labels
        self._fitted = True
        self.zoom_changed.emit(self.zoom())

    def zoom(self) -> float:
        return abs(self.transform().m11())

    def zoom_by(self, factor: float) -> None:
        z = self.zoom() * factor
        if 1e-3 < z < 200:
            self.scale(factor, factor)
            self.zoom_changed.emit(self.zoom())

    def wheelEvent(self, event) -> None:
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.zoom_by(1.15 ** steps)
        event.accept()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if (not self._fitted or getattr(self, "_auto_fit", True)) \
                and self.viewport().size() != self._fit_size:
            self.fit()

    # --- hit testing -----------------------------------------------------------------------
    def group_at(self, view_pos) -> GroupItem | None:
        for item in self.items(view_pos):
            if isinstance(item, GroupItem):
                return item
        return None

    def group_scene_centre(self, s: int) -> QPointF:
        return self.groups[s].pos()

    def map_group_to_view(self, s: int):
        return self.mapFromScene(self.groups[s].pos())

    def cell_view_pos(self, s: int, p: int):
        g = self.groups[s]
        return self.mapFromScene(g.mapToScene(g.cell_rect(p).center()))

    # --- mouse -----------------------------------------------------------------------------
    def _as_left_button(self, event) -> QMouseEvent:
        return QMouseEvent(event.type(), event.position(), event.globalPosition(),
                           Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton,
                           event.modifiers())

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.MiddleButton:  # pan anywhere, as in CAD tools
            self._auto_fit = False
            self._middle_pan = True
            super().mousePressEvent(self._as_left_button(event))
            return
        if event.button() == Qt.MouseButton.LeftButton:
            g = self.group_at(event.position().toPoint())
            if g is not None:
                self._auto_fit = False
                self._drag = (g, self.mapToScene(event.position().toPoint()))
                self._drag_module = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier) \
                    and self.design.layout.modules > 1
                local = g.mapFromScene(self._drag[1])
                p = g.cell_at(local)
                if p >= 0:
                    self._select(g.series_index, p)
                g.setZValue(20)
                g.setOpacity(0.7)  # the drop target shows through while dragging
                event.accept()
                return
        self._auto_fit = False
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        pos = event.position().toPoint()
        if getattr(self, "_middle_pan", False):
            super().mouseMoveEvent(self._as_left_button(event))
            return
        if self._drag is not None:
            g, start = self._drag
            delta = self.mapToScene(pos) - start
            g.setPos(g.centre + delta)
            self.labels.update()
            target = self._nearest_slot(g)
            if target is not self._drop:
                if self._drop is not None:
                    self._drop.drop_target = False
                    self._drop.update()
                self._drop = target
                if target is not None:
                    target.drop_target = True
                    target.update()
            event.accept()
            return
        self._update_hover(pos)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.MiddleButton and getattr(self, "_middle_pan", False):
            self._middle_pan = False
            super().mouseReleaseEvent(self._as_left_button(event))
            return
        if self._drag is not None and event.button() == Qt.MouseButton.LeftButton:
            g, _start = self._drag
            target = self._drop
            self._drag = None
            self._drop = None
            if target is not None:
                target.drop_target = False
            g.setPos(g.centre)
            g.setZValue(1)
            g.setOpacity(1.0)
            self.labels.update()
            if target is not None and target is not g:
                if getattr(self, "_drag_module", False):
                    self.swap_modules(g.series_index, target.series_index)
                else:
                    self.swap_groups(g.series_index, target.series_index)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def _nearest_slot(self, dragged: GroupItem) -> GroupItem | None:
        c = dragged.pos()
        best, best_d = None, float("inf")
        for g in self.groups:
            if g is dragged:
                continue
            d = math.hypot(g.centre.x() - c.x(), g.centre.y() - c.y())
            if d < best_d:
                best, best_d = g, d
        own = math.hypot(dragged.centre.x() - c.x(), dragged.centre.y() - c.y())
        reach = max(dragged.boundingRect().width(), dragged.boundingRect().height()) * 0.6
        if best is None or own < best_d or best_d > reach:
            return None
        return best

    def _select(self, s: int, p: int) -> None:
        self._selected = (s, p)
        self.cell_clicked.emit(s, p)

    def _update_hover(self, pos) -> None:
        g = self.group_at(pos)
        p = -1
        if g is not None:
            p = g.cell_at(g.mapFromScene(self.mapToScene(pos)))
        new = (g, p) if g is not None and p >= 0 else None
        if new != self._hover:
            if self._hover is not None:
                self._hover[0].highlight_cell = -1
                self._hover[0].update()
            self._hover = new
            if new is not None:
                new[0].highlight_cell = new[1]
                new[0].update()
                self.hovered.emit(self.describe_cell(new[0].series_index, new[1]))
            else:
                self.hovered.emit("")

    def describe_cell(self, s: int, p: int) -> str:
        lay = self.layout
        slot = int(lay.slot_of_series[s])
        # groups and slots count from 1 as drawn; the cell id is the 0-based one of the files
        text = self.tr("Group {0} in series order, slot {1} · cell s{2} p{3} (as in the CSV "
                       "columns) · x {4:.1f} mm, y {5:.1f} mm").format(
            s + 1, slot + 1, s, p, lay.x[s, p] * 1e3, lay.y[s, p] * 1e3)
        if self.info_provider is not None:
            extra = self.info_provider(s, p)
            if extra:
                text += " · " + extra
        return text
