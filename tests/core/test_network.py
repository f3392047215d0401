"""The pack network on 2-D group blocks against a textbook nodal analysis written out here, and
busbars from geometry (ρ·L/(t·w), mass) by hand."""

import numpy as np
import pytest

from naion_designer.core.electrical import calculate
from naion_designer.core.layout import compute_layout
from naion_designer.core.network import build_network
from naion_designer.core.pack import Busbar, CellOverride, Interconnect, Layout, PackDesign
from naion_designer.io.cell_file import read_cell_file
from naion_designer.io.library import library

from .nodal_reference import potentials, stamp

RHO_CU = 1.7241e-8  # Ω·m at 20 °C (IEC 60028)


def _dense(n, branches, pos, terminal):
    """Pack resistance of a network of (a, b, conductance) branches: 1 A into `pos`, node 0
    grounded."""
    G = np.zeros((n, n))
    for a, b, g in branches:
        stamp(G, a, b, g)
    return potentials(G, pos)[pos] + 2 * terminal


def _overrides(S, P, seed=3):
    rng = np.random.default_rng(seed)
    return tuple(CellOverride(s, p, (("resistance", float(rng.uniform(1e-3, 3e-3))),))
                 for s in range(S) for p in range(P))


def test_explicit_segments_make_a_busbar_sheet_on_2d_blocks():
    """busbar_segment between grid neighbours of a 3 × 2 block, on every busbar."""
    c = read_cell_file("tests/data/example-na-32140.toml")
    S, rows, cols = 4, 3, 2
    P = rows * cols
    for topology in ("series-groups", "parallel-strings"):
        for side in ("same", "opposite"):
            ic = Interconnect(0.3e-3, 0.15e-3, 0.05e-3, side)
            d = PackDesign(cell=c, series=S, parallel=P, topology=topology, interconnect=ic,
                           cell_overrides=_overrides(S, P),
                           layout=Layout(group_shape=(rows, cols)))
            rc = d.cell_array("resistance") + ic.cell_connection

            def node(b, i, j):
                return b * P + i * cols + j
            br = [(b * P + p, (b + 1) * P + p, 1 / rc[b, p]) for b in range(S) for p in range(P)]
            for b in range(S + 1):
                if topology == "series-groups" or b in (0, S):
                    for i in range(rows):
                        for j in range(cols):
                            if j + 1 < cols:
                                br.append((node(b, i, j), node(b, i, j + 1), 1 / 0.15e-3))
                            if i + 1 < rows:
                                br.append((node(b, i, j), node(b, i + 1, j), 1 / 0.15e-3))
            pos = S * P + (0 if side == "same" else P - 1)
            expected = _dense((S + 1) * P, br, pos, ic.terminal)
            assert calculate(d).value("resistance") == pytest.approx(expected, rel=1e-9)
            if topology == "series-groups":
                assert build_network(d).kind == "grid"  # the fast 3-D DCT solver


def _geometric_reference(d):
    """Nodes per cell face; strips from the layout's positions: inside each block between cells
    one pitch apart, across consecutive blocks between cells side by side."""
    lay = compute_layout(d)
    S, P = d.series, d.parallel
    ic = d.interconnect
    bb = ic.busbar
    rc = d.cell_array("resistance") + ic.cell_connection

    def neg(s, p):
        return 2 * s * P + p

    def pos(s, p):
        return (2 * s + 1) * P + p
    pitch = d.cell.diameter + d.layout.gap
    br = [(neg(s, p), pos(s, p), 1 / rc[s, p]) for s in range(S) for p in range(P)]

    def strip(a, b, length):
        br.append((a, b, bb.thickness * bb.width / (RHO_CU * length)))
    for s in range(S):
        for p in range(P):
            for q in range(p + 1, P):
                dist = np.hypot(lay.x[s, p] - lay.x[s, q], lay.y[s, p] - lay.y[s, q])
                if dist <= pitch + 1e-6:
                    strip(neg(s, p), neg(s, q), dist)
                    strip(pos(s, p), pos(s, q), dist)
    for s in range(S - 1):
        for p in range(P):
            for q in range(P):
                dist = np.hypot(lay.x[s, p] - lay.x[s + 1, q], lay.y[s, p] - lay.y[s + 1, q])
                if dist <= pitch + 1e-6:
                    strip(pos(s, p), neg(s + 1, q), dist)
    p_term = 0 if ic.terminal_side == "same" else P - 1
    return _dense(2 * S * P, br, pos(S - 1, p_term), ic.terminal)


