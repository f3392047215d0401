"""Time-domain simulation: the refsim validation, step-size independence, cut-offs, cancel."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from naion_designer.core.cell import Cell, RCPair, Table1D
from naion_designer.core.pack import CellOverride, Interconnect, Layout, PackDesign
from naion_designer.core.profiles import (
    cc_cv_charge,
    constant_current,
    constant_power,
    from_steps,
    pulse_train,
    rest,
)
from naion_designer.core.simulate import SimulationCancelled, simulate

DATA = Path(__file__).resolve().parent.parent / "data"

REFSIM = DATA / "refsim"


def refsim_cell() -> Cell:
    d = json.loads((REFSIM / "cell_parameters.json").read_text())
    cell = Cell(id="refsim-12ah", maker="PyBaMM reference", model="Thevenin 1RC",
                form_factor="cylindrical", cathode="-", anode="-", source="refsim",
                nominal_voltage=3.2, capacity=d["capacity_Ah"] * 3600.0,
                max_voltage=d["upper_cutoff_V"], min_voltage=d["lower_cutoff_V"],
                resistance=d["R0_ohm"], max_continuous_discharge_current=36.0,
                max_continuous_charge_current=12.0, mass=0.38, height=0.14, diameter=0.032,
                ocv=Table1D(tuple(d["ocv_table"]["soc"]), tuple(d["ocv_table"]["ocv_V"])),
                rc=(RCPair(d["R1_ohm"], d["C1_F"]),))
    cell.validate()
    return cell


@pytest.fixture(scope="module")
def ref():
    return np.genfromtxt(REFSIM / "cell_cc_1C_discharge.csv", delimiter=",", names=True)


def test_refsim_1c_discharge_within_1mv(ref):
    design = PackDesign(cell=refsim_cell(), series=1, parallel=1)
    res = simulate(design, constant_current(1.0, unit="C"), dt=1.0)
    # cut-off at 3590.60 s, the last row at the cut-off
    assert res.cutoff_kind == "min_voltage"
    assert "s0 p0" in res.cutoff and "2.00 V" in res.cutoff
    assert res.cutoff_time == pytest.approx(ref["time_s"][-1], abs=1.0)
    assert res.time[-1] == res.cutoff_time
    assert res.pack_voltage[-1] == pytest.approx(2.0, abs=1e-3)
    assert len(res.time) == len(ref)
    np.testing.assert_allclose(res.time[:-1], ref["time_s"][:-1], atol=1e-9)
    assert np.max(np.abs(res.pack_voltage - ref["voltage_V"])) < 1e-3
    np.testing.assert_allclose(res.soc, ref["soc"], atol=1e-4)
    np.testing.assert_allclose(res.pack_current, 12.0)
    assert res.cell_voltage.shape == (len(ref), 1, 1)


def test_refsim_any_output_interval(ref):
    design = PackDesign(cell=refsim_cell(), series=1, parallel=1)
    res = simulate(design, constant_current(12.0), dt=60.0, per_cell=False)
    assert res.cell_current is None
    assert res.cutoff_time == pytest.approx(ref["time_s"][-1], abs=1.0)
    idx = np.searchsorted(ref["time_s"], res.time[:-1])
    assert np.max(np.abs(res.pack_voltage[:-1] - ref["voltage_V"][idx])) < 1e-3
    assert np.all(np.diff(res.time[:-1]) == 60.0)


def four_cell_group(**kw) -> PackDesign:
    cell = refsim_cell()
    ic = Interconnect(cell_connection=0.0, busbar_segment=0.1e-3, terminal=0.0,
                      terminal_side="same")
    overrides = tuple(CellOverride(0, p, (("resistance", r),))
                      for p, r in enumerate((1.8e-3, 2.0e-3, 2.2e-3, 2.4e-3)))
    return PackDesign(cell=cell, series=1, parallel=4, interconnect=ic, cell_overrides=overrides,
                      layout=Layout(group_shape=(4, 1)), **kw)


def test_parallel_group_current_sharing_shape():
    """The nearest cell carries ~2x the farthest at the start of a 1C discharge, relaxing."""
    design = four_cell_group()
    res = simulate(design, constant_current(1.0, 900, unit="C"), dt=1.0)
    i = res.cell_current[:, 0, :]
    np.testing.assert_allclose(i.sum(axis=1), res.pack_current, rtol=1e-9)
    ratio = i[:, 0] / i[:, 3]
    assert 1.6 < ratio[0] < 2.6
    assert np.all(np.diff(i[0]) < 0)  # current falls with distance from the terminals
    # relaxing over minutes: the ratio falls steadily over the first minutes
    assert ratio[60] < ratio[0] - 0.05
    assert ratio[300] < ratio[60]
    assert ratio[300] > 1.0


def test_output_interval_does_not_change_results():
    design = four_cell_group()
    prof = constant_current(1.0, 600, unit="C") + rest(300) + constant_current(-0.5, 300, unit="C")
    a = simulate(design, prof, dt=1.0)
    b = simulate(design, prof, dt=10.0)
    ia = np.searchsorted(a.time, b.time)
    assert np.all(np.abs(a.time[ia] - b.time) < 1e-9)
    assert np.max(np.abs(a.pack_voltage[ia] - b.pack_voltage)) < 2e-4
    assert np.max(np.abs(a.cell_current[ia] - b.cell_current)) < 0.02  # A of ~3-6 A
    assert np.max(np.abs(a.cell_soc[ia] - b.cell_soc)) < 1e-5


def test_constant_power_and_energy():
    design = PackDesign(cell=refsim_cell(), series=2, parallel=1)
    res = simulate(design, constant_power(200.0, 600), dt=5.0)
    np.testing.assert_allclose(res.pack_current * res.pack_voltage, 200.0, rtol=1e-6)
    assert res.energy == pytest.approx(200.0 * 600, rel=1e-3)
    assert res.cutoff is None and res.time[-1] == 600


def test_cccv_charge_tapers_at_the_max_voltage():
    design = PackDesign(cell=refsim_cell(), series=1, parallel=2)
    # this cell's OCV reaches 3.95 V at SOC 1: hold 3.9 V so that the current tapers
    res = simulate(design, cc_cv_charge(1.0, voltage=3.9, unit="C"), dt=10.0, soc0=0.5)
    assert res.cutoff is None
    assert res.max_cell_voltage.max() <= 3.9 + 1e-6
    cv = res.max_cell_voltage > 3.9 - 1e-4
    assert cv.any() and not cv[0]
    assert res.pack_current[0] == pytest.approx(-24.0)
    # in CV the current tapers to C/20
    assert abs(res.pack_current[-1]) < 24.0 / 20 + 0.05
    assert np.all(np.diff(res.pack_current[cv]) >= -1e-9)


def test_cutoff_on_a_current_step_is_at_the_step():
    design = PackDesign(cell=refsim_cell(), series=1, parallel=1)
    prof = from_steps([0, 100, 200], [12.0, 1000.0, 0.0])  # 1000 A drops far below 2 V at once
    res = simulate(design, prof, dt=1.0)
    assert res.cutoff_kind == "min_voltage"
    assert res.cutoff_time == 100.0
    assert res.time[-1] == 100.0 and res.pack_current[-1] == 1000.0


def test_pulse_train_and_rest_recovery():
    design = PackDesign(cell=refsim_cell(), series=1, parallel=1)
    res = simulate(design, pulse_train(36.0, 10, 0.0, 40, count=5), dt=1.0, soc0=0.8)
    assert res.time[-1] == 250
    on = res.pack_current > 0
    assert on.sum() == 5 * 10 + 1  # t=0 row under load + 10 rows per pulse minus the overlap
    v = res.pack_voltage
    assert v[11] > v[10] + 0.07  # R0 (2 mΩ × 36 A) recovers at once
    # the RC pair (tau 10 s) relaxes during the rests: the voltage recovers towards OCV
    assert v[49] > v[11] + 0.015


def test_cancel_raises_and_progress_reports():
    design = four_cell_group()
    seen = []
    calls = {"n": 0}

    def cancel():
        calls["n"] += 1
        return calls["n"] > 2

    with pytest.raises(SimulationCancelled):
        simulate(design, constant_current(1.0, unit="C"), dt=1.0, cancel=cancel,
                 progress=seen.append)
    res = simulate(design, constant_current(1.0, 1200, unit="C"), dt=1.0, progress=seen.append)
    assert seen[-1] == 1.0 and all(0 <= f <= 1 for f in seen)
    assert res.cutoff is None


def test_spread_is_seeded_and_changes_sharing():
    design = PackDesign(cell=refsim_cell(), series=2, parallel=3)
    sp = {"capacity_cv": 0.03, "resistance_cv": 0.1, "soc0_cv": 0.01}
    a = simulate(design, constant_current(1.0, 300, unit="C"), dt=10, spread=sp, seed=1)
    b = simulate(design, constant_current(1.0, 300, unit="C"), dt=10, spread=sp, seed=1)
    c = simulate(design, constant_current(1.0, 300, unit="C"), dt=10, spread=sp, seed=2)
    np.testing.assert_array_equal(a.cell_current, b.cell_current)
    assert not np.allclose(a.cell_current, c.cell_current)
    assert np.ptp(a.cell_current[-1], axis=1).min() > 0.05
    np.testing.assert_allclose(a.cell_current.sum(axis=2), 36.0, rtol=1e-9)


def test_thermal_heating_neighbours_and_cooling_plate():
    cell = replace(refsim_cell(), entropic_coefficient=-0.2e-3)
    # one cell of a 3S3P pack with 3x the resistance heats most; conduction warms its neighbours
    design = PackDesign(cell=cell, series=3, parallel=3,
                        cell_overrides=(CellOverride(1, 1, (("resistance", 6e-3),)),))
    design = design.evolve(thermal=replace(design.thermal, neighbour_conductance=0.5))
    hot = simulate(design, constant_current(2.0, 1200, unit="C"), dt=60, per_cell=True)
    assert hot.max_cell_temperature[-1] > 298.15 + 0.5
    assert tuple(hot.hottest_cell[-1]) == (1, 1)
    T = hot.cell_temperature[-1]
    assert T[0, 1] > T[0, 0] and T[1, 0] > T[0, 0]  # neighbours of the hot cell vs a corner
    cooled_design = design.evolve(thermal=replace(design.thermal, coolant_temperature=288.15,
                                                  cooling_conductance=1.0))
    cooled = simulate(cooled_design, constant_current(2.0, 1200, unit="C"), dt=60)
    assert cooled.max_cell_temperature[-1] < hot.max_cell_temperature[-1] - 0.3
    assert cooled.min_cell_temperature[-1] < 298.15


def test_every_topology_and_terminal_side_runs():
    cell = refsim_cell()
    for topo in ("series-groups", "parallel-strings"):
        for side in ("same", "opposite"):
            ic = Interconnect(0.2e-3, 0.1e-3, 0.05e-3, side)
            d = PackDesign(cell=cell, series=3, parallel=4, topology=topo, interconnect=ic)
            r = simulate(d, constant_current(1.0, 120, unit="C"), dt=30)
            np.testing.assert_allclose(r.cell_current.sum(axis=2), 48.0, rtol=1e-9)
            # pack voltage = sum of group voltages minus interconnect drops: below the cells
            assert r.pack_voltage[-1] < r.cell_voltage[-1].mean(axis=1).sum()


def test_temperature_cutoff_is_located():
    # no cooling at all and a hard 4C discharge: the cell reaches its 60 °C discharge limit
    cell = replace(refsim_cell(), discharge_temperature=(243.15, 273.15 + 35.0))
    design = PackDesign(cell=cell, series=1, parallel=1)
    design = design.evolve(thermal=replace(design.thermal, heat_transfer_coefficient=0.0))
    res = simulate(design, constant_current(4.0, unit="C"), dt=10.0)
    assert res.cutoff_kind == "temperature"
    assert "35 °C" in res.cutoff and "upper limit of its discharge" in res.cutoff
    assert res.max_cell_temperature[-1] == pytest.approx(308.15, abs=1e-3)
    # adiabatic: heat = I²(R0 + R1) once the RC pair (10 s) has settled: t ≈ m·c·ΔT / q
    q = 48.0**2 * 3e-3
    assert res.cutoff_time == pytest.approx(0.38 * 1000 * 10 / q + 10, rel=0.02)


def test_charging_below_the_charge_temperature_is_refused():
    design = PackDesign(cell=refsim_cell(), series=1, parallel=1)  # charge from 0 °C
    res = simulate(design, cc_cv_charge(0.5, unit="C"), dt=10.0, soc0=0.5, ambient=263.15)
    assert res.cutoff_kind == "temperature" and res.cutoff_time == 0.0
    assert "lower limit of its charge temperature range" in res.cutoff
    ok = simulate(design, constant_current(0.5, 60, unit="C"), dt=10.0, ambient=263.15)
    assert ok.cutoff is None  # discharging at -10 °C is allowed (down to -30 °C)


def test_peak_current_and_power_cutoffs():
    cell = replace(refsim_cell(), peak_discharge_current=48.0)
    design = PackDesign(cell=cell, series=1, parallel=2,
                        interconnect=Interconnect(0.0, 0.5e-3, 0.0))
    # 90 A shared unevenly: the near cell exceeds 48 A at once
    res = simulate(design, constant_current(90.0, 60), dt=1.0)
    assert res.cutoff_kind == "current" and res.cutoff_time == 0.0
    assert res.cutoff_cell == (0, 0)
    # more power than the cell can ever give (max ~ OCV²/4R ≈ 1.9 kW at full)
    res = simulate(PackDesign(cell=refsim_cell(), series=1, parallel=1),
                   constant_power(2500.0, 60), dt=1.0)
    assert res.cutoff_kind in ("power", "min_voltage")
    assert res.cutoff_time == 0.0


def test_application_cycles_run_from_full():
    from naion_designer.core.profiles import builtin_profiles

    design = PackDesign(cell=refsim_cell(), series=4, parallel=2,
                        interconnect=Interconnect(0.2e-3, 0.1e-3, 0.05e-3))
    for pid, b in builtin_profiles().items():
        res = simulate(design, b.make(design), dt=60.0, per_cell=False)
        assert res.cutoff is None, (pid, res.cutoff)
        assert res.time[-1] == b.make(design).duration
        assert res.pack_current.max() > 0


def test_cccv_on_the_pack_voltage():
    design = PackDesign(cell=refsim_cell(), series=2, parallel=1,
                        interconnect=Interconnect(0.5e-3, 0.0, 0.1e-3))
    res = simulate(design, cc_cv_charge(1.0, voltage=7.8, unit="C", limit="pack"), dt=10.0,
                   soc0=0.5)
    assert res.cutoff is None
    assert res.pack_voltage.max() <= 7.8 + 1e-6
    assert np.sum(res.pack_voltage > 7.8 - 1e-5) > 5  # held in CV
    assert abs(res.pack_current[-1]) < 12.0 / 20 + 0.05
