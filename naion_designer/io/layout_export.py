"""The layout for the mechanical engineer's CAD: DXF (ezdxf) and SVG, top view, to scale in mm.

Both carry the same layers: `ENVELOPE` (the envelope outline), `CELLS` (every cell's outline:
circles for cylindrical cells, rectangles for prismatic and pouch cells), `GROUP_NUMBERS`
(each parallel group's series position, 1 at the negative pack terminal, at the group's centre),
`BUSBARS` (every busbar strip as a line between the cell centres it joins, see
`core.layout.busbars`), `SERIES_PATH` (the series current path, group centre to group centre in
series order) and `TERMINALS` (a circle with + or − on the cells of the pack terminals).
Coordinates are millimetres with the origin at the envelope's lower left corner and y pointing
along the pack's width (up in the DXF; the SVG flips it so that it looks the same).
"""

from __future__ import annotations

import io
from pathlib import Path

from ..core.layout import compute_layout
from ..core.layout.busbars import busbar_geometry
from ..core.pack import PackDesign
from ..core.units import InputError
from .atomic import atomic_write_text

LAYERS = {  # name -> AutoCAD colour index, SVG colour
    "ENVELOPE": (8, "#5b6270"),
    "CELLS": (7, "#1f2a37"),
    "GROUP_NUMBERS": (5, "#1f4e9c"),
    "BUSBARS": (30, "#b87333"),
    "SERIES_PATH": (1, "#c0392b"),
    "TERMINALS": (1, "#c62828"),
}
FORMATS = (".dxf", ".svg")


def layout_geometry(design: PackDesign) -> dict:
    """Everything both formats draw, in mm."""
    lay = compute_layout(design)
    S, P = design.series, design.parallel
    x, y = lay.x * 1e3, lay.y * 1e3
    geo = busbar_geometry(lay, design.topology)
    strips = []
    for s, a, b in zip(geo.intra_s, geo.intra_a, geo.intra_b, strict=True):
        strips.append((x[s, a], y[s, a], x[s, b], y[s, b]))
    for s, a, b in zip(geo.inter_s, geo.inter_a, geo.inter_b, strict=True):
        strips.append((x[s, a], y[s, a], x[s + 1, b], y[s + 1, b]))
    centres = lay.group_centres() * 1e3
    p_pos = P - 1 if design.interconnect.terminal_side == "opposite" else 0
    return {
        "length": lay.length * 1e3, "width": lay.width * 1e3, "x": x, "y": y,
        "dx": lay.cell_dx * 1e3, "dy": lay.cell_dy * 1e3, "round": lay.round_cells,
        "centres": centres, "strips": strips,
        "terminals": [("−", float(x[0, 0]), float(y[0, 0])),
                      ("+", float(x[S - 1, p_pos]), float(y[S - 1, p_pos]))],
    }


