"""The items of the layout editor's scene: few and light so that 4,000 cells redraw in
milliseconds.  One `GroupItem` per parallel group paints its cells from one cached QPainterPath
(or per-cell colours in colour-map mode), one `WiringItem` paints all busbar strips and the
series path (in series order; dashed where it jumps), `GroupLabels` the series numbers and
`Label` screen-sized text.  Scene units are millimetres with y pointing up as in `core.layout`.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

VIRIDIS = np.array([[68, 1, 84], [65, 68, 135], [42, 120, 142], [34, 168, 132],
                    [122, 209, 81], [253, 231, 37]], float)
COPPER = QColor(184, 115, 51, 170)
PATH_COLOUR = QColor(40, 40, 48)
JUMP_COLOUR = QColor(198, 40, 40)


def colormap(values: np.ndarray, vmin: float, vmax: float) -> np.ndarray:
    """N × 3 uint8 RGB of viridis for `values` scaled into [vmin, vmax], in 256 steps (as a
    256-entry colour table: cells of equal colour share one sprite)."""
    span = (vmax - vmin) or 1.0
    t = np.round(np.clip((np.asarray(values, float) - vmin) / span, 0.0, 1.0) * 255) / 255
    xs = np.linspace(0, 1, len(VIRIDIS))
    return np.stack([np.interp(t, xs, VIRIDIS[:, k]) for k in range(3)], axis=-1).astype(np.uint8)


def group_colour(s: int, n: int) -> QColor:
    """Series order as a blue → red hue ramp, neighbours alternating in lightness."""
    t = s / max(1, n - 1)
    c = QColor.fromHslF(0.60 * (1 - t), 0.55, 0.62 if s % 2 == 0 else 0.72)
    return c


SPRITE_MAX_PX = 24.0  # cells smaller than this on screen are stamped from one sprite
_SPRITES: dict[tuple, QPixmap] = {}


def cell_path(local_x: np.ndarray, local_y: np.ndarray, dx: float, dy: float,
              round_cells: bool) -> QPainterPath:
    """The outlines of a group's cells as one path (item coordinates, mm)."""
    path = QPainterPath()
    for x, y in zip(local_x.tolist(), local_y.tolist(), strict=True):
        r = QRectF(x - dx / 2, y - dy / 2, dx, dy)
        if round_cells:
            path.addEllipse(r)
        else:
            path.addRoundedRect(r, min(dx, dy) * 0.08, min(dx, dy) * 0.08)
    return path


def _sprite(rgba: int, w4: int, h4: int, round_cells: bool, outline: bool,
            antialias: bool) -> QPixmap:
    """One cell as it is drawn at w4 / 4 × h4 / 4 device pixels: fill, hairline outline."""
    key = (rgba, w4, h4, round_cells, outline, antialias)
    pm = _SPRITES.get(key)
    if pm is not None:
        return pm
    if len(_SPRITES) > 4096:
        _SPRITES.clear()
    w, h = w4 / 4.0, h4 / 4.0
    # odd sizes: the cell centred on a pixel centre, nearest to how the path rasterises
    pm = QPixmap(2 * math.ceil(w / 2) + 3, 2 * math.ceil(h / 2) + 3)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, antialias)
    p.setPen(QPen(QColor(30, 30, 36), 0) if outline else Qt.PenStyle.NoPen)
    p.setBrush(QBrush(QColor.fromRgba(rgba)))
    r = QRectF((pm.width() - w) / 2, (pm.height() - h) / 2, w, h)
    if round_cells:
        p.drawEllipse(r)
    else:
        rad = min(w, h) * 0.08
        p.drawRoundedRect(r, rad, rad)
    p.end()
    _SPRITES[key] = pm
    return pm


