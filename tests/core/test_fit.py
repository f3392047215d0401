"""The cell fit on synthetic runs made by the project's own simulator from a known cell, with
noise added (1 mV on the voltage, 0.1 % on the current).

Stated tolerances (single-rate data: a 1C pulse test with 30-min rests and a 1C discharge):
capacity within 0.2 % of the charge delivered to the cut-off, R0 within 5 %, each RC resistance
and time constant within 10 %, the OCV within 15 mV over SOC 0.1-1, training RMS below 5 mV.
"""

from __future__ import annotations

import numpy as np
import pytest

from naion_designer.core.fit import FitOptions, Run, fit_cell, recursion
from naion_designer.core.fit.steps import detect_steps, relaxed_voltages
from naion_designer.core.profiles import cc_cv_charge, constant_current, rest
from naion_designer.core.units import InputError

from .fit_synthetic import OCV_SOC, OCV_V, gitt, known_cell, run_from


@pytest.fixture(scope="module")
def cell():
    return known_cell()


@pytest.fixture(scope="module")
def runs(cell):
    return {"gitt": run_from(cell, gitt(cell), "gitt.csv"),
            "1c": run_from(cell, constant_current(12.0), "cc-1c.csv", dt=5, seed=2),
            "0c5": run_from(cell, constant_current(6.0), "cc-0c5.csv", dt=5, seed=1),
            "2c": run_from(cell, constant_current(24.0), "cc-2c.csv", dt=5, seed=3)}


@pytest.fixture(scope="module")
def single_rate(runs):
    return fit_cell([runs["gitt"], runs["1c"]], [], FitOptions(rc_pairs=2))


def test_recovers_the_known_cell(single_rate, runs, cell):
    fitted = single_rate.cell
    delivered = runs["1c"].charge_through()[-1]
    assert fitted.capacity == pytest.approx(delivered, rel=2e-3)
    assert fitted.resistance == pytest.approx(cell.resistance, rel=0.05)
    assert len(fitted.rc) == 2
    for got, want in zip(fitted.rc, cell.rc, strict=True):
        assert got.resistance == pytest.approx(want.resistance, rel=0.10)
        assert got.tau == pytest.approx(want.tau, rel=0.10)
    # OCV compared at the same charge drawn from full (the fitted SOC counts against the
    # fitted capacity)
    q = np.linspace(0.0, 0.9, 10) * cell.capacity
    got = fitted.ocv(1 - q / fitted.capacity)
    want = np.interp(1 - q / cell.capacity, OCV_SOC, OCV_V)
    assert np.max(np.abs(got - want)) < 0.015
    for r in single_rate.reports:
        assert r.rms < 0.005, r.file
    # what came from the fit is said so, in the cell's [fit] table
    fit = fitted.extra["fit"]
    assert {"capacity", "resistance", "rc", "ocv"} <= set(fit["fitted"])
    assert [f["file"] for f in fit["files"]] == ["gitt.csv", "cc-1c.csv"]
    assert all(len(f["sha256"]) == 64 for f in fit["files"])
    assert "relaxed voltages" in fit["ocv_source"]


def test_several_rates_predict_a_held_out_rate(runs):
    res = fit_cell([runs["gitt"], runs["0c5"], runs["2c"]], [runs["1c"]], FitOptions())
    assert res.cell.r0_rate is not None and len(res.cell.r0_rate.c_rate) == 3
    held = next(r for r in res.reports if r.role == "hold-out")
    assert held.file == "cc-1c.csv"
    assert held.rms < 0.030
    assert abs(held.capacity_error) < 0.01
    assert held.fit_rms is None  # never seen by the fit


def test_r0_versus_temperature_from_logged_temperatures():
    """Runs at 5 °C and 40 °C ambient, each with its logged cell temperature: the Arrhenius
    factor of R0 and the RC resistances is found (true: 30 kJ/mol) and written as the cell's
    temperature table; a run at 20 °C is held out."""
    from naion_designer.core.cell import Table1D
    from naion_designer.core.fit.impedance import arrhenius

    tk = np.array([253.15, 273.15, 298.15, 323.15])
    truth = known_cell(resistance_factor=Table1D(tuple(tk), tuple(arrhenius(tk, 30.0))))
    cold = run_from(truth, gitt(truth, pulses=9), "cold.csv", ambient=278.15,
                    logged_temperature=True)
    warm = run_from(truth, gitt(truth, pulses=9), "warm.csv", ambient=313.15, seed=3,
                    logged_temperature=True)
    cc = run_from(truth, constant_current(12.0), "cc.csv", dt=5, ambient=298.15, seed=4,
                  logged_temperature=True)
    mid = run_from(truth, constant_current(12.0), "mid.csv", dt=5, ambient=293.15, seed=5,
                   logged_temperature=True)
    res = fit_cell([cold, warm, cc], [mid], FitOptions())
    fit = res.cell.extra["fit"]
    assert float(fit["activation_energy"].split()[0]) == pytest.approx(30.0, rel=0.15)
    assert "temperature_effects.resistance_factor" in fit["fitted"]
    f = res.cell.temp_resistance_factor
    assert float(f(278.15)) == pytest.approx(float(arrhenius(np.array(278.15), 30.0)), rel=0.1)
    held = next(r for r in res.reports if r.role == "hold-out")
    assert held.rms < 0.03
    from naion_designer.io.cell_file import cell_from_dict, cell_to_dict

    again = cell_from_dict(cell_to_dict(res.cell))
    assert again.temp_resistance_factor == res.cell.temp_resistance_factor


