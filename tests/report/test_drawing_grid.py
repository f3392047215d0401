"""The spec sheet's layout drawing of a grid of modules: one frame per module where its cells
are, the series path through the modules in series order."""

import pytest

from naion_designer.core.layout import compute_layout
from naion_designer.core.pack import Layout, PackDesign
from naion_designer.io.library import library
from naion_designer.report.drawing import layout_drawing, series_path


def test_the_drawing_frames_each_module_of_the_grid():
    from reportlab.graphics.shapes import Rect

    d = PackDesign(cell=library().get("hina-nacr32140-me12"), series=16, parallel=4,
                   layout=Layout(group_shape=(2, 2), groups_per_row=2, modules=4,
                                 modules_per_row=2, module_gap=0.05))
    lay = compute_layout(d)
    frames = [s for s in layout_drawing(d, 500, 400).getContents()
              if isinstance(s, Rect) and s.strokeDashArray and s.fillColor is None]
    assert len(frames) == 4
    assert len({round(f.x) for f in frames}) == 2 and len({round(f.y) for f in frames}) == 2
    steps = series_path(lay)
    # three jumps, one between each two modules in series order
    assert [k for k, (*_, jump) in enumerate(steps) if jump] == [3, 7, 11]
    c = lay.group_centres()
    assert steps[4][:2] == pytest.approx(tuple(c[4]))
