"""Output rows inside a step: the step's own solution at an earlier instant.

The exact step (`iterate`) assumes that every cell's current varies linearly over the step, from
I0 to I1.  Restricted to [0, θ], that current is a step of θ whose end current is
I0 + (θ/h)(I1 − I0), and the same exact formulas give each cell's RC voltages, SOC and surface
depletion at θ; its terminal voltage follows from the cell equation at that state:
    u_j(θ) = a_j(θ) u_j + R_j (1 − a_j(θ) − β_j(θ)) I0 + R_j β_j(θ) I(θ)
    SOC(θ) = SOC − (I0 + I(θ)) θ / (2Q)
    V(θ)   = OCV(SOC(θ) − x(θ)) + e·(T − 298.15 K) − R0·I(θ) − Σ_j u_j(θ)
The temperatures and the withheld charge move slowly and are interpolated linearly between the
step's ends; the pack voltage is the network's linear response to the cells' sources at θ.  At
θ = h this is the step's end state.  A row inside a step is therefore the solution the step
already computed, and as accurate as its ends where the currents are close to linear over the
step: `stepping` takes such steps only where they have settled, away from the corners of the
cells' tables and while the cells' warming hardly moves their resistances.
"""

from __future__ import annotations

import numpy as np

from .record import RowBlock
from .state import PackState, rc_weights
from .terms import cell_terms


def _ocv(x: np.ndarray, y: np.ndarray, soc: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """np.interp(soc, x, y) for SOCs from lo to hi: where they all lie in one interval of the
    table (the usual case: a pack's cells are close), its line, the same numbers (numpy's
    formula) at a fraction of the cost."""
    j = int(x.searchsorted(lo, side="right")) - 1
    if 0 <= j < len(x) - 1 and hi < x[j + 1]:
        x0, y0 = float(x[j]), float(y[j])
        slope = (float(y[j + 1]) - y0) / (float(x[j + 1]) - x0)
        out = soc - x0
        out *= slope
        out += y0
        return out
    return np.interp(soc, x, y)


def interior_rows(model, limits, weights: np.ndarray, st0: PackState, st1: PackState,
                  h: float, t0: float, times: np.ndarray) -> tuple[RowBlock, np.ndarray, ...]:
    """The output rows at `times` inside the step of h from `st0` (at t0) to `st1`; for each
    whether it passes `limits.within` (bool (rows,), the quick test of `Limits.ok`); and each
    cell's available charge and surface SOC (rows × cells).  `weights`: each cell's share of
    the pack capacity (the pack SOC)."""
    f = model.coefficients(h)
    ct = cell_terms(model, f, st0.T)
    p = model.params
    thetas = times - t0
    s = (thetas / h)[:, None]
    i0 = st0.current
    cur = s * (st1.current - i0)
    cur += i0
    soc = i0 + cur
    soc *= thetas[:, None] * model.half_per_capacity
    np.subtract(st0.soc, soc, out=soc)
    ft = ct.r_factor
    if model.nrc:  # Σ_j u_j(θ): the weights of u_j, R_j I0 and R_j I(θ) as rows × nrc matrices
        a, start, end = model.interior_weights(thetas)
        r = model.Rrc if ft is None else model.Rrc * ft
        usum = a @ st0.u
        usum += (start @ r) * i0
        usum += (end @ r) * cur
    fill = soc
    if model.tau_d:
        ad, bd = rc_weights(thetas[:, None], np.array([model.tau_d]))
        k = model.tau_d / model.Q if ft is None else (model.tau_d / model.Q) * ft
        x = ad * st0.depletion + (k * (1.0 - ad - bd)) * i0 + (k * bd) * cur
        fill = soc - x
    f_min, f_max = fill.min(axis=1), fill.max(axis=1)
    v = _ocv(p.ocv_soc, p.ocv_voltage, fill, float(f_min.min()), float(f_max.max()))
    r0 = ct.r0 if ct.r0 is not None else p.r0_at(soc, ft, cur)
    v -= r0 * cur
    if model.nrc:
        v -= usum
    if model.ent:
        v += ct.ocv_offset
    T = s * (st1.T - st0.T)
    T += st0.T
    w0, w1 = st0.withheld, st1.withheld
    available = fill if isinstance(w0, float) and isinstance(w1, float) and w0 == w1 == 0.0 \
        else fill - (w0 + s * (w1 - w0))
    # the pack: its current interpolated; its voltage from the network's linear response to the
    # cells' sources E = V + R·I (as the step computes it at its end)
    sysm = f.nodal
    ip = st0.pack_current + s[:, 0] * (st1.pack_current - st0.pack_current)
    e = sysm.branch_resistance * cur
    e += v
    vp = e @ (sysm.z_branch * sysm.branch_conductance)
    vp -= ip * sysm.z_pack[0]
    rows = np.arange(len(times))
    hot, cold = T.argmax(axis=1), T.argmin(axis=1)
    t_max, t_min = T[rows, hot], T[rows, cold]
    v_min, v_max = v.min(axis=1), v.max(axis=1)
    pack_soc = soc @ weights
    block = RowBlock(times, ip, vp, pack_soc,
                     pack_soc if available is soc else available @ weights, t_max, t_min,
                     v_min, v_max, hot, cold, cur, v, soc, T)
    ok = limits.within(v_min, v_max, f_min if available is fill else available.min(axis=1),
                       f_max, t_max, t_min,
                       cur.max(axis=1) if limits.i_peak else None, False)
    return block, ok, available, fill