def test_too_little_data_is_refused(runs):
    r = runs["1c"]
    short = Run("short.csv", "0" * 64, r.time[:50], r.current[:50], r.voltage[:50])
    with pytest.raises(InputError, match="too little data"):
        fit_cell([short], [], FitOptions())


def test_one_rate_without_rests_cannot_separate_ocv_from_resistance(runs):
    with pytest.raises(InputError, match="cannot tell the OCV from the resistance"):
        fit_cell([runs["1c"]], [], FitOptions())


def test_a_poor_fit_is_refused_not_written(runs):
    """A residual above the limit refuses the fit and says which file and by how much (here
    the limit is set below the 1 mV noise of the data)."""
    with pytest.raises(InputError, match=r"cannot be trusted: simulated against \S+\.csv, its voltage RMS is \d+ mV"):
        fit_cell([runs["gitt"], runs["1c"]], [], FitOptions(max_rms=0.0005))


def test_capacity_needs_a_full_discharge_or_the_option(cell, runs):
    part = run_from(cell, constant_current(12.0, 1800.0), "half.csv", dt=5)
    with pytest.raises(InputError, match="no full discharge.*--capacity"):
        fit_cell([runs["gitt"], part], [], FitOptions())
    res = fit_cell([runs["gitt"], part], [], FitOptions(capacity=cell.capacity))
    assert res.cell.capacity == cell.capacity
    assert res.capacity_source.startswith("given")


def test_step_detection(cell):
    run = run_from(cell, rest(600) + constant_current(12.0, 60) + rest(900)
                   + constant_current(12.0, 1200) + rest(1200)
                   + cc_cv_charge(6.0, cutoff_current=0.6) + rest(300),
                   "steps.csv", noise_v=0.0, noise_i=0.0, soc0=1.0)
    kinds = [s.kind for s in detect_steps(run)]
    assert kinds[:5] == ["rest", "pulse", "rest", "cc", "rest"]
    assert "cv" in kinds and kinds[-1] == "rest"
    cv = next(s for s in detect_steps(run) if s.kind == "cv")
    assert cv.current < 0 and abs(cv.v_end - cell.max_voltage) < 0.01
    relaxed = relaxed_voltages(run, detect_steps(run))
    assert relaxed[0][2] == "after-charge"  # the opening rest
    assert any(k == "after-discharge" for _, _, k in relaxed)


def test_block_recursion_matches_the_loop():
    rng = np.random.default_rng(1)
    for m in (0, 1, 63, 64, 65, 1000, 20000):
        a = np.exp(-rng.uniform(0, 3, m))
        b = rng.normal(size=m)
        x = np.zeros(m + 1)
        for k in range(m):
            x[k + 1] = a[k] * x[k] + b[k]
        np.testing.assert_allclose(recursion.solve(a, b), x, atol=1e-12)


def test_a_given_diffusion_time_is_held_and_the_rest_recovered():
    """Runs from a cell with a 60 s diffusion term: fitted with τ_d held at 60 s, R0 and the
    RC pairs come back within the stated tolerances and the cell carries τ_d; the fit table
    says where it came from, and it is not listed as fitted."""
    from dataclasses import replace

    cell = replace(known_cell(), diffusion_time_constant=60.0)
    train = [run_from(cell, gitt(cell), "gitt-d.csv"),
             run_from(cell, constant_current(12.0), "cc-1c-d.csv", dt=5, seed=2)]
    res = fit_cell(train, [], FitOptions(rc_pairs=2, diffusion_time=60.0))
    fitted = res.cell
    assert fitted.diffusion_time_constant == 60.0
    assert fitted.resistance == pytest.approx(cell.resistance, rel=0.05)
    for got, want in zip(fitted.rc, cell.rc, strict=True):
        assert got.resistance == pytest.approx(want.resistance, rel=0.10)
        assert got.tau == pytest.approx(want.tau, rel=0.10)
    for r in res.reports:
        assert r.rms < 0.005, r.file
    fit = fitted.extra["fit"]
    assert "diffusion_time_constant" not in fit["fitted"]
    assert fit["diffusion_time_constant"].startswith("60 s, given")
    with pytest.raises(InputError, match="--diffusion-time"):
        fit_cell(train, [], FitOptions(diffusion_time=0.1))
