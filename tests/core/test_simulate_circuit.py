"""The contract's circuit simulated as written, against a fully coupled reference solution built
here from the contract's text alone (its own node numbering, dense nodal analysis at every
instant, an adaptive high-order ODE integrator): per-cell `resistance` overrides replace R0,
`impedance_factor` scales the whole impedance."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from naion_designer.core.pack import CellOverride, Interconnect, Layout, PackDesign
from naion_designer.core.profiles import constant_current, rest
from naion_designer.core.simulate import simulate

from .nodal_reference import stamp
from .test_simulate import refsim_cell


def reference(design: PackDesign, segments: list[tuple[float, float]], soc0: float = 1.0):
    """Cell currents (rows, S, P) at every second of `segments` [(pack current A, s), ...].

    Series-groups, contract wording: cell (s, p) joins point p of busbar s (negative side) to
    point p of busbar s+1, in series with cell_connection; neighbouring points of a busbar are
    busbar_segment apart; the pack terminals sit at point 0 of busbars 0 and S (same side),
    each adding `terminal` (in series with the load: no effect on the cell currents at a given
    pack current).  Cell model: V = OCV(SOC) − R0·I − u, u' = −u/(R1 C1) + I/C1, SOC' = −I/Q."""
    cell = design.cell
    S, P = design.series, design.parallel
    n = S * P
    ic = design.interconnect
    r0 = np.array([[design.cell_at(s, p).resistance * design.cell_at(s, p).impedance_factor
                    for p in range(P)] for s in range(S)]).ravel()
    zf = np.array([[design.cell_at(s, p).impedance_factor for p in range(P)]
                   for s in range(S)]).ravel()
    r1 = cell.rc[0].resistance * zf
    c1 = cell.rc[0].capacitance / zf  # the time constant is the cell's
    q = design.cell_array("capacity").ravel()
    ox, oy = cell.ocv.arrays()
    node = lambda b, p: b * P + p  # noqa: E731
    n_nodes = (S + 1) * P
    g = 1.0 / (r0 + ic.cell_connection)
    G = np.zeros((n_nodes, n_nodes))
    neg = np.array([node(s, p) for s in range(S) for p in range(P)])
    pos = np.array([node(s + 1, p) for s in range(S) for p in range(P)])
    for k in range(n):
        stamp(G, neg[k], pos[k], g[k])
    gs = 1.0 / ic.busbar_segment
    for bb in range(S + 1):
        for p in range(P - 1):
            stamp(G, node(bb, p), node(bb, p + 1), gs)
    Gr = G[1:, 1:]  # node (0, 0) is the ground
    tap = node(S, 0) - 1

    def currents(y, i_pack):
        soc, u = y[:n], y[n:]
        e = np.interp(soc, ox, oy) - u  # source of each branch, + towards its positive node
        rhs = np.zeros(n_nodes)
        np.add.at(rhs, pos, g * e)
        np.add.at(rhs, neg, -g * e)
        rhs = rhs[1:]
        rhs[tap] -= i_pack  # the load draws the pack current out of the positive terminal
        v = np.zeros(n_nodes)
        v[1:] = np.linalg.solve(Gr, rhs)
        return g * (e - (v[pos] - v[neg]))

    y = np.concatenate([np.full(n, soc0), np.zeros(n)])
    out = []
    t0 = 0.0
    first = True
    for i_pack, dur in segments:
        def rhs_fn(t, y, i_pack=i_pack):
            i = currents(y, i_pack)
            return np.concatenate([-i / q, -y[n:] / (r1 * c1) + i / c1])

        times = np.arange(0.0 if first else 1.0, dur + 0.5, 1.0)
        sol = solve_ivp(rhs_fn, (0.0, dur), y, t_eval=times, method="DOP853", rtol=1e-10,
                        atol=1e-12)
        assert sol.success
        for j in range(sol.y.shape[1]):
            out.append(currents(sol.y[:, j], i_pack))
        y = sol.y[:, -1]
        t0 += dur
        first = False
    return np.array(out).reshape(-1, S, P)


R0S = (1.8e-3, 2.0e-3, 2.2e-3, 2.4e-3)


# The contract's circuit: each parallel group is one line of cells along its busbars, so the
# designs here pin the block shape to a line (the automatic choice would make a 2 × 2 block).
LINE = Layout(group_shape=(4, 1))


def four_p(**kw) -> PackDesign:
    ic = Interconnect(cell_connection=0.0, busbar_segment=0.1e-3, terminal=0.0)
    ov = tuple(CellOverride(0, p, (("resistance", r),)) for p, r in enumerate(R0S))
    return PackDesign(cell=refsim_cell(), series=1, parallel=4, interconnect=ic,
                      cell_overrides=ov, layout=LINE, **kw)


def test_4p_overrides_replace_r0_against_the_coupled_solution():
    design = four_p()
    segs = [(48.0, 1200.0), (0.0, 300.0), (-24.0, 300.0)]
    prof = constant_current(48.0, 1200) + rest(300) + constant_current(-24.0, 300)
    res = simulate(design, prof, dt=1.0)
    ref = reference(design, segs)
    assert res.cell_current.shape == ref.shape == (1801, 1, 4)
    err = np.abs(res.cell_current - ref)
    assert err.max() < 5e-3  # A, every cell, every row
    # some rows lie inside steps (the OCV table's corners, 0.01 of SOC apart, keep most
    # steps to one row; `test_simulate_interior` thins the table)
    assert res.steps < len(res.time)
    # the overrides really act on R0 only: at t = 10 s the share differs from a whole-impedance
    # scaling of the same cells by far more than the tolerance
    scaled = PackDesign(cell=refsim_cell(), series=1, parallel=4, interconnect=design.interconnect,
                        layout=LINE,
                        cell_overrides=tuple(CellOverride(0, p, (("impedance_factor", r / 2e-3),))
                                             for p, r in enumerate(R0S)))
    other = simulate(scaled, constant_current(48.0, 20), dt=1.0)
    assert np.abs(other.cell_current[10] - res.cell_current[10]).max() > 0.1


def test_impedance_factor_scales_the_whole_impedance():
    design = PackDesign(cell=refsim_cell(), series=1, parallel=4, layout=LINE,
                        interconnect=Interconnect(busbar_segment=0.1e-3),
                        cell_overrides=(CellOverride(0, 2, (("impedance_factor", 1.5),)),
                                        CellOverride(0, 3, (("resistance", 3e-3),
                                                            ("impedance_factor", 0.8)))))
    res = simulate(design, constant_current(48.0, 600), dt=1.0)
    ref = reference(design, [(48.0, 600.0)])
    assert np.abs(res.cell_current - ref).max() < 5e-3


@pytest.mark.slow
def test_16s4p_against_the_coupled_solution():
    cell = refsim_cell()
    ic = Interconnect(cell_connection=0.3e-3, busbar_segment=0.1e-3, terminal=0.05e-3)
    ov = tuple(CellOverride(s, p, (("resistance", R0S[(s + p) % 4]),))
               for s in range(16) for p in range(4) if (s * 7 + p) % 3 == 0)
    ov += (CellOverride(5, 1, (("impedance_factor", 1.3),)),
           CellOverride(9, 3, (("capacity", 11.0 * 3600),)))
    design = PackDesign(cell=cell, series=16, parallel=4, interconnect=ic, cell_overrides=ov,
                        layout=LINE)
    segs = [(36.0, 900.0), (-12.0, 300.0), (48.0, 600.0)]
    prof = constant_current(36.0, 900) + constant_current(-12.0, 300) + \
        constant_current(48.0, 600)
    res = simulate(design, prof, dt=1.0, soc0=0.9)
    ref = reference(design, segs, soc0=0.9)
    assert res.cell_current.shape == ref.shape == (1801, 16, 4)
    assert np.abs(res.cell_current - ref).max() < 5e-3
