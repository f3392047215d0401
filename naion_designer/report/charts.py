"""Vector line charts for the reports, drawn with reportlab graphics (no raster images).

A chart is a `reportlab.graphics.shapes.Drawing` with axes, 'nice' ticks, a light grid, one
polyline per series and a legend, sized in points so it can flow in a document.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from .fonts import SANS, SANS_BOLD, font_for

# A restrained, print-friendly palette (distinct in greyscale too through the dashes).
PALETTE = ("#0b5394", "#e69138", "#38761d", "#990000", "#674ea7", "#45818e", "#bf9000",
           "#a64d79")
DASHES = (None, (4, 2), (1.5, 1.5), (6, 2, 1.5, 2), None, (4, 2), (1.5, 1.5), (6, 2, 1.5, 2))


@dataclass
class Series:
    label: str
    x: Sequence[float]
    y: Sequence[float]
    color: str | None = None
    dash: tuple | None = None
    width: float = 1.3
    step: bool = False  # draw as a staircase (duty cycles: value holds until the next time)


@dataclass
class Chart:
    title: str
    xlabel: str
    ylabel: str
    series: list[Series] = field(default_factory=list)
    xmin: float | None = None
    xmax: float | None = None
    ymin: float | None = None
    ymax: float | None = None
    legend_title: str = ""
    note: str = ""


def nice_ticks(lo: float, hi: float, n: int = 6) -> list[float]:
    """About n round tick values covering [lo, hi]."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        lo, hi = 0.0, 1.0
    if hi <= lo:
        hi = lo + (abs(lo) * 0.1 or 1.0)
    raw = (hi - lo) / max(n - 1, 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    start = math.floor(lo / step + 1e-9) * step
    stop = math.ceil(hi / step - 1e-9) * step
    count = int(round((stop - start) / step)) + 1
    return [start + i * step for i in range(count)]


def _fmt_tick(v: float, step: float) -> str:
    if abs(v) < step * 1e-6:
        v = 0.0
    decimals = max(0, -int(math.floor(math.log10(step) + 1e-9))) if step < 1 else 0
    if step < 1 and abs(step * 10 ** decimals - round(step * 10 ** decimals)) > 1e-6:
        decimals += 1
    s = f"{v:,.{decimals}f}"
    return s.replace("-", "−")


def draw_chart(chart: Chart, width: float, height: float):
    """The chart as a Drawing of width × height points."""
    from reportlab.graphics.shapes import Drawing, Line, PolyLine, Rect, String
    from reportlab.lib import colors

    d = Drawing(width, height)
    title_h = 14 if chart.title else 0
    left, right, bottom, top = 44.0, 8.0, 30.0, 6.0 + title_h
    pw, ph = width - left - right, height - bottom - top
    xs = [float(v) for s in chart.series for v in s.x if math.isfinite(float(v))]
    ys = [float(v) for s in chart.series for v in s.y if math.isfinite(float(v))]
    x0 = chart.xmin if chart.xmin is not None else (min(xs) if xs else 0.0)
    x1 = chart.xmax if chart.xmax is not None else (max(xs) if xs else 1.0)
    y0 = chart.ymin if chart.ymin is not None else (min(ys) if ys else 0.0)
    y1 = chart.ymax if chart.ymax is not None else (max(ys) if ys else 1.0)
    xt = nice_ticks(x0, x1, 6)
    yt = nice_ticks(y0, y1, 6)
    if chart.xmin is None:
        x0 = xt[0]
    if chart.xmax is None:
        x1 = xt[-1]
    y0, y1 = yt[0], yt[-1]
    xt = [t for t in xt if x0 - 1e-9 <= t <= x1 + 1e-9]
    if x1 <= x0:
        x1 = x0 + 1.0
    if y1 <= y0:
        y1 = y0 + 1.0

    def X(v: float) -> float:
        return left + (v - x0) / (x1 - x0) * pw

    def Y(v: float) -> float:
        return bottom + (v - y0) / (y1 - y0) * ph

    grey = colors.HexColor("#d0d4da")
    axis = colors.HexColor("#4a4f57")
    if chart.title:
        from .fonts import text_width

        size = 8.5  # smaller for a long (bilingual) title, so it stays inside the chart
        while size > 6.0 and text_width(chart.title, size, True) > width - (left - 40) - 2:
            size -= 0.25
        d.add(String(left - 40, height - 10, chart.title, fontName=font_for(chart.title, True),
                     fontSize=size, fillColor=colors.HexColor("#1f2a37")))
    d.add(Rect(left, bottom, pw, ph, fillColor=colors.HexColor("#fbfcfd"), strokeColor=None))
    xstep = xt[1] - xt[0] if len(xt) > 1 else 1.0
    ystep = yt[1] - yt[0] if len(yt) > 1 else 1.0
    for t in xt:
        d.add(Line(X(t), bottom, X(t), bottom + ph, strokeColor=grey, strokeWidth=0.4))
        d.add(Line(X(t), bottom, X(t), bottom - 3, strokeColor=axis, strokeWidth=0.6))
        d.add(String(X(t), bottom - 11, _fmt_tick(t, xstep), fontName=SANS, fontSize=6.5,
                     textAnchor="middle", fillColor=axis))
    for t in yt:
        d.add(Line(left, Y(t), left + pw, Y(t), strokeColor=grey, strokeWidth=0.4))
        d.add(Line(left - 3, Y(t), left, Y(t), strokeColor=axis, strokeWidth=0.6))
        d.add(String(left - 5, Y(t) - 2.3, _fmt_tick(t, ystep), fontName=SANS, fontSize=6.5,
                     textAnchor="end", fillColor=axis))
    d.add(Rect(left, bottom, pw, ph, fillColor=None, strokeColor=axis, strokeWidth=0.7))
    d.add(String(left + pw / 2, 4, chart.xlabel, fontName=font_for(chart.xlabel), fontSize=7,
                 textAnchor="middle", fillColor=axis))
    ylab = String(0, 0, chart.ylabel, fontName=font_for(chart.ylabel), fontSize=7,
                  textAnchor="middle",
                  fillColor=axis)
    from reportlab.graphics.shapes import Group

    g = Group(ylab)
    g.transform = (0, 1, -1, 0, 9, bottom + ph / 2)
    d.add(g)

    def clip(v: float, lo: float, hi: float) -> float:
        return min(max(v, lo), hi)

    for i, s in enumerate(chart.series):
        color = colors.HexColor(s.color or PALETTE[i % len(PALETTE)])
        dash = s.dash if s.dash is not None or s.color else DASHES[i % len(DASHES)]
        xv = [float(v) for v in s.x]
        yv = [float(v) for v in s.y]
        data = [(a, b) for a, b in zip(xv, yv, strict=False)
                if math.isfinite(a) and math.isfinite(b)]
        if s.step:  # staircase: each value holds until the next time
            stair = []
            for k, (a, b) in enumerate(data):
                if k:
                    stair.append((a, data[k - 1][1]))
                stair.append((a, b))
            data = stair
        for run in _clip_runs(data, x0, x1, y0, y1):
            if len(run) >= 2:
                pts = [v for a, b in run for v in (X(a), Y(b))]
                d.add(PolyLine(pts, strokeColor=color, strokeWidth=s.width,
                               strokeDashArray=dash, strokeLineJoin=1, strokeLineCap=1))
    # legend, inside the plot at the top right
    labelled = [(i, s) for i, s in enumerate(chart.series) if s.label]
    if labelled:
        from .fonts import text_width

        lw = max(text_width(s.label, 6.5) for _, s in labelled) + 26
        if chart.legend_title:
            lw = max(lw, text_width(chart.legend_title, 6.5, True) + 10)
        rows = len(labelled) + (1 if chart.legend_title else 0)
        lh = rows * 9 + 5
        lx, ly = _legend_corner(chart, X, Y, left, bottom, pw, ph, lw, lh)
        d.add(Rect(lx, ly, lw, lh, fillColor=colors.Color(1, 1, 1, 0.92),
                   strokeColor=grey, strokeWidth=0.5))
        yy = ly + lh - 9
        if chart.legend_title:
            d.add(String(lx + 5, yy, chart.legend_title, fontName=font_for(chart.legend_title, True),
                         fontSize=6.5,
                         fillColor=axis))
            yy -= 9
        for i, s in labelled:
            color = colors.HexColor(s.color or PALETTE[i % len(PALETTE)])
            dash = s.dash if s.dash is not None or s.color else DASHES[i % len(DASHES)]
            d.add(Line(lx + 5, yy + 2.3, lx + 19, yy + 2.3, strokeColor=color,
                       strokeWidth=s.width, strokeDashArray=dash))
            d.add(String(lx + 23, yy, s.label, fontName=font_for(s.label), fontSize=6.5,
                         fillColor=axis))
            yy -= 9
    if chart.note:  # on the title line, right-aligned: never over the data
        d.add(String(width - right, height - 10, chart.note, fontName=font_for(chart.note),
                     fontSize=6, textAnchor="end", fillColor=axis))
    return d


def _clip_runs(points, x0, x1, y0, y1):
    """Split a polyline into the runs that lie inside the plot box, cutting segments at its
    edges (a curve leaving the top of the plot stops there instead of running along the frame)."""
    runs: list[list[tuple[float, float]]] = []
    cur: list[tuple[float, float]] = []

    def inside(p):
        return x0 - 1e-9 <= p[0] <= x1 + 1e-9 and y0 - 1e-9 <= p[1] <= y1 + 1e-9

    def cut(p, q):
        """The part of segment p-q inside the box (Liang-Barsky), or None."""
        t0, t1 = 0.0, 1.0
        dx, dy = q[0] - p[0], q[1] - p[1]
        for pk, qk in ((-dx, p[0] - x0), (dx, x1 - p[0]), (-dy, p[1] - y0), (dy, y1 - p[1])):
            if pk == 0:
                if qk < 0:
                    return None
                continue
            r = qk / pk
            if pk < 0:
                t0 = max(t0, r)
            else:
                t1 = min(t1, r)
            if t0 > t1:
                return None
        return ((p[0] + t0 * dx, p[1] + t0 * dy), (p[0] + t1 * dx, p[1] + t1 * dy))

    for k, p in enumerate(points):
        if k == 0:
            if inside(p):
                cur = [p]
            continue
        seg = cut(points[k - 1], p)
        if seg is None:
            if cur:
                runs.append(cur)
            cur = []
            continue
        a, b = seg
        if not cur:
            cur = [a]
        cur.append(b)
        if not inside(p):
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return runs


def _legend_corner(chart, X, Y, left, bottom, pw, ph, lw, lh) -> tuple[float, float]:
    """The corner of the plot where the legend hides the fewest data points (top right first
    on a tie)."""
    pts = []
    for s in chart.series:
        xv, yv = list(s.x), list(s.y)
        for k in range(len(xv)):
            try:
                a, b = float(xv[k]), float(yv[k])
            except (TypeError, ValueError):
                continue
            if math.isfinite(a) and math.isfinite(b):
                pts.append((X(a), Y(b)))
                if k + 1 < len(xv):  # midpoints, so sparse series still count
                    try:
                        a2, b2 = float(xv[k + 1]), float(yv[k + 1])
                    except (TypeError, ValueError):
                        continue
                    if math.isfinite(a2) and math.isfinite(b2):
                        pts.append(((X(a) + X(a2)) / 2, (Y(b) + Y(b2)) / 2))
    corners = [(left + pw - lw - 4, bottom + ph - lh - 4), (left + 4, bottom + ph - lh - 4),
               (left + 4, bottom + 4), (left + pw - lw - 4, bottom + 4)]

    def hidden(c):
        x0, y0 = c
        return sum(1 for px, py in pts if x0 - 3 <= px <= x0 + lw + 3 and
                   y0 - 3 <= py <= y0 + lh + 3)

    return min(corners, key=hidden)


def placeholder(text: str, width: float, height: float, title: str = ""):
    """A framed box with a message where a chart cannot be drawn (e.g. no OCV table)."""
    from reportlab.graphics.shapes import Drawing, Rect, String
    from reportlab.lib import colors

    d = Drawing(width, height)
    if title:
        d.add(String(4, height - 10, title, fontName=SANS_BOLD, fontSize=8.5,
                     fillColor=colors.HexColor("#1f2a37")))
    d.add(Rect(44, 30, width - 52, height - 50, fillColor=colors.HexColor("#fbfcfd"),
               strokeColor=colors.HexColor("#9aa3ad"), strokeWidth=0.6,
               strokeDashArray=(3, 2)))
    from .fonts import text_width

    lines: list[str] = []
    for word in text.split():
        if lines and text_width(lines[-1] + " " + word, 7) <= width - 70:
            lines[-1] += " " + word
        else:
            lines.append(word)
    cy = 30 + (height - 50) / 2 + (len(lines) - 1) * 4.5
    for i, line in enumerate(lines):
        d.add(String(44 + (width - 52) / 2, cy - i * 9, line, fontName=font_for(line),
                     fontSize=7, textAnchor="middle", fillColor=colors.HexColor("#4a4f57")))
    return d
