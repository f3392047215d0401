"""Rows inside a step: in a settled constant-current stretch the solver takes steps of several
output rows, and the rows between are the step's own solution (`simulate.interior`).  Checked
against the step's ends, against a run that ends a step on every row, at a cut-off, and (in
`test_simulate_circuit`) against the coupled reference solution."""

from __future__ import annotations

import numpy as np
import pytest

from naion_designer.core.pack import Interconnect, PackDesign
from naion_designer.core.profiles import constant_current, rest
from naion_designer.core.simulate import simulate, stepping
from naion_designer.core.simulate.interior import interior_rows
from naion_designer.core.simulate.limits import Limits
from naion_designer.core.simulate.model import PackModel
from naion_designer.core.simulate.state import Demand
from naion_designer.io.library import library


def _design(S: int = 4, P: int = 3) -> PackDesign:
    ic = Interconnect(cell_connection=0.5e-3, busbar_segment=0.1e-3, terminal=0.05e-3)
    return PackDesign(cell=library().get("tob-18650-c-na"), series=S, parallel=P,
                      interconnect=ic)


def test_rows_at_the_ends_of_a_step_are_its_end_states():
    m = PackModel(_design(), 298.15, 1.0, None, [None])
    dem = Demand("current", 3.0)
    st = m.advance(m.state0, 0.0, dem)
    for h in (0.625, 1.25, 2.5, 5.0, 5.0):
        st = m.advance(st, h, dem)
    new = m.advance(st, 5.0, dem)
    weights = m.Q / m.Q.sum()
    t0 = 100.0
    rows, ok, available, fill = interior_rows(m, Limits(m.cell, m.P), weights, st, new, 5.0, t0,
                                              np.array([t0 + 1e-9, t0 + 2.5, t0 + 5.0]))
    assert ok.all()
    for name, end in (("cell_soc", new.soc), ("cell_current", new.current),
                      ("cell_voltage", new.voltage), ("cell_temperature", new.T)):
        got = getattr(rows, name)
        np.testing.assert_allclose(got[2], end, rtol=0, atol=1e-12)
        start = {"cell_soc": st.soc, "cell_current": st.current, "cell_voltage": st.voltage,
                 "cell_temperature": st.T}[name]
        np.testing.assert_allclose(got[0], start, rtol=0, atol=1e-8)
        # half-way: between the ends, for these monotonic quantities
        lo, hi = np.minimum(start, end), np.maximum(start, end)
        assert np.all(got[1] >= lo - 1e-12) and np.all(got[1] <= hi + 1e-12)
    # the pack voltage from the network's response to the cells' sources: the step's own, to
    # its convergence tolerance (1 µV a branch)
    assert abs(float(rows.pack_voltage[2] - new.pack_voltage[0])) < 1e-5
    assert abs(float(rows.pack_voltage[0] - st.pack_voltage[0])) < 1e-5
    assert rows.v_min[2] == pytest.approx(float(new.voltage.min()), abs=1e-12)
    assert rows.soc[2] == pytest.approx(float(weights @ new.soc), abs=1e-12)
    np.testing.assert_array_equal(rows.time, t0 + np.array([1e-9, 2.5, 5.0]))


def test_a_settled_stretch_takes_steps_of_several_rows_close_to_a_step_every_row():
    d = _design()
    prof = constant_current(1.0, 1200, unit="C") + rest(300)
    fast = simulate(d, prof, dt=1.0)
    every = simulate(d, prof, dt=1.0, interior_rows=False)
    np.testing.assert_array_equal(fast.time, every.time)
    assert every.steps >= len(every.time) - 1
    assert fast.steps < 0.5 * every.steps  # most rows are inside steps
    # the rows agree to a fraction of a millivolt (of a ~12 V pack), of a milliampere and of
    # 0.3 % of the 2 K rise (4.8 mK from a 0.25 s reference, 0.4 mK a step a row: a step's
    # heat holds the resistances' temperature factors of its start)
    assert np.abs(fast.pack_voltage - every.pack_voltage).max() < 5e-4
    assert np.abs(fast.cell_voltage - every.cell_voltage).max() < 2e-4
    assert np.abs(fast.cell_current - every.cell_current).max() < 2e-3
    assert np.abs(fast.cell_temperature - every.cell_temperature).max() < 6e-3
    assert fast.energy == pytest.approx(every.energy, rel=5e-6)