@pytest.mark.parametrize("packing", ["square", "hexagonal"])
def test_busbars_from_geometry_match_a_dense_nodal_analysis(packing):
    c = library().get("hina-nacr32140-me12")
    S, P = 5, 6
    for shape, gpr in (((2, 3), 3), ((3, 2), 5), ((6, 1), 5)):
        for side in ("same", "opposite"):
            ic = Interconnect(cell_connection=0.2e-3, terminal=0.05e-3, terminal_side=side,
                              busbar=Busbar("copper", 0.0003, 0.008))
            d = PackDesign(cell=c, series=S, parallel=P, interconnect=ic,
                           cell_overrides=_overrides(S, P, 5),
                           layout=Layout(group_shape=shape, groups_per_row=gpr,
                                         packing=packing))
            expected = _geometric_reference(d)
            got = calculate(d).value("resistance")
            assert got == pytest.approx(expected, rel=1e-9), (shape, side)


def test_copper_segment_resistance_and_mass_by_hand():
    c = library().get("hina-nacr32140-me12")
    bb = Busbar("copper", 0.002, 0.02)
    d = PackDesign(cell=c, series=1, parallel=2, interconnect=Interconnect(busbar=bb),
                   layout=Layout(group_shape=(1, 2)))
    r = calculate(d)
    pitch = 0.032 + 0.002
    assert r.value("busbar_segment_resistance") == pytest.approx(
        RHO_CU * pitch / (0.002 * 0.02), rel=0.01)
    # one strip of one pitch on each face of the group
    assert r.value("busbar_mass") == pytest.approx(8890 * 0.002 * 0.02 * 2 * pitch, rel=1e-9)
    assert r.value("mass") == pytest.approx(r.value("cell_mass") + r.value("busbar_mass"))
    # an explicit busbar_segment still overrides the geometry (the mass stays)
    d2 = d.evolve(interconnect=Interconnect(busbar=bb, busbar_segment=1e-3,
                                            busbar_segment_given=True))
    r2 = calculate(d2)
    assert r2.value("busbar_segment_resistance") == pytest.approx(1e-3)
    assert r2.value("busbar_mass") == pytest.approx(r.value("busbar_mass"))


def test_compact_blocks_share_current_better_than_a_line():
    """The issue's 20S40P of 32140 cells: a 40-cell line shares badly, a compact block well."""
    c = library().get("hina-nacr32140-me12")
    ic = Interconnect(cell_connection=0.1e-3, busbar=Busbar("copper", 0.001, 0.01))
    line = PackDesign(cell=c, series=20, parallel=40, interconnect=ic,
                      layout=Layout(group_shape=(40, 1)))
    block = PackDesign(cell=c, series=20, parallel=40, interconnect=ic)
    s_line = calculate(line).value("max_cell_current_share")
    s_block = calculate(block).value("max_cell_current_share")
    assert s_block < s_line


def test_a_jump_in_the_series_path_is_one_strip_between_nearest_cells():
    c = library().get("hina-nacr32140-me12")
    ic = Interconnect(busbar=Busbar("copper", 0.002, 0.02))
    base = PackDesign(cell=c, series=4, parallel=2, interconnect=ic,
                      layout=Layout(group_shape=(2, 1), groups_per_row=4))
    jumped = base.evolve(layout=Layout(group_shape=(2, 1), groups_per_row=4,
                                       group_order=(0, 2, 1, 3)))
    from naion_designer.core.layout.busbars import busbar_geometry

    g0 = busbar_geometry(compute_layout(base), "series-groups")
    g1 = busbar_geometry(compute_layout(jumped), "series-groups")
    assert g0.jumps == 0 and g1.jumps >= 1
    assert calculate(jumped).value("resistance") > calculate(base).value("resistance")


