"""Lifetime runs: hot cells age faster, blocks converge, Monte Carlo is reproducible."""

import numpy as np
import pytest

from naion_designer.core.life import LifeSettings, run_life
from naion_designer.core.life_mc import draws, eol_percentiles, run_life_monte_carlo
from naion_designer.core.pack import CellOverride, PackDesign
from naion_designer.core.profiles import Profile, Segment
from naion_designer.io.library import resolve_cell

DUTY = Profile((Segment("current", 1.0, "C", 1800.0), Segment("current", 0.0, "A", 600.0)),
               "test duty")


@pytest.fixture(scope="module")
def hina():
    return resolve_cell("hina-nacr32140-me12")


def test_hot_middle_cells_age_faster(hina):
    # the two middle cells of a 4S string dissipate 3x the heat (same current in a string), so
    # they run hotter; capacity, SOC and throughput are the same as at the ends
    r = 3 * hina.resistance
    design = PackDesign(hina, 4, 1, cell_overrides=(CellOverride(1, 0, (("resistance", r),)),
                                                     CellOverride(2, 0, (("resistance", r),))))
    res = run_life(design, DUTY, LifeSettings(years=3.0, charge_rate=1.0, period=2400.0))
    t = res.cell_mean_temperature[:, 0]
    assert t[1] > t[0] + 0.3 and t[2] > t[3] + 0.3
    soh = res.cell_soh[:, 0]
    assert soh[1] < soh[0] and soh[2] < soh[3]
    assert res.limiting_cells[0] in ((1, 0), (2, 0))
    assert res.rows[-1].worst_cell in ((1, 0), (2, 0))


def test_rows_per_year_and_end_of_life(hina):
    design = PackDesign(hina, 2, 2)
    res = run_life(design, DUTY, LifeSettings(years=20.0, period=4 * 3600.0))
    years = [r.year for r in res.rows]
    assert years[:3] == [0.0, 1.0, 2.0]
    soh = np.array([r.capacity_soh for r in res.rows])
    assert soh[0] == pytest.approx(1.0) and np.all(np.diff(soh) < 0)
    assert res.eol_year is not None and res.eol_reason == "capacity"
    # the end-of-life year is where the capacity crosses the criterion
    assert np.interp(res.eol_year, years, soh) == pytest.approx(res.eol_capacity, abs=2e-3)
    assert res.simulations < 20
    r = [row.resistance for row in res.rows]
    assert r[-1] > r[0]


def test_blocks_converge(hina):
    design = PackDesign(hina, 2, 1)
    settings = LifeSettings(years=15.0, period=6 * 3600.0)
    coarse = run_life(design, DUTY, settings)
    fine = run_life(design, DUTY, LifeSettings(years=15.0, period=6 * 3600.0, block_fade=0.01))
    assert fine.simulations > coarse.simulations
    assert coarse.eol_year == pytest.approx(fine.eol_year, rel=0.02)


def test_monte_carlo_is_reproducible_and_spread(hina):
    design = PackDesign(hina, 3, 1)
    settings = LifeSettings(years=4.0, period=4 * 3600.0)
    a = run_life_monte_carlo(design, DUTY, settings, 3, seed=11)
    b = run_life_monte_carlo(design, DUTY, settings, 3, seed=11)
    for name, v in a.percentiles.items():
        assert np.array_equal(v, b.percentiles[name]), name
    assert [p.rows[-1].capacity_soh for p in a.packs] == [p.rows[-1].capacity_soh
                                                          for p in b.packs]
    lo, mid, hi = a.percentiles["worst_cell_soh"][:, -1]
    assert lo < mid < hi
    # the first packs of a larger run are the packs of a smaller one
    d3, d5 = draws(design, 3, 11), draws(design, 5, 11)
    assert all(np.array_equal(x.capacity, y.capacity) for x, y in zip(d3, d5[:3], strict=True))
    assert not np.array_equal(draws(design, 1, 12)[0].capacity, d3[0].capacity)


