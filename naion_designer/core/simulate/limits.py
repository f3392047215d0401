"""Cut-offs: the limits a cell or the pack can reach, how far each is, and what to tell the user.

A cell outside [min_voltage, max_voltage], a cell's SOC leaving 0–1 (empty: no charge it can
still deliver), a cell's temperature outside its discharge (discharging) or charge (charging)
temperature range, a cell above its peak_discharge_current (when the cell file gives one), and
a power the pack can no longer deliver.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..cell import Cell
from .state import Demand, Extremes, PackState, amax, amin


class Margin(NamedTuple):
    """How far a state is from one limit (negative: beyond it), in volt-like units, and the
    flat index of the cell closest to it."""

    value: float
    cell: int


class Limits:
    def __init__(self, cell: Cell, parallel: int):
        self.P = parallel
        self.vmin, self.vmax = cell.min_voltage, cell.max_voltage
        self.t_dis = cell.discharge_temperature
        self.t_chg = cell.charge_temperature
        self.i_peak = cell.peak_discharge_current
        self.t_hi = min(self.t_dis[1], self.t_chg[1])
        self.t_lo = max(self.t_dis[0], self.t_chg[0])

    @staticmethod
    def extremes(st: PackState) -> Extremes:
        if st.extremes is None:
            V, T, cur = st.voltage, st.T, st.current
            st.extremes = Extremes(float(amin(V)), float(amax(V)), int(T.argmax()),
                                   int(T.argmin()), float(amax(cur)), float(amin(cur)))
        return st.extremes

    def ok(self, st: PackState, dem: Demand, available: np.ndarray, fill: np.ndarray) -> bool:
        """Fast test that no limit is violated (reductions only); keeps the extremes for the
        output row.  `available`: each cell's charge that it can still deliver, `fill`: how
        full it is (fractions of the rated capacity)."""
        ex = self.extremes(st)
        T = st.T
        return bool(self.within(ex.v_min, ex.v_max, amin(available), amax(fill), T[ex.hottest],
                                T[ex.coldest], ex.i_max, dem.mode == "power" and
                                float(st.power_margin[0]) < 0))

    def within(self, v_min, v_max, available_min, fill_max, t_max, t_min, i_max, no_power):
        """The test of `ok` on the extremes of a state, or elementwise on arrays of the
        extremes of several states (no_power: the pack can no longer give the power)."""
        beyond = (v_min < self.vmin) | (v_max > self.vmax) | (available_min < 0.0) | \
            (fill_max > 1.0) | (t_max > self.t_hi) | (t_min < self.t_lo) | no_power
        if self.i_peak:
            beyond = beyond | (i_max > self.i_peak)
        return np.logical_not(beyond)

    def margins(self, st: PackState, dem: Demand, available: np.ndarray,
                fill: np.ndarray) -> dict[str, Margin]:
        """{kind: Margin}; a negative margin is a violated limit."""
        out: dict[str, Margin] = {}
        V = st.voltage
        k = int(np.argmin(V))
        out["min_voltage"] = Margin(float(V[k]) - self.vmin, k)
        k = int(np.argmax(V))
        out["max_voltage"] = Margin(self.vmax - float(V[k]), k)
        k = int(np.argmin(available))
        out["empty"] = Margin(float(available[k]), k)
        k = int(np.argmax(fill))
        out["full"] = Margin(1.0 - float(fill[k]), k)
        T, cur = st.T, st.current
        dis, chg = cur > 1e-9, cur < -1e-9
        if dis.any() or chg.any():
            lo = np.where(dis, self.t_dis[0], np.where(chg, self.t_chg[0], -np.inf))
            hi = np.where(dis, self.t_dis[1], np.where(chg, self.t_chg[1], np.inf))
            m = np.minimum(T - lo, hi - T)
            k = int(np.argmin(m))
            out["temperature"] = Margin(float(m[k]) * 1e-2, k)  # scaled: 1 K ~ 10 mV
        if self.i_peak:
            k = int(np.argmax(cur))
            out["current"] = Margin((self.i_peak - float(cur[k])) * 1e-2, k)
        if dem.mode == "power":
            out["power"] = Margin(float(st.power_margin[0]) * 1e-3, 0)
        return out

    def message(self, kind: str, k: int, st: PackState, dem: Demand) -> str:
        s, p = divmod(k, self.P)
        who = f"cell s{s} p{p}"
        if kind == "min_voltage":
            return f"{who} reached the minimum voltage {self.vmin:.2f} V"
        if kind == "max_voltage":
            return f"{who} reached the maximum voltage {self.vmax:.2f} V"
        if kind == "empty":
            left = float(st.soc[k])
            if left < 5e-4:
                return f"{who} is empty (SOC 0)"
            return (f"{who} is empty: it cannot deliver the {left:.3g} of its rated charge "
                    f"still in it at this temperature and rate (SOC {left:.3g})")
        if kind == "full":
            return f"{who} is full (SOC 1)"
        if kind == "temperature":
            T = float(st.T[k])
            dis = st.current[k] > 0
            lo, hi = self.t_dis if dis else self.t_chg
            what = "discharge" if dis else "charge"
            edge = "upper" if T >= hi - 1e-6 or abs(T - hi) < abs(T - lo) else "lower"
            lim = hi if edge == "upper" else lo
            return (f"{who} at {T - 273.15:.1f} °C is at the {edge} limit of its {what} "
                    f"temperature range ({lim - 273.15:.0f} °C)")
        if kind == "current":
            return f"{who} reached its peak discharge current {self.i_peak:.3g} A"
        return f"the pack cannot deliver {dem.value:.4g} W any more"
