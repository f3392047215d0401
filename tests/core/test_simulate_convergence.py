"""The simulator converges on every valid pack: large low-resistance cells run into the steep
ends of their OCV tables (the OCV's slope belongs in the chord), CV phases of charges, zero,
explicit and geometric interconnects; and extreme but well-formed input ends in an InputError
that names the field, never an internal error."""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from naion_designer.core.cell import RateTable
from naion_designer.core.pack import Busbar, Interconnect, PackDesign
from naion_designer.core.profiles import cc_cv_charge, constant_current, parse_builtin
from naion_designer.core.simulate import simulate, simulate_batch
from naion_designer.core.units import InputError
from naion_designer.io.design_file import read_design_file
from naion_designer.io.library import library

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
COPPER = Interconnect(busbar=Busbar("copper", 0.002, 0.02))
SEGMENTS = Interconnect(cell_connection=0.1e-3, busbar_segment=0.05e-3, terminal=0.2e-3,
                        busbar_segment_given=True)


def _cell(cid: str):
    return library().get(cid)


@pytest.mark.parametrize("cid, vmin", [("hithium-n162ah", 2.0),
                                       ("greatpower-polyanion-100ah", 1.5)])
def test_large_low_resistance_cells_discharge_into_the_steep_end(cid, vmin):
    """1S3P at 1C used to stop with "the pack circuit did not converge" near SOC 0.01: the
    OCV's slope there times h/2Q is as large as R0 (0.3 mΩ), and the chord without it did not
    contract on the parallel cells' differences."""
    d = PackDesign(cell=_cell(cid), series=1, parallel=3)
    for dt in (10.0, 60.0):
        r = simulate(d, constant_current(1.0, unit="C"), dt=dt, per_cell=False)
        assert r.cutoff_kind == "min_voltage"
        assert r.cutoff_time == pytest.approx(3590.0, abs=10.0)  # 1C: an hour, to the end
        assert float(r.min_cell_voltage[-1]) == pytest.approx(vmin, abs=1e-4)


def test_copper_busbars_from_geometry_4s2p():
    d = PackDesign(cell=_cell("generic-nfpp-210ah"), series=4, parallel=2, interconnect=COPPER)
    r = simulate(d, constant_current(1.0, unit="C"), dt=60.0, per_cell=False)
    assert r.cutoff_kind == "min_voltage" and r.cutoff_time > 3500.0
    r = simulate(d, cc_cv_charge(0.5, unit="C"), dt=60.0, soc0=0.2, per_cell=False)
    assert r.cutoff_kind is None
    assert float(r.soc[-1]) > 0.99


@pytest.mark.parametrize("name", ["home-storage-51v", "e-moped-60v"])
@pytest.mark.parametrize("soc0", [0.0, 0.2, 0.5])
def test_bundled_designs_charge_cc_cv(name, soc0):
    """The CV phase near the full end of the OCV table (steep: 11 V per unit SOC for the NFPP
    cell) at 60 s steps used to fail to converge."""
    d = read_design_file(EXAMPLES / f"{name}.naion")
    r = simulate(d, parse_builtin("cccv:0.5C"), dt=60.0, soc0=soc0, per_cell=False)
    assert r.cutoff_kind is None
    assert float(r.soc[-1]) > 0.98
    assert float(r.max_cell_voltage.max()) <= d.cell.max_voltage + 1e-9
    # the taper ends at the cut-off current: a charger's CC-CV
    assert abs(float(r.pack_current[-1])) < abs(float(r.pack_current[1]))


def test_identical_cells_share_equally_until_their_temperatures_differ():
    """generic-185ah-grid 1S3P with zero interconnect at cc:1C stops at its peak current early:
    no spread is applied (the cells are identical), the share is exact while their temperatures
    are equal, and the cut-off comes from the thermal model: the cells at the ends of the row
    run a little warmer, so a little less resistive, and carry a few µA above 185 A, which at
    1C is exactly the peak rating."""
    cell = _cell("generic-185ah-grid")
    assert cell.peak_discharge_current == pytest.approx(cell.capacity / 3600.0)
    d = PackDesign(cell=cell, series=1, parallel=3)
    r = simulate(d, constant_current(1.0, unit="C"), dt=1.0)
    assert r.cutoff_kind == "current"
    i = r.cell_current[:, 0, :]
    T = r.cell_temperature[:, 0, :]
    equal_T = np.ptp(T, axis=1) < 1e-9
    assert equal_T.any()
    np.testing.assert_allclose(i[equal_T], 185.0, rtol=1e-12)
    # the excess that stops it is tiny and follows the temperatures
    assert float(i[-1].max()) - 185.0 < 1e-3
    # the cells that carry the most are the warmest (the end cells are mirror images: a tie)
    most = np.flatnonzero(i[-1] > i[-1].max() - 1e-9)
    warmest = np.flatnonzero(T[-1] > T[-1].max() - 1e-9)
    assert most.tolist() == warmest.tolist()
    # a demand just below the peak runs to the end
    r = simulate(d, constant_current(0.99 * 555.0), dt=60.0, per_cell=False)
    assert r.cutoff_kind == "min_voltage"


