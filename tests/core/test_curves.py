"""Discharge curves and power capability: agree with the full simulation, and are fast."""

from __future__ import annotations

import time

import numpy as np
import pytest

from naion_designer.core.curves import discharge_curves, power_capability
from naion_designer.core.pack import Interconnect, PackDesign
from naion_designer.core.profiles import constant_current
from naion_designer.core.simulate import simulate
from naion_designer.io.library import library

from .test_simulate import refsim_cell


def test_discharge_curves_match_the_simulation():
    design = PackDesign(cell=refsim_cell(), series=4, parallel=2,
                        interconnect=Interconnect(0.3e-3, 0.0, 0.1e-3))
    curves = discharge_curves(design, c_rates=(0.5, 1.0, 2.0))
    assert [c for c, _, _ in curves] == [0.5, 1.0, 2.0]
    for c, cap, v in curves:
        res = simulate(design, constant_current(c, unit="C"), dt=10.0, per_cell=False)
        sim_cap = np.cumsum(np.r_[0, np.diff(res.time)] * res.pack_current) / 3600
        assert cap[-1] == pytest.approx(sim_cap[-1], rel=2e-3)
        # cells at 2.0 V; interconnect 4 × 0.3/2 mΩ + 2 × 0.1 mΩ = 0.8 mΩ
        assert v[-1] == pytest.approx(4 * 2.0 - c * 24 * 0.8e-3, abs=1e-4)
        # the same curve: compare at the simulation's capacities
        vi = np.interp(sim_cap[:-1], cap, v)
        assert np.max(np.abs(vi - res.pack_voltage[:-1])) < 5e-3
    # higher rate: less capacity, lower voltage
    assert curves[0][1][-1] > curves[2][1][-1]
    assert np.mean(curves[0][2]) > np.mean(curves[2][2])


def test_power_capability_shape_and_limits():
    design = PackDesign(cell=library().get("hakadi-18650-1500"), series=14, parallel=4)
    pc = power_capability(design, n=21)
    assert set(pc) >= {"soc", "power_at_min_voltage_W", "power_at_current_limit_W", "power_W"}
    assert pc["soc"][0] == 0 and pc["soc"][-1] == 1 and len(pc["soc"]) == 21
    p = pc["power_W"]
    assert np.all(p <= pc["power_at_min_voltage_W"] + 1e-9)
    ok = pc["voltage_at_current_limit_V"] >= pc["min_voltage_V"]
    assert ok[-1] and not ok[0]
    assert np.all(p[ok] <= pc["power_at_current_limit_W"][ok] + 1e-9)
    assert p[-1] > p[2] > 0  # more power when full
    # at the current limit (4 × 4.5 A) the full pack is well above its minimum voltage
    assert pc["power_at_current_limit_W"][-1] == pytest.approx(
        18.0 * pc["voltage_at_current_limit_V"][-1])
    assert pc["voltage_at_current_limit_V"][-1] > 14 * 1.5
    # at the current found for the minimum voltage the cells sit at 1.5 V
    i = pc["current_at_min_voltage_A"][10]
    assert i > 0


def test_curves_are_fast_for_a_large_pack():
    cell = library().get("hakadi-18650-1500")
    design = PackDesign(cell=cell, series=100, parallel=10,
                        interconnect=Interconnect(0.5e-3, 0.1e-3, 0.05e-3))
    discharge_curves(design)
    power_capability(design)
    t = time.perf_counter()
    discharge_curves(design)
    power_capability(design)
    assert time.perf_counter() - t < 0.2  # ~10-20 ms on a quiet machine


def test_cold_reduces_capacity():
    design = PackDesign(cell=library().get("hakadi-18650-1500"), series=1, parallel=1)
    warm = discharge_curves(design, c_rates=(0.5,))[0][1][-1]
    cold = discharge_curves(design, c_rates=(0.5,), ambient=253.15)[0][1][-1]
    assert cold < 0.8 * warm


def test_impedance_factor_scales_r0_and_rc_pairs_a_resistance_override_only_r0():
    """Every cell at impedance factor 2 is the cell with R0 and its RC resistances doubled; an
    override of `resistance` to 2 × R0 doubles R0 only."""
    from dataclasses import replace

    from naion_designer.core.cell import RCPair
    from naion_designer.core.pack import CellOverride

    cell = replace(library().get("hakadi-18650-1500"), r0_rate=None)  # R0 a constant
    assert cell.rc and cell.r0_soc is None

    def every_cell(field, value):
        return tuple(CellOverride(s, p, ((field, value),)) for s in range(2) for p in range(2))

    base = dict(series=2, parallel=2)
    factor = PackDesign(cell=cell, **base, cell_overrides=every_cell("impedance_factor", 2.0))
    doubled = replace(cell, resistance=2 * cell.resistance,
                      rc=tuple(RCPair(2 * p.resistance, p.capacitance / 2) for p in cell.rc))
    override = PackDesign(cell=cell, **base,
                          cell_overrides=every_cell("resistance", 2 * cell.resistance))
    r0_only = replace(cell, resistance=2 * cell.resistance)
    for a, b in ((factor, PackDesign(cell=doubled, **base)),
                 (override, PackDesign(cell=r0_only, **base))):
        (_, _, va), (_, _, vb) = discharge_curves(a, c_rates=(1.0,))[0], \
            discharge_curves(b, c_rates=(1.0,))[0]
        np.testing.assert_allclose(va, vb, rtol=1e-12)
