"""The lifetime's cycles on the batched simulator: long steps through a mismatched parallel pack
converge, and a pack's cycle is the same alone or in a batch."""

import numpy as np
import pytest

from naion_designer.core.life_mc import draws
from naion_designer.core.life_sim import aged_design, run_cycles
from naion_designer.core.pack import PackDesign
from naion_designer.core.profiles import Profile, Segment, constant_current
from naion_designer.core.simulate import simulate, simulate_batch
from naion_designer.io.library import resolve_cell

DUTY = Profile((Segment("current", 1.0, "C", 1800.0), Segment("current", 0.0, "A", 600.0)),
               "test duty")


@pytest.fixture(scope="module")
def packs():
    design = PackDesign(resolve_cell("hina-nacr32140-me12"), 2, 2)
    return design, draws(design, 4, 5)


def test_long_steps_through_a_kink_of_the_ocv_converge(packs):
    """Parallel cells of unequal capacity, 60 s steps across a breakpoint of the OCV table:
    over such a step the SOC moves with the current by as much as R0 does, which the chord
    of the circuit solution leaves out (this did not converge: 'the pack circuit did not
    converge')."""
    design, ds = packs
    duty = DUTY.resolve(design)
    recharge = constant_current(-24.0, None, label="recharge")
    for d in ds:
        aged = aged_design(design, d.capacity, d.resistance)
        one = simulate(aged, duty + recharge, dt=60.0, soc0=1.0)
        batch = simulate_batch(design, duty + recharge, designs=[aged], seeds=[0],
                               spread=False, dt=60.0, soc0=1.0, long_steps=True)
        assert one.cutoff_kind == batch.cutoff_kind[0] == "max_voltage"
        assert batch.steps < 300  # long steps in the constant stretches
        fine = simulate_batch(design, duty + recharge, designs=[aged], seeds=[0],
                              spread=False, dt=60.0, soc0=1.0)
        assert batch.energy[0] == pytest.approx(fine.energy[0], rel=2e-3)
        assert batch.lowest_cell_voltage[0] == pytest.approx(fine.lowest_cell_voltage[0],
                                                             abs=2e-3)


@pytest.mark.parametrize("duty", [
    DUTY,
    # to a cut-off: each pack's cut-off is located inside its step without touching the others
    Profile((Segment("current", 1.0, "C", 600.0), Segment("current", 1.5, "C", None)),
            "to empty"),
], ids=["fixed", "to-cutoff"])
@pytest.mark.parametrize("fade", [1.0, 0.8])
def test_a_cycle_is_the_same_alone_or_in_a_batch(packs, duty, fade):
    """Packs whose chord-Newton loops take different paths (some refactorise, some do not) and
    stop at different times: each pack's cycle is the one it has alone."""
    design, ds = packs
    duty = duty.resolve(design)
    cap = np.array([fade * d.capacity for d in ds])
    res = np.array([(2.0 - fade) * d.resistance for d in ds])
    together = run_cycles(design, duty, cap, res, 298.15, 1.0, 24.0)
    assert len({round(r.duty_energy) for r in together}) > 1
    for b in range(len(ds)):
        alone = run_cycles(design, duty, cap[b:b + 1], res[b:b + 1], 298.15, 1.0, 24.0)[0]
        run = together[b]
        assert run.time.shape == alone.time.shape
        np.testing.assert_allclose(run.time, alone.time, rtol=1e-12, atol=0)
        np.testing.assert_allclose(run.soc, alone.soc, rtol=0, atol=1e-12)
        np.testing.assert_allclose(run.current, alone.current, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(run.temperature, alone.temperature, rtol=1e-12, atol=0)
        assert run.duty_energy == pytest.approx(alone.duty_energy, rel=1e-12)
        assert run.min_cell_voltage == pytest.approx(alone.min_cell_voltage, rel=1e-12)
        assert (run.completed, run.cutoff) == (alone.completed, alone.cutoff)
