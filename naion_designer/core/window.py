"""Closed-form figures of S cells in series inside a target's voltage window: the OCV energy
model, the usable SOC range, the power at the lowest voltage and the temperature factors.

`checks.check_design` uses them per design and `sizing` vectorised over S and P, so both find the
same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .cell import Cell, Table1D
from .targets import C0, Target

# Generic sodium-ion temperature factors, used only when a cell gives no table of its own.
# Capacity: sodium_cells.md section 3 (">90 % at -20 degC" CATL gen-1, HiNa E10X 90 %, CAS IoP
# 86 % at -20 degC, TAILG 93 %, Yadea >92 %); the lower of the claims is taken.
# Resistance: an engineering assumption (no Na-ion DC resistance-temperature data in the sources):
# an Arrhenius-like rise similar to Li-ion cells, about 4x at -20 degC.
GENERIC_CAPACITY_FACTOR = Table1D((C0 - 40, C0 - 30, C0 - 20, C0 - 10, C0, C0 + 10, C0 + 25),
                                  (0.70, 0.80, 0.86, 0.92, 0.96, 0.99, 1.0))
GENERIC_RESISTANCE_FACTOR = Table1D((C0 - 40, C0 - 30, C0 - 20, C0 - 10, C0, C0 + 10, C0 + 25,
                                     C0 + 45),
                                    (11.0, 6.5, 4.0, 2.7, 1.9, 1.4, 1.0, 0.8))


def ocv_table(cell: Cell) -> tuple[np.ndarray, np.ndarray]:
    """The cell's OCV table; without one, a two-segment line through the voltage limits whose
    mean is the nominal voltage (so the energy over SOC 0–1 is nominal × capacity)."""
    if cell.ocv is not None:
        return cell.ocv.arrays()
    lo, hi = cell.min_voltage, cell.max_voltage
    mid = min(max(2 * cell.nominal_voltage - (lo + hi) / 2, lo + 1e-3), hi - 1e-3)
    return np.array([0.0, 0.5, 1.0]), np.array([lo, mid, hi])


class OcvModel:
    """Cumulative OCV energy E(soc) = ∫₀^soc OCV and the SOC range inside a voltage window,
    vectorised."""

    def __init__(self, cell: Cell):
        s, v = ocv_table(cell)
        self.s, self.v = s, v
        self.slope = np.diff(v) / np.diff(s)
        self.cum = np.concatenate([[0.0], np.cumsum(0.5 * (v[1:] + v[:-1]) * np.diff(s))])
        # voltage -> soc: first SOC with OCV >= v uses the last point of any flat, and the last
        # SOC with OCV <= v the first point of a flat
        rv = v[::-1]
        _, last_idx = np.unique(rv, return_index=True)
        last_idx = len(v) - 1 - last_idx
        _, first_idx = np.unique(v, return_index=True)
        self.v_last, self.s_last = v[last_idx], s[last_idx]
        self.v_first, self.s_first = v[first_idx], s[first_idx]

    def energy(self, q):
        q = np.clip(np.asarray(q, float), 0.0, 1.0)
        i = np.clip(np.searchsorted(self.s, q, side="right") - 1, 0, len(self.s) - 2)
        ds = q - self.s[i]
        return self.cum[i] + self.v[i] * ds + 0.5 * self.slope[i] * ds * ds

    def ocv(self, q):
        return np.interp(q, self.s, self.v)

    def soc_range(self, v_lo, v_hi):
        """(s_lo, s_hi): the SOC range whose OCV lies in [v_lo, v_hi] (s_hi < s_lo: empty)."""
        v_lo = np.asarray(v_lo, float)
        v_hi = np.asarray(v_hi, float)
        s_lo = np.where(v_lo <= self.v[0], 0.0, np.where(
            v_lo > self.v[-1], 1.0 + 1e-12, np.interp(v_lo, self.v_last, self.s_last)))
        s_hi = np.where(v_hi >= self.v[-1], 1.0, np.where(
            v_hi < self.v[0], -1e-12, np.interp(v_hi, self.v_first, self.s_first)))
        return s_lo, s_hi

    @property
    def total(self) -> float:
        return float(self.cum[-1])


@dataclass
class WindowFigures:
    """Per-cell figures of S cells in series inside a voltage window (arrays over S)."""

    s_lo: np.ndarray  # SOC range used (design SOC window ∩ voltage window)
    s_hi: np.ndarray
    fraction: np.ndarray  # of the cell's OCV energy (SOC 0–1) inside the window
    energy_per_cell: np.ndarray  # J per cell (× capacity) inside the used SOC range
    v_low: np.ndarray  # pack lowest voltage, V
    ocv_ref: np.ndarray  # cell OCV at the power SOC


def window_figures(cell: Cell, series, target: Target, capacity: float | None = None,
                   soc_window: tuple[float, float] = (0.0, 1.0), ocv: OcvModel | None = None
                   ) -> WindowFigures:
    S = np.asarray(series, float)
    ocv = ocv or OcvModel(cell)
    cap = cell.capacity if capacity is None else capacity
    w_lo, w_hi = ocv.soc_range(target.voltage_min / S, target.voltage_max / S)
    full = np.maximum(ocv.energy(np.maximum(w_hi, w_lo)) - ocv.energy(w_lo), 0.0)
    fraction = np.where(w_hi > w_lo, full / ocv.total, 0.0)
    a, b = soc_window
    s_lo = np.maximum(w_lo, a)
    s_hi = np.minimum(w_hi, b)
    used = np.where(s_hi > s_lo, ocv.energy(np.maximum(s_hi, s_lo)) - ocv.energy(s_lo), 0.0)
    v_low = np.maximum(S * cell.min_voltage, target.voltage_min)
    soc_ref = s_lo + target.power_soc * np.maximum(s_hi - s_lo, 0.0)
    return WindowFigures(s_lo=s_lo, s_hi=s_hi, fraction=fraction, energy_per_cell=used * cap,
                         v_low=v_low, ocv_ref=ocv.ocv(soc_ref))


def power_per_parallel(cell: Cell, series, fig: WindowFigures, current_limit: float,
                       resistance_factor: float = 1.0, r_cell: float | None = None):
    """Pack power per parallel cell at the lowest voltage (W / P), and whether the cell current
    limit (True) or the voltage sag (False) sets it.  r_cell: the resistance of one cell's share
    of the pack (pack R × P / S); the cell's R0 when None."""
    S = np.asarray(series, float)
    r = (cell.resistance if r_cell is None else r_cell) * resistance_factor
    sag_current = np.maximum(S * fig.ocv_ref - fig.v_low, 0.0) / (S * r)
    i = np.minimum(current_limit, sag_current)
    return i * fig.v_low, current_limit <= sag_current


def peak_current(cell: Cell, target: Target) -> tuple[float, str]:
    """The per-cell current for the target's peak, and a note."""
    if cell.peak_discharge_current:
        dur = cell.peak_discharge_duration
        if dur is None or dur >= target.peak_duration - 1e-9:
            return cell.peak_discharge_current, "cell peak current"
        return cell.max_continuous_discharge_current, (
            f"continuous current: the cell's peak lasts {dur:g} s < {target.peak_duration:g} s")
    return cell.max_continuous_discharge_current, "continuous current: the cell gives no peak"


def temperature_factors(cell: Cell, temperature: float) -> tuple[float, float, bool, bool]:
    """(capacity factor, resistance factor, capacity table is the cell's, resistance table is
    the cell's) at an ambient temperature."""
    ct = cell.temp_capacity_factor or GENERIC_CAPACITY_FACTOR
    rt = cell.temp_resistance_factor or GENERIC_RESISTANCE_FACTOR
    return (float(ct(temperature)), float(rt(temperature)),
            cell.temp_capacity_factor is not None, cell.temp_resistance_factor is not None)
