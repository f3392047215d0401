"""Ageing of a cell: calendar and cycle fade of capacity, and resistance growth.

The laws (per cell, SI inside; time in years because the cell file states rates per year):

Calendar fade grows as the square root of time at a constant temperature and SOC,
    q_cal(t) = a · A(T; ΔT_cal) · exp(k_soc · (SOC − 0.5)) · √t,
and under a changing stress its square accumulates, q_cal² = ∫ k(T, SOC)² dt, the usual
state-based form of a √t law (the fade is path independent in q_cal²).

Cycle fade is linear in charge throughput at a constant depth of discharge,
    q_cyc = b · A(T; ΔT_cyc) · exp(c · (C − 1)) · Σ_half-cycles (d / 2) · d^γ,
over the half-cycles of the SOC trace (rainflow), d their depth (0–1), C the throughput-weighted
C-rate: at a constant DoD d this is b · EFC · d^γ per equivalent full cycle (EFC).

A(T; ΔT) is an Arrhenius factor stated as the temperature rise that doubles the rate at the
reference temperature: A = exp(E/R · (1/T_ref − 1/T)) with E = R ln 2 / (1/T_ref − 1/(T_ref+ΔT)).

Capacity Q = Q₀ (1 − q_cal − q_cyc); resistance R = R₀ (1 + ρ_cal q_cal + ρ_cyc q_cyc) with
ρ = calendar_resistance / calendar_capacity (and the same for cycles).

A cell file states the law in an optional `[ageing]` table.  Where it gives none (or only some
keys), the rest is fitted to the cell's `cycle_life` and end-of-life criterion, and the model is
flagged estimated.  The sodium-ion anchors are those cycle lives: HiNa 4,500 full cycles
(fudzilla.com / eautoarena.com, Dec 2022), CATL Naxtra more than 10,000 cycles (catl.com news
6401, powerprogress.com), CATL TENER 15,000 cycles to 70 % (bolnews.com); no stored source gives
a sodium-ion calendar-ageing figure, so the calendar defaults below are estimates.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from .units import InputError

if TYPE_CHECKING:
    from .cell import Cell

R_GAS = 8.314462618
YEAR = 365.25 * 86400.0  # s
T_REF = 298.15

# Defaults where nothing is published for sodium-ion (each one an engineering estimate):
DEFAULT_CALENDAR_CAPACITY = 0.02  # lost in the first year at 25 degC and 50 % SOC
DEFAULT_CALENDAR_DOUBLING = 10.0  # K: the classic "twice as fast every 10 K" (~53 kJ/mol)
DEFAULT_CYCLE_DOUBLING = 20.0  # K: cycling is less temperature-sensitive than storage
DEFAULT_SOC_COEFFICIENT = 1.0  # storage at 100 % SOC ages e^0.5 = 1.65x faster than at 50 %
DEFAULT_DOD_EXPONENT = 0.5  # Woehler exponent 1.5: N(DoD) ∝ DoD^-1.5
DEFAULT_C_RATE_COEFFICIENT = 0.15  # +16 % fade per EFC per C above 1C
DEFAULT_RESISTANCE_PER_FADE = 1.5  # ΔR/R per capacity fade: +30 % at 80 % capacity
DEFAULT_RATE_CV = 0.1  # cell-to-cell spread of the ageing rates
DEFAULT_EOL_CAPACITY = 0.8
# the conditions a cycle life is taken to be rated at (unless the [ageing] table says otherwise)
RATED_C_RATE = 1.0
RATED_DOD = 1.0
RATED_CYCLE_HOURS = 2.5  # 1C discharge + 1C charge + rests
CALENDAR_SHARE_MAX = 0.5  # the calendar part of a fitted cycle life is at most half the fade


@dataclass(frozen=True)
class AgeingModel:
    """The parameters of the ageing laws (see the module docstring)."""

    calendar_capacity: float = DEFAULT_CALENDAR_CAPACITY  # fade after 1 year at T_ref, 50 % SOC
    calendar_doubling: float = DEFAULT_CALENDAR_DOUBLING  # K
    calendar_soc_coefficient: float = DEFAULT_SOC_COEFFICIENT
    calendar_resistance: float = DEFAULT_CALENDAR_CAPACITY * DEFAULT_RESISTANCE_PER_FADE
    cycle_capacity: float = 4e-5  # fade per EFC at 100 % DoD, 1C, T_ref
    cycle_doubling: float = DEFAULT_CYCLE_DOUBLING  # K
    cycle_dod_exponent: float = DEFAULT_DOD_EXPONENT
    cycle_c_rate_coefficient: float = DEFAULT_C_RATE_COEFFICIENT
    cycle_resistance: float = 4e-5 * DEFAULT_RESISTANCE_PER_FADE
    reference_temperature: float = T_REF  # K
    rate_cv: float = DEFAULT_RATE_CV  # spread of the rates from cell to cell
    estimated: bool = True
    basis: str = ""  # how the parameters were obtained (source, or "fitted to ...")

    def validate(self) -> None:
        for name in ("calendar_capacity", "calendar_resistance", "cycle_capacity",
                     "cycle_resistance", "cycle_dod_exponent", "rate_cv"):
            v = getattr(self, name)
            if not (math.isfinite(v) and v >= 0):
                raise InputError(f"ageing.{name}", f"must be a number ≥ 0, got {v!r}")
        for name in ("calendar_doubling", "cycle_doubling"):
            v = getattr(self, name)
            if not (math.isfinite(v) and 1.0 <= v <= 200.0):
                raise InputError(f"ageing.{name}", f"expected 1 K to 200 K, got {v:g} K")
        if not (0 < self.calendar_capacity < 0.5 and self.cycle_capacity < 0.01):
            raise InputError("ageing", "calendar_capacity must be below 0.5 per year and "
                                       "cycle_capacity below 0.01 per cycle")
        if not 200.0 < self.reference_temperature < 400.0:
            raise InputError("ageing.reference_temperature", "not a plausible temperature")

    # --- the laws -----------------------------------------------------------------------------
    def arrhenius(self, temperature, doubling: float):
        """The rate factor at `temperature` (K) relative to the reference temperature."""
        t_ref = self.reference_temperature
        e_over_r = math.log(2.0) / (1.0 / t_ref - 1.0 / (t_ref + doubling))
        return np.exp(e_over_r * (1.0 / t_ref - 1.0 / np.asarray(temperature, float)))

    def calendar_rate(self, temperature, soc):
        """k (fade per √year) at a temperature (K) and SOC (0–1)."""
        return (self.calendar_capacity * self.arrhenius(temperature, self.calendar_doubling)
                * np.exp(self.calendar_soc_coefficient * (np.asarray(soc, float) - 0.5)))

    def calendar_fade(self, years, temperature, soc):
        """Closed form at constant conditions: k · √t."""
        return self.calendar_rate(temperature, soc) * np.sqrt(np.asarray(years, float))

    def cycle_fade_per_efc(self, dod, c_rate, temperature):
        """Fade per equivalent full cycle at a constant DoD (0–1), C-rate and temperature."""
        return (self.cycle_capacity * self.arrhenius(temperature, self.cycle_doubling)
                * np.power(np.asarray(dod, float), self.cycle_dod_exponent)
                * np.exp(self.cycle_c_rate_coefficient * (np.asarray(c_rate, float) - 1.0)))

    @property
    def calendar_resistance_ratio(self) -> float:
        return self.calendar_resistance / self.calendar_capacity if self.calendar_capacity \
            else 0.0

    @property
    def cycle_resistance_ratio(self) -> float:
        return self.cycle_resistance / self.cycle_capacity if self.cycle_capacity else 0.0


def activation_energy(doubling: float, reference_temperature: float = T_REF) -> float:
    """J/mol of an Arrhenius law that doubles its rate over `doubling` K above the reference."""
    return R_GAS * math.log(2.0) / (1.0 / reference_temperature
                                    - 1.0 / (reference_temperature + doubling))


def eol_capacity_fraction(cell: Cell) -> float:
    return cell.eol_capacity_fraction if cell.eol_capacity_fraction else DEFAULT_EOL_CAPACITY


def fit_cycle_capacity(cycle_life: float, eol_fraction: float, model: AgeingModel) -> \
        AgeingModel:
    """The model with `cycle_capacity` fitted so that a cell cycled at the rated conditions (1C,
    100 % DoD, 25 degC, mean SOC 0.5, back to back) reaches `eol_fraction` after `cycle_life`
    cycles, its calendar fade over that time included.  The calendar part is capped at half of
    the budget (a cell whose rated life is mostly calendar time would otherwise get none)."""
    budget = 1.0 - eol_fraction
    years = cycle_life * RATED_CYCLE_HOURS * 3600.0 / YEAR
    t_ref = model.reference_temperature
    cal = float(model.calendar_fade(years, t_ref, 0.5))
    if cal > CALENDAR_SHARE_MAX * budget:
        scale = CALENDAR_SHARE_MAX * budget / cal
        model = replace(model, calendar_capacity=model.calendar_capacity * scale,
                        calendar_resistance=model.calendar_resistance * scale)
        cal = CALENDAR_SHARE_MAX * budget
    per_efc = float(model.cycle_fade_per_efc(RATED_DOD, RATED_C_RATE, t_ref))
    b = (budget - cal) / cycle_life / (per_efc / model.cycle_capacity if model.cycle_capacity
                                       else 1.0)
    ratio = model.cycle_resistance_ratio or DEFAULT_RESISTANCE_PER_FADE
    return replace(model, cycle_capacity=b, cycle_resistance=b * ratio)


def ageing_model(cell: Cell) -> AgeingModel:
    """The cell's ageing model: its `[ageing]` table, with what it leaves out fitted to the cell's
    cycle life and end-of-life criterion (then flagged estimated)."""
    given = getattr(cell, "ageing", None)
    if given is not None and not given.fit_cycle:
        return given.model
    base = given.model if given is not None else AgeingModel()
    life = cell.cycle_life or 3000.0
    eol = eol_capacity_fraction(cell)
    fitted = fit_cycle_capacity(life, eol, base)
    src = (f"cycle fade fitted to {life:g} cycles to {eol:.0%} "
           f"({'stated' if cell.cycle_life else 'assumed'} cycle life, rated at 1C, 100 % DoD, "
           "25 °C)")
    if given is None:
        src += "; calendar fade, temperature and stress factors: sodium-ion defaults (estimated)"
    return replace(fitted, estimated=True, basis=src if not base.basis else
                   f"{base.basis}; {src}")


@dataclass(frozen=True)
class AgeingTable:
    """What a cell file's `[ageing]` table gives: a model, and whether its cycle fade is still to
    be fitted to the cell's cycle life (the table gave no `cycle_capacity`)."""

    model: AgeingModel
    fit_cycle: bool = False


