"""Modules in a grid (`layout.modules_per_row`): envelopes by hand (square and hexagonal, with
rotation), the serpentine through the modules with the shortest jumps, thermal neighbours and
the busbar network across the module gaps, and the arrangement search over module grids."""

import math

import numpy as np
import pytest

from naion_designer.core.electrical import calculate
from naion_designer.core.layout import arrangements, compute_layout
from naion_designer.core.layout.busbars import busbar_geometry
from naion_designer.core.pack import Busbar, CellOverride, Interconnect, Layout, PackDesign
from naion_designer.core.units import InputError
from naion_designer.io.library import library

from .nodal_reference import potentials, stamp

ROUND = "hina-nacr32140-me12"  # 32 mm diameter: pitch 34 mm with the 2 mm default gap
PRISM = "generic-nfpp-210ah"  # 174 mm long, 72 mm thick
RHO_CU = 1.7241e-8


def _d(cell_id, S, P, **lay):
    return PackDesign(cell=library().get(cell_id), series=S, parallel=P, layout=Layout(**lay))


def mm(v):
    return pytest.approx(v * 1e-3, abs=1e-9)


def _grid(**kw):
    # 16 groups of 2 × 2 cells, 4 modules of 4 groups, 50 mm between modules
    base = dict(group_shape=(2, 2), groups_per_row=2, modules=4, module_gap=0.05,
                modules_per_row=2)
    return compute_layout(_d(ROUND, 16, 4, **{**base, **kw}))


def test_two_by_two_modules_of_square_blocks_by_hand():
    lay = _grid()
    module = (2 * 2 - 1) * 34 + 32  # 2 blocks of 2 columns (and of 2 rows): 134 mm
    assert lay.length == mm(2 * module + 50 + 20)
    assert lay.width == mm(2 * module + 50 + 20)
    assert lay.modules == 4 and lay.modules_per_row == 2
    # the serpentine over the modules: top left, top right, bottom right, bottom left
    centre = np.array([lay.group_centres()[lay.module_of_series == m].mean(axis=0)
                       for m in range(4)])
    left, right = centre[:, 0] < lay.length / 2, centre[:, 1] > lay.width / 2
    assert list(left) == [True, False, False, True]
    assert list(right) == [True, True, False, False]  # "right" here: the top row
    # module 1 is module 0 moved by one module and the gap
    x0 = np.sort(lay.x[lay.module_of_series == 0].ravel())
    x1 = np.sort(lay.x[lay.module_of_series == 1].ravel())
    assert x1 - x0 == pytest.approx(np.full(16, (module + 50) * 1e-3))


def test_module_rows_of_long_modules_and_rotation_by_hand():
    lay = _grid(groups_per_row=4)
    module_x, module_y = (4 * 2 - 1) * 34 + 32, (1 * 2 - 1) * 34 + 32  # 270 × 66 mm
    assert (lay.length, lay.width) == (mm(2 * module_x + 50 + 20), mm(2 * module_y + 50 + 20))
    turned = _grid(groups_per_row=4, rotation=90)
    assert (turned.length, turned.width) == (pytest.approx(lay.width),
                                             pytest.approx(lay.length))
    # all in one row, and one module per row
    row = _grid(groups_per_row=4, modules_per_row=4)
    assert (row.length, row.width) == (mm(4 * module_x + 3 * 50 + 20), mm(module_y + 20))
    column = _grid(groups_per_row=4, modules_per_row=1)
    assert (column.length, column.width) == (mm(module_x + 20), mm(4 * module_y + 3 * 50 + 20))
    # more modules per row than modules: one row
    assert _grid(groups_per_row=4, modules_per_row=9).length == pytest.approx(row.length)


def test_two_by_two_modules_of_hexagonal_blocks_by_hand():
    lay = _grid(packing="hexagonal")
    row = 34 * math.sqrt(3) / 2
    module_x = (2 * 2 - 1) * 34 + 32 + 17  # every other row half a pitch to the right
    module_y = (2 * 2 - 1) * row + 32
    assert lay.length == mm(2 * module_x + 50 + 20)
    assert lay.width == mm(2 * module_y + 50 + 20)
    turned = _grid(packing="hexagonal", rotation=90)
    assert (turned.length, turned.width) == (pytest.approx(lay.width),
                                             pytest.approx(lay.length))
    # inside each module the hexagonal lattice is kept: six neighbours at most, one pitch
    assert lay.neighbour_count().max() == 6
    nb = lay.neighbours
    d = np.hypot(*(np.stack([lay.x.ravel(), lay.y.ravel()])[:, nb[:, 0]]
                   - np.stack([lay.x.ravel(), lay.y.ravel()])[:, nb[:, 1]]))
    assert d == pytest.approx(np.full(d.size, 0.034))


def test_prismatic_module_grid_by_hand():
    # 8 groups of 2 cells face to face, 2 per row: 4 modules of 2 groups, 2 per row
    lay = compute_layout(_d(PRISM, 8, 2, group_shape=(1, 2), groups_per_row=2, modules=4,
                            modules_per_row=2, module_gap=0.03))
    module_x, module_y = 2 * 2 * 74 - 2, 174
    assert (lay.length, lay.width) == (mm(2 * module_x + 30 + 20), mm(2 * module_y + 30 + 20))


