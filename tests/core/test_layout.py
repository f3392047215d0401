"""Group blocks, arrangements and envelopes against hand-computed figures (CONTRACT.md, "Layout
and busbars"), the automatic choice, fitting a box, and a reorder that survives S and P."""

import math

import numpy as np
import pytest

from naion_designer.core.electrical import calculate
from naion_designer.core.layout import arrangements, compute_layout
from naion_designer.core.pack import Layout, PackDesign, evolve_adapting
from naion_designer.core.results import results_to_json
from naion_designer.core.units import InputError
from naion_designer.io.library import library

ROUND = "hina-nacr32140-me12"  # 32 mm diameter: pitch 34 mm with the 2 mm default gap
PRISM = "generic-nfpp-210ah"  # 174 mm long, 72 mm thick


def _d(cell_id, S, P, **lay):
    return PackDesign(cell=library().get(cell_id), series=S, parallel=P, layout=Layout(**lay))


def mm(v):
    return pytest.approx(v * 1e-3, abs=1e-9)


def test_square_blocks_of_round_cells_by_hand():
    lay = compute_layout(_d(ROUND, 6, 4, group_shape=(2, 2), groups_per_row=3))
    # length = gpr·columns·pitch − gap + 2·margin; width = block_rows·rows·pitch − gap + 2·margin
    assert lay.length == mm(3 * 2 * 34 - 2 + 20)
    assert lay.width == mm(2 * 2 * 34 - 2 + 20)
    assert lay.height == mm(140 + 15 + 10)
    assert lay.group_shape == (2, 2) and lay.empty_slots == 0
    # every group is a 2 × 2 block: its cells one pitch apart
    xs, ys = np.sort(np.unique(np.round(lay.x[0], 6))), np.sort(np.unique(np.round(lay.y[0], 6)))
    assert np.diff(xs) == pytest.approx([0.034]) and np.diff(ys) == pytest.approx([0.034])


