"""The ageing laws against their closed forms, the cycle counting, the [ageing] table."""

import math

import numpy as np
import pytest

from naion_designer.core.ageing import (
    YEAR,
    AgeingModel,
    AgeingState,
    activation_energy,
    ageing_model,
    cycle_stress,
    fit_cycle_capacity,
    rainflow_half_cycles,
)
from naion_designer.core.units import InputError
from naion_designer.io.cell_file import cell_from_dict, cell_to_dict, read_cell_file
from naion_designer.io.library import resolve_cell

M = AgeingModel(calendar_capacity=0.03, calendar_doubling=10.0, calendar_soc_coefficient=1.2,
                cycle_capacity=5e-5, cycle_doubling=15.0, cycle_dod_exponent=0.5)


def _constant_cycle(hours: float, temperature: float, soc: float, n: int = 50):
    t = np.linspace(0.0, hours * 3600.0, n)
    shape = (n, 1, 1)
    return (t, np.zeros(shape), np.full(shape, soc), np.full(shape, temperature))


def test_calendar_fade_grows_as_the_square_root_of_time_at_constant_conditions():
    t, i, soc, temp = _constant_cycle(24, 308.15, 0.8)
    stress = cycle_stress(M, t, i, soc, temp, np.full((1, 1), 3600.0), 86400.0)
    st = AgeingState.fresh((1, 1))
    fades = [float(st.advanced(stress, y).calendar_fade()[0, 0]) for y in (1.0, 4.0, 9.0, 16.0)]
    k = float(M.calendar_rate(308.15, 0.8))
    np.testing.assert_allclose(fades, [k, 2 * k, 3 * k, 4 * k], rtol=1e-12)
    # and in blocks: the √t law is path independent in q²
    two = st.advanced(stress, 3.0).advanced(stress, 6.0)
    assert float(two.calendar_fade()[0, 0]) == pytest.approx(3 * k, rel=1e-12)
    # the SOC term: exp(k_soc (SOC - 0.5))
    assert float(M.calendar_rate(298.15, 1.0) / M.calendar_rate(298.15, 0.5)) == \
        pytest.approx(math.exp(0.6), rel=1e-12)


def test_arrhenius_doubles_the_rate_per_the_stated_temperature_rise():
    t_ref = M.reference_temperature
    assert float(M.arrhenius(t_ref + 10.0, M.calendar_doubling)) == pytest.approx(2.0, rel=1e-12)
    assert float(M.arrhenius(t_ref + 15.0, M.cycle_doubling)) == pytest.approx(2.0, rel=1e-12)
    assert float(M.arrhenius(t_ref, 10.0)) == pytest.approx(1.0)
    # the Arrhenius form, not a doubling rule: the activation energy gives any other temperature
    ea = activation_energy(10.0, t_ref)
    want = math.exp(ea / 8.314462618 * (1 / t_ref - 1 / (t_ref + 30.0)))
    assert float(M.arrhenius(t_ref + 30.0, 10.0)) == pytest.approx(want, rel=1e-12)
    assert 50e3 < ea < 56e3  # the classic "2x per 10 K" is about 53 kJ/mol at 25 degC


def _square_cycles(n_cycles: int, dod: float, c_rate: float, cap_c: float):
    """n full cycles of depth `dod` at `c_rate` (constant current up and down)."""
    i_a = c_rate * cap_c / 3600.0
    half = dod * cap_c / i_a
    t = [0.0]
    soc = [1.0]
    cur = [i_a]
    for _ in range(n_cycles):
        t += [t[-1] + half, t[-1] + half + 1e-6, t[-1] + 2 * half, t[-1] + 2 * half + 1e-6]
        soc += [1.0 - dod, 1.0 - dod, 1.0, 1.0]
        cur += [i_a, -i_a, -i_a, i_a]
    shape = (len(t), 1, 1)
    return (np.array(t), np.array(cur).reshape(shape), np.array(soc).reshape(shape),
            np.full(shape, 298.15))


@pytest.mark.parametrize("dod", [1.0, 0.5, 0.2])
def test_cycle_fade_is_linear_in_throughput_at_constant_dod(dod):
    model = AgeingModel(calendar_capacity=1e-9, calendar_resistance=0.0)
    cap = 3600.0 * 10
    fades = []
    for n in (1, 2, 4):
        t, i, soc, temp = _square_cycles(n, dod, 1.0, cap)
        period = float(t[-1])
        s = cycle_stress(model, t, i, soc, temp, np.full((1, 1), cap), period)
        per_cycle = float(s.cycle_fade_per_year[0, 0]) * period / YEAR
        fades.append(per_cycle)
        efc = float(s.throughput_efc_per_year[0, 0]) * period / YEAR
        assert efc == pytest.approx(n * dod, rel=1e-6)
    np.testing.assert_allclose(fades, [fades[0], 2 * fades[0], 4 * fades[0]], rtol=1e-6)
    # per equivalent full cycle: b · DoD^γ at 1C and the reference temperature
    assert fades[0] / dod == pytest.approx(model.cycle_capacity * dod ** model.cycle_dod_exponent,
                                           rel=1e-6)