# --- cycle counting -------------------------------------------------------------------------------
def turning_points(x: np.ndarray) -> np.ndarray:
    """The local extrema of a 1-D series (ends included), flat stretches merged."""
    x = np.asarray(x, float)
    if x.size < 3:
        return x
    d = np.diff(x)
    keep = np.flatnonzero(d != 0)
    if keep.size == 0:
        return x[:1]
    y = np.concatenate([x[keep], x[-1:]])
    d = np.diff(y)
    s = np.sign(d)
    inner = np.flatnonzero(s[1:] != s[:-1]) + 1
    return np.concatenate([y[:1], y[inner], y[-1:]])


def rainflow_half_cycles(x: np.ndarray) -> np.ndarray:
    """The depths of the half-cycles of a periodic series (a repeated cycle), by rainflow
    counting: the series is rotated to start at its largest value so that every cycle closes.
    A full cycle of depth d appears twice."""
    tp = turning_points(x)
    if tp.size < 2:
        return np.zeros(0)
    k = int(np.argmax(tp))
    tp = turning_points(np.concatenate([tp[k:], tp[1:k + 1]]))
    stack: list[float] = []
    depths: list[float] = []
    for v in tp:
        stack.append(float(v))
        while len(stack) >= 3:
            r1 = abs(stack[-2] - stack[-3])
            r2 = abs(stack[-1] - stack[-2])
            if r2 < r1:
                break
            depths += [r1, r1]
            del stack[-3:-1]
    depths += [abs(b - a) for a, b in zip(stack, stack[1:], strict=False)]
    return np.asarray(depths, float)