def test_the_series_path_jumps_between_modules_at_the_shortest():
    lay = _grid(groups_per_row=4)
    c = lay.group_centres()
    step = np.linalg.norm(np.diff(c, axis=0), axis=1)
    # inside a module one block (2 pitches) apart; between modules the shortest jump: to the
    # block beside or below across the gap (the next module's path mirrored to start there)
    inside = np.ones(15, bool)
    inside[[3, 7, 11]] = False
    assert step[inside] == pytest.approx(np.full(12, 0.068))
    # 0 → 1: from the last block of the top left module to the first of the top right one,
    # 1 → 2 and 2 → 3: to the block straight below / beside it (module 66 mm + 50 mm gap)
    assert step[[3, 7, 11]] == pytest.approx([0.116] * 3)
    geo = busbar_geometry(lay, "series-groups")
    assert geo.jumps == 3
    jump = np.isin(geo.inter_s, [3, 7, 11])
    # one strip between the nearest cells: the module gap plus one diameter
    assert geo.inter_len[jump] == pytest.approx(np.full(3, 0.05 + 0.032))
    assert not lay.series_adjacent[[3, 7, 11]].any() and lay.series_adjacent[inside].all()


def test_no_thermal_neighbours_across_a_module_gap():
    lay = _grid(packing="hexagonal")
    nb = lay.neighbours
    m = lay.module_of_series
    P = lay.x.shape[1]
    assert np.all(m[nb[:, 0] // P] == m[nb[:, 1] // P])
    assert np.all(lay.neighbour_gap <= 0.002 + 1e-9)


def _dense_resistance(d):
    """Pack resistance from a nodal analysis written out here: one node per cell face, strips
    between cells one pitch apart inside a block and across consecutive blocks, and one strip
    between the nearest cells of consecutive groups that are not side by side."""
    lay = compute_layout(d)
    S, P = d.series, d.parallel
    ic, bb = d.interconnect, d.interconnect.busbar
    rc = d.cell_array("resistance") + ic.cell_connection
    pitch = d.cell.diameter + d.layout.gap
    n = 2 * S * P
    G = np.zeros((n, n))

    def add(a, b, g):
        stamp(G, a, b, g)

    def strip(a, b, length):
        add(a, b, bb.thickness * bb.width / (RHO_CU * length))

    def neg(s, p):
        return 2 * s * P + p

    def pos(s, p):
        return (2 * s + 1) * P + p
    for s in range(S):
        for p in range(P):
            add(neg(s, p), pos(s, p), 1 / rc[s, p])
            for q in range(p + 1, P):
                dist = math.hypot(lay.x[s, p] - lay.x[s, q], lay.y[s, p] - lay.y[s, q])
                if dist <= pitch + 1e-6:
                    strip(neg(s, p), neg(s, q), dist)
                    strip(pos(s, p), pos(s, q), dist)
    for s in range(S - 1):
        dist = np.hypot(lay.x[s][:, None] - lay.x[s + 1][None, :],
                        lay.y[s][:, None] - lay.y[s + 1][None, :])
        near = np.argwhere(dist <= pitch + 1e-6)
        if near.size == 0:
            near = [np.unravel_index(int(np.argmin(dist)), dist.shape)]
        for p, q in near:
            strip(pos(s, p), neg(s + 1, q), dist[p, q])
    top = pos(S - 1, 0 if ic.terminal_side == "same" else P - 1)
    return potentials(G, top)[top] + 2 * ic.terminal


@pytest.mark.parametrize("packing", ["square", "hexagonal"])
def test_the_network_across_a_module_grid_matches_a_dense_nodal_analysis(packing):
    rng = np.random.default_rng(7)
    S, P = 8, 4
    overrides = tuple(CellOverride(s, p, (("resistance", float(rng.uniform(1e-3, 3e-3))),))
                      for s in range(S) for p in range(P))
    ic = Interconnect(cell_connection=0.2e-3, terminal=0.05e-3,
                      busbar=Busbar("copper", 0.0003, 0.008))
    d = PackDesign(cell=library().get(ROUND), series=S, parallel=P, interconnect=ic,
                   cell_overrides=overrides,
                   layout=Layout(group_shape=(2, 2), groups_per_row=2, modules=4,
                                 modules_per_row=2, module_gap=0.03, packing=packing))
    assert calculate(d).value("resistance") == pytest.approx(_dense_resistance(d), rel=1e-9)


def test_the_search_considers_module_grids():
    d = _d(ROUND, 16, 4, group_shape=(2, 2), groups_per_row=4, modules=4, module_gap=0.05)
    # left to the app: one column of modules (290 × 434 mm) beats 2 × 2 (610 × 202 mm, aspect
    # 3.0 is penalised) and one row (1170 × 86 mm)
    lay = compute_layout(d)
    assert lay.modules_per_row == 1
    assert (lay.length, lay.width) == (mm(270 + 20), mm(4 * 66 + 3 * 50 + 20))
    ranked = arrangements(d, modules=(4,))
    assert {c.arrangement.module_grid for c in ranked} >= {(1, 4), (2, 2), (4, 1)}
    # a box only one row of modules fits into
    boxed = arrangements(d, envelope=(1.3, 0.1, 0.3), modules=(4,))
    assert boxed[0].fits and boxed[0].arrangement.module_grid == (1, 4)
    assert compute_layout(d.evolve(layout=Layout(
        group_shape=(2, 2), groups_per_row=4, modules=4, module_gap=0.05,
        envelope=(1.3, 0.1, 0.3)))).modules_per_row == 4
    with pytest.raises(InputError, match="modules_per_row"):
        d.evolve(layout=Layout(modules=4, modules_per_row=-1))
