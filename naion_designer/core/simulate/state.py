"""The named structures of the time-domain model: a pack's state, a demand, a factorised
nodal system, the step's coefficients, and the small laws the step applies (withheld charge,
RC step weights, the continuous-rating watch)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from .solver import BranchSolve


def amax(x: np.ndarray):
    """The largest element of a 1-D array (NaN if any), as ufunc.reduce gives it but through
    argmax, which costs a tenth of the reduction's ~3 µs of fixed overhead."""
    return x[x.argmax()]


def amin(x: np.ndarray):
    """The smallest element of a 1-D array (NaN if any): see `amax`."""
    return x[x.argmin()]


class Extremes(NamedTuple):
    """The extremes of a state that the limits and the output rows need."""

    v_min: float
    v_max: float
    hottest: int  # flat cell index
    coldest: int
    i_max: float  # A, the largest cell current (discharge positive)
    i_min: float


@dataclass(slots=True)
class PackState:
    """Every cell's state at one instant (flat cell index k = s·P + p; with B packs simulated
    together, pack b's cells are b·N … b·N + N − 1 and the pack figures are arrays of B)."""

    soc: np.ndarray  # N, charge left against the rated capacity (coulomb count), 0-1
    u: np.ndarray  # nrc × N, RC voltages
    T: np.ndarray  # N, K
    current: np.ndarray  # N, A, at the start of the next step (right limit)
    depletion: np.ndarray | float = 0.0  # N, x: surface depletion (rate capability), fraction
    withheld: np.ndarray | float = 0.0  # N, w: charge the cold cell cannot deliver, fraction
    trend: np.ndarray | None = None  # N, A/s: the currents' rate of change over the last step
    heat: np.ndarray | None = None  # N, W: each cell's heat at this instant
    available: np.ndarray | None = None  # N, SOC − x − w once computed
    pack_current: np.ndarray | None = None  # B, A
    pack_voltage: np.ndarray | None = None  # B, V
    voltage: np.ndarray | None = None  # N cell terminal voltages
    cv: np.ndarray | None = None  # B, bool: in the CV phase of a CC-CV charge
    power_margin: np.ndarray | None = None  # B, W (power mode: how much more it could give)
    extremes: Extremes | None = None  # once the limits were checked (one pack)


@dataclass(slots=True)
class Demand:
    """What the pack is asked for during one segment."""

    mode: str  # current | power | cccv
    value: float  # A or W (cccv: the CC current, negative)
    vset: float = 0.0  # cccv: the CV voltage (cell or pack)
    limit: str = "cell"  # cccv: which voltage is held
    cutoff: float = 0.0  # cccv: |A| at which the taper ends


class NodalSystem(NamedTuple):
    """A factorised nodal matrix for one set of branch resistances."""

    branch_resistance: np.ndarray  # N, R0 chord + Σ R_j β_j
    branch_conductance: np.ndarray  # N, 1 / (branch resistance + cell_connection)
    solve: BranchSolve  # branch and terminal voltages for the branches' source currents
    z_branch: np.ndarray  # N, branch voltage per A of pack current
    z_pack: np.ndarray  # B, pack voltage per A of pack current (with the terminals)
    step: float  # the (canonical) step size the matrix was made for


class CellTerms(NamedTuple):
    """What one step needs at the cells' present temperatures."""

    soc_per_current: np.ndarray  # h / (2 Q)
    capacity_factor: np.ndarray | None  # f_Q(T)
    r_factor: np.ndarray | None  # temperature factor of the resistances
    rc_start: np.ndarray | None  # nrc × N, R_j (1 − a − β): weight of I0
    rc_end: np.ndarray | None  # nrc × N, R_j β: weight of I1
    rc_end_sum: np.ndarray | float
    rc_conductance: np.ndarray | None  # nrc × N, 1 / R_j (for the RC losses)
    ocv_offset: np.ndarray | float  # e·(T − T_ref)
    r0: np.ndarray | None  # R0 when it does not vary with SOC or current
    chord_correction: np.ndarray | None  # branch resistance − R0 − Σ R_j β (the chord's error)


@dataclass(slots=True, eq=False)
class StepCoefficients:
    """Everything that depends only on the step size and the factorised resistance state."""

    h: float
    rc_decay: np.ndarray | None = None  # nrc × N, a_j of every cell
    rc_beta: np.ndarray | None = None  # nrc × 1, β_j
    rc_start_ref: np.ndarray | None = None  # R_j (1 − a − β) at the reference temperature
    rc_start: np.ndarray | None = None  # the same at the factorisation's temperatures
    rc_end: np.ndarray | None = None
    rc_end_sum: np.ndarray | float = 0.0
    nodal: NodalSystem | None = None
    exact: bool = False  # the matrix was made for exactly this step size
    thermal_phi: np.ndarray | None = None
    thermal_keep: np.ndarray | None = None
    soc_per_current: np.ndarray | None = None
    depletion_decay: float = 0.0  # e^{−h/τ_d}
    depletion_start: np.ndarray | None = None  # τ_d/Q (1 − a − β): weight of I0
    depletion_end: np.ndarray | None = None  # τ_d/Q β: weight of I1
    terms: CellTerms | None = None  # cached when nothing depends on temperature


