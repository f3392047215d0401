"""Streaming: rows handed to a sink in blocks as the run goes equal the rows kept in memory,
the summary equals the figures of the whole run, and memory stays bounded."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

from naion_designer.core.pack import Interconnect, PackDesign
from naion_designer.core.profiles import constant_current, from_steps, rest
from naion_designer.core.simulate import simulate

from .test_simulate import refsim_cell

FIELDS = ("time", "pack_current", "pack_voltage", "soc", "available", "max_cell_temperature",
          "min_cell_temperature", "min_cell_voltage", "max_cell_voltage", "hottest_cell",
          "coldest_cell", "cell_current", "cell_voltage", "cell_soc", "cell_temperature")


def _design():
    return PackDesign(cell=refsim_cell(), series=3, parallel=2,
                      interconnect=Interconnect(cell_connection=0.3e-3, busbar_segment=0.1e-3))


@pytest.mark.parametrize("block,dt", [(2, 5.0), (7, 5.0), (1000, 5.0), (3, 1.0)])
def test_streamed_rows_equal_the_rows_in_memory(block, dt):
    """(dt = 1 s: most rows lie inside steps and come in blocks of several rows.)"""
    d = _design()
    prof = constant_current(1.0, 300, unit="C") + rest(120) + constant_current(2.0, unit="C")
    whole = simulate(d, prof, dt=dt)
    if dt == 1.0:
        assert whole.steps < 0.75 * len(whole.time)
    blocks = []
    res = simulate(d, prof, dt=dt, sink=blocks.append, block_rows=block)
    assert res.streamed and len(res.time) == 0
    assert all(len(b.time) <= block + 1 for b in blocks)
    for name in FIELDS:
        got = np.concatenate([getattr(b, name) for b in blocks])
        np.testing.assert_array_equal(got, getattr(whole, name), err_msg=name)
    assert res.cutoff == whole.cutoff and res.cutoff_time == whole.cutoff_time
    s = res.summary
    assert s.rows == len(whole.time) and s.end_time == whole.time[-1]
    assert res.energy == pytest.approx(whole.energy, rel=1e-12)
    assert res.charge == pytest.approx(whole.charge, rel=1e-12)
    assert s.max_cell_temperature == whole.max_cell_temperature.max()
    assert s.pack_voltage_min == whole.pack_voltage.min()


def _peak(n_rows: int) -> int:
    d = _design()
    t = np.arange(n_rows + 1, dtype=float)
    prof = from_steps(t, 6.0 + 3.0 * np.sin(t / 50.0))
    seen = [0]

    def sink(block):
        seen[0] += len(block.time)

    tracemalloc.start()
    res = simulate(d, prof, dt=1.0, soc0=0.9, sink=sink, block_rows=256)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert seen[0] == res.summary.rows == n_rows + 1
    return peak


def test_memory_is_bounded_whatever_the_length():
    small, large = _peak(500), _peak(2000)
    # the profile itself grows by 16 bytes a row; everything else stays put
    assert large - small < 16 * 1500 + 100_000
