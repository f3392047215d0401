"""Batched Monte Carlo: N packs in one vectorised run equal N separate seeded runs, seeded runs
repeat bit for bit, and the percentiles are those of the packs' figures."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from naion_designer.core.pack import Interconnect, PackDesign
from naion_designer.core.profiles import cc_cv_charge, constant_current, constant_power, rest
from naion_designer.core.simulate import simulate
from naion_designer.core.simulate.batch import pack_seeds, simulate_batch
from naion_designer.core.units import InputError

from .test_simulate import refsim_cell

SPREAD = {"capacity_cv": 0.03, "resistance_cv": 0.08, "soc0_cv": 0.01}


def _design():
    cell = replace(refsim_cell(), entropic_coefficient=-0.1e-3)
    return PackDesign(cell=cell, series=3, parallel=2,
                      interconnect=Interconnect(cell_connection=0.3e-3, busbar_segment=0.1e-3))


# every pack cuts off at its own time, under a current and then a power demand
PROFILE = constant_current(12.0, 600) + rest(120) + constant_power(150.0)


@pytest.fixture(scope="module")
def batch():
    return simulate_batch(_design(), PROFILE, packs=6, seed=11, spread=SPREAD, dt=5.0)


def test_batched_equals_separate_seeded_runs(batch):
    assert all(k is not None for k in batch.cutoff_kind)
    assert np.ptp(batch.cutoff_time) > 10.0  # the packs really differ
    seeds = pack_seeds(11, 6)
    for b in range(6):
        one = simulate_batch(_design(), PROFILE, seeds=[seeds[b]], spread=SPREAD, dt=5.0)
        assert one.energy[0] == pytest.approx(batch.energy[b], rel=1e-9, abs=0)
        assert one.lowest_cell_voltage[0] == pytest.approx(batch.lowest_cell_voltage[b],
                                                           abs=1e-9)
        assert one.highest_cell_temperature[0] == pytest.approx(
            batch.highest_cell_temperature[b], abs=1e-9)
        assert one.cutoff_time[0] == pytest.approx(batch.cutoff_time[b], abs=1e-9)
        assert one.cutoff[0] == batch.cutoff[b]
        k = one.rows[0]
        assert k == batch.rows[b]
        np.testing.assert_allclose(one.pack_voltage[:k, 0], batch.pack_voltage[:k, b],
                                   rtol=0, atol=1e-9)


def test_batched_agrees_with_the_single_pack_simulation(batch):
    """The same pack through `simulate` (its own step control): the same physics."""
    seeds = pack_seeds(11, 6)
    for b in (0, 3):
        s = simulate(_design(), PROFILE, dt=5.0, spread=SPREAD, seed=seeds[b], per_cell=False)
        assert s.cutoff_kind == batch.cutoff_kind[b]
        assert s.cutoff_time == pytest.approx(batch.cutoff_time[b], abs=0.05)
        assert s.energy == pytest.approx(batch.energy[b], rel=2e-5)
        assert s.min_cell_voltage.min() == pytest.approx(batch.lowest_cell_voltage[b], abs=1e-4)


def test_seeded_runs_repeat_bit_for_bit(batch):
    again = simulate_batch(_design(), PROFILE, packs=6, seed=11, spread=SPREAD, dt=5.0)
    for name in ("energy", "lowest_cell_voltage", "highest_cell_temperature", "cutoff_time",
                 "pack_voltage"):
        np.testing.assert_array_equal(getattr(again, name), getattr(batch, name))
    other = simulate_batch(_design(), PROFILE, packs=6, seed=12, spread=SPREAD, dt=5.0)
    assert not np.array_equal(other.energy, batch.energy)


def test_percentiles(batch):
    pct = batch.percentiles()
    e = batch.energy / 3600
    assert pct["energy_Wh"]["P50"] == pytest.approx(np.median(e))
    assert pct["energy_Wh"]["P5"] <= pct["energy_Wh"]["P50"] <= pct["energy_Wh"]["P95"]
    assert pct["energy_Wh"]["P5"] >= e.min() and pct["energy_Wh"]["P95"] <= e.max()
    assert set(pct) == {"energy_Wh", "min_cell_voltage_V", "max_cell_temperature_C"}


def test_no_spread_gives_equal_packs_and_cccv_is_refused():
    d = _design()
    r = simulate_batch(d, constant_current(12.0, 300), packs=3, seed=1, spread=False)
    assert np.ptp(r.energy) == 0.0 and np.ptp(r.pack_voltage[-1]) == 0.0
    with pytest.raises(InputError, match="^profile: "):
        simulate_batch(d, cc_cv_charge(6.0), packs=2, seed=1)
    with pytest.raises(InputError, match="^packs: "):
        simulate_batch(d, constant_current(12.0, 300), packs=0)


def test_a_retry_after_a_stuck_pack_leaves_the_other_packs_as_alone(monkeypatch):
    """Pack 1 gives up on a step (forced) while pack 0 refactorises its chord during that try
    (its chord made three times too large the step before): the retry starts pack 0 from the
    chord it began the step with, so pack 0 equals its separate run bit for bit."""
    from naion_designer.core.simulate import model as model_module
    from naion_designer.core.simulate.state import PackState

    real = model_module.chord_newton_step
    seen = {}

    def forcing(model, st, h, dem, demand_value, running):
        before = model._rm_ref
        out = real(model, st, h, dem, demand_value, running)
        if h <= 0 or not isinstance(out, PackState):
            return out
        n = seen["calls"] = seen.get("calls", 0) + 1
        cells = model.pack_of == 0
        if n == 19:  # pack 0's chord far from its cells: it refactorises in the next step
            model._rm_ref = np.where(cells, 3.0 * model._rm_ref, model._rm_ref)
            model._coefficients.clear()
            model._systems.clear()
        if n == 20:
            seen.setdefault("refactorised", []).append(
                not np.array_equal(before[cells], model._rm_ref[cells]))
            if model.B == 2:
                return np.array([False, True])  # pack 1 gave up
        return out

    monkeypatch.setattr(model_module, "chord_newton_step", forcing)
    seeds = pack_seeds(5, 2)
    profile = constant_current(12.0, 300)
    both = simulate_batch(_design(), profile, seeds=seeds, spread=SPREAD, dt=5.0)
    assert seen["refactorised"] == [True]
    seen.clear()
    alone = simulate_batch(_design(), profile, seeds=seeds[:1], spread=SPREAD, dt=5.0)
    assert seen["refactorised"] == [True]
    assert both.cutoff[0] is None and alone.rows[0] == both.rows[0]
    for name in ("pack_voltage", "pack_current", "soc", "min_cell_voltage",
                 "max_cell_temperature"):
        np.testing.assert_array_equal(getattr(alone, name)[:, 0], getattr(both, name)[:, 0])
    assert alone.energy[0] == both.energy[0]


def test_each_pack_of_a_batch_takes_its_own_retries(monkeypatch):
    """Pack 1 gives up on a step, then pack 0 gives up in the retry (both forced): each pack
    retries from the chord its own previous try left it with, as alone, and each equals its
    separate run in which it gives up once on the same step."""
    from naion_designer.core.simulate import model as model_module
    from naion_designer.core.simulate.state import PackState

    real = model_module.chord_newton_step
    seen = {}

    def forcing(model, st, h, dem, demand_value, running):
        out = real(model, st, h, dem, demand_value, running)
        if h <= 0:
            return out
        if not seen["states"] or seen["states"][-1] is not st:
            seen["states"].append(st)
            seen["tries"] = 0
        k = seen["tries"]
        seen["tries"] += 1
        if len(seen["states"]) == 20 and isinstance(out, PackState) and k < len(seen["fails"]):
            return np.array(seen["fails"][k])
        return out

    def run(seeds, fails):
        seen.update(states=[], tries=0, fails=fails)
        return simulate_batch(_design(), constant_current(12.0, 300), seeds=seeds,
                              spread=SPREAD, dt=5.0)

    monkeypatch.setattr(model_module, "chord_newton_step", forcing)
    seeds = pack_seeds(5, 2)
    both = run(seeds, [[False, True], [True, False]])
    for b in (0, 1):
        alone = run(seeds[b:b + 1], [[True]])
        for name in ("pack_voltage", "pack_current", "soc", "min_cell_voltage",
                     "max_cell_temperature"):
            np.testing.assert_array_equal(getattr(alone, name)[:, 0], getattr(both, name)[:, b])