class TemperatureFactors(NamedTuple):
    capacity: np.ndarray | None
    resistance: np.ndarray | None
    ocv_offset: np.ndarray | float


@dataclass(slots=True)
class TemperatureCache:
    T: np.ndarray  # the array the factors were last looked up for
    T_ref: np.ndarray  # a copy of the temperatures they were computed at
    factors: TemperatureFactors
    terms: dict  # id(StepCoefficients) -> (StepCoefficients, CellTerms)


class RatingWatch:
    """Time the cells spend above their continuous discharge and charge ratings."""

    def __init__(self, discharge: np.ndarray, charge: np.ndarray):
        self.discharge, self.charge = discharge, charge
        self.lowest = (float(discharge.min()), float(charge.min()))
        self.time_dis = self.time_chg = 0.0
        self.peak_dis = self.peak_chg = 0.0  # A above the rating
        self.i_dis = self.i_chg = 0.0  # the largest cell currents above it

    def add(self, current: np.ndarray, h: float, extremes: Extremes | None = None) -> None:
        """Book a step of h at `current` (`extremes`: the current's, when already known)."""
        i_max, i_min = (extremes.i_max, extremes.i_min) if extremes is not None else \
            (amax(current), amin(current))
        if i_max <= self.lowest[0] and -i_min <= self.lowest[1]:
            return
        d = current - self.discharge
        k = int(d.argmax())
        if d[k] > 1e-9:
            self.time_dis += h
            if d[k] > self.peak_dis:
                self.peak_dis, self.i_dis = float(d[k]), float(current[k])
        d = -current - self.charge
        k = int(d.argmax())
        if d[k] > 1e-9:
            self.time_chg += h
            if d[k] > self.peak_chg:
                self.peak_chg, self.i_chg = float(d[k]), float(-current[k])

    def messages(self) -> list[str]:
        out = []
        if self.time_dis > 0:
            out.append(f"the profile exceeds the cells' continuous discharge rating: a cell ran "
                       f"above its max_continuous_discharge_current for {self.time_dis:.4g} s, "
                       f"at up to {self.i_dis:.4g} A ({self.peak_dis:.3g} A above it)")
        if self.time_chg > 0:
            out.append(f"the profile exceeds the cells' continuous charge rating: a cell ran "
                       f"above its max_continuous_charge_current for {self.time_chg:.4g} s, "
                       f"at up to {self.i_chg:.4g} A ({self.peak_chg:.3g} A above it)")
        return out


def withheld_after(soc0: np.ndarray, soc1: np.ndarray, w0, fq: np.ndarray) -> np.ndarray:
    """The withheld charge after a step from soc0 to soc1 at capacity factor fq: in discharge
    it grows by (soc0 − soc1)(1/f_Q − 1) (a factor above 1 counts as 1: the coulomb count is
    against the rated capacity); in charge it shrinks with the empty part of the cell,
    w1 = w0 (1 − soc1)/(1 − soc0) (exact for d ln w = d ln(1 − SOC))."""
    d = soc0 - soc1
    extra = np.maximum(1.0 / fq - 1.0, 0.0)
    if amin(d) >= 0.0:  # every cell discharging (or at rest): the common case
        return w0 + d * extra
    grow = w0 + d * extra
    empty0 = 1.0 - soc0
    shrink = w0 * np.maximum(1.0 - soc1, 0.0) / np.where(empty0 > 1e-12, empty0, 1.0)
    return np.maximum(np.where(d >= 0.0, grow, shrink), 0.0)


def rc_weights(h: float, tau: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    x = h / tau
    a = np.exp(-x)
    with np.errstate(divide="ignore", invalid="ignore"):
        beta = np.where(x > 1e-4, 1.0 - (-np.expm1(-x)) / np.where(x > 0, x, 1.0),
                        x / 2.0 - x * x / 6.0)
    return a, beta


def step_bucket(beta: np.ndarray, rc_nominal: np.ndarray, r_nominal: float) -> int:
    """Steps whose RC share of the branch resistance is within 2 % share a nodal matrix."""
    return round(float(rc_nominal @ beta) / r_nominal * 50.0) if rc_nominal.size else 0


def canonical_step(key: int, rc_nominal: np.ndarray, r_nominal: float, tau: np.ndarray) -> float:
    """The step size whose RC share is exactly key/50 (∞ beyond the largest share), so that a
    matrix does not depend on which step first asked for it."""
    if not rc_nominal.size:
        return math.inf
    target = key / 50.0 * r_nominal
    if target >= float(rc_nominal.sum()) * (1 - 1e-12):
        return math.inf
    lo, hi = math.log(1e-6), math.log(1e9)
    for _ in range(80):
        mid = 0.5 * (lo + hi)
        if float(rc_nominal @ rc_weights(math.exp(mid), tau)[1]) < target:
            lo = mid
        else:
            hi = mid
    return math.exp(0.5 * (lo + hi))
