"""The lifetime model's one door to the time-domain simulation: one representative duty cycle
(the duty profile, then a recharge) of each of B packs whose cells have aged, all B packs in one
batched simulation (`core.simulate.simulate_batch`, each pack with its own cells and its own
initial SOC).  A pack gives the same cycle alone or in a batch of any size, so a Monte Carlo of
N packs equals N separate lifetimes.  Everything the lifetime model asks of the simulation goes
through `run_cycles`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .pack import CellOverride, PackDesign
from .profiles import Profile, constant_current
from .simulate import simulate_batch

MIN_INTERVAL = 5.0  # s
ROW_BUDGET = 12_000_000  # numbers of per-cell rows held at once (≈ 100 MB): packs per batch


@dataclass(frozen=True)
class CycleRun:
    """Rows of one simulated cycle with every cell's current, SOC and temperature."""

    time: np.ndarray  # (n,) s
    current: np.ndarray  # (n, S, P) A, positive = discharge
    soc: np.ndarray  # (n, S, P)
    temperature: np.ndarray  # (n, S, P) K
    duty_energy: float  # J delivered by the pack during the duty part (net of its charging)
    duty_duration: float  # s the duty part ran
    completed: bool  # the duty part ran to its end without a cut-off
    cutoff: str  # what stopped the duty part early ("" when it completed)
    min_cell_voltage: float  # V over the cycle


def aged_design(design: PackDesign, capacity: np.ndarray, resistance: np.ndarray) -> PackDesign:
    """The design with every cell's capacity and R0 replaced (other overrides kept)."""
    old = {(o.series, o.parallel): o.as_dict() for o in design.cell_overrides}
    overrides = []
    for s in range(design.series):
        for p in range(design.parallel):
            vals = dict(old.get((s, p), {}))
            vals["capacity"] = float(capacity[s, p])
            vals["resistance"] = float(resistance[s, p])
            overrides.append(CellOverride(s, p, tuple(sorted(vals.items()))))
    return design.evolve(cell_overrides=tuple(overrides))


def output_interval(profile: Profile) -> float:
    """Rows at the largest interval ≤ 60 s that falls on every segment boundary (so that the
    trapezoids of the rows integrate the piecewise-constant demand exactly), but at least 5 s:
    a stop-and-go cycle of few-second segments then has a row interval that straddles some
    boundaries, an error of either sign that averages out over the cycle."""
    g = 0
    t = 0.0
    for seg in profile.segments:
        if seg.duration is None:
            break
        t += seg.duration
        if abs(t - round(t)) > 1e-9:
            return MIN_INTERVAL
        g = math.gcd(g, int(round(t)))
    if g == 0:
        return 60.0
    return max(float(max(d for d in range(1, 61) if g % d == 0)), MIN_INTERVAL)