def test_power_and_cccv_segments_end_a_step_on_every_row():
    d = _design()
    from naion_designer.core.profiles import constant_power

    r = simulate(d, constant_power(20.0, 300), dt=1.0)
    assert r.steps >= len(r.time) - 1


def test_a_cutoff_inside_a_long_step_ends_the_rows_there():
    d = _design(2, 2)
    fast = simulate(d, constant_current(1.0, unit="C"), dt=1.0, per_cell=False)
    every = simulate(d, constant_current(1.0, unit="C"), dt=1.0, per_cell=False,
                     interior_rows=False)
    assert fast.cutoff_kind == every.cutoff_kind == "min_voltage"
    assert fast.cutoff_time == pytest.approx(every.cutoff_time, abs=0.05)
    assert fast.time[-1] == fast.cutoff_time
    assert np.all(np.diff(fast.time) > 0) and np.diff(fast.time).max() <= 1.0 + 1e-9
    assert float(fast.min_cell_voltage[-1]) == pytest.approx(d.cell.min_voltage, abs=1e-6)
    assert float(fast.min_cell_voltage[:-1].min()) > d.cell.min_voltage


def test_a_row_beyond_a_limit_ends_the_step_on_that_row(monkeypatch):
    """Should a row inside a step be beyond a limit (its ends are not), the step is taken
    again to that row, exactly, and the exact state decides."""
    d = _design()
    prof = constant_current(1.0, 600, unit="C")
    plain = simulate(d, prof, dt=1.0)
    calls = []
    real = stepping.interior_rows

    def faked(*args):
        rows, ok, available, fill = real(*args)
        calls.append(len(calls))
        if len(calls) == 20:  # the second row of one step reads as empty
            ok, available = ok.copy(), available.copy()
            ok[1], available[1] = False, -1.0
        return rows, ok, available, fill

    monkeypatch.setattr(stepping, "interior_rows", faked)
    r = simulate(d, prof, dt=1.0)
    assert len(calls) > 20
    assert r.cutoff_kind is None
    np.testing.assert_array_equal(r.time, plain.time)
    assert r.steps > plain.steps
    assert np.abs(r.cell_voltage - plain.cell_voltage).max() < 2e-4


@pytest.mark.parametrize("centre", [0.0, 0.05, 0.12, 0.5, 0.9995, 1.0])
def test_the_ocv_of_rows_in_one_table_interval_is_np_interp_to_the_bit(centre):
    from naion_designer.core.simulate.interior import _ocv

    cell = library().get("tob-18650-c-na")
    x, y = (np.asarray(a, float) for a in cell.ocv.arrays())
    soc = np.clip(centre + np.random.default_rng(1).uniform(-5e-4, 5e-4, (4, 100)), 0, 1)
    soc[0, 0] = centre  # on a breakpoint
    got = _ocv(x, y, soc, float(soc.min()), float(soc.max()))
    np.testing.assert_array_equal(got, np.interp(soc, x, y))


def test_no_step_with_rows_inside_crosses_a_corner_of_the_ocv_table(monkeypatch):
    """Where a cell's SOC passes a breakpoint of its OCV table its current turns, so the steps
    around it end on every row; every step that has rows inside stays between breakpoints."""
    d = _design(2, 3)
    x = np.asarray(d.cell.ocv.arrays()[0], float)
    spans = []
    real = stepping.interior_rows

    def watched(model, limits, weights, st0, st1, h, t0, times):
        spans.append((st0.soc.copy(), st1.soc.copy()))
        return real(model, limits, weights, st0, st1, h, t0, times)

    monkeypatch.setattr(stepping, "interior_rows", watched)
    r = simulate(d, constant_current(1.0, 1800, unit="C"), dt=1.0)
    assert len(spans) > 50 and r.steps < 0.5 * len(r.time)
    for a, b in spans:
        assert np.array_equal(x.searchsorted(a, side="right"), x.searchsorted(b, side="right"))
    # ... and the run did pass breakpoints (0.95 … 0.55 at 1C for 1,800 s)
    assert (x.searchsorted(r.cell_soc[0].ravel()) != x.searchsorted(r.cell_soc[-1].ravel())).all()