def _dense_grid(d):
    """Pack resistance and cell currents (1 A) of the shared-node grid by a dense nodal analysis:
    busbar b, block position (i, j) -> node (b·rows + i)·cols + j."""
    from naion_designer.core.electrical import cell_resistances

    S, P = d.series, d.parallel
    rows, cols = d.layout.group_shape
    ic = d.interconnect
    rc = cell_resistances(d)[0] + ic.cell_connection
    n = (S + 1) * P
    G = np.zeros((n, n))

    for s in range(S):
        for p in range(P):
            stamp(G, s * P + p, (s + 1) * P + p, 1 / rc[s, p])
    for b in range(S + 1):
        for i in range(rows):
            for j in range(cols):
                k = b * P + i * cols + j
                if j + 1 < cols:
                    stamp(G, k, k + 1, 1 / ic.busbar_segment)
                if i + 1 < rows:
                    stamp(G, k, k + cols, 1 / ic.busbar_segment)
    pos = S * P + (0 if ic.terminal_side == "same" else P - 1)
    v = potentials(G, pos)
    current = (v[P:] - v[:-P]).reshape(S, P) / rc
    return v[pos] + 2 * ic.terminal, current


@pytest.mark.parametrize("weak", [1, 3, 16, 17, 40])
def test_grid_with_a_few_or_many_unequal_cells_matches_a_dense_nodal_analysis(weak):
    """A few unequal cells (the low-rank correction of the uniform grid) and many (conjugate
    gradients) on a 2-D block, both terminal sides: resistance and every cell's current."""
    from naion_designer.core.electrical import cell_resistances, dc_solution

    c = read_cell_file("tests/data/example-na-32140.toml")
    S, rows, cols = 6, 3, 4
    P = rows * cols
    rng = np.random.default_rng(weak)
    picked = rng.choice(S * P, weak, replace=False)
    overrides = tuple(
        CellOverride(int(k) // P, int(k) % P,
                     (("impedance_factor", float(rng.uniform(0.5, 3.0))),)
                     + ((("resistance", float(rng.uniform(1e-3, 3e-3))),) if k % 2 else ()))
        for k in picked)
    for side in ("same", "opposite"):
        ic = Interconnect(0.3e-3, 0.15e-3, 0.05e-3, side)
        d = PackDesign(cell=c, series=S, parallel=P, interconnect=ic, cell_overrides=overrides,
                       layout=Layout(group_shape=(rows, cols)))
        assert build_network(d).kind == "grid"
        expected_r, expected_i = _dense_grid(d)
        r, share = dc_solution(d, cell_resistances(d)[0])
        assert r == pytest.approx(expected_r, rel=1e-9)
        np.testing.assert_allclose(share, expected_i, rtol=1e-9, atol=1e-12)
        assert calculate(d).value("resistance") == pytest.approx(expected_r, rel=1e-9)


def _dense_of_branches(d):
    """Dense nodal analysis of the network's own branches (cells and every strip)."""
    from naion_designer.core.electrical import cell_resistances

    net = build_network(d)
    rc = cell_resistances(d)[0] + net.cell_connection
    br = [(int(a), int(b), 1 / r) for a, b, r in zip(net.cell_neg.ravel(), net.cell_pos.ravel(),
                                                     rc.ravel(), strict=True)]
    br += [(int(a), int(b), 1 / r) for a, b, r in zip(net.seg_a, net.seg_b, net.seg_r,
                                                      strict=True)]
    return _dense(net.n_nodes, br, net.pos_tap, d.interconnect.terminal)


