"""DXF and SVG export of a grid of modules: every cell where the layout puts it, the envelope of
the whole grid."""

import ezdxf
import numpy as np
import pytest

from naion_designer.core.layout import compute_layout
from naion_designer.core.pack import Busbar, Interconnect, Layout, PackDesign
from naion_designer.io.layout_export import export_layout
from naion_designer.io.library import library


def _grid():
    return PackDesign(cell=library().get("hina-nacr32140-me12"), series=16, parallel=4,
                      name="Grid export", interconnect=Interconnect(busbar=Busbar("copper",
                                                                                  0.001, 0.01)),
                      layout=Layout(group_shape=(2, 2), groups_per_row=2, modules=4,
                                    modules_per_row=2, module_gap=0.05, packing="hexagonal"))


def test_dxf_of_a_module_grid_reads_back(tmp_path):
    d = _grid()
    lay = compute_layout(d)
    doc = ezdxf.readfile(export_layout(d, tmp_path / "grid.dxf"))
    msp = doc.modelspace()
    cells = msp.query("CIRCLE[layer=='CELLS']")
    got = np.array(sorted((round(c.dxf.center.x, 3), round(c.dxf.center.y, 3)) for c in cells))
    want = np.array(sorted((round(x * 1e3, 3), round(y * 1e3, 3))
                           for x, y in zip(lay.x.ravel(), lay.y.ravel(), strict=True)))
    assert got == pytest.approx(want, abs=1e-3)
    # two columns and two rows of modules, 50 mm apart: the cells' x fall into two bands
    xs = np.unique(np.round(got[:, 0]))
    assert np.diff(xs).max() == pytest.approx(50 + 32, abs=1.0)  # gap + one diameter
    env = msp.query("LWPOLYLINE[layer=='ENVELOPE']")[0]
    assert max(p[0] for p in env.get_points()) == pytest.approx(lay.length * 1e3)
    assert max(p[1] for p in env.get_points()) == pytest.approx(lay.width * 1e3)


def test_svg_of_a_module_grid_has_every_cell(tmp_path):
    d = _grid()
    text = export_layout(d, tmp_path / "grid.svg").read_text()
    assert text.count("<circle") >= d.cell_count