def run_cycles(design: PackDesign, duty: Profile, capacity: np.ndarray, resistance: np.ndarray,
               ambient: float, soc0: float, charge_current: float,
               cancel: Callable[[], bool] | None = None) -> list[CycleRun]:
    """Simulate `duty` (values in A or W, already resolved against the fresh pack) from `soc0`,
    then a constant-current recharge at `charge_current` (A) until the first cell is full or at
    its maximum voltage, for B packs at once: pack b is the design with its cells' present
    `capacity[b]` and `resistance[b]` ((B, S, P), SI).  A pack cut off during the duty part
    is recharged from where it stopped."""
    cap = np.asarray(capacity, float)
    res = np.asarray(resistance, float)
    B = cap.shape[0]
    rows = _expected_rows(duty, charge_current, design)
    per_batch = max(1, int(ROW_BUDGET // max(rows * design.series * design.parallel * 3, 1)))
    out: list[CycleRun] = []
    for lo in range(0, B, per_batch):
        designs = [aged_design(design, cap[b], res[b]) for b in range(lo, min(B, lo + per_batch))]
        args = (duty, ambient, soc0, charge_current, cancel)
        try:
            out += _cycles(design, designs, *args, long_steps=True)
        except ArithmeticError:
            # a step beyond a kink of the OCV table (its ends) that did not converge: each pack
            # on its own, at steps within the RC time constant if it fails again (so that every
            # pack still gets the cycle it gets alone)
            for d in designs:
                try:
                    out += _cycles(design, [d], *args, long_steps=True)
                except ArithmeticError:
                    out += _cycles(design, [d], *args, long_steps=False)
    return out


def run_cycle(design: PackDesign, duty: Profile, capacity: np.ndarray, resistance: np.ndarray,
              ambient: float, soc0: float, charge_current: float,
              cancel: Callable[[], bool] | None = None) -> CycleRun:
    """`run_cycles` of one pack (capacity and resistance (S, P))."""
    return run_cycles(design, duty, np.asarray(capacity, float)[None],
                      np.asarray(resistance, float)[None], ambient, soc0, charge_current,
                      cancel)[0]


def _expected_rows(duty: Profile, charge_current: float, design: PackDesign) -> int:
    dt = output_interval(duty)
    full = float(design.cell_array("capacity").sum(axis=1).min()) / max(abs(charge_current),
                                                                         1e-9)
    span = (duty.duration if math.isfinite(duty.duration) else 86400.0) + full
    return int(span / dt) + 2


def _cycles(design, designs, duty, ambient, soc0, charge_current, cancel,
            long_steps: bool) -> list[CycleRun]:
    def _batch(design, designs, profile, dt, soc0, ambient, cancel):
        return simulate_batch(design, profile, designs=designs, seeds=[0] * len(designs),
                              spread=False, dt=dt, soc0=soc0, ambient=ambient, cancel=cancel,
                              cell_rows=True, long_steps=long_steps)

    dt = output_interval(duty)
    recharge = constant_current(-abs(charge_current), None, label="recharge")
    finite = math.isfinite(duty.duration)
    t_duty = duty.duration
    grid = (design.series, design.parallel)
    first = _batch(design, designs, duty + recharge if finite else duty, dt, soc0, ambient,
                   cancel)
    cut = first.cutoff_time
    done = [finite and (math.isnan(cut[b]) or float(cut[b]) > t_duty + 1e-6)
            for b in range(len(designs))]
    again = [b for b in range(len(designs)) if not done[b]]
    out: dict[int, CycleRun] = {}
    for b in range(len(designs)):
        if done[b]:
            t, cols = first.pack_cells(b)
            out[b] = _run(grid, t, cols, t_duty, True, "", float(first.lowest_cell_voltage[b]))
    if again:
        ends = []
        for b in again:
            t, cols = first.pack_cells(b)
            q = designs[b].cell_array("capacity").ravel()
            ends.append(min(max(float(q @ cols["soc"][-1]) / float(q.sum()), 0.0), 1.0))
        second = _batch(design, [designs[b] for b in again], recharge, dt, np.array(ends),
                        ambient, cancel)
        for k, b in enumerate(again):
            t1, c1 = first.pack_cells(b)
            t2, c2 = second.pack_cells(k)
            t_b = float(t1[-1])
            stopped = first.cutoff[b]
            # a profile that runs until a cut-off has completed when it got into that segment
            completed = stopped is None or (not finite and t_b >= _fixed_part(duty) - 1e-6)
            joined = {n: np.concatenate([c1[n], c2[n][1:]]) for n in c1}
            low = min(float(first.lowest_cell_voltage[b]), float(second.lowest_cell_voltage[k]))
            out[b] = _run(grid, np.concatenate([t1, t2[1:] + t_b]), joined, t_b, completed,
                          "" if completed else (stopped or ""), low, duty_rows=len(t1))
    return [out[b] for b in range(len(designs))]


def _fixed_part(profile: Profile) -> float:
    """The duration of the segments before the first one that runs until a cut-off."""
    t = 0.0
    for seg in profile.segments:
        if seg.duration is None:
            break
        t += seg.duration
    return t


def _duty_energy(time: np.ndarray, power: np.ndarray, t_end: float) -> float:
    m = time <= t_end + 1e-9
    return float(np.trapezoid(power[m], time[m])) if m.sum() > 1 else 0.0


def _run(grid: tuple[int, int], t: np.ndarray, cols: dict[str, np.ndarray], t_duty: float,
         completed: bool, cutoff: str, lowest: float, duty_rows: int | None = None) -> CycleRun:
    n = len(t)
    shape = (n, *grid)
    p = cols["pack_current"] * cols["pack_voltage"]
    k = n if duty_rows is None else duty_rows
    return CycleRun(t, cols["current"].reshape(shape), cols["soc"].reshape(shape),
                    cols["temperature"].reshape(shape), _duty_energy(t[:k], p[:k], t_duty),
                    t_duty, completed, cutoff, lowest)
