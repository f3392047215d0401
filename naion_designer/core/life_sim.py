"""The lifetime model's one door to the time-domain simulation: one representative duty cycle
(the duty profile, then a recharge) of a pack whose cells have aged, through
`core.simulate.simulate`.  Everything the lifetime model asks of the simulation goes through
`run_cycle`, so that a batched simulation can take its place here alone.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .pack import CellOverride, PackDesign
from .profiles import Profile, constant_current
from .simulate import simulate

MIN_INTERVAL = 5.0  # s


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


def run_cycle(design: PackDesign, duty: Profile, capacity: np.ndarray, resistance: np.ndarray,
              ambient: float, soc0: float, charge_current: float,
              cancel: Callable[[], bool] | None = None) -> CycleRun:
    """Simulate `duty` (values in A or W, already resolved against the fresh pack) from `soc0`,
    then a constant-current recharge at `charge_current` (A) until the first cell is full or at
    its maximum voltage, on the design with the cells' present `capacity` and `resistance`
    (S × P, SI)."""
    d = aged_design(design, capacity, resistance)
    dt = output_interval(duty)
    recharge = constant_current(-abs(charge_current), None, label="recharge")
    finite = math.isfinite(duty.duration)
    if finite:
        res = _simulate(d, duty + recharge, dt, soc0, ambient, cancel)
        t_duty = duty.duration
        completed = res.cutoff is None or float(res.time[-1]) > t_duty + 1e-6
    else:
        res = None
        completed = False
        t_duty = math.inf
    if not finite or not completed:
        first = _simulate(d, duty, dt, soc0, ambient, cancel)
        t_duty = float(first.time[-1])
        # a profile that runs until a cut-off has completed when it got into that segment
        completed = first.cutoff is None or (not finite and t_duty >= _fixed_part(duty) - 1e-6)
        soc_end = float(first.soc[-1])
        second = _simulate(d, recharge, dt, min(max(soc_end, 0.0), 1.0), ambient, cancel)
        cutoff = "" if completed else (first.cutoff or "")
        return _join(first, second, t_duty, completed, cutoff)
    cutoff = ""
    return _from_result(res, t_duty, completed, cutoff)


def _fixed_part(profile: Profile) -> float:
    """The duration of the segments before the first one that runs until a cut-off."""
    t = 0.0
    for seg in profile.segments:
        if seg.duration is None:
            break
        t += seg.duration
    return t


def _simulate(design, profile, dt, soc0, ambient, cancel):
    """`simulate`, retried at shorter row intervals when its circuit solution does not converge
    (seen on mismatched parallel cells at long steps: the rows bound the internal steps)."""
    for interval in sorted({dt, min(dt, 5.0), 1.0}, reverse=True):
        try:
            return simulate(design, profile, dt=interval, soc0=soc0, ambient=ambient,
                            cancel=cancel)
        except ArithmeticError:
            if interval == 1.0:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _duty_energy(time: np.ndarray, power: np.ndarray, t_end: float) -> float:
    m = time <= t_end + 1e-9
    return float(np.trapezoid(power[m], time[m])) if m.sum() > 1 else 0.0


def _from_result(res, t_duty: float, completed: bool, cutoff: str) -> CycleRun:
    p = res.pack_current * res.pack_voltage
    return CycleRun(res.time, res.cell_current, res.cell_soc, res.cell_temperature,
                    _duty_energy(res.time, p, t_duty), t_duty, completed, cutoff,
                    float(np.min(res.min_cell_voltage)))


def _join(first, second, t_duty: float, completed: bool, cutoff: str) -> CycleRun:
    p = first.pack_current * first.pack_voltage
    t2 = second.time + float(first.time[-1])
    return CycleRun(np.concatenate([first.time, t2[1:]]),
                    np.concatenate([first.cell_current, second.cell_current[1:]]),
                    np.concatenate([first.cell_soc, second.cell_soc[1:]]),
                    np.concatenate([first.cell_temperature, second.cell_temperature[1:]]),
                    _duty_energy(first.time, p, t_duty), t_duty, completed, cutoff,
                    float(min(np.min(first.min_cell_voltage), np.min(second.min_cell_voltage))))