class GroupItem(QGraphicsItem):
    """One parallel group: P cells painted from one path, or, when they are a few pixels on
    screen, stamped from a cached sprite of one cell (the same look at a fraction of the
    cost of rasterising thousands of ellipses after every edit)."""

    def __init__(self, series_index: int, cx: np.ndarray, cy: np.ndarray, dx: float, dy: float,
                 round_cells: bool, colour: QColor, count: int,
                 path_cache: dict | None = None, path: QPainterPath | None = None):
        super().__init__()
        self.series_index = series_index
        self.cell_colours: list[QColor] | None = None
        self.highlight_cell = -1
        self.drop_target = False
        self.label = str(series_index + 1)
        self.setAcceptHoverEvents(False)
        self.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        self.set_cells(cx, cy, dx, dy, round_cells, colour, count, path_cache, path)

    def set_cells(self, cx: np.ndarray, cy: np.ndarray, dx: float, dy: float,
                  round_cells: bool, colour: QColor, count: int,
                  path_cache: dict | None = None, path: QPainterPath | None = None,
                  centre: tuple[float, float] | None = None,
                  local: tuple[np.ndarray, np.ndarray] | None = None) -> None:
        """Place the group's cells (centres in mm); `path`, `centre` and the `local` offsets
        when the caller has them (groups of one layout mostly share their shape)."""
        self.prepareGeometryChange()
        if centre is None:
            centre = (float(cx.mean()), float(cy.mean()))
        self.centre = QPointF(*centre)
        self.setPos(self.centre)
        if local is None:
            local = (cx - centre[0], cy - centre[1])
        self.local_x, self.local_y = local
        self.dx, self.dy, self.round_cells = dx, dy, round_cells
        self.colour = colour
        self.count = count
        if path is None:
            key = (np.round(self.local_x, 4).tobytes(), np.round(self.local_y, 4).tobytes())
            path = path_cache.get(key) if path_cache is not None else None
            if path is None:
                path = cell_path(self.local_x, self.local_y, dx, dy, round_cells)
                if path_cache is not None:
                    path_cache[key] = path
        self.path = path
        self._bounds = path.boundingRect().adjusted(-1, -1, 1, 1)
        self.update()

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
        t = painter.worldTransform()
        lod = option.levelOfDetailFromTransform(t)
        size = lod * min(self.dx, self.dy)
        if (not self.drop_target and t.m12() == 0 and t.m21() == 0
                and abs(t.m11()) * self.dx < SPRITE_MAX_PX
                and abs(t.m22()) * self.dy < SPRITE_MAX_PX):
            self._stamp(painter, t, outline=size > 3, antialias=size >= 10)
        else:
            self._draw(painter, lod, size)
        if self.highlight_cell >= 0:
            pen = QPen(QColor("#ff7f0e"), 2.5)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            r = self.cell_rect(self.highlight_cell)
            painter.drawEllipse(r) if self.round_cells else painter.drawRect(r)

    def _stamp(self, painter: QPainter, t, outline: bool, antialias: bool) -> None:
        # in device pixels (a high-DPI screen has dpr device pixels per logical one)
        dpr = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        w4 = max(1, round(abs(t.m11()) * self.dx * dpr * 4))
        h4 = max(1, round(abs(t.m22()) * self.dy * dpr * 4))
        px = np.floor((t.m11() * self.local_x + t.m31()) * dpr).astype(int)
        py = np.floor((t.m22() * self.local_y + t.m32()) * dpr).astype(int)
        colours = self.cell_colours or [self.colour] * len(px)
        painter.save()
        painter.resetTransform()
        if dpr != 1.0:
            painter.scale(1 / dpr, 1 / dpr)
        draw = painter.drawPixmap  # the sprite's middle pixel on the pixel of the centre
        pm = _sprite(colours[0].rgba(), w4, h4, self.round_cells, outline, antialias)
        xs = (px - pm.width() // 2).tolist()
        ys = (py - pm.height() // 2).tolist()
        if self.cell_colours is None:
            for x, y in zip(xs, ys, strict=True):
                draw(x, y, pm)
        else:
            for x, y, c in zip(xs, ys, colours, strict=True):
                draw(x, y, _sprite(c.rgba(), w4, h4, self.round_cells, outline, antialias))
        painter.restore()

    def _draw(self, painter: QPainter, lod: float, size: float) -> None:
        outline = QPen(QColor(30, 30, 36), 0)  # cosmetic hairline
        if self.drop_target:
            outline = QPen(QColor("#ff7f0e"), 3)
            outline.setCosmetic(True)
        painter.setPen(outline if size > 3 else Qt.PenStyle.NoPen)
        if self.cell_colours is None:
            painter.setBrush(QBrush(self.colour))
            # cells a few pixels wide: antialiasing costs most of the paint and shows little
            small = size < 10
            if small:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.drawPath(self.path)
            if small:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        else:
            draw = painter.drawEllipse if self.round_cells else painter.drawRect
            for i, colour in enumerate(self.cell_colours):
                painter.setBrush(QBrush(colour))
                draw(self.cell_rect(i))


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


def polylines_path(strips: list) -> QPainterPath:
    """One path of polylines, given as arrays of equal-length flat polylines (one polyline
    x0, y0, x1, y1, ... per row), built from the arrays in one go."""
    strips = [np.asarray(a, float) for a in strips if np.size(a)]
    if not strips:
        return QPainterPath()
    from pyqtgraph import arrayToQPath

    pts = np.concatenate([a.reshape(-1, 2) for a in strips])
    connect = np.concatenate([np.tile(np.r_[np.ones(a.shape[1] // 2 - 1, bool), False],
                                      a.shape[0]) for a in strips])  # point i joins i + 1
    return arrayToQPath(pts[:, 0], pts[:, 1], connect=connect, finiteCheck=False)


class WiringItem(QGraphicsItem):
    """The busbar sheets (polylines along the rows and columns of every block, links between
    consecutive groups) and the series path through the group centres in series order, a jump
    drawn apart."""

    def __init__(self, strips: list, centres: np.ndarray, adjacent: np.ndarray,
                 cell_size: float, show_busbars: bool = True, show_path: bool = True):
        super().__init__()
        self.setZValue(2)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.width = cell_size * 0.16
        bus = polylines_path(strips)  # arrays of flat polylines x0, y0, x1, y1, ...
        series = QPainterPath()
        jumps = QPainterPath()
        for s in range(len(centres) - 1):
            path = series if adjacent[s] else jumps
            path.moveTo(*centres[s])
            path.lineTo(*centres[s + 1])
        self.bus, self.series, self.jumps = bus, series, jumps
        self.centres = centres
        self.adjacent = adjacent
        self.show_busbars, self.show_path = show_busbars, show_path
        self._bounds = (bus.boundingRect() | series.boundingRect() | jumps.boundingRect()
                        ).adjusted(-cell_size, -cell_size, cell_size, cell_size)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if self.show_busbars:
            if lod * self.width < 2.5:  # a few pixels: a hairline looks the same, drawn faster
                pen = QPen(COPPER, max(1.0, lod * self.width), Qt.PenStyle.SolidLine,
                           Qt.PenCapStyle.FlatCap)
                pen.setCosmetic(True)
            else:
                pen = QPen(COPPER, self.width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                           Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            painter.drawPath(self.bus)
        if self.show_path:
            pen = QPen(PATH_COLOUR, 1.4, Qt.PenStyle.SolidLine)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawPath(self.series)
            jump = QPen(JUMP_COLOUR, 1.8, Qt.PenStyle.DashLine)
            jump.setCosmetic(True)
            painter.setPen(jump)
            painter.drawPath(self.jumps)
            if lod * self.width > 1.5 and len(self.centres) < 600:
                painter.setPen(Qt.PenStyle.NoPen)
                a = self.width * 0.85
                for s in range(len(self.centres) - 1):
                    painter.setBrush(QBrush(QColor(40, 40, 48, 200) if self.adjacent[s]
                                            else JUMP_COLOUR))
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
