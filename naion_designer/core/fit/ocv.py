"""OCV(SOC) from the data: the relaxed voltages at the end of rests (pulse or GITT tests), or
the zero-current extrapolation of constant-current discharges at two rates.

Relaxed rests: each settled rest voltage is an OCV point at the SOC counted to it; points after
a discharge and after a charge are averaged where both exist (the hysteresis averaged: the table
is the centre of the loop).  Discharges: at every SOC the voltages at the two lowest rates I1 < I2
give OCV = V1 + (V1 − V2)·I1/(I2 − I1), the value at zero current on the straight line through
them (the voltage drop taken as linear in the current between zero and I2).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..units import InputError

SOC_NODES = np.array([0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55,
                      0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.98, 1.0])
MIN_REST_POINTS = 6
MIN_REST_SPAN = 0.5


@dataclass(frozen=True)
class Curve:
    """One constant-current discharge from full: SOC (falling) and voltage at a current."""

    soc: np.ndarray
    voltage: np.ndarray
    current: float  # A
    name: str


@dataclass(frozen=True)
class OCVEstimate:
    soc: np.ndarray
    voltage: np.ndarray
    source: str  # how it was found, in words


def _monotone(v: np.ndarray) -> np.ndarray:
    """The closest non-decreasing sequence in the least-squares sense (pool adjacent
    violators)."""
    vals: list[float] = []
    weights: list[int] = []
    for x in v:
        vals.append(float(x))
        weights.append(1)
        while len(vals) > 1 and vals[-2] > vals[-1]:
            w = weights[-2] + weights[-1]
            m = (vals[-2] * weights[-2] + vals[-1] * weights[-1]) / w
            vals[-2:] = [m]
            weights[-2:] = [w]
    return np.repeat(vals, weights)


def from_rests(points: list[tuple[float, float, str]], curves: list[Curve] = ()
               ) -> OCVEstimate | None:
    """points: (SOC, relaxed voltage, "after-discharge" | "after-charge").  Beyond the SOC
    range of the rests the lowest-rate discharge from full (if any) gives the shape, shifted to
    meet the rests at their ends; without one the end slopes are extended."""
    if len(points) < MIN_REST_POINTS:
        return None
    soc = np.array([p[0] for p in points])
    if soc.max() - soc.min() < MIN_REST_SPAN:
        return None
    v = np.array([p[1] for p in points])
    kind = np.array([p[2] for p in points])
    # one value per SOC bin (2.5 %): the mean of each branch, then of the branches present
    bins = np.round(soc / 0.025).astype(int)
    xs, ys = [], []
    for b in np.unique(bins):
        m = bins == b
        branch = [v[m & (kind == k)].mean() for k in ("after-discharge", "after-charge")
                  if np.any(m & (kind == k))]
        xs.append(soc[m].mean())
        ys.append(float(np.mean(branch)))
    xs, ys = np.array(xs), np.array(ys)
    order = np.argsort(xs)
    xs, ys = xs[order], _monotone(ys[order])
    inside = SOC_NODES[(SOC_NODES > xs[0]) & (SOC_NODES < xs[-1])]
    nodes = np.unique(np.concatenate([inside, [xs[0], xs[-1]]]))
    vn = np.interp(nodes, xs, ys)
    low = min(curves, key=lambda c: c.current) if curves else None
    s = np.unique(np.concatenate([[0.0], nodes, [1.0]]))
    v_all = np.interp(s, nodes, vn)
    below, above = s < xs[0], s > xs[-1]
    if low is not None:
        v_all[below] = _on_soc(low, s[below]) + (vn[0] - _on_soc(low, np.array([xs[0]]))[0])
        v_all[above] = _on_soc(low, s[above]) + (vn[-1] - _on_soc(low, np.array([xs[-1]]))[0])
        ends = f"the ends from {low.name}"
    else:
        if len(nodes) > 1:
            k0 = (vn[1] - vn[0]) / (nodes[1] - nodes[0])
            k1 = (vn[-1] - vn[-2]) / (nodes[-1] - nodes[-2])
            v_all[below] = vn[0] + k0 * (s[below] - xs[0])
            v_all[above] = vn[-1] + k1 * (s[above] - xs[-1])
        ends = "the ends extrapolated"
    n_dis, n_chg = int(np.sum(kind == "after-discharge")), int(np.sum(kind == "after-charge"))
    how = ("the centre of the charge/discharge hysteresis" if min(n_dis, n_chg) >= 2
           else f"{max(n_dis, n_chg)} after a {'discharge' if n_dis >= n_chg else 'charge'}")
    return OCVEstimate(s, _monotone(v_all),
                       f"relaxed voltages at the end of {len(points)} rests ({how}), SOC "
                       f"{xs[0]:.2f}-{xs[-1]:.2f} measured, {ends}")


def from_discharges(curves: list[Curve]) -> OCVEstimate | None:
    """Needs discharges from full at two rates at least 20 % apart."""
    if not curves:
        return None
    by_rate = sorted(curves, key=lambda c: c.current)
    low = by_rate[0]
    high = next((c for c in by_rate if c.current > 1.2 * low.current), None)
    if high is None:
        return None
    s = SOC_NODES
    v1 = _on_soc(low, s)
    v2 = _on_soc(high, s)
    k = low.current / (high.current - low.current)
    drop = (v1 - v2) * k
    # where the faster discharge ended (above SOC 0), keep its last drop
    end = high.soc.min()
    if end > 0:
        last = np.interp(end, s, drop)
        drop = np.where(s < end, last, drop)
    v = _monotone(v1 + np.maximum(drop, 0.0))
    return OCVEstimate(s.copy(), v,
                       f"zero-current extrapolation of the discharges at {low.current:.4g} A "
                       f"({low.name}) and {high.current:.4g} A ({high.name})")


def _on_soc(c: Curve, s: np.ndarray) -> np.ndarray:
    order = np.argsort(c.soc)
    return np.interp(s, c.soc[order], c.voltage[order])


def estimate(rest_points, curves) -> OCVEstimate:
    est = from_rests(rest_points, curves)
    if est is None:
        est = from_discharges(curves)
    if est is None:
        raise InputError("DATA", "cannot tell the OCV from the resistance: the training files "
                                 f"have {len(rest_points)} settled rests (need "
                                 f"{MIN_REST_POINTS} over {MIN_REST_SPAN:.0%} of SOC) and "
                                 "no full discharges at two rates 20 % apart; add a pulse test "
                                 "with rests or a second discharge rate, or take the OCV from "
                                 "--template with --ocv-from-template")
    return est
