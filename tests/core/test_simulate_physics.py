"""The cell model against hand calculations and physical laws: heat (ohmic, RC, entropic), SOC as
a coulomb count, cold charge that warming neither creates nor destroys, rate capability, and the
warning when a profile exceeds the cells' continuous rating."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from scipy.integrate import quad

from naion_designer.core.cell import Table1D, diffusion_time_from_rate_capacity
from naion_designer.core.pack import PackDesign, Thermal
from naion_designer.core.profiles import constant_current, rest
from naion_designer.core.simulate import simulate

from .test_simulate import refsim_cell

C0 = 273.15


def test_sustained_heat_is_ohmic_plus_rc_plus_entropic():
    """No cooling: after the RC pair settles, dT/dt = (I²(R0 + R1) − I·T·dU/dT) / (m c_p)."""
    e = 0.3e-3  # V/K
    cell = replace(refsim_cell(), entropic_coefficient=e)
    design = PackDesign(cell=cell, series=1, parallel=1,
                        thermal=Thermal(heat_transfer_coefficient=0.0))
    i = 24.0
    res = simulate(design, constant_current(i, 400), dt=1.0, soc0=0.8)
    T = res.max_cell_temperature
    k = slice(200, 400)  # 20 τ after the start: u = I·R1 within e^-20
    slope = np.polyfit(res.time[k], T[k], 1)[0]
    r0, r1 = cell.resistance, cell.rc[0].resistance
    expected = (i * i * (r0 + r1) - i * float(T[300]) * e) / (cell.mass * cell.specific_heat)
    assert slope == pytest.approx(expected, rel=3e-3)
    # the RC share alone is a third of the ohmic heat here: leaving it out would be 33 % low
    assert expected > 1.3 * (i * i * r0 - i * float(T[300]) * e) / (cell.mass *
                                                                     cell.specific_heat)


def _cold_cell(fq: Table1D):
    c = refsim_cell()
    return replace(c, temp_capacity_factor=fq, min_voltage=1.5,
                   discharge_temperature=(C0 - 40, C0 + 60))


def test_soc_is_a_coulomb_count_against_the_rated_capacity():
    """At a constant −20 °C with f_Q = 0.85 the cell delivers 0.85 Q and stops as empty while
    the soc column still shows the 15 % left in it."""
    cell = _cold_cell(Table1D((C0 - 40, C0 + 60), (0.85, 0.85)))
    design = PackDesign(cell=cell, series=1, parallel=1,
                        thermal=Thermal(ambient_temperature=C0 - 20))
    res = simulate(design, constant_current(0.2, unit="C"), dt=10.0, per_cell=False)
    assert res.cutoff_kind == "empty"
    q = cell.capacity
    assert res.charge == pytest.approx(0.85 * q, rel=2e-4)
    assert res.soc[-1] == pytest.approx(0.15, abs=2e-4)
    assert res.available[-1] == pytest.approx(0.0, abs=1e-6)
    # coulomb count at every row: soc = 1 − ∫I dt / Q
    charge = np.concatenate([[0.0], np.cumsum(np.diff(res.time) * res.pack_current[1:])])
    np.testing.assert_allclose(res.soc, 1.0 - charge / q, atol=1e-9)
    assert "cannot deliver" in res.cutoff


def test_cold_charge_is_booked_at_the_temperature_it_was_delivered():
    """A cold cell (−20 °C) warmed by a plate at 25 °C while it discharges slowly: the charge
    withheld is ∫ (I/Q)(1/f_Q(T(t)) − 1) dt over the temperature the cell had then (hand
    calculation from T(t) = 25 − 45·e^{−t/τ}), and neither grows nor shrinks in the rest that
    follows while the cell warms the rest of the way."""
    fq = Table1D((C0 - 40, C0 - 20, C0, C0 + 25), (0.6, 0.8, 0.95, 1.0))
    cell = replace(_cold_cell(fq), mass=2.0)  # density ~18 g/cm³ is not checked by simulate
    g = 1.0  # W/K to the plate
    design = PackDesign(cell=cell, series=1, parallel=1,
                        thermal=Thermal(ambient_temperature=C0 - 20, heat_transfer_coefficient=0,
                                        coolant_temperature=C0 + 25, cooling_conductance=g))
    i, t1 = 1.0, 1800.0  # 1 A: self-heating ~ 3 mW, negligible against the plate
    res = simulate(design, constant_current(i, t1) + rest(3600), dt=10.0, per_cell=True)
    tau = cell.mass * cell.specific_heat / g
    T = lambda t: C0 + 25 - 45 * np.exp(-t / tau)  # noqa: E731
    assert res.max_cell_temperature[90] == pytest.approx(T(900.0), abs=0.05)
    q = cell.capacity
    withheld = quad(lambda t: i / q * (1.0 / fq(T(t)) - 1.0), 0.0, t1)[0]
    k = int(np.searchsorted(res.time, t1))
    soc = 1.0 - i * t1 / q
    assert res.soc[k] == pytest.approx(soc, abs=1e-9)
    assert res.available[k] == pytest.approx(soc - withheld, abs=2e-5)
    # the rest: the cell warms by many kelvin, its charge and what it can deliver stay put
    assert res.max_cell_temperature[-1] - res.max_cell_temperature[k] > 10.0
    np.testing.assert_allclose(res.soc[k:], soc, atol=1e-12)
    np.testing.assert_allclose(res.available[k:], res.available[k], atol=1e-12)
    # an instantaneous factor would have given soc − (1 − f_Q(T_end)) instead
    assert abs((soc - (1 - fq(float(res.max_cell_temperature[-1])))) - res.available[-1]) > 1e-3


def test_charging_fills_the_cell_above_its_withheld_charge():
    """After a cold discharge a full recharge leaves nothing withheld: the cell is full (SOC 1,
    everything available) when the charge in it equals its rated capacity."""
    cell = _cold_cell(Table1D((C0 - 40, C0 + 60), (0.8, 0.8)))
    cell = replace(cell, max_voltage=4.5, charge_temperature=(C0 - 40, C0 + 60))
    design = PackDesign(cell=cell, series=1, parallel=1,
                        thermal=Thermal(ambient_temperature=C0 - 20))
    res = simulate(design, constant_current(6.0, 3600) + constant_current(-6.0, 3600),
                   dt=60.0, per_cell=False)
    k = int(np.searchsorted(res.time, 3600.0))
    assert res.soc[k] == pytest.approx(0.5, abs=1e-9)
    assert res.available[k] == pytest.approx(0.5 - 0.5 * (1 / 0.8 - 1), abs=1e-6)
    assert res.soc[-1] == pytest.approx(1.0, abs=1e-9)
    assert res.available[-1] == pytest.approx(1.0, abs=1e-9)


@pytest.mark.parametrize("c_rate", [0.5, 1.0, 2.0])
def test_rate_capability_loses_c_tau_over_3600(c_rate):
    """With diffusion_time_constant τ_d the cell is empty when SOC − x reaches 0, x settling
    to c·τ_d/3600: it delivers 1 − c·τ_d/3600 of its capacity at C-rate c."""
    tau_d = 90.0
    cell = replace(refsim_cell(), diffusion_time_constant=tau_d, min_voltage=1.5)
    design = PackDesign(cell=cell, series=1, parallel=1)
    res = simulate(design, constant_current(c_rate, unit="C"), dt=5.0, per_cell=False)
    assert res.cutoff_kind == "empty"
    t_end = res.cutoff_time
    x_end = c_rate * tau_d / 3600 * (1 - np.exp(-t_end / tau_d))
    assert res.charge / cell.capacity == pytest.approx(1 - x_end, abs=1e-5)
    assert res.soc[-1] == pytest.approx(x_end, abs=1e-5)  # the charge is still in the cell


def test_rate_capability_time_constant_from_a_capacity_table():
    tau_d = 120.0
    caps = [1 - 0.01 - c * tau_d / 3600 for c in (0.5, 1.0, 2.0)]
    assert diffusion_time_from_rate_capacity([0.5, 1.0, 2.0], caps) == pytest.approx(tau_d)
    with pytest.raises(ValueError, match="rate_capability"):
        diffusion_time_from_rate_capacity([1.0], [0.9])


def test_rest_after_a_fast_discharge_recovers_the_depleted_charge():
    cell = replace(refsim_cell(), diffusion_time_constant=60.0)
    design = PackDesign(cell=cell, series=1, parallel=1)
    res = simulate(design, constant_current(2.0, 600, unit="C") + rest(900), dt=10.0)
    k = int(np.searchsorted(res.time, 600.0))
    x = res.soc[k] - res.available[k]
    assert x == pytest.approx(2 * 60 / 3600 * (1 - np.exp(-10)), rel=1e-4)
    assert res.soc[-1] - res.available[-1] == pytest.approx(x * np.exp(-900 / 60), abs=1e-9)


def test_warns_when_the_profile_exceeds_the_continuous_rating():
    cell = replace(refsim_cell(), max_continuous_discharge_current=12.0)
    design = PackDesign(cell=cell, series=1, parallel=2)
    ok = simulate(design, constant_current(24.0, 60), dt=1.0)
    assert ok.warnings == []
    res = simulate(design, constant_current(48.0, 60) + rest(60), dt=1.0)
    assert len(res.warnings) == 1
    w = res.warnings[0]
    assert "continuous discharge rating" in w and "for 60 s" in w and "24 A" in w
