"""Discharge curves and power capability of a pack, for plots and the PDF report (milliseconds).

Both use one representative, pack-equivalent cell instead of every cell: all cells at the same
state, each carrying 1/P of the pack current, the capacity of the weakest parallel group and the
mean resistance of the cells (overrides and impedance factors included; the RC pairs scaled by the
mean impedance factor), plus the interconnect resistance of the
design's network (pack DC resistance from `network.dc_solution` minus the cells' part).  The cell
model is the simulation's (OCV table, R0 with its SOC/C-rate tables, RC pairs), evaluated in
closed form for a constant current, isothermal at the ambient temperature (the cell file's
temperature factors at that temperature apply).  For the coupled, thermal, per-cell answer run
`simulate`.
"""

from __future__ import annotations

import numpy as np

from .electrical import cell_resistances
from .network import build_network
from .pack import PackDesign
from .units import InputError

T_REF = 298.15


class _Equivalent:
    def __init__(self, design: PackDesign, ambient: float | None):
        cell = design.cell
        if cell.ocv is None:
            raise InputError("cell", f"cell '{cell.id}' has no [ocv] table, so it has no "
                                     "time-domain model")
        self.cell = cell
        self.S, self.P = design.series, design.parallel
        T = design.thermal.ambient_temperature if ambient is None else float(ambient)
        cap = design.cell_array("capacity")
        r0, impedance = cell_resistances(design)
        fq = float(cell.temp_capacity_factor(T)) if cell.temp_capacity_factor else 1.0
        self.ft = float(cell.temp_resistance_factor(T)) if cell.temp_resistance_factor else 1.0
        self.q_pack = float(cap.sum(axis=1).min()) * fq  # C, the weakest group
        self.q_cell = self.q_pack / self.P
        self.rfac = float(r0.mean()) / cell.resistance
        self.ocv_off = cell.entropic_coefficient * (T - T_REF)
        pack_r, _ = build_network(design).dc_solution(r0)
        cells_r = float(np.sum(1.0 / np.sum(1.0 / r0, axis=1)))
        self.r_ic = max(pack_r - cells_r, 0.0)
        zfac = float(impedance.mean())  # an R0 override leaves the RC pairs as they are
        self.rc = [(p.resistance * zfac * self.ft, p.tau) for p in cell.rc]
        self.vmin = cell.min_voltage

    def r0(self, soc, i_cell):
        c = self.cell
        if c.r0_rate is not None:
            r = c.r0_rate(soc, np.abs(i_cell) / c.capacity_ah)
        elif c.r0_soc is not None:
            r = c.r0_soc(soc)
        else:
            r = np.full(np.shape(soc), c.resistance)
        return r * self.rfac * self.ft

    def cell_voltage(self, soc, i_cell, t):
        """Cell voltage at time t of a constant current i_cell from rest (arrays broadcast)."""
        v = self.cell.ocv(soc) + self.ocv_off - self.r0(soc, i_cell) * i_cell
        for r, tau in self.rc:
            v = v - r * i_cell * (-np.expm1(-np.asarray(t, float) / tau))
        return v

    def pack_voltage(self, soc, i_pack, t):
        return self.S * self.cell_voltage(soc, i_pack / self.P, t) - i_pack * self.r_ic