@pytest.mark.parametrize("packing", ["square", "hexagonal"])
def test_busbars_from_geometry_with_alike_groups_match_a_dense_nodal_analysis(packing):
    """Equal cells (groups that share one reduction) and one weak cell; against the dense
    nodal analysis of every face from the positions, and, with a jump in the series path or
    two modules, of the network's own strips."""
    c = library().get("hina-nacr32140-me12")
    S, P = 12, 6
    ic = Interconnect(cell_connection=0.2e-3, terminal=0.05e-3,
                      busbar=Busbar("copper", 0.0003, 0.008))
    weak = (CellOverride(5, 2, (("resistance", 4e-3),)),)
    order = tuple([0, 1, 2, 4, 3] + list(range(5, S)))
    for layout, reference in (
            (Layout(group_shape=(2, 3), groups_per_row=4, packing=packing), _geometric_reference),
            (Layout(group_shape=(3, 2), groups_per_row=3, packing=packing, group_order=order),
             _dense_of_branches),
            (Layout(group_shape=(2, 3), groups_per_row=3, packing=packing, modules=2),
             _dense_of_branches)):
        for overrides in ((), weak):
            d = PackDesign(cell=c, series=S, parallel=P, interconnect=ic,
                           cell_overrides=overrides, layout=layout)
            assert build_network(d).kind == "faces"
            assert calculate(d).value("resistance") == pytest.approx(reference(d), rel=1e-9)


@pytest.mark.parametrize("dense_cells, band_max", [(2, 256), (200, 0)])
def test_sparse_group_reductions_match_a_dense_nodal_analysis(monkeypatch, dense_cells, band_max):
    """Large groups are reduced with a sparse factorisation, and a wide boundary system is
    solved as a sparse one: forced here on small ones."""
    from naion_designer.core import electrical, network, network_groups

    monkeypatch.setattr(network_groups, "DENSE_CELLS", dense_cells)
    monkeypatch.setattr(network_groups, "BAND_MAX", band_max)
    monkeypatch.setattr(network_groups, "NUMPY_NODES", 0)  # scipy's routes, as for large packs
    monkeypatch.setattr(electrical, "_DC_MEMO", {})
    network.clear_cache()
    c = library().get("hina-nacr32140-me12")
    ic = Interconnect(cell_connection=0.2e-3, terminal=0.05e-3,
                      busbar=Busbar("copper", 0.0003, 0.008))
    d = PackDesign(cell=c, series=8, parallel=6, interconnect=ic,
                   cell_overrides=(CellOverride(3, 4, (("impedance_factor", 2.0),)),),
                   layout=Layout(group_shape=(2, 3), groups_per_row=4))
    assert build_network(d).kind == "faces"
    assert calculate(d).value("resistance") == pytest.approx(_dense_of_branches(d), rel=1e-9)
    network.clear_cache()



def _scipy_routes(monkeypatch):
    """Route small networks as large ones go: scipy's DCT, Cholesky, banded and sparse solves
    and k-d tree."""
    from naion_designer.core import electrical, network, network_groups
    from naion_designer.core.layout import geometry

    monkeypatch.setattr(network, "MATRIX_DCT_WORK", 0)
    monkeypatch.setattr(network, "DENSE_NODES", 0)
    monkeypatch.setattr(network_groups, "NUMPY_NODES", 0)
    monkeypatch.setattr(geometry, "SWEEP_CELLS", 0)
    monkeypatch.setattr(electrical, "_DC_MEMO", {})
    _clear_caches()


def _clear_caches():
    from naion_designer.core import layout, network

    network.clear_cache()
    layout._cached_layout.cache_clear()  # its neighbour pairs and strips too


