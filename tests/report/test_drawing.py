"""The spec sheet's layout drawing follows the series order, jumps included, after a reorder."""

import numpy as np
import pytest

from naion_designer.core.layout import compute_layout
from naion_designer.core.pack import Layout, PackDesign
from naion_designer.io.library import library
from naion_designer.report.drawing import layout_drawing, series_path


def _reordered():
    cell = library().get("hina-nacr32140-me12")
    order = list(range(8))
    order[2], order[6] = 6, 2  # groups 3 and 7 swapped (slot -> series position)
    return PackDesign(cell=cell, series=8, parallel=2,
                      layout=Layout(group_shape=(2, 1), groups_per_row=8,
                                    group_order=tuple(order)))


def test_series_path_runs_in_series_order_with_jumps():
    d = _reordered()
    lay = compute_layout(d)
    steps = series_path(lay)
    c = lay.group_centres()
    assert len(steps) == 7
    for s, (x0, y0, x1, y1, _jump) in enumerate(steps):
        assert (x0, y0) == pytest.approx(tuple(c[s]))
        assert (x1, y1) == pytest.approx(tuple(c[s + 1]))
    # one row of 8 slots: 1 2 [7] 4 5 6 [3] 8 -> the steps 2→3, 3→4, 6→7, 7→8 jump
    assert [j for *_, j in steps] == [False, True, True, False, False, True, True]
    # in slot order the path is straight: no jumps
    plain = compute_layout(d.evolve(layout=Layout(group_shape=(2, 1), groups_per_row=8)))
    assert not any(j for *_, j in series_path(plain))


def test_drawing_draws_the_jumps_dashed_and_numbers_in_series_order():
    from reportlab.graphics.shapes import Line, String

    d = _reordered()
    drawing = layout_drawing(d, 500, 300)
    shapes = list(drawing.getContents())
    dashed = [s for s in shapes if isinstance(s, Line) and s.strokeDashArray]
    assert len(dashed) == 4
    labels = {s.text: (s.x, s.y) for s in shapes if isinstance(s, String) and s.text.isdigit()}
    xs = [labels[str(k)][0] for k in (1, 2, 7, 4, 5, 6, 3, 8)]
    assert np.all(np.diff(xs) > 0)  # the labels sit in their slots, left to right