def export_layout(design: PackDesign, path: str | Path) -> Path:
    """Write the layout as DXF or SVG, chosen by the file's suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InputError("-o", f"the output must be a .dxf or .svg file, got '{path.name}'")
    text = layout_dxf(design) if suffix == ".dxf" else layout_svg(design)
    atomic_write_text(path, text, f"{suffix[1:].upper()} file")
    return path


def layout_dxf(design: PackDesign) -> str:
    import ezdxf
    from ezdxf import units
    from ezdxf.enums import TextEntityAlignment

    g = layout_geometry(design)
    doc = ezdxf.new("R2010", setup=True)
    doc.units = units.MM
    doc.header["$MEASUREMENT"] = 1  # metric
    for name, (colour, _) in LAYERS.items():
        doc.layers.add(name, color=colour)
    msp = doc.modelspace()
    L, W = g["length"], g["width"]
    msp.add_lwpolyline([(0, 0), (L, 0), (L, W), (0, W)], close=True,
                       dxfattribs={"layer": "ENVELOPE"})
    dx, dy = g["dx"], g["dy"]
    for cx, cy in zip(g["x"].ravel(), g["y"].ravel(), strict=True):
        if g["round"]:
            msp.add_circle((float(cx), float(cy)), dx / 2, dxfattribs={"layer": "CELLS"})
        else:
            x0, y0, x1, y1 = cx - dx / 2, cy - dy / 2, cx + dx / 2, cy + dy / 2
            msp.add_lwpolyline([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], close=True,
                               dxfattribs={"layer": "CELLS"})
    for x0, y0, x1, y1 in g["strips"]:
        msp.add_line((float(x0), float(y0)), (float(x1), float(y1)),
                     dxfattribs={"layer": "BUSBARS"})
    c = g["centres"]
    if len(c) > 1:
        msp.add_lwpolyline([(float(a), float(b)) for a, b in c],
                           dxfattribs={"layer": "SERIES_PATH"})
    h = 0.35 * min(dx, dy)
    for s, (cx, cy) in enumerate(c):
        t = msp.add_text(str(s + 1), height=h, dxfattribs={"layer": "GROUP_NUMBERS"})
        t.set_placement((float(cx), float(cy)), align=TextEntityAlignment.MIDDLE_CENTER)
    for sign, tx, ty in g["terminals"]:
        msp.add_circle((tx, ty), 0.3 * min(dx, dy), dxfattribs={"layer": "TERMINALS"})
        t = msp.add_text("+" if sign == "+" else "-", height=h,
                         dxfattribs={"layer": "TERMINALS"})
        t.set_placement((tx, ty), align=TextEntityAlignment.MIDDLE_CENTER)
    out = io.StringIO()
    doc.write(out)
    return out.getvalue()


def layout_svg(design: PackDesign) -> str:
    g = layout_geometry(design)
    L, W = g["length"], g["width"]
    dx, dy = g["dx"], g["dy"]

    def Y(v):  # SVG y grows downward
        return W - v

    def f(v) -> str:
        return f"{float(v):.3f}".rstrip("0").rstrip(".")
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{f(L)}mm" height="{f(W)}mm" '
             f'viewBox="0 0 {f(L)} {f(W)}">',
             f"<title>{_esc(design.name)}: top view, mm</title>"]

    def layer(name, body, extra=""):
        colour = LAYERS[name][1]
        stroke = "" if " stroke=" in f" {extra}" else f' stroke="{colour}"'
        parts.append(f'<g id="{name}"{stroke} {extra}>')
        parts.extend(body)
        parts.append("</g>")
    layer("ENVELOPE", [f'<rect x="0" y="0" width="{f(L)}" height="{f(W)}"/>'],
          'fill="none" stroke-width="0.5"')
    cells = []
    for cx, cy in zip(g["x"].ravel(), g["y"].ravel(), strict=True):
        if g["round"]:
            cells.append(f'<circle cx="{f(cx)}" cy="{f(Y(cy))}" r="{f(dx / 2)}"/>')
        else:
            cells.append(f'<rect x="{f(cx - dx / 2)}" y="{f(Y(cy) - dy / 2)}" width="{f(dx)}" '
                         f'height="{f(dy)}"/>')
    layer("CELLS", cells, 'fill="none" stroke-width="0.3"')
    layer("BUSBARS", [f'<line x1="{f(a)}" y1="{f(Y(b))}" x2="{f(c)}" y2="{f(Y(d))}"/>'
                      for a, b, c, d in g["strips"]], 'stroke-width="1" stroke-opacity="0.7"')
    c = g["centres"]
    if len(c) > 1:
        pts = " ".join(f"{f(a)},{f(Y(b))}" for a, b in c)
        layer("SERIES_PATH", [f'<polyline points="{pts}"/>'], 'fill="none" stroke-width="0.6"')
    h = 0.35 * min(dx, dy)
    layer("GROUP_NUMBERS", [f'<text x="{f(a)}" y="{f(Y(b))}">{s + 1}</text>'
                            for s, (a, b) in enumerate(c)],
          f'stroke="none" fill="{LAYERS["GROUP_NUMBERS"][1]}" font-size="{f(h)}" '
          'font-family="sans-serif" text-anchor="middle" dominant-baseline="central"')
    terms = []
    for sign, tx, ty in g["terminals"]:
        terms.append(f'<circle cx="{f(tx)}" cy="{f(Y(ty))}" r="{f(0.3 * min(dx, dy))}" '
                     'fill="none"/>')
        terms.append(f'<text x="{f(tx)}" y="{f(Y(ty))}" stroke="none" '
                     f'fill="{LAYERS["TERMINALS"][1]}" font-size="{f(h)}" text-anchor="middle" '
                     f'dominant-baseline="central">{sign}</text>')
    layer("TERMINALS", terms, 'stroke-width="0.5"')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