def test_group_gap_between_blocks_by_hand():
    lay = compute_layout(_d(ROUND, 6, 4, group_shape=(2, 2), groups_per_row=3,
                            group_gap=0.005))
    assert lay.length == mm(3 * 2 * 34 - 2 + 2 * 5 + 20)
    assert lay.width == mm(2 * 2 * 34 - 2 + 1 * 5 + 20)
    # the thermal neighbours stop at the gap between blocks
    nb = lay.neighbours
    assert np.all(nb[:, 0] // 4 == nb[:, 1] // 4)


def test_hexagonal_blocks_by_hand():
    lay = compute_layout(_d(ROUND, 6, 4, group_shape=(2, 2), groups_per_row=3,
                            packing="hexagonal"))
    # 4 rows of cells √3/2 pitch apart; every other row half a pitch to the right
    assert lay.length == mm((6 - 1) * 34 + 32 + 17 + 20)
    assert lay.width == mm(3 * 34 * math.sqrt(3) / 2 + 32 + 20)
    assert lay.neighbour_count().max() == 6
    pts = np.stack([lay.x.ravel(), lay.y.ravel()], 1)
    dist = np.linalg.norm(pts[:, None] - pts[None], axis=2) + np.eye(len(pts))
    assert dist.min() == pytest.approx(0.034)


def test_prismatic_blocks_face_to_face_and_side_by_side():
    # stacked face to face along x (columns): pitch 74 mm along x, 176 mm along y
    a = compute_layout(_d(PRISM, 4, 2, group_shape=(1, 2), groups_per_row=2))
    assert (a.length, a.width) == (mm(2 * 2 * 74 - 2 + 20), mm(2 * 1 * 176 - 2 + 20))
    # side by side (rows)
    b = compute_layout(_d(PRISM, 4, 2, group_shape=(2, 1), groups_per_row=2))
    assert (b.length, b.width) == (mm(2 * 1 * 74 - 2 + 20), mm(2 * 2 * 176 - 2 + 20))
    assert not a.round_cells and a.cell_dx == pytest.approx(0.072)


def test_modules_and_rotation_by_hand():
    d = _d(ROUND, 8, 2, group_shape=(2, 1), groups_per_row=2, modules=2, module_gap=0.05)
    lay = compute_layout(d)
    module_x, module_y = 2 * 34 - 2, 2 * 2 * 34 - 2
    assert lay.length == mm(2 * module_x + 50 + 20)
    assert lay.width == mm(module_y + 20)
    assert list(lay.module_of_series) == [0] * 4 + [1] * 4
    r = compute_layout(d.evolve(layout=Layout(group_shape=(2, 1), groups_per_row=2, modules=2,
                                              module_gap=0.05, rotation=90)))
    assert (r.length, r.width) == (pytest.approx(lay.width), pytest.approx(lay.length))
    # modules of unequal size: 7 groups in 2 modules -> 4 + 3
    odd = compute_layout(_d(ROUND, 7, 2, group_shape=(2, 1), groups_per_row=2, modules=2))
    assert list(np.bincount(odd.module_of_series)) == [4, 3]


def test_serpentine_keeps_consecutive_groups_adjacent():
    lay = compute_layout(_d(ROUND, 12, 4, group_shape=(2, 2), groups_per_row=4))
    c = lay.group_centres()
    step = np.linalg.norm(np.diff(c, axis=0), axis=1)
    assert step.max() == pytest.approx(2 * 0.034)


def test_group_order_moves_groups_between_slots():
    d = _d(ROUND, 6, 2)
    a = compute_layout(d)
    swapped = compute_layout(d.evolve(layout=Layout(group_order=(1, 0, 2, 3, 4, 5))))
    assert np.allclose(swapped.x[0], a.x[1]) and np.allclose(swapped.x[1], a.x[0])
    with pytest.raises(InputError, match="group_order"):
        d.evolve(layout=Layout(group_order=(0, 0, 1, 2, 3, 4)))


def test_automatic_blocks_are_compact_and_leave_no_holes():
    lay = compute_layout(_d(ROUND, 20, 40))
    r, c = lay.group_shape
    assert r * c == 40 and max(r, c) / min(r, c) <= 2.5
    assert max(lay.length, lay.width) / min(lay.length, lay.width) <= 2.5
    assert lay.empty_slots == 0
    # 20S4P fills full rows (no 9 + 9 + 2)
    lay4 = compute_layout(_d(ROUND, 20, 4))
    assert lay4.empty_slots == 0
    assert lay4.volume <= 0.36 * 0.36 * 0.165 + 1e-9
    # a prime S with a long line of blocks as the only hole-free choice: holes, and calc says so
    d = _d(ROUND, 19, 3)
    lay19 = compute_layout(d)
    assert lay19.empty_slots > 0
    assert calculate(d).value("empty_slots") == lay19.empty_slots


def test_automatic_choice_is_fast_for_10000_cells():
    import time

    d = _d("tob-18650-c-na", 100, 100)
    compute_layout(d)
    from naion_designer.core.layout import _cached_layout

    t = []
    for k in range(3):
        _cached_layout.cache_clear()
        t0 = time.perf_counter()
        compute_layout(d.evolve(name=str(k)))
        t.append(time.perf_counter() - t0)
    assert min(t) < 0.2  # ~ms on a normal machine (bench/bench_layout.py)


def test_fit_to_a_box_and_the_shortfall_by_hand():
    H = 0.140 + 0.025
    fixed = _d(ROUND, 6, 4, group_shape=(2, 2), groups_per_row=3, envelope=(0.2, 0.16, 0.2))
    lay = compute_layout(fixed)
    assert lay.fits is False
    assert lay.shortfall == (pytest.approx(0.222 - 0.2), 0.0, 0.0)
    res = calculate(fixed)
    out = results_to_json(res)
    assert out["fits_envelope"] is False
    assert out["fit_shortfall_length"] == {"value": pytest.approx(22.0), "unit": "mm"}
    assert out["fit_shortfall"]["value"] == pytest.approx(22.0)
    # left to the app, the same cells fit a box the fixed arrangement misses: turned by 90°
    free = _d(ROUND, 6, 4, envelope=(0.16, 0.23, 0.2))
    lay2 = compute_layout(free)
    assert lay2.fits is True and lay2.length <= 0.16 and lay2.width <= 0.23
    assert results_to_json(calculate(free))["fits_envelope"] is True
    # nothing fits: the best misses by as little as possible, per dimension
    tight = _d(ROUND, 6, 4, envelope=(0.1, 0.1, H - 0.005))
    lay3 = compute_layout(tight)
    assert lay3.fits is False
    assert lay3.shortfall[2] == pytest.approx(0.005)
    best = arrangements(tight)[0]
    assert best.shortfall == pytest.approx(lay3.shortfall)


def test_arrangement_search_ranks_fitting_ones_first():
    d = _d(ROUND, 100, 10, envelope=(0.9, 1.4, 0.2))
    ranked = arrangements(d, modules=(1, 2))
    assert ranked[0].fits
    fits = [c.fits for c in ranked]
    assert fits == sorted(fits, reverse=True)
    top = ranked[0].arrangement
    lay = compute_layout(d.evolve(layout=Layout(group_shape=top.group_shape,
                                                groups_per_row=top.groups_per_row,
                                                rotation=top.rotation, modules=top.modules)))
    assert (lay.length, lay.width) == (pytest.approx(ranked[0].length),
                                       pytest.approx(ranked[0].width))


def test_reorder_survives_changes_of_S_and_P():
    d = _d(ROUND, 17, 4, group_shape=(2, 2), modules=2)
    order = list(range(17))
    order[3], order[7] = 7, 3
    d = d.evolve(layout=Layout(group_shape=(2, 2), modules=2, group_order=tuple(order)))
    up, notes = evolve_adapting(d, series=18)
    assert list(up.layout.group_order) == order + [17]
    assert notes and "series path" in notes[0]
    down, _ = evolve_adapting(d, series=6)
    assert sorted(down.layout.group_order) == list(range(6))
    assert list(down.layout.group_order) == [0, 1, 2, 4, 5, 3]  # 4 stays after 5 and 6, as it was
    # P changes: the block keeps its rows where it can
    p6, notes = evolve_adapting(d, parallel=6)
    assert p6.layout.group_shape == (2, 3) and any("2 × 3" in n for n in notes)
    p5, _ = evolve_adapting(d, parallel=5)
    assert p5.layout.group_shape is None  # no 2-row or 2-column block of 5: chosen
    # S below the module count: the modules follow instead of refusing
    one, notes = evolve_adapting(d, series=1)
    assert one.layout.modules == 1 and any("modules" in n for n in notes)
    compute_layout(one)