def test_rainflow_counts_nested_cycles():
    # one big cycle 1 -> 0 -> 1 with a small 0.6 -> 0.4 -> 0.6 inside it
    x = np.array([1.0, 0.6, 0.4, 0.6, 0.0, 1.0])
    d = np.sort(rainflow_half_cycles(x))
    np.testing.assert_allclose(d, [0.2, 0.2, 1.0, 1.0])
    assert rainflow_half_cycles(np.full(5, 0.5)).size == 0


def test_fit_reaches_the_stated_cycle_life():
    model = fit_cycle_capacity(4500, 0.8, AgeingModel())
    years = 4500 * 2.5 * 3600 / YEAR
    fade = float(model.calendar_fade(years, 298.15, 0.5)) + 4500 * model.cycle_capacity
    assert fade == pytest.approx(0.2, rel=1e-9)
    # a very long cycle life: the calendar part is capped at half of the budget
    long = fit_cycle_capacity(50_000, 0.8, AgeingModel(calendar_capacity=0.05))
    years = 50_000 * 2.5 * 3600 / YEAR
    assert float(long.calendar_fade(years, 298.15, 0.5)) == pytest.approx(0.1, rel=1e-9)
    assert 50_000 * long.cycle_capacity == pytest.approx(0.1, rel=1e-9)


def test_library_cells_get_a_fitted_estimated_model_anchored_on_their_cycle_life():
    hina = resolve_cell("hina-nacr32140-me12")
    m = ageing_model(hina)
    assert m.estimated and "4500 cycles" in m.basis
    naxtra = ageing_model(resolve_cell("catl-naxtra-ev"))
    assert naxtra.cycle_capacity < m.cycle_capacity  # 10,000 cycles age slower per cycle


def test_ageing_table_round_trip_and_errors(tmp_path):
    base = cell_to_dict(read_cell_file("tests/data/example-na-32140.toml"))
    base["ageing"] = {"calendar_capacity": 0.025, "calendar_doubling": "12 K",
                      "cycle_capacity": 3e-5, "source": "test fit", "rate_cv": 0.05}
    cell = cell_from_dict(base)
    m = ageing_model(cell)
    assert (m.calendar_capacity, m.calendar_doubling, m.cycle_capacity) == (0.025, 12.0, 3e-5)
    assert not m.estimated and m.basis == "test fit"
    again = cell_from_dict(cell_to_dict(cell))
    assert ageing_model(again) == m
    # without cycle_capacity the cycle part is fitted, and the model flagged estimated
    del base["ageing"]["cycle_capacity"]
    fitted = ageing_model(cell_from_dict(base))
    assert fitted.estimated and fitted.calendar_capacity == 0.025
    for bad, field in (({"calendar_capacity": "2 %"}, "ageing.calendar_capacity"),
                       ({"calendar_doubling": 10}, "ageing.calendar_doubling"),
                       ({"cycle_doubling": "0.1 K"}, "ageing.cycle_doubling"),
                       ({"colour": 1}, "ageing.colour")):
        base["ageing"] = bad
        with pytest.raises(InputError) as e:
            cell_from_dict(base)
        assert e.value.field == field


def test_capacity_after_cycles_closed_form_and_the_target_check():
    from naion_designer.core.ageing import capacity_after_cycles, end_of_life_energy_fraction
    from naion_designer.core.checks import check_design
    from naion_designer.core.pack import PackDesign
    from naion_designer.io.target_file import load_target, target_from_dict, target_to_dict

    years = 3000 / 365.25
    want = 1 - float(M.calendar_fade(years, 298.15, 0.5)) - 3000 * float(
        M.cycle_fade_per_efc(1.0, 0.5, 298.15))
    assert capacity_after_cycles(M, 3000) == pytest.approx(want, rel=1e-12)
    cell = resolve_cell("hina-nacr32140-me12")
    f = end_of_life_energy_fraction(cell, 2000)
    assert 0.8 < f < 1.0
    target = load_target("e-moped-60v")
    assert target.energy_at_end_of_life == pytest.approx(1.28 * 3.6e6)
    again = target_from_dict(target_to_dict(target))
    assert again.energy_at_end_of_life == pytest.approx(target.energy_at_end_of_life)
    design = PackDesign(cell, 20, 4)
    checks = {c.name: c for c in check_design(design, target)}
    usable, eol = checks["usable_energy"], checks["energy_at_end_of_life"]
    assert eol.value == pytest.approx(usable.value * f, rel=1e-9)
    assert eol.passed == (eol.value >= 1.28)
