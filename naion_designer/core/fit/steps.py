"""Step detection from the data itself: rest, constant current (CC), pulse and constant voltage
(CV) steps of a cycler run.

A sample is at rest when |I| is below `rest_threshold` (1 % of the run's largest current, at
least 1 mA).  Neighbouring samples belong to one step while the current keeps its sign and stays
within 2 % (plus the rest threshold) of the step's first current; a step whose voltage stays within
10 mV while its current falls steadily is a CV step; a CC step shorter than `pulse_max` (120 s)
between two rests is a pulse.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .data import Run

PULSE_MAX = 120.0  # s
CV_BAND = 0.010  # V


@dataclass(frozen=True)
class Step:
    kind: str  # "rest" | "cc" | "pulse" | "cv"
    start: int  # first sample index
    stop: int  # one past the last sample index
    current: float  # mean current, A (positive = discharge)
    duration: float  # s
    charge: float  # C delivered (negative when charged)
    v_start: float
    v_end: float

    @property
    def direction(self) -> str:
        if self.kind == "rest":
            return "rest"
        return "discharge" if self.current > 0 else "charge"


def rest_threshold(current: np.ndarray) -> float:
    return max(1e-3, 0.01 * float(np.max(np.abs(current)))) if len(current) else 1e-3


def detect_steps(run: Run) -> list[Step]:
    t, i = run.time, run.current
    n = len(t)
    if n < 2:
        return []
    thr = rest_threshold(i)
    level = np.where(np.abs(i) < thr, 0, np.sign(i)).astype(int)
    # break wherever the sign class changes, then split runs of one class where the current
    # moves away from its level (a new CC step or a CV taper)
    edges = np.flatnonzero(np.diff(level)) + 1
    bounds = [0, *edges.tolist(), n]
    steps: list[Step] = []
    for a, b in zip(bounds[:-1], bounds[1:], strict=True):
        if level[a] == 0:
            steps.append(_make(run, "rest", a, b))
            continue
        steps.extend(_split_active(run, a, b, thr))
    return _label_pulses(steps)


def _split_active(run: Run, a: int, b: int, thr: float) -> list[Step]:
    i, v = run.current, run.voltage
    out: list[Step] = []
    s = a
    while s < b:
        ref = i[s]
        tol = 0.02 * abs(ref) + thr
        dev = np.abs(i[s:b] - ref) > tol
        e = s + int(np.argmax(dev)) if dev.any() else b
        e = max(e, s + 1)
        if e - s == 1 and e < b:
            # a single sample apart: a taper? take the run over which V stays within the band
            vv = np.abs(v[s:b] - v[s]) <= CV_BAND
            e2 = s + (int(np.argmin(vv)) if not vv.all() else b - s)
            seg = i[s:e2]
            if e2 - s >= 3 and np.all(np.diff(np.abs(seg)) <= thr):
                out.append(_make(run, "cv", s, e2))
                s = e2
                continue
        out.append(_make(run, "cc", s, e))
        s = e
    return _merge_tapers(run, out)


def _merge_tapers(run: Run, steps: list[Step]) -> list[Step]:
    """Consecutive pieces of one sign at a held voltage (within CV_BAND) whose current falls
    from piece to piece are one CV step."""
    out: list[Step] = []
    for st in steps:
        prev = out[-1] if out else None
        flat = abs(st.v_end - st.v_start) <= CV_BAND
        if prev is not None and flat and np.sign(st.current) == np.sign(prev.current) and \
                abs(st.current) < abs(prev.current) and \
                abs(st.v_start - prev.v_end) <= CV_BAND and \
                (prev.kind == "cv" or abs(prev.v_end - prev.v_start) <= CV_BAND):
            out[-1] = _make(run, "cv", prev.start, st.stop)
        else:
            out.append(st)
    return out


def _label_pulses(steps: list[Step]) -> list[Step]:
    out = list(steps)
    for k, st in enumerate(steps):
        if st.kind != "cc" or st.duration > PULSE_MAX:
            continue
        before = k == 0 or steps[k - 1].kind == "rest"
        after = k == len(steps) - 1 or steps[k + 1].kind == "rest"
        if before and after:
            out[k] = Step("pulse", st.start, st.stop, st.current, st.duration, st.charge,
                          st.v_start, st.v_end)
    return out


def _make(run: Run, kind: str, a: int, b: int) -> Step:
    t, i, v = run.time, run.current, run.voltage
    end = min(b, len(t) - 1)
    dt = np.diff(t[a:end + 1])
    charge = float(np.sum(i[a:end] * dt)) if len(dt) else 0.0
    duration = float(t[end] - t[a])
    return Step(kind, a, b, float(np.mean(i[a:b])), duration, charge, float(v[a]),
                float(v[b - 1]))


def relaxed_voltages(run: Run, steps: list[Step], min_rest: float = 300.0,
                     max_slope: float = 1e-3 / 60) -> list[tuple[int, float, str]]:
    """(sample index, voltage, "after-discharge" | "after-charge") at the end of every rest of at
    least `min_rest` s whose voltage has settled (slope of a line through its last fifth below `max_slope`,
    1 mV/min); a rest that opens the run counts as after a charge (a test starts charged)."""
    t, v = run.time, run.voltage
    out = []
    for k, st in enumerate(steps):
        if st.kind != "rest" or st.duration < min_rest:
            continue
        a, b = st.start, st.stop
        tail = max(a, b - max(5, (b - a) // 5))
        tt, vv = t[tail:b], v[tail:b]
        # the slope of a straight line through the last fifth (robust to logging noise)
        slope = abs(np.polyfit(tt - tt[0], vv, 1)[0]) if np.ptp(tt) > 0 else np.inf
        if slope <= max_slope:
            after_discharge = k > 0 and steps[k - 1].current > 0
            out.append((b - 1, float(v[b - 1]),
                        "after-discharge" if after_discharge else "after-charge"))
    return out