def test_rows_inside_steps_against_the_coupled_solution():
    """The 4P circuit of `test_simulate_circuit` (R0 1.8–2.4 mΩ, 48 A, rest, −24 A) with the
    reference cell's OCV table thinned to every fifth point, so that its corners are 0.05 of SOC
    apart and many rows lie inside steps, against the coupled solution built in that module."""
    import dataclasses

    from naion_designer.core.cell import Table1D
    from naion_designer.core.pack import CellOverride

    from .test_simulate import refsim_cell
    from .test_simulate_circuit import LINE, R0S, reference

    cell = refsim_cell()
    x, y = (np.asarray(a, float) for a in cell.ocv.arrays())
    keep = np.unique(np.r_[np.arange(0, len(x), 5), len(x) - 1])
    cell = dataclasses.replace(cell, ocv=Table1D(tuple(x[keep]), tuple(y[keep])))
    ov = tuple(CellOverride(0, p, (("resistance", r),)) for p, r in enumerate(R0S))
    d = PackDesign(cell=cell, series=1, parallel=4, layout=LINE, cell_overrides=ov,
                   interconnect=Interconnect(cell_connection=0.0, busbar_segment=0.1e-3,
                                             terminal=0.0))
    prof = constant_current(48.0, 1200) + rest(300) + constant_current(-24.0, 300)
    ref = reference(d, [(48.0, 1200.0), (0.0, 300.0), (-24.0, 300.0)])
    res = simulate(d, prof, dt=1.0)
    assert res.steps < 0.7 * len(res.time)
    assert np.abs(res.cell_current - ref).max() < 1.5e-3  # A (0.54 mA a step on every row)


def test_no_long_steps_while_the_cells_warm_fast():
    """A cold start at 3C: R0 falls quickly as the cells warm, and a step holds the temperature
    factors of its start, so steps stay a row long until the warming slows (with long steps
    the cell voltages were 0.12 V off)."""
    d = _design(2, 4)
    prof = constant_current(3.0, unit="C")
    fast = simulate(d, prof, dt=1.0, ambient=258.15)
    every = simulate(d, prof, dt=1.0, ambient=258.15, interior_rows=False)
    n = min(len(fast.time), len(every.time)) - 1
    assert np.abs(fast.cell_voltage[:n] - every.cell_voltage[:n]).max() < 2e-3
    assert fast.cutoff_time == pytest.approx(every.cutoff_time, abs=0.05)


def test_long_steps_between_the_two_upper_temperature_limits():
    """Discharging between the charge and the discharge temperature limits is within limits:
    the rows inside steps are checked as the step ends are (by the current's direction)."""
    d = _design(2, 2)
    assert d.cell.charge_temperature[1] < 330.15 < d.cell.discharge_temperature[1]
    prof = constant_current(1.0, 1200, unit="C")
    fast = simulate(d, prof, dt=1.0, ambient=330.15)
    every = simulate(d, prof, dt=1.0, ambient=330.15, interior_rows=False)
    assert fast.cutoff_kind is None and every.cutoff_kind is None
    assert fast.steps < 0.5 * every.steps


def test_the_warming_rule_counts_r0_at_the_cells_soc_and_current():
    """hakadi-18650-1500 has an R0 table over SOC and C-rate (8–19 times its base R0 near
    empty) and a diffusion time constant: the cut-off of long steps is where a step a row puts
    it (the rule once counted the base R0 only, and the cut-off came 0.35 s early)."""
    ic = Interconnect(cell_connection=0.5e-3, busbar_segment=0.1e-3, terminal=0.05e-3)
    d = PackDesign(cell=library().get("hakadi-18650-1500"), series=3, parallel=2,
                   interconnect=ic)
    prof = constant_current(2.3, unit="C")
    fast = simulate(d, prof, dt=1.0, per_cell=False)
    every = simulate(d, prof, dt=1.0, per_cell=False, interior_rows=False)
    assert fast.steps < 0.5 * every.steps
    assert fast.cutoff_time == pytest.approx(every.cutoff_time, abs=0.05)