@dataclass(frozen=True)
class CycleStress:
    """What every cell went through in one representative cycle, reduced to the ageing model's
    rates: calendar (Σ k² dt, per year of operation) and cycle fade (per year)."""

    calendar_z_per_year: np.ndarray  # (S, P): d(q_cal²)/dt per year of operation
    cycle_fade_per_year: np.ndarray  # (S, P)
    throughput_efc_per_year: np.ndarray  # (S, P) equivalent full cycles per year
    mean_temperature: np.ndarray  # (S, P) K, time-weighted
    mean_soc: np.ndarray  # (S, P)


def cycle_stress(model: AgeingModel, time: np.ndarray, current: np.ndarray, soc: np.ndarray,
                 temperature: np.ndarray, capacity: np.ndarray, period: float,
                 rest_soc: np.ndarray | None = None, rest_temperature: float | None = None,
                 temperature_shifts: np.ndarray | None = None) -> CycleStress:
    """Reduce a simulated cycle (rows `time` (n,), per-cell `current`, `soc`, `temperature`
    (n, S, P), cell `capacity` (S, P) in C) to ageing rates, when the cycle repeats every
    `period` s: after the simulated part, the cells rest for the rest of the period at
    `rest_soc` (default: their last SOC) and `rest_temperature` (default: their last).
    `temperature_shifts` (m,): ambient offsets of m seasons of equal length (K; the pack's rise
    above ambient is kept), averaged in the rates."""
    t = np.asarray(time, float)
    sim_len = float(t[-1] - t[0]) if t.size > 1 else 0.0
    rest = max(period - sim_len, 0.0)
    dt = np.diff(t)
    shifts = np.zeros(1) if temperature_shifts is None else np.asarray(temperature_shifts, float)
    rs = soc[-1] if rest_soc is None else np.broadcast_to(rest_soc, soc.shape[1:])
    rt = temperature[-1] if rest_temperature is None else \
        np.broadcast_to(float(rest_temperature), soc.shape[1:])
    total = sim_len + rest
    if total <= 0:
        raise InputError("profile", "the duty cycle has no duration")
    per_year = YEAR / total

    z = np.zeros(soc.shape[1:])
    cyc_arr = np.zeros(soc.shape[1:])
    for shift in shifts:
        if dt.size:
            k2 = model.calendar_rate(temperature + shift, soc) ** 2
            z += np.tensordot(dt, 0.5 * (k2[1:] + k2[:-1]), axes=1)
        z += model.calendar_rate(rt + shift, rs) ** 2 * rest
    z = z / shifts.size / YEAR * per_year  # (√year)² per year of operation

    abs_i = np.abs(current)
    if dt.size:
        thr = np.tensordot(dt, 0.5 * (abs_i[1:] + abs_i[:-1]), axes=1)  # C per cycle
    else:
        thr = np.zeros(soc.shape[1:])
    efc = thr / (2.0 * capacity)
    S, P = soc.shape[1:]
    for s in range(S):
        for p in range(P):
            depths = rainflow_half_cycles(soc[:, s, p])
            if depths.size == 0 or thr[s, p] <= 0:
                continue
            d = np.clip(depths, 0.0, 1.0)
            c_rate = _throughput_c_rate(dt, abs_i[:, s, p], capacity[s, p])
            acc = 0.0
            for shift in shifts:
                t_eff = _throughput_temperature(dt, abs_i[:, s, p], temperature[:, s, p] + shift)
                acc += float(model.cycle_fade_per_efc(1.0, c_rate, t_eff))
            acc /= shifts.size
            cyc_arr[s, p] = acc * float(np.sum(0.5 * d * np.power(d, model.cycle_dod_exponent)))
    mean_t = np.tensordot(dt, 0.5 * (temperature[1:] + temperature[:-1]), axes=1) \
        if dt.size else temperature[0] * 0
    mean_t = (mean_t + rt * rest) / total
    mean_s = np.tensordot(dt, 0.5 * (soc[1:] + soc[:-1]), axes=1) if dt.size else soc[0] * 0
    mean_s = (mean_s + rs * rest) / total
    return CycleStress(z, cyc_arr * per_year, efc * per_year, mean_t + float(shifts.mean()),
                       mean_s)