@pytest.mark.parametrize("weak", [0, 1, 17])
def test_the_scipy_dct_routes_of_large_grids_match_a_dense_nodal_analysis(monkeypatch, weak):
    """The grid solved with scipy's transforms (the route of large packs) on a small one: equal
    cells, the low-rank correction and conjugate gradients."""
    from naion_designer.core.electrical import cell_resistances, dc_solution

    _scipy_routes(monkeypatch)
    c = read_cell_file("tests/data/example-na-32140.toml")
    S, rows, cols = 6, 3, 4
    P = rows * cols
    overrides = tuple(CellOverride(k % S, (5 * k) % P, (("impedance_factor", 1.5 + k / 10),))
                      for k in range(weak))
    ic = Interconnect(0.3e-3, 0.15e-3, 0.05e-3, "opposite")
    d = PackDesign(cell=c, series=S, parallel=P, interconnect=ic, cell_overrides=overrides,
                   layout=Layout(group_shape=(rows, cols)))
    expected_r, expected_i = _dense_grid(d)
    r, share = dc_solution(d, cell_resistances(d)[0])
    assert r == pytest.approx(expected_r, rel=1e-9)
    np.testing.assert_allclose(share, expected_i, rtol=1e-9, atol=1e-12)
    _clear_caches()


def _designs_of_every_kind():
    c = library().get("hina-nacr32140-me12")
    geo = Interconnect(cell_connection=0.2e-3, terminal=0.05e-3,
                       busbar=Busbar("copper", 0.0003, 0.008), terminal_side="opposite")
    seg = Interconnect(0.3e-3, 0.15e-3, 0.05e-3, "same")
    weak = tuple(CellOverride(s, (3 * s) % 6, (("resistance", 2e-3 + s * 1e-4),))
                 for s in range(0, 12, 2))
    for ic, topology, layout in (
            (geo, "series-groups", Layout(group_shape=(2, 3), groups_per_row=4)),
            (geo, "series-groups", Layout(packing="hexagonal", modules=2)),
            (geo, "parallel-strings", Layout()),
            (seg, "series-groups", Layout(group_shape=(2, 3))),
            (seg, "parallel-strings", Layout(group_shape=(2, 3)))):
        for overrides in ((), weak):
            yield PackDesign(cell=c, series=12, parallel=6, topology=topology, interconnect=ic,
                             cell_overrides=overrides, layout=layout)


def test_small_networks_solved_by_numpy_alone_agree_with_the_scipy_routes(monkeypatch):
    """A small pack's network is solved without scipy (matrix DCT, numpy's dense and block
    solves, neighbours by a sweep): the same figures as scipy's routes to rounding, the same
    strips exactly."""
    from naion_designer.core.electrical import cell_resistances

    _clear_caches()
    designs = list(_designs_of_every_kind())
    kinds, numpy_side = set(), []
    for d in designs:
        net = build_network(d)
        kinds.add(net.kind)
        numpy_side.append((net.seg_a.copy(), net.seg_b.copy(), net.seg_r.copy(),
                           *net.dc_solution(cell_resistances(d)[0])))
    assert kinds == {"grid", "faces", "strings", "general"}
    _scipy_routes(monkeypatch)
    for d, (seg_a, seg_b, seg_r, r, share) in zip(designs, numpy_side, strict=True):
        net = build_network(d)
        assert np.array_equal(net.seg_a, seg_a) and np.array_equal(net.seg_b, seg_b)
        np.testing.assert_allclose(net.seg_r, seg_r, rtol=1e-15)
        r_sp, share_sp = net.dc_solution(cell_resistances(d)[0])
        assert r == pytest.approx(r_sp, rel=1e-11)
        np.testing.assert_allclose(share, share_sp, rtol=1e-10, atol=1e-13)
    _clear_caches()


def test_numpy_band_and_spd_solves():
    from naion_designer.core.network_groups import band_solve, spd_solve

    rng = np.random.default_rng(5)
    for n, kd in ((1, 0), (5, 1), (40, 3), (130, 20), (97, 60)):
        a = np.zeros((n, n))
        for k in range(1, kd + 1):
            v = -rng.uniform(0.1, 1, n - k)
            a += np.diag(v, k) + np.diag(v, -k)
        a[np.diag_indices(n)] = -a.sum(axis=1) + rng.uniform(0.01, 0.1, n)
        b = rng.normal(size=n)
        expected = np.linalg.solve(a, b)
        np.testing.assert_allclose(band_solve(a, b, kd), expected, rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(spd_solve(a, b), expected, rtol=1e-10, atol=1e-12)
