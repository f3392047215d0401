"""The layout editor: the pack seen from above, every cell to scale.

Items are few and light so that 4,000 cells redraw in milliseconds: one `GroupItem` per parallel
group paints its cells from one cached QPainterPath (or per-cell colours in colour-map mode), one
`WiringItem` paints all busbars and the series path, plus the envelope, module outlines and the
two terminals.  Scene units are millimetres with y pointing up as in `core.layout`.

Dragging a group onto another slot swaps the series positions of the two slots
(`layout.group_order`): one undo step.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsView,
    QStyleOptionGraphicsItem,
)

from ..core.layout import compute_layout

VIRIDIS = np.array([[68, 1, 84], [65, 68, 135], [42, 120, 142], [34, 168, 132],
                    [122, 209, 81], [253, 231, 37]], float)
COPPER = QColor(184, 115, 51, 170)
PATH_COLOUR = QColor(40, 40, 48)


def colormap(values: np.ndarray, vmin: float, vmax: float) -> np.ndarray:
    """N × 3 uint8 RGB of viridis for `values` scaled into [vmin, vmax]."""
    span = (vmax - vmin) or 1.0
    t = np.clip((np.asarray(values, float) - vmin) / span, 0.0, 1.0)
    xs = np.linspace(0, 1, len(VIRIDIS))
    return np.stack([np.interp(t, xs, VIRIDIS[:, k]) for k in range(3)], axis=-1).astype(np.uint8)


def group_colour(s: int, n: int) -> QColor:
    """Series order as a blue → red hue ramp, neighbours alternating in lightness."""
    t = s / max(1, n - 1)
    c = QColor.fromHslF(0.60 * (1 - t), 0.55, 0.62 if s % 2 == 0 else 0.72)
    return c


class GroupItem(QGraphicsItem):
    """One parallel group: P cells painted from one path."""

    def __init__(self, series_index: int, cx: np.ndarray, cy: np.ndarray, dx: float, dy: float,
                 round_cells: bool, colour: QColor, count: int,
                 path_cache: dict | None = None):
        super().__init__()
        self.series_index = series_index
        self.centre = QPointF(float(cx.mean()), float(cy.mean()))
        self.setPos(self.centre)
        self.local_x = cx - self.centre.x()
        self.local_y = cy - self.centre.y()
        self.dx, self.dy, self.round_cells = dx, dy, round_cells
        self.colour = colour
        self.cell_colours: list[QColor] | None = None
        self.highlight_cell = -1
        self.drop_target = False
        self.label = str(series_index + 1)
        self.count = count
        # groups of one layout mostly share their shape: build each distinct path once
        key = (np.round(self.local_x, 4).tobytes(), np.round(self.local_y, 4).tobytes())
        path = path_cache.get(key) if path_cache is not None else None
        if path is None:
            path = QPainterPath()
            for x, y in zip(self.local_x, self.local_y, strict=True):
                r = QRectF(x - dx / 2, y - dy / 2, dx, dy)
                if round_cells:
                    path.addEllipse(r)
                else:
                    path.addRoundedRect(r, min(dx, dy) * 0.08, min(dx, dy) * 0.08)
            if path_cache is not None:
                path_cache[key] = path
        self.path = path
        self._bounds = path.boundingRect().adjusted(-1, -1, 1, 1)
        self.setAcceptHoverEvents(False)
        self.setCacheMode(QGraphicsItem.CacheMode.NoCache)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return self.path

    def cell_at(self, local: QPointF) -> int:
        d = np.hypot(self.local_x - local.x(), self.local_y - local.y())
        i = int(np.argmin(d))
        return i if d[i] <= max(self.dx, self.dy) * 0.75 else -1

    def cell_rect(self, i: int) -> QRectF:
        return QRectF(self.local_x[i] - self.dx / 2, self.local_y[i] - self.dy / 2, self.dx,
                      self.dy)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        outline = QPen(QColor(30, 30, 36), 0)  # cosmetic hairline
        if self.drop_target:
            outline = QPen(QColor("#ff7f0e"), 3)
            outline.setCosmetic(True)
        painter.setPen(outline if lod * min(self.dx, self.dy) > 3 else Qt.PenStyle.NoPen)
        if self.cell_colours is None:
            painter.setBrush(QBrush(self.colour))
            painter.drawPath(self.path)
        else:
            draw = painter.drawEllipse if self.round_cells else painter.drawRect
            for i, colour in enumerate(self.cell_colours):
                painter.setBrush(QBrush(colour))
                draw(self.cell_rect(i))
        if self.highlight_cell >= 0:
            pen = QPen(QColor("#ff7f0e"), 2.5)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            r = self.cell_rect(self.highlight_cell)
            painter.drawEllipse(r) if self.round_cells else painter.drawRect(r)


class GroupLabels(QGraphicsItem):
    """The series number of every group in a white badge above the wiring (one item)."""

    def __init__(self, groups: list[GroupItem]):
        super().__init__()
        self.setZValue(3)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.groups = groups
        g0 = groups[0]
        self.radius = min(g0.dx, g0.dy) * 0.3
        r = QRectF()
        for g in groups:
            r |= g.mapRectToScene(g.boundingRect())
        self._bounds = r

    def badge_centre(self, g: GroupItem) -> QPointF:
        i = len(g.local_x) // 2  # the middle cell of the group
        return g.pos() + QPointF(float(g.local_x[i]), float(g.local_y[i]))

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option, widget=None) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        rad = self.radius
        if lod * rad < 6:  # not legible: leave the cells clean
            return
        font = QFont()
        font.setPixelSize(max(1, round(rad * 1.05)))
        font.setBold(True)
        painter.setFont(font)
        for g in self.groups:
            c = self.badge_centre(g)
            painter.setPen(QPen(QColor(30, 30, 36), 0))
            painter.setBrush(QBrush(QColor(255, 255, 255, 235)))
            painter.drawEllipse(c, rad, rad)
            painter.save()
            painter.translate(c)
            painter.scale(1, -1)  # upright text in the y-up scene
            painter.setPen(QPen(QColor(20, 20, 28)))
            painter.drawText(QRectF(-rad * 1.5, -rad, rad * 3, rad * 2),
                             Qt.AlignmentFlag.AlignCenter, g.label)
            painter.restore()


class WiringItem(QGraphicsItem):
    """Parallel busbars along each group, series links between groups, and the series path."""

    def __init__(self, xs: np.ndarray, ys: np.ndarray, centres: np.ndarray, cell_size: float,
                 show_busbars: bool = True, show_path: bool = True):
        super().__init__()
        self.setZValue(2)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.width = cell_size * 0.16
        bus = QPainterPath()
        for s in range(xs.shape[0]):
            if xs.shape[1] > 1:
                bus.moveTo(xs[s, 0], ys[s, 0])
                for p in range(1, xs.shape[1]):
                    bus.lineTo(xs[s, p], ys[s, p])
        links = QPainterPath()
        for s in range(len(centres) - 1):
            links.moveTo(*centres[s])
            links.lineTo(*centres[s + 1])
        self.bus, self.links = bus, links
        series = QPainterPath()
        if len(centres):
            series.moveTo(*centres[0])
            for c in centres[1:]:
                series.lineTo(*c)
        self.series = series
        self.centres = centres
        self.show_busbars, self.show_path = show_busbars, show_path
        stroker = QPainterPathStroker()
        stroker.setWidth(self.width * 2)
        self._bounds = (bus.boundingRect() | links.boundingRect()).adjusted(
            -cell_size, -cell_size, cell_size, cell_size)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if self.show_busbars:
            pen = QPen(COPPER, self.width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                       Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            painter.drawPath(self.bus)
            pen.setWidthF(self.width * 1.4)
            painter.setPen(pen)
            painter.drawPath(self.links)
        if self.show_path:
            pen = QPen(PATH_COLOUR, 1.4, Qt.PenStyle.DashLine)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawPath(self.series)
            lod = option.levelOfDetailFromTransform(painter.worldTransform())
            if lod * self.width > 1.5 and len(self.centres) < 600:
                painter.setBrush(QBrush(QColor(40, 40, 48, 200)))
                painter.setPen(Qt.PenStyle.NoPen)
                a = self.width * 0.85
                for s in range(len(self.centres) - 1):
                    (x0, y0), (x1, y1) = self.centres[s], self.centres[s + 1]
                    ang = math.atan2(y1 - y0, x1 - x0)
                    mx, my = (x0 + x1) / 2, (y0 + y1) / 2
                    pts = [QPointF(mx + a * math.cos(ang), my + a * math.sin(ang)),
                           QPointF(mx + a * math.cos(ang + 2.5), my + a * math.sin(ang + 2.5)),
                           QPointF(mx + a * math.cos(ang - 2.5), my + a * math.sin(ang - 2.5))]
                    painter.drawPolygon(QPolygonF(pts))


class Label(QGraphicsItem):
    """Screen-sized text (dimensions, terminals): unaffected by zoom and the y flip."""

    def __init__(self, text: str, pos: QPointF, colour: QColor | None = None, bold=False,
                 align="centre", size=11, rotation: float = 0.0):
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.text = text
        self.font = QFont()
        self.font.setPixelSize(size)
        self.font.setBold(bold)
        self.colour = colour if colour is not None else QColor(40, 40, 48)
        self.setPos(pos)
        fm = QFontMetricsF(self.font)
        w, h = fm.horizontalAdvance(text) + 2, fm.height()
        x = {"centre": -w / 2, "right": -w}.get(align, 0.0)
        self._rect = QRectF(x, -h / 2, w, h)
        self.setRotation(rotation)
        self.setZValue(5)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setFont(self.font)
        painter.setPen(QPen(self.colour))
        painter.drawText(self._rect, Qt.AlignmentFlag.AlignCenter, self.text)


class LayoutView(QGraphicsView):
    hovered = Signal(str)  # a status-bar line about the cell under the mouse
    cell_clicked = Signal(int, int)  # series, parallel
    zoom_changed = Signal(float)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
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
        scene.clear()
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
        paths: dict = {}
        for s in range(S):
            item = GroupItem(s, x[s], y[s], dx, dy, lay.round_cells, group_colour(s, S), P, paths)
            item.setZValue(1)
            scene.addItem(item)
            self.groups.append(item)
        centres = np.stack([x.mean(axis=1), y.mean(axis=1)], axis=1)
        self.wiring = WiringItem(x, y, centres, min(dx, dy), self.show_busbars, self.show_path)
        scene.addItem(self.wiring)
        self.labels = GroupLabels(self.groups)
        scene.addItem(self.labels)
        self._terminals(design, x, y, dx, dy, W)
        self._dimensions(L, W, lay.height * 1e3,
                         self._terminal_lead(dx, dy, W) + 0.5 * min(dx, dy))
        pad = max(L, W) * 0.12 + 30
        scene.setSceneRect(QRectF(-pad, -pad, L + 2 * pad, W + 2 * pad))
        if self._colour_values is not None and self._colour_values[0].shape == (S, P):
            self.set_colour_values(*self._colour_values)
        else:
            self._colour_values = None
        if self._selected and (self._selected[0] >= S or self._selected[1] >= P):
            self._selected = None
        if old is None or (old.series, old.parallel, old.cell.id) != (S, P, design.cell.id) \
                or not self._fitted or getattr(self, "_auto_fit", True):
            self.fit()

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
            self.scene().addItem(Label(f"Module {m + 1}",
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
        rgb = colormap(values, vmin, vmax)
        for g in self.groups:
            g.cell_colours = [QColor(int(r), int(gg), int(b)) for r, gg, b in rgb[g.series_index]]
            g.update()

    # --- view operations -------------------------------------------------------------------
    def fit(self) -> None:
        # the geometry, not itemsBoundingRect: screen-sized labels have no extent in mm
        r = getattr(self, "_fit_rect", None)
        if r is None or r.isEmpty():
            return
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
        if not self._fitted or getattr(self, "_auto_fit", True):
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

    def swap_groups(self, s_a: int, s_b: int) -> None:
        """Swap the slots of series groups a and b (one undo step)."""
        d = self.doc.design
        lay = self.layout
        order = list(d.layout.group_order or range(d.series))  # slot -> series
        slot_a, slot_b = int(lay.slot_of_series[s_a]), int(lay.slot_of_series[s_b])
        order[slot_a], order[slot_b] = order[slot_b], order[slot_a]
        new_order = () if order == list(range(d.series)) else tuple(order)
        self.doc.edit(f"Swap groups {s_a + 1} and {s_b + 1}",
                      layout=replace(d.layout, group_order=new_order))

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
        text = (f"Group {s + 1} (series position {s}, slot {slot + 1}), cell p{p} · "
                f"x {lay.x[s, p] * 1e3:.1f} mm, y {lay.y[s, p] * 1e3:.1f} mm")
        if self.info_provider is not None:
            extra = self.info_provider(s, p)
            if extra:
                text += " · " + extra
        return text
