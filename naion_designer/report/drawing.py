"""The vector layout drawing of a pack (top view, to scale) from `core.layout.compute_layout`.

Cells are circles or rectangles at their true positions; every parallel group has a colour and
its series position (1 at the negative pack terminal); a line follows the series current path in
series order (dashed where it jumps between groups that are not side by side);
the pack terminals are marked + and −; the envelope carries length and width dimensions.
"""

from __future__ import annotations

import math

from .fonts import SANS, SANS_BOLD

GROUP_FILLS = ("#cfe2f3", "#fce5cd", "#d9ead3", "#ead1dc", "#d9d2e9", "#fff2cc", "#d0e0e3",
               "#f4cccc")
GROUP_STROKES = ("#3d6e9e", "#b4732a", "#4f7d3a", "#8e4b68", "#5b4f8a", "#a88a1d", "#3f6f78",
                 "#a33b3b")
PATH_COLOR = "#c0392b"
MAX_CELLS_DRAWN = 4000


def _length_text(v_m: float, units: dict[str, str] | None) -> str:
    from ..core.results import Quantity, display

    num, unit = display("length", Quantity(v_m, "length"), units, digits=4)
    return f"{num} {unit}"


def _scale_text(points_per_m: float) -> str:
    """Paper scale of a drawing printed at 100 % ('1:5')."""
    paper_m_per_m = points_per_m * 0.0254 / 72.0
    if paper_m_per_m <= 0:
        return ""
    n = 1.0 / paper_m_per_m
    if n < 1:
        return f"{1 / n:.2g}:1"
    nice = min((1, 1.5, 2, 2.5, 3, 4, 5, 7.5, 10), key=lambda m: abs(
        math.log(m * 10 ** math.floor(math.log10(n))) - math.log(n)))
    return f"≈ 1:{nice * 10 ** math.floor(math.log10(n)):g}"


def series_path(lay) -> list[tuple[float, float, float, float, bool]]:
    """The series current path in series order: one (x0, y0, x1, y1, jump) per step from group
    s to group s+1 (centres, m); `jump` where the two groups are not side by side."""
    c = lay.group_centres()
    adjacent = lay.series_adjacent
    return [(float(c[s, 0]), float(c[s, 1]), float(c[s + 1, 0]), float(c[s + 1, 1]),
             not bool(adjacent[s])) for s in range(len(c) - 1)]