def _throughput_c_rate(dt: np.ndarray, abs_i: np.ndarray, capacity: float) -> float:
    """The throughput-weighted C-rate: ∫|I|² dt / ∫|I| dt over the 1C current."""
    num = float(np.dot(dt, 0.5 * (abs_i[1:] ** 2 + abs_i[:-1] ** 2)))
    den = float(np.dot(dt, 0.5 * (abs_i[1:] + abs_i[:-1])))
    return num / den / (capacity / 3600.0) if den > 0 else 0.0


def _throughput_temperature(dt: np.ndarray, abs_i: np.ndarray, temp: np.ndarray) -> float:
    """The throughput-weighted cell temperature (K)."""
    w = 0.5 * (abs_i[1:] + abs_i[:-1])
    den = float(np.dot(dt, w))
    tm = 0.5 * (temp[1:] + temp[:-1])
    return float(np.dot(dt, w * tm)) / den if den > 0 else float(temp.mean())


@dataclass
class AgeingState:
    """The accumulated ageing of every cell: q_cal² (√year² units) and q_cyc, with each cell's
    rate multiplier (its draw from the cell-to-cell spread of ageing rates)."""

    calendar_z: np.ndarray  # (S, P)
    cycle_fade: np.ndarray  # (S, P)
    multiplier: np.ndarray  # (S, P)

    @classmethod
    def fresh(cls, shape: tuple[int, int], multiplier: np.ndarray | None = None) -> AgeingState:
        m = np.ones(shape) if multiplier is None else np.asarray(multiplier, float)
        return cls(np.zeros(shape), np.zeros(shape), m)

    def advanced(self, stress: CycleStress, years: float) -> AgeingState:
        """The state after `years` more of the same cycle (exact for the laws above)."""
        m = self.multiplier
        return AgeingState(self.calendar_z + m * m * stress.calendar_z_per_year * years,
                           self.cycle_fade + m * stress.cycle_fade_per_year * years, m)

    def calendar_fade(self) -> np.ndarray:
        return np.sqrt(self.calendar_z)

    def capacity_factor(self) -> np.ndarray:
        return np.clip(1.0 - self.calendar_fade() - self.cycle_fade, 0.0, 1.0)

    def resistance_factor(self, model: AgeingModel) -> np.ndarray:
        return (1.0 + model.calendar_resistance_ratio * self.calendar_fade()
                + model.cycle_resistance_ratio * self.cycle_fade)


def capacity_after_cycles(model: AgeingModel, cycles: float, cycles_per_day: float = 1.0,
                          dod: float = 1.0, c_rate: float = 0.5,
                          temperature: float = T_REF, mean_soc: float = 0.5) -> float:
    """Closed form of the remaining capacity fraction after `cycles` cycles of depth `dod` at
    `c_rate`, `cycles_per_day`, a constant temperature and mean SOC (calendar fade over the
    time they take included): what sizing asks of a cell, where a lifetime simulation of every
    candidate would be too slow."""
    years = cycles / cycles_per_day / 365.25
    cal = float(model.calendar_fade(years, temperature, mean_soc))
    cyc = float(model.cycle_fade_per_efc(dod, c_rate, temperature)) * cycles * dod
    return max(1.0 - cal - cyc, 0.0)


def end_of_life_energy_fraction(cell: Cell, cycles: float | None) -> float:
    """Usable energy left after the target's `cycles` (daily, full depth, 0.5C, 25 °C) relative
    to the new pack's, from the cell's ageing model; the cell's end-of-life capacity fraction
    when the target states no cycle count."""
    if not cycles:
        return eol_capacity_fraction(cell)
    return capacity_after_cycles(ageing_model(cell), cycles)
