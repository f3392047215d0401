"""DXF and SVG export of the layout: read back with ezdxf, cells where the layout puts them."""

import xml.etree.ElementTree as ET

import ezdxf
import numpy as np
import pytest

from naion_designer.core.layout import compute_layout
from naion_designer.core.pack import Busbar, Interconnect, Layout, PackDesign
from naion_designer.core.units import InputError
from naion_designer.io.layout_export import export_layout
from naion_designer.io.library import library


def _design(cell="hina-nacr32140-me12", S=6, P=4, **lay):
    return PackDesign(cell=library().get(cell), series=S, parallel=P, name="Export test",
                      interconnect=Interconnect(busbar=Busbar("copper", 0.001, 0.01)),
                      layout=Layout(**lay))


def test_dxf_reads_back_with_cells_at_their_positions(tmp_path):
    d = _design(group_shape=(2, 2), groups_per_row=3, packing="hexagonal")
    lay = compute_layout(d)
    path = export_layout(d, tmp_path / "pack.dxf")
    doc = ezdxf.readfile(path)
    assert doc.units == ezdxf.units.MM
    msp = doc.modelspace()
    names = {layer.dxf.name for layer in doc.layers}
    assert {"CELLS", "GROUP_NUMBERS", "BUSBARS", "TERMINALS", "ENVELOPE"} <= names
    cells = msp.query("CIRCLE[layer=='CELLS']")
    assert len(cells) == d.cell_count
    got = np.array(sorted((round(c.dxf.center.x, 3), round(c.dxf.center.y, 3)) for c in cells))
    want = np.array(sorted((round(x * 1e3, 3), round(y * 1e3, 3))
                           for x, y in zip(lay.x.ravel(), lay.y.ravel(), strict=True)))
    assert got == pytest.approx(want, abs=1e-3)
    assert all(c.dxf.radius == pytest.approx(16.0) for c in cells)  # 32 mm cells, to scale
    env = msp.query("LWPOLYLINE[layer=='ENVELOPE']")[0]
    xs = [p[0] for p in env.get_points()]
    ys = [p[1] for p in env.get_points()]
    assert max(xs) == pytest.approx(lay.length * 1e3) and max(ys) == pytest.approx(lay.width * 1e3)
    numbers = [t.dxf.text for t in msp.query("TEXT[layer=='GROUP_NUMBERS']")]
    assert sorted(numbers, key=int) == [str(k) for k in range(1, 7)]
    assert len(msp.query("LINE[layer=='BUSBARS']")) > 0
    signs = {t.dxf.text for t in msp.query("TEXT[layer=='TERMINALS']")}
    assert signs == {"+", "-"}


def test_prismatic_cells_are_rectangles(tmp_path):
    d = _design("generic-nfpp-210ah", 4, 2, group_shape=(1, 2), groups_per_row=2)
    doc = ezdxf.readfile(export_layout(d, tmp_path / "prism.dxf"))
    rects = doc.modelspace().query("LWPOLYLINE[layer=='CELLS']")
    assert len(rects) == 8
    pts = np.array(rects[0].get_points())[:, :2]
    w, h = np.ptp(pts[:, 0]), np.ptp(pts[:, 1])
    assert (w, h) == (pytest.approx(72.0), pytest.approx(174.0))


def test_svg_is_to_scale_with_the_same_layers(tmp_path):
    d = _design(group_shape=(2, 2), groups_per_row=3)
    lay = compute_layout(d)
    root = ET.parse(export_layout(d, tmp_path / "pack.svg")).getroot()
    ns = {"s": "http://www.w3.org/2000/svg"}
    assert root.get("width") == f"{lay.length * 1e3:g}mm"
    layers = {g.get("id"): g for g in root.findall("s:g", ns)}
    assert {"CELLS", "GROUP_NUMBERS", "BUSBARS", "TERMINALS", "ENVELOPE"} <= set(layers)
    circles = layers["CELLS"].findall("s:circle", ns)
    assert len(circles) == d.cell_count
    # y flipped: the first cell of group 1 sits lay.y from the bottom edge
    ys = sorted(lay.width * 1e3 - float(c.get("cy")) for c in circles)
    assert ys[0] == pytest.approx(float(lay.y.min() * 1e3), abs=1e-3)


def test_unknown_suffix_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match=r"\.dxf or \.svg"):
        export_layout(_design(), tmp_path / "pack.png")
