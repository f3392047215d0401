"""A fitted cell checked against measured runs through the real pack simulator.

`simulate_run` is the one place that calls the simulator (a single cell, in free air at the
run's ambient temperature, the measured current held between samples); everything else here
compares its voltage with the measurement.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..cell import Cell
from .data import Run

T_REF = 298.15


@dataclass(frozen=True)
class Simulated:
    time: np.ndarray
    voltage: np.ndarray
    temperature: np.ndarray  # K
    charge: float  # C delivered over the whole simulation
    cutoff: str | None


def simulate_run(cell: Cell, run: Run, soc0: float, ambient: float,
                 until_cutoff: bool) -> Simulated:
    """The run's measured current on one cell (each sample's current over the interval that
    ends at it; then, with `until_cutoff`, its last current until the first cut-off), rows at
    the run's median sampling interval."""
    from ..pack import PackDesign
    from ..profiles import constant_current, from_steps
    from ..simulate import simulate

    t, i = steady_segments(run.time, run.held_current())
    profile = from_steps(t, i)
    if until_cutoff:
        profile = profile + constant_current(float(run.current[-1]))
    dt = float(np.median(np.diff(run.time))) if len(run.time) > 1 else 1.0
    res = simulate(PackDesign(cell=cell, series=1, parallel=1), profile, dt=dt,
                   soc0=float(np.clip(soc0, 0.0, 1.0)), ambient=ambient, per_cell=False,
                   max_duration=max(2 * run.duration, 3600.0))
    return Simulated(np.asarray(res.time), np.asarray(res.pack_voltage),
                     np.asarray(res.max_cell_temperature), res.charge, res.cutoff_kind)


def steady_segments(t: np.ndarray, i: np.ndarray, rel: float = 0.002
                    ) -> tuple[np.ndarray, np.ndarray]:
    """The logged current as fewer steps: neighbouring samples whose current stays within
    `rel` of the largest current (plus 1 mA) of their step's mean become one step at that mean
    (the charge kept exactly), so the simulator does not restart its step control at every
    sample of a noisy constant current."""
    tol = rel * float(np.max(np.abs(i))) + 1e-3
    dt = np.diff(t)
    times, values = [t[0]], []
    q = w = 0.0
    lo = hi = None
    for k in range(len(dt)):
        x = float(i[k])
        if lo is not None and (max(hi, x) - min(lo, x) > 2 * tol):
            values.append(q / w)
            times.append(t[k])
            q = w = 0.0
            lo = hi = None
        q += x * dt[k]
        w += dt[k]
        lo = x if lo is None else min(lo, x)
        hi = x if hi is None else max(hi, x)
    values.append(q / w if w > 0 else float(i[-1]))
    times.append(t[-1])
    return np.array(times), np.array(values + [values[-1]])


@dataclass(frozen=True)
class Comparison:
    rms: float  # V
    max_error: float  # V
    capacity_error: float | None  # (simulated − measured) / measured delivered charge
    coverage: float  # fraction of the measured samples the simulation reached
    sim: Simulated


def compare(run: Run, sim: Simulated, ends_at_cutoff: bool, phase_start: int | None
            ) -> Comparison:
    t, v = run.time, run.voltage
    m = t <= sim.time[-1] + 1e-9
    if m.sum() == 0:
        return Comparison(float("inf"), float("inf"), None, 0.0, sim)
    vs = np.interp(t[m], sim.time, sim.voltage)
    err = vs - v[m]
    cap_err = None
    if ends_at_cutoff and phase_start is not None:
        q = run.charge_through()
        q_meas = float(q[-1] - q[phase_start])
        q_sim = sim.charge - float(q[phase_start])  # the same current until the phase began
        if q_meas > 0:
            cap_err = (q_sim - q_meas) / q_meas
    return Comparison(float(np.sqrt(np.mean(err ** 2))), float(np.max(np.abs(err))), cap_err,
                      float(m.mean()), sim)
