"""Held-out runs chosen by a fraction: whole files spread over the list, or the tail of one log
from the end of a rest, continuing from the fitted part's state of charge."""

from __future__ import annotations

import numpy as np
import pytest

from naion_designer.core.fit import FitOptions, fit_cell
from naion_designer.core.fit.holdout import MIN_REST, select, split_index
from naion_designer.core.profiles import cc_cv_charge, constant_current, rest
from naion_designer.core.units import InputError

from .fit_synthetic import gitt, known_cell, run_from


@pytest.fixture(scope="module")
def cell():
    return known_cell()


@pytest.fixture(scope="module")
def log(cell):
    """One long log: 55 min of 1C discharge, a rest, a CC-CV charge, then a 1C pulse test with
    30-min rests."""
    return run_from(cell, constant_current(12.0, 3300) + rest(1800) +
                    cc_cv_charge(6.0, cutoff_current=0.6) + gitt(cell), "long.csv", dt=5)


def test_whole_files_are_spread_over_the_list(cell):
    runs = [run_from(cell, constant_current(12.0, 600), f"r{k}.csv", dt=10, seed=k)
            for k in range(10)]
    train, held, sel = select(runs, 0.3)
    assert [r.name for r in held] == ["r1.csv", "r5.csv", "r8.csv"]
    assert len(train) == 7 and not {r.name for r in train} & set(sel.held)
    assert sel.mode == "files" and sel.as_dict()["held_out"] == ["r1.csv", "r5.csv", "r8.csv"]
    # at least one held out, at least one left to fit
    assert len(select(runs[:2], 0.01)[1]) == 1
    assert len(select(runs[:2], 0.99)[0]) == 1
    for bad in (0.0, 1.0, -0.2, float("nan")):
        with pytest.raises(InputError, match="--hold-out-fraction"):
            select(runs, bad)


def test_one_log_is_split_at_the_end_of_a_rest(log):
    k = split_index(log, 0.3)
    assert k is not None
    t = log.time
    assert t[k] >= 0.7 * log.duration
    assert log.current[k] == pytest.approx(0.0, abs=0.05) and abs(log.current[k + 1]) > 1.0
    # the samples before the split were at rest for at least MIN_REST
    back = t[k] - t[np.flatnonzero((np.abs(log.current) > 0.12) & (t < t[k]))[-1]]
    assert back >= MIN_REST
    train, held, sel = select([log], 0.3)
    (head,), (tail,) = train, held
    assert len(head) + len(tail) == len(log) + 1  # the split sample is in both
    assert tail.time[0] == 0.0 and head.time[-1] == pytest.approx(t[k])
    assert sel.mode == "tail" and sel.tail_start == pytest.approx(t[k])
    assert 0.0 < sel.tail_share <= 0.3


def test_a_tail_is_predicted_from_the_fitted_part(log, cell):
    train, held, sel = select([log], 0.3)
    res = fit_cell(train, held, FitOptions(rc_pairs=2, hold_out=sel, capacity=cell.capacity,
                                           template=cell, ocv_from_template=True))
    tail = next(r for r in res.reports if r.role == "hold-out")
    assert tail.file == sel.held[0]
    assert tail.rms < 0.005, tail.rms  # started at the fitted part's SOC, not at full
    assert res.reports[0].rms < 0.003
    assert "tail of long.csv" in res.cell.extra["fit"]["hold_out"]


def test_a_log_without_a_rest_in_its_tail_is_refused(cell):
    cc = run_from(cell, constant_current(12.0), "cc.csv", dt=5)
    with pytest.raises(InputError, match="--hold-out-fraction.*cc.csv.*rest"):
        select([cc], 0.2)