def layout_drawing(design, width: float, height: float, units: dict[str, str] | None = None,
                   compact: bool = False, info: dict | None = None):
    """Top view of the design's layout as a Drawing of at most width × height points.

    `info`, if given, receives "scale" (the paper scale at 100 %, e.g. "≈ 1:5")."""
    import numpy as np
    from reportlab.graphics.shapes import (
        Circle,
        Drawing,
        Group,
        Line,
        Path,
        Polygon,
        PolyLine,
        Rect,
        String,
    )
    from reportlab.lib import colors

    from ..core.layout import compute_layout

    lay = compute_layout(design)
    S, P = design.series, design.parallel
    L, W = lay.length, lay.width
    out = 11.0 if not compact else 8.0  # terminal marker distance from the wall
    rr = 5.5 if not compact else 4.2  # terminal marker radius
    dim_off = out + rr + (9.0 if not compact else 7.0)  # dimension lines beyond the markers
    pad_l = out + rr + 3
    pad_r = dim_off + 12
    pad_b = dim_off + 8
    pad_t = (out + rr + 3) if compact else max(out + rr + 3, 16.0)
    avail_w, avail_h = width - pad_l - pad_r, height - pad_b - pad_t
    k = min(avail_w / L, avail_h / W)  # points per metre
    dw, dh = L * k + pad_l + pad_r, W * k + pad_b + pad_t
    d = Drawing(dw, dh)
    ox, oy = pad_l, pad_b

    def X(v):
        return ox + v * k

    def Y(v):
        return oy + v * k

    dark = colors.HexColor("#2b3440")
    # envelope
    d.add(Rect(X(0), Y(0), L * k, W * k, fillColor=colors.HexColor("#f6f7f9"),
               strokeColor=dark, strokeWidth=0.9))
    x, y = np.asarray(lay.x), np.asarray(lay.y)
    cdx, cdy = lay.cell_dx * k, lay.cell_dy * k
    centres = lay.group_centres()
    if S * P <= MAX_CELLS_DRAWN:
        # one path per group colour (a few shapes instead of thousands: fast to render)
        sw = 0.5 if min(cdx, cdy) > 6 else 0.25
        kk = 0.5523 * cdx / 2
        for ci in range(min(S, len(GROUP_FILLS))):
            path = Path(fillColor=colors.HexColor(GROUP_FILLS[ci]),
                        strokeColor=colors.HexColor(GROUP_STROKES[ci]), strokeWidth=sw,
                        fillMode=0)
            for s in range(ci, S, len(GROUP_FILLS)):
                for p in range(P):
                    cx, cy = X(x[s, p]), Y(y[s, p])
                    if lay.round_cells:
                        r = cdx / 2
                        path.moveTo(cx + r, cy)
                        path.curveTo(cx + r, cy + kk, cx + kk, cy + r, cx, cy + r)
                        path.curveTo(cx - kk, cy + r, cx - r, cy + kk, cx - r, cy)
                        path.curveTo(cx - r, cy - kk, cx - kk, cy - r, cx, cy - r)
                        path.curveTo(cx + kk, cy - r, cx + r, cy - kk, cx + r, cy)
                    else:
                        path.moveTo(cx - cdx / 2, cy - cdy / 2)
                        path.lineTo(cx + cdx / 2, cy - cdy / 2)
                        path.lineTo(cx + cdx / 2, cy + cdy / 2)
                        path.lineTo(cx - cdx / 2, cy + cdy / 2)
                    path.closePath()
            d.add(path)
    else:  # very large packs: one box per parallel group
        for s in range(S):
            x0, x1 = X(x[s].min()) - cdx / 2, X(x[s].max()) + cdx / 2
            y0, y1 = Y(y[s].min()) - cdy / 2, Y(y[s].max()) + cdy / 2
            d.add(Rect(x0, y0, x1 - x0, y1 - y0,
                       fillColor=colors.HexColor(GROUP_FILLS[s % len(GROUP_FILLS)]),
                       strokeColor=colors.HexColor(GROUP_STROKES[s % len(GROUP_STROKES)]),
                       strokeWidth=0.3))
    # modules
    if design.layout.modules > 1:
        for m in sorted(set(int(v) for v in lay.module_of_series)):
            idx = np.nonzero(np.asarray(lay.module_of_series) == m)[0]
            x0 = X(x[idx].min()) - cdx / 2 - 2
            x1 = X(x[idx].max()) + cdx / 2 + 2
            y0 = Y(y[idx].min()) - cdy / 2 - 2
            y1 = Y(y[idx].max()) + cdy / 2 + 2
            d.add(Rect(x0, y0, x1 - x0, y1 - y0, fillColor=None, strokeColor=dark,
                       strokeWidth=0.5, strokeDashArray=(3, 2)))
    # series path through the group centres in series order, arrowheads showing the current
    # direction; a step between groups that are not side by side (a jump) is dashed
    gx = [X(c[0]) for c in centres]
    gy = [Y(c[1]) for c in centres]
    path_color = colors.HexColor(PATH_COLOR)
    lw = 0.9 if not compact else 0.6
    for x0, y0, x1, y1, jump in series_path(lay):
        ax, ay, bx, by = X(x0), Y(y0), X(x1), Y(y1)
        d.add(Line(ax, ay, bx, by, strokeColor=path_color, strokeWidth=lw,
                   strokeDashArray=(3, 2) if jump else None))
        seg = math.hypot(bx - ax, by - ay)
        if seg < 14:
            continue
        ux, uy = (bx - ax) / seg, (by - ay) / seg
        mx, my = ax + 0.72 * (bx - ax), ay + 0.72 * (by - ay)
        a = 3.2 if not compact else 2.4
        d.add(Polygon([mx + ux * a, my + uy * a, mx - ux * a - uy * a * 0.7,
                       my - uy * a + ux * a * 0.7, mx - ux * a + uy * a * 0.7,
                       my - uy * a - ux * a * 0.7],
                      fillColor=path_color, strokeColor=None))
    # terminals: leads from the terminal cell to outside the nearest envelope wall
    p_neg = 0
    p_pos = P - 1 if design.interconnect.terminal_side == "opposite" else 0
    terms = []
    for sign, s, p, col in (("−", 0, p_neg, "#1f2a37"), ("+", S - 1, p_pos, "#c0392b")):
        cx, cy = X(x[s, p]), Y(y[s, p])
        dists = {"left": cx - X(0), "right": X(L) - cx, "bottom": cy - Y(0), "top": Y(W) - cy}
        side = min(dists, key=dists.get)
        wx, wy = {"left": (X(0), cy), "right": (X(L), cy), "bottom": (cx, Y(0)),
                  "top": (cx, Y(W))}[side]
        tx, ty = {"left": (X(0) - out, cy), "right": (X(L) + out, cy),
                  "bottom": (cx, Y(0) - out), "top": (cx, Y(W) + out)}[side]
        terms.append([sign, col, cx, cy, wx, wy, tx, ty, side])
    a, b = terms
    gap = 2.8 * rr
    if a[8] == b[8] and math.hypot(a[6] - b[6], a[7] - b[7]) < gap:
        # both leave through the same wall close together: spread the markers along the wall
        along = 0 if a[8] in ("bottom", "top") else 1
        ca, cb = a[6 + along], b[6 + along]
        mid = (ca + cb) / 2
        lo, hi = (mid - gap / 2, mid + gap / 2)
        if ca <= cb:
            a[6 + along], b[6 + along] = lo, hi
        else:
            a[6 + along], b[6 + along] = hi, lo
        for t in (a, b):
            if t[8] in ("bottom", "top"):
                t[7] += -4 if t[8] == "bottom" else 4
            else:
                t[6] += -4 if t[8] == "left" else 4
    for sign, col, cx, cy, wx, wy, tx, ty, _side in terms:
        c = colors.HexColor(col)
        d.add(PolyLine([cx, cy, wx, wy, tx, ty], strokeColor=c, strokeWidth=1.4,
                       strokeLineJoin=1))
        d.add(Circle(tx, ty, rr, fillColor=c, strokeColor=colors.white, strokeWidth=0.6))
        d.add(String(tx, ty - rr * 0.62, sign, fontName=SANS_BOLD, fontSize=rr * 1.75,
                     textAnchor="middle", fillColor=colors.white))
    # group numbers in series order (1 = negative end)
    pitch = min((math.hypot(gx[i + 1] - gx[i], gy[i + 1] - gy[i]) for i in range(S - 1)),
                default=min(cdx, cdy) * 2)
    fs = max(3.5, min(8.0, pitch * 0.45))
    every = max(1, math.ceil(fs * 1.7 / max(pitch, 1e-9)))
    for s in range(S):
        if s % every and s != S - 1:
            continue
        label = str(s + 1)
        r = max(fs * 0.5 + 0.3 * len(label) * fs * 0.3, fs * 0.68)
        d.add(Circle(gx[s], gy[s], r, fillColor=colors.white, strokeColor=path_color,
                     strokeWidth=0.4))
        d.add(String(gx[s], gy[s] - fs * 0.35, label, fontName=SANS_BOLD, fontSize=fs,
                     textAnchor="middle", fillColor=dark))
    # dimensions
    ext = colors.HexColor("#55606e")
    fsd = 7.0 if not compact else 6.0
    yb = Y(0) - dim_off
    d.add(Line(X(0), Y(0) - 2, X(0), yb - 3, strokeColor=ext, strokeWidth=0.4))
    d.add(Line(X(L), Y(0) - 2, X(L), yb - 3, strokeColor=ext, strokeWidth=0.4))
    _dim_arrow(d, X(0), yb, X(L), yb, ext)
    txt = f"L = {_length_text(L, units)}"
    _label_box(d, (X(0) + X(L)) / 2, yb, txt, fsd, horizontal=True)
    xr = X(L) + dim_off
    d.add(Line(X(L) + 2, Y(0), xr + 3, Y(0), strokeColor=ext, strokeWidth=0.4))
    d.add(Line(X(L) + 2, Y(W), xr + 3, Y(W), strokeColor=ext, strokeWidth=0.4))
    _dim_arrow(d, xr, Y(0), xr, Y(W), ext)
    g = Group()
    _label_box(g, 0, 0, f"W = {_length_text(W, units)}", fsd, horizontal=True)
    g.transform = (0, 1, -1, 0, xr, (Y(0) + Y(W)) / 2)
    d.add(g)
    if info is not None:
        info["scale"] = _scale_text(k)
    return d


def _dim_arrow(d, x0, y0, x1, y1, color):
    from reportlab.graphics.shapes import Line, Polygon

    d.add(Line(x0, y0, x1, y1, strokeColor=color, strokeWidth=0.5))
    n = math.hypot(x1 - x0, y1 - y0) or 1.0
    ux, uy = (x1 - x0) / n, (y1 - y0) / n
    a, w = 4.0, 1.5
    for (px, py, sx) in ((x0, y0, 1), (x1, y1, -1)):
        d.add(Polygon([px, py, px + sx * (ux * a - uy * w), py + sx * (uy * a + ux * w),
                       px + sx * (ux * a + uy * w), py + sx * (uy * a - ux * w)],
                      fillColor=color, strokeColor=None))


def _label_box(d, x, y, text, size, horizontal=True):
    from reportlab.graphics.shapes import Rect, String
    from reportlab.lib import colors

    from .fonts import text_width

    w = text_width(text, size) + 6
    d.add(Rect(x - w / 2, y - size * 0.75, w, size * 1.5, fillColor=colors.white,
               strokeColor=None))
    d.add(String(x, y - size * 0.35, text, fontName=SANS, fontSize=size, textAnchor="middle",
                 fillColor=colors.HexColor("#2b3440")))