def test_eol_percentiles_beyond_the_run():
    assert eol_percentiles(np.array([7.0, 5.0, 6.0])) == (5.0, 6.0, 7.0)
    assert eol_percentiles(np.array([5.0, 6.0, np.inf])) == (5.0, 6.0, None)
    years = np.arange(100.0)
    assert eol_percentiles(years) == (4.0, 49.0, 94.0)


def test_rated_cycling_reproduces_the_stated_cycle_life(hina):
    # 1C discharge, 1C recharge, back to back at 25 degC: the cycling the fit assumes.  The
    # simulated cell self-heats above 25 degC, so it ages somewhat faster than the fit's 4,500.
    from naion_designer.core.profiles import constant_current

    design = PackDesign(hina, 1, 1)
    res = run_life(design, constant_current(1.0, None, unit="C"),
                   LifeSettings(years=2.0, ambient=298.15, charge_rate=1.0, period=2.5 * 3600))
    cycles = res.eol_year * 365.25 * 24 / 2.5
    assert 0.85 * 4500 < cycles < 1.0 * 4500


def _same_life(one, other):
    # every cycle of a pack is the same alone or in a batch (each pack's chord-Newton loop and
    # the location of its cut-off depend on that pack only), so the lifetimes agree to round-off
    assert one.simulations == other.simulations
    assert len(one.rows) == len(other.rows)
    np.testing.assert_allclose(np.array(one.blocks), np.array(other.blocks), rtol=1e-9, atol=0)
    for a, b in zip(one.rows, other.rows, strict=True):
        assert a.year == pytest.approx(b.year, rel=1e-9, abs=0)
        for name in ("capacity", "capacity_soh", "usable_energy", "resistance", "power",
                     "worst_cell_soh", "duty_energy", "equivalent_full_cycles"):
            assert getattr(a, name) == pytest.approx(getattr(b, name), rel=1e-9, abs=0), name
        assert (a.duty_completed, a.duty_cutoff, a.worst_cell) == \
            (b.duty_completed, b.duty_cutoff, b.worst_cell)
    np.testing.assert_allclose(one.cell_soh, other.cell_soh, rtol=1e-9, atol=0)
    assert one.limiting_cells == other.limiting_cells
    if one.eol_year is None:
        assert other.eol_year is None
    else:
        assert one.eol_year == pytest.approx(other.eol_year, rel=1e-9, abs=0)


@pytest.mark.parametrize("duty", [
    DUTY,  # a fixed cycle, then the recharge, in one run
    # to a cut-off: the duty ends at each pack's own time, then each recharges from its SOC
    Profile((Segment("current", 1.0, "C", 600.0), Segment("current", 1.5, "C", None)),
            "to empty"),
], ids=["fixed", "to-cutoff"])
def test_batched_monte_carlo_equals_separate_seeded_lifetimes(hina, duty):
    """All packs of the Monte Carlo advance in one batched simulation per round; each pack's
    lifetime is the one it has alone."""
    design = PackDesign(hina, 2, 2)
    settings = LifeSettings(years=12.0, period=4 * 3600.0)
    mc = run_life_monte_carlo(design, duty, settings, 4, seed=5)
    socs = [p.rows[-1].capacity_soh for p in mc.packs]
    assert np.ptp(socs) > 1e-3  # the packs really differ
    assert all(p.eol_year is not None for p in mc.packs)  # so that the years are compared
    for draw, batched in zip(draws(design, 4, 5), mc.packs, strict=True):
        _same_life(run_life(design, duty, settings, draw), batched)


def test_year_zero_pack_resistance_is_calcs_with_impedance_factors(hina):
    from naion_designer.core.electrical import calculate

    z = 2.0
    design = PackDesign(hina, 2, 2, cell_overrides=(
        CellOverride(0, 1, (("impedance_factor", z),)), CellOverride(1, 0, (("resistance",
                                                                              2e-3),))))
    res = run_life(design, DUTY, LifeSettings(years=1.0, period=4 * 3600.0))
    assert res.rows[0].resistance == pytest.approx(calculate(design)["resistance"].value,
                                                   rel=1e-9)