def test_batch_equals_alone_with_the_ocv_in_the_chord():
    """The OCV's slope enters every pack's chord by its own state: a pack near empty gives the
    same numbers alone or in a batch."""
    d = PackDesign(cell=_cell("hithium-n162ah"), series=1, parallel=3)
    prof = constant_current(1.0, unit="C")
    spread = {"capacity_cv": 0.015, "resistance_cv": 0.04, "soc0_cv": 0.0}
    b = simulate_batch(d, prof, packs=3, seed=5, spread=spread, dt=60.0)
    from naion_designer.core.simulate import pack_seeds

    for k, s in enumerate(pack_seeds(5, 3)):
        one = simulate_batch(d, prof, seeds=[s], spread=spread, dt=60.0)
        assert one.cutoff_time[0] == pytest.approx(b.cutoff_time[k], abs=1e-9)
        assert one.energy[0] == pytest.approx(b.energy[k], rel=1e-9)


def _rate_cell(value_at, value):
    hk = _cell("hakadi-18650-1500")
    s, c, r = hk.r0_rate.arrays()
    r = r.copy()
    r[value_at] = value
    return replace(hk, r0_rate=RateTable(tuple(s), tuple(c), tuple(map(tuple, r))))


@pytest.mark.parametrize("value_at, value", [((-1, 2), np.inf), ((-1, slice(None)), 1e30),
                                             ((slice(None), slice(None)), 1e-30)])
def test_extreme_rate_tables_name_the_table(value_at, value):
    """These used to end in "did not converge" or "nodal matrix not positive definite"."""
    cell = _rate_cell(value_at, value)
    for S, P, ic in ((1, 1, Interconnect()), (2, 3, SEGMENTS)):
        d = PackDesign(cell=cell, series=S, parallel=P, interconnect=ic)
        with pytest.raises(InputError) as e:
            simulate(d, parse_builtin("cc:1C"), dt=60.0, soc0=0.5, per_cell=False)
        assert e.value.field == "r0_rate.resistance"


def test_a_cell_branch_beyond_the_solvers_range_names_the_resistance():
    cell = replace(_cell("hakadi-18650-1500"), resistance=1e30, r0_rate=None)
    d = PackDesign(cell=cell, series=2, parallel=3, interconnect=SEGMENTS)
    with pytest.raises(InputError) as e:
        simulate(d, parse_builtin("cc:1C"), dt=60.0, soc0=0.5, per_cell=False)
    assert e.value.field == "resistance"
    assert "10¹²" in e.value.detail


def test_huge_node_voltages_still_converge():
    """A cell_connection of 10⁸ Ω puts the nodes at ~10¹⁰ V in a forced-current charge, where
    double precision cannot resolve 1 µV: the tolerance follows what it can resolve."""
    d = PackDesign(cell=_cell("generic-nfpp-210ah"), series=4, parallel=3,
                   interconnect=Interconnect(cell_connection=1e8))
    r = simulate(d, parse_builtin("cccv:0.5C"), dt=60.0, soc0=0.5, per_cell=False)
    assert len(r.time) > 2


SWEEP_CELLS = ["hithium-n162ah", "greatpower-polyanion-100ah", "generic-nfpp-210ah",
               "hakadi-18650-1500"]


@pytest.mark.parametrize("cid", SWEEP_CELLS)
def test_reduced_sweep_runs(cid):
    """A fast part of the robustness sweep (README, "Simulation"): shapes × profiles ×
    interconnects at 60 s output rows; every run ends at a cut-off or the end of its profile."""
    cell = _cell(cid)
    for (S, P), (prof, soc0), ic in itertools.product(
            ((1, 3), (4, 2)), (("cc:1C", 1.0), ("cc:-0.5C", 0.2), ("cccv:0.5C", 0.2)),
            (Interconnect(), SEGMENTS, COPPER)):
        d = PackDesign(cell=cell, series=S, parallel=P, interconnect=ic)
        r = simulate(d, parse_builtin(prof), dt=60.0, soc0=soc0, per_cell=False)
        assert len(r.time) >= 2
        if prof == "cc:1C" and r.cutoff_kind in ("min_voltage", "empty"):
            assert r.cutoff_time > 0.5 * 3600.0


@pytest.mark.parametrize("ic", [COPPER, Interconnect()], ids=["copper", "zero"])
def test_a_step_past_the_end_of_the_ocv_table(ic):
    """zoolnasm-nfs-a1 16S4P at 1C: near SOC 0.004 a 60 s step crosses the steep first segment
    (35 V per unit SOC) to beyond the table, where the OCV is held; the chord takes the slope
    where the iterate is (0 beyond the table) and, when that is slow, the secant from the step's
    start.  With zero interconnect the solution sits on the kink at SOC 0 itself, where the
    loop contracts slowly: it goes on while the error shrinks."""
    d = PackDesign(cell=_cell("zoolnasm-nfs-a1"), series=16, parallel=4, interconnect=ic)
    r = simulate(d, constant_current(1.0, unit="C"), dt=60.0, per_cell=False)
    assert r.cutoff_kind == "min_voltage" and r.cutoff_time > 3500.0