def discharge_curves(design: PackDesign, c_rates=(0.2, 0.5, 1.0, 2.0), points: int = 200,
                     ambient: float | None = None) -> list[tuple[float, np.ndarray, np.ndarray]]:
    """[(c_rate, delivered capacity in Ah, pack voltage in V)] of constant-current discharges from
    full, each ending at the cut-off (a cell at its minimum voltage, or empty)."""
    eq = _Equivalent(design, ambient)
    out = []
    for c in c_rates:
        c = float(c)
        if not c > 0:
            raise InputError("c_rates", f"expected positive C-rates, got {c:g}")
        i_pack = c * eq.q_pack / 3600.0
        t_end = eq.q_cell / (i_pack / eq.P)  # empty
        # denser towards the end, where the voltage falls fastest
        x = np.linspace(0.0, 1.0, points)
        t = t_end * (1.0 - (1.0 - x) ** 1.5)
        if eq.rc:  # resolve the RC transients at the start
            taus = [tau for _, tau in eq.rc]
            early = np.geomspace(min(taus) / 8.0, 5.0 * max(taus), 40)
            t = np.union1d(t, early[early < t_end])
        soc = 1.0 - t / t_end
        v_cell = eq.cell_voltage(soc, i_pack / eq.P, t)
        below = np.nonzero(v_cell <= eq.vmin)[0]
        if below.size:
            k = int(below[0])
            if k == 0:
                t, v = np.array([0.0]), np.array([eq.pack_voltage(1.0, i_pack, 0.0)])
                out.append((c, np.zeros(1), v.astype(float)))
                continue
            # the crossing inside (t[k-1], t[k]) by bisection on the closed form
            lo, hi = t[k - 1], t[k]
            for _ in range(40):
                mid = 0.5 * (lo + hi)
                if eq.cell_voltage(1.0 - mid / t_end, i_pack / eq.P, mid) > eq.vmin:
                    lo = mid
                else:
                    hi = mid
            t = np.append(t[:k], lo)
            soc = 1.0 - t / t_end
        v = eq.pack_voltage(soc, i_pack, t)
        out.append((c, i_pack * t / 3600.0, np.asarray(v, float)))
    return out


def power_capability(design: PackDesign, n: int = 21, pulse: float = 10.0,
                     ambient: float | None = None) -> dict[str, np.ndarray]:
    """Discharge power the pack can give over SOC for a `pulse`-second pulse from rest:
    `power_at_min_voltage_W` (the current that brings the first cell to its minimum voltage
    at the end of the pulse, times the pack voltage then), `power_at_current_limit_W` (at the
    cells' maximum continuous discharge current × P), `power_W` (the smaller: both limits hold).
    Also `current_at_min_voltage_A` and `voltage_at_current_limit_V`."""
    eq = _Equivalent(design, ambient)
    soc = np.linspace(0.0, 1.0, int(n))
    i_lim = float(design.cell_array("max_continuous_discharge_current").sum(axis=1).min())
    v_lim = eq.pack_voltage(soc, np.full_like(soc, i_lim), pulse)
    p_lim = np.maximum(i_lim * v_lim, 0.0)
    vmin_pack = eq.S * eq.vmin
    # the current at which the cell reaches its minimum voltage: vectorised bisection
    ocv_ok = eq.cell_voltage(soc, np.zeros_like(soc), pulse) > eq.vmin
    lo = np.zeros_like(soc)
    hi = np.full_like(soc, 1.0)
    # grow the bracket until the voltage is below the minimum (bounded)
    for _ in range(60):
        above = (eq.cell_voltage(soc, hi / eq.P, pulse) > eq.vmin) & ocv_ok
        if not above.any():
            break
        hi = np.where(above, hi * 2.0, hi)
    for _ in range(50):
        mid = 0.5 * (lo + hi)
        ok = eq.cell_voltage(soc, mid / eq.P, pulse) > eq.vmin
        lo = np.where(ok, mid, lo)
        hi = np.where(ok, hi, mid)
    i_vmin = np.where(ocv_ok, lo, 0.0)
    v_at = eq.pack_voltage(soc, i_vmin, pulse)
    p_vmin = np.maximum(i_vmin * v_at, 0.0)
    i_both = np.minimum(i_vmin, i_lim)
    p = np.maximum(i_both * eq.pack_voltage(soc, i_both, pulse), 0.0)
    return {"soc": soc, "power_at_min_voltage_W": p_vmin, "power_at_current_limit_W": p_lim,
            "power_W": p, "current_at_min_voltage_A": i_vmin,
            "voltage_at_current_limit_V": np.asarray(v_lim, float),
            "min_voltage_V": np.full_like(soc, vmin_pack)}
