"""The vector charts: ticks, data mapped linearly onto the axes, clipping at the plot box,
staircases for duty cycles, legend placement away from the data."""

from __future__ import annotations

import pytest
from reportlab.graphics.shapes import PolyLine, Rect, String

from naion_designer.report.charts import Chart, Series, _clip_runs, draw_chart, nice_ticks


def test_nice_ticks_cover_the_range_with_round_steps():
    t = nice_ticks(32.0, 61.2)
    assert t[0] <= 32.0 and t[-1] >= 61.2
    steps = {round(b - a, 9) for a, b in zip(t, t[1:], strict=False)}
    assert len(steps) == 1 and steps.pop() in (5.0, 10.0)
    assert round(nice_ticks(0, 0.012)[1], 12) in (0.002, 0.0025)


def _lines(d):
    return [s for s in d.getContents() if isinstance(s, PolyLine)]


def test_points_are_mapped_linearly_onto_the_axes():
    ch = Chart("t", "x", "y", [Series("a", [0, 50, 100], [0, 10, 20])], xmin=0, xmax=100,
               ymin=0, ymax=20)
    d = draw_chart(ch, 300, 200)
    (line,) = [pl for pl in _lines(d) if len(pl.points) == 6]
    xs, ys = line.points[0::2], line.points[1::2]
    assert xs[1] - xs[0] == pytest.approx(xs[2] - xs[1])
    assert ys[1] - ys[0] == pytest.approx(ys[2] - ys[1])
    # the plot box (the frame rectangle) spans exactly the data range
    frame = [r for r in d.getContents() if isinstance(r, Rect) and r.fillColor is None][0]
    assert xs[0] == pytest.approx(frame.x) and xs[2] == pytest.approx(frame.x + frame.width)
    assert ys[0] == pytest.approx(frame.y) and ys[2] == pytest.approx(frame.y + frame.height)
    labels = {s.text for s in d.getContents() if isinstance(s, String)}
    assert {"0", "100", "a"} <= labels


def test_a_curve_leaving_the_plot_is_cut_at_the_edge():
    runs = _clip_runs([(0, 0), (1, 2), (2, 0.5), (3, 0.5)], 0, 3, 0, 1)
    assert len(runs) == 2
    assert runs[0][0] == (0, 0) and runs[0][-1][1] == pytest.approx(1.0)
    assert runs[1][0][1] == pytest.approx(1.0) and runs[1][-1] == (3, 0.5)
    assert _clip_runs([(0, 5), (1, 6)], 0, 1, 0, 1) == []


def test_staircase():
    ch = Chart("", "t", "P", [Series("", [0, 10, 20], [1, -1, -1], step=True, color="#000000")])
    (line,) = _lines(draw_chart(ch, 300, 200))
    pts = list(zip(line.points[0::2], line.points[1::2], strict=True))
    assert len(pts) == 5  # (0,1) (10,1) (10,-1) (20,-1) (20,-1)
    assert pts[1][1] == pytest.approx(pts[0][1]) and pts[1][0] == pytest.approx(pts[2][0])


def test_legend_avoids_the_data():
    # data fill the top right: the legend must go elsewhere
    xs = [i / 10 for i in range(101)]
    ch = Chart("", "x", "y", [Series("rising", xs, [x for x in xs])], xmin=0, xmax=10, ymin=0,
               ymax=10)
    d = draw_chart(ch, 300, 200)
    legend = [r for r in d.getContents() if isinstance(r, Rect) and r.width < 100
              and r.fillColor is not None and r.strokeColor is not None][0]
    (line,) = [pl for pl in _lines(d) if len(pl.points) > 20]
    pts = list(zip(line.points[0::2], line.points[1::2], strict=True))
    hidden = [p for p in pts if legend.x <= p[0] <= legend.x + legend.width and
              legend.y <= p[1] <= legend.y + legend.height]
    assert not hidden
