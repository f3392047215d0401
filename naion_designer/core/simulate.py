"""Time-domain pack simulation: every cell individually inside the design's real circuit.

Cell model (per cell k, positive current = discharge)
    V = OCV(SOC) + e·(T − 298.15 K) − R0(SOC, T, I)·I − Σ_j u_j,   u_j' = −u_j/τ_j + I/C_j
    SOC' = −I / (Q·f_Q(T))
with R0 from `resistance` or the `r0_soc` table, the RC pairs of the cell file, `e` the entropic
coefficient, and the temperature factors f_R(T) (scales R0 and every RC resistance, τ kept) and
f_Q(T) (scales the capacity) of `temperature_effects`.  A per-cell override or spread of
`resistance` scales that cell's whole impedance (R0 and the RC resistances) by R_k / R_cell.

Discretisation (exact for currents that vary linearly over a step): over a step h with the cell
current going from I0 to I1 linearly,
    u_j(h) = a_j u_j + R_j (1 − a_j − β_j) I0 + R_j β_j I1,   a = e^{−h/τ}, β = 1 − τ(1 − a)/h
    SOC(h) = SOC − (I0 + I1) h / (2Q)
so a constant current is integrated exactly (no Euler drift) and redistribution transients to
second order.  The unknown end currents I1 of all cells are found together with the network
(fully coupled, nodal analysis with every cell a Thevenin branch): the nodal matrix for the
branch resistances R_m = R0 + Σ R_j β_j (+ cell_connection) is factorised once per step size
and resistance state, and a chord-Newton loop on the exact nonlinear cell model (OCV table,
R0(SOC, I), …) corrects the sources until every branch agrees within 1 µV.  The matrix is
refactorised only when the cells' effective resistance drifts more than 10 % from it.

Steps: internal steps start at 1/16 of the shortest RC time constant after every change of the
demand and double up to half of it (≤ 10 s); they grow further (up to the output interval, at most
60 s) only while no cell's current changes by more than 0.02 % per step, where the exact
integration needs no small steps.  Output rows fall on internal step boundaries, so the results
are accurate at any output interval.  A cut-off is located inside its step by Brent's method on
the exact step solution, and the last row is at the cut-off.

Cut-offs: a cell outside [min_voltage, max_voltage], a cell's SOC leaving 0–1, a cell's
temperature outside its discharge (discharging) or charge (charging) temperature range, a cell
above its peak_discharge_current (when the cell file gives one), and a power the pack can no
longer deliver.  In a CC-CV segment a full cell ends the charge (as a charger would), not the run.
"""

from __future__ import annotations

import math
import time as _time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .network import NodalFactor, build_network, incidence
from .pack import PackDesign
from .profiles import Profile, Segment
from .thermal import build_thermal
from .units import InputError

T_REF = 298.15
_amax, _amin = np.maximum.reduce, np.minimum.reduce  # without the ndarray.max wrapper
TOL_V = 1e-6  # V, chord-Newton tolerance on each branch
MAX_STEP = 10.0  # s


class SimulationCancelled(Exception):
    """Raised by `simulate` when `cancel()` returned True."""


@dataclass(frozen=True)
class Spread:
    """Statistical cell-to-cell variation: coefficients of variation of a normal distribution
    (clipped at ±4 σ) of capacity and resistance, and the standard deviation of the initial SOC."""

    capacity_cv: float = 0.0
    resistance_cv: float = 0.0
    soc0_cv: float = 0.0


@dataclass(eq=False)
class SimulationResult:
    series: int
    parallel: int
    time: np.ndarray  # (N,) s
    pack_current: np.ndarray  # A, positive = discharge
    pack_voltage: np.ndarray  # V
    soc: np.ndarray  # pack, 0-1 (charge-weighted mean of the cells)
    max_cell_temperature: np.ndarray  # K
    min_cell_temperature: np.ndarray  # K
    hottest_cell: np.ndarray  # (N, 2) s, p
    coldest_cell: np.ndarray  # (N, 2) s, p
    cell_current: np.ndarray | None = None  # (N, S, P)
    cell_voltage: np.ndarray | None = None
    cell_soc: np.ndarray | None = None
    cell_temperature: np.ndarray | None = None
    cutoff: str | None = None
    cutoff_time: float | None = None
    cutoff_kind: str | None = None  # min_voltage, max_voltage, empty, full, temperature,
    #                                 current, power
    cutoff_cell: tuple[int, int] | None = None
    steps: int = 0  # internal steps taken
    factorisations: int = 0
    min_cell_voltage: np.ndarray | None = None
    max_cell_voltage: np.ndarray | None = None
    extra: dict = field(default_factory=dict)

    @property
    def energy(self) -> float:
        """Energy delivered by the pack, J (negative when charged)."""
        p = self.pack_current * self.pack_voltage
        return float(np.trapezoid(p, self.time)) if len(self.time) > 1 else 0.0

    @property
    def charge(self) -> float:
        """Charge delivered by the pack, C (A·s)."""
        return float(np.trapezoid(self.pack_current, self.time)) if len(self.time) > 1 else 0.0

    def csv_text(self, per_cell: bool = False) -> str:
        """The contract's OUT.csv: time_s, pack_current_A, pack_voltage_V, soc,
        max_cell_temperature_C, [per cell: I_s{s}_p{p}_A, V_…_V, SOC_…, T_…_C], then
        min_cell_temperature_C, min_cell_voltage_V, max_cell_voltage_V."""
        cols = ["time_s", "pack_current_A", "pack_voltage_V", "soc", "max_cell_temperature_C"]
        data = [self.time, self.pack_current, self.pack_voltage, self.soc,
                self.max_cell_temperature - 273.15]
        fmts = ["%.10g", "%.8g", "%.8g", "%.8g", "%.6g"]
        if per_cell:
            if self.cell_current is None:
                raise InputError("--per-cell", "the simulation was run without per-cell results")
            n = len(self.time)
            names = [f"s{s}_p{p}" for s in range(self.series) for p in range(self.parallel)]
            cc = self.cell_current.reshape(n, -1)
            cv = self.cell_voltage.reshape(n, -1)
            cs = self.cell_soc.reshape(n, -1)
            ct = self.cell_temperature.reshape(n, -1) - 273.15
            for k, nm in enumerate(names):
                cols += [f"I_{nm}_A", f"V_{nm}_V", f"SOC_{nm}", f"T_{nm}_C"]
                data += [cc[:, k], cv[:, k], cs[:, k], ct[:, k]]
                fmts += ["%.8g", "%.8g", "%.8g", "%.6g"]
        # beyond the contract, at the end so that the contract's columns keep their places
        cols += ["min_cell_temperature_C", "min_cell_voltage_V", "max_cell_voltage_V"]
        data += [self.min_cell_temperature - 273.15, self.min_cell_voltage,
                 self.max_cell_voltage]
        fmts += ["%.6g", "%.8g", "%.8g"]
        import io

        arr = np.column_stack(data) if data else np.zeros((0, len(cols)))
        buf = io.StringIO()
        np.savetxt(buf, arr, fmt=fmts, delimiter=",", header=",".join(cols), comments="")
        return buf.getvalue()


# --------------------------------------------------------------------------------------------
@dataclass(slots=True)
class _State:
    soc: np.ndarray  # N
    u: np.ndarray  # nrc × N
    T: np.ndarray  # N
    cur: np.ndarray  # N, current at the start of the next step (right limit)
    Ip: float = 0.0  # pack current
    Vp: float = 0.0  # pack voltage
    V: np.ndarray | None = None  # N cell voltages
    phase: str = "cc"  # cc-cv phase
    power_margin: float = math.inf  # W (power mode: how much more the pack could give)
    stats: tuple | None = None  # (V min, V max, hottest, coldest) once checked


@dataclass(slots=True)
class _Demand:
    mode: str  # current | power | cccv
    value: float  # A or W
    vset: float = 0.0
    limit: str = "cell"
    cutoff: float = 0.0


class _Factor:
    """Everything that depends only on the step size and the factorised resistance state."""

    __slots__ = ("h", "a_col", "c1", "rcb", "rcbsum", "rm", "gm", "lu", "zb", "zpos", "phi",
                 "kk", "hq", "c1_0", "beta_col", "exact", "terms")


def _matvec(m):
    """y = m @ x for a CSR matrix, through SciPy's kernel without the per-call checks."""
    try:
        from scipy.sparse._sparsetools import csr_matvec
    except ImportError:  # pragma: no cover - private API moved: the public operator
        return lambda x: m @ x
    nr, nc = m.shape
    indptr, indices, data = m.indptr, m.indices, m.data

    def mv(x):
        y = np.zeros(nr)
        csr_matvec(nr, nc, indptr, indices, data, x, y)
        return y

    mv(np.zeros(nc))  # fail early, not inside the time loop
    return mv


class _Engine:
    def __init__(self, design: PackDesign, ambient: float, soc0: float,
                 spread: Spread | None, seed: int | None):
        cell = design.cell
        if cell.ocv is None:
            raise InputError("cell", f"cell '{cell.id}' has no [ocv] table, so it has no "
                                     "time-domain model")
        self.design = design
        self.cell = cell
        S, P = design.series, design.parallel
        self.S, self.P, self.N = S, P, S * P
        N = self.N
        rng = np.random.default_rng(seed)
        sp_ = spread or Spread()

        def factor(cv: float) -> np.ndarray:
            if not cv:
                return np.ones(N)
            return np.clip(rng.normal(1.0, cv, N), max(1 - 4 * cv, 0.05), 1 + 4 * cv)

        cap_f = factor(sp_.capacity_cv)
        res_f = factor(sp_.resistance_cv)
        self.Q = design.cell_array("capacity").ravel() * cap_f
        self.rfac = design.cell_array("resistance").ravel() / cell.resistance * res_f
        self.R0 = cell.resistance * self.rfac
        if cell.r0_soc is not None:
            x, y = cell.r0_soc.arrays()
            self.r0_x, self.r0_shape = x, y / cell.resistance
        else:
            self.r0_x = None
        self.tau = np.array([p.tau for p in cell.rc], float)
        self.Rrc = np.array([p.resistance for p in cell.rc], float)[:, None] * self.rfac[None, :]
        self.nrc = len(cell.rc)
        self.ocv_x, self.ocv_y = cell.ocv.arrays()
        self.ocv_slope = np.diff(self.ocv_y) / np.diff(self.ocv_x)
        self.ent = float(cell.entropic_coefficient)
        self.tf_r = cell.temp_resistance_factor.arrays() if cell.temp_resistance_factor else None
        self.tf_q = cell.temp_capacity_factor.arrays() if cell.temp_capacity_factor else None
        if cell.r0_rate is not None:
            rs, rc, rr = cell.r0_rate.arrays()
            dtab = (rr / cell.resistance) * rc[:, None]  # drops per C-rate, relative
            self.rate = (rs, rc, dtab.ravel(), cell.capacity / 3600.0, rs[1:-1],
                         1.0 / np.diff(rs), rc[1:-1],
                         1.0 / np.diff(rc) if len(rc) > 1 else None, len(rs))
        else:
            self.rate = None
        self.vmin, self.vmax = cell.min_voltage, cell.max_voltage
        self.t_dis = cell.discharge_temperature
        self.t_chg = cell.charge_temperature
        self.i_peak = cell.peak_discharge_current
        self.ambient = float(ambient)
        self._t_hi = min(self.t_dis[1], self.t_chg[1])
        self._t_lo = max(self.t_dis[0], self.t_chg[0])

        net = build_network(design)
        self.net = net
        self.M = incidence(net)
        self.MT = self.M.T.tocsr()
        self._scatter = _matvec(self.M)
        self._gather = _matvec(self.MT)
        self.pos_tap = net.pos_tap - 1
        self.r_term = net.terminal_resistance
        self.r_conn = net.cell_connection
        self.e_pos = np.zeros(net.n_nodes - 1)
        self.e_pos[self.pos_tap] = 1.0
        self.thermal = build_thermal(design)
        self.th_const = self.thermal.constant_flow(self.ambient)
        # what varies with the state (else precomputed per factorisation)
        self.r0_varies = self.r0_x is not None or self.rate is not None
        self.inv_rrc = 1.0 / self.Rrc if self.nrc else None

        soc_init = np.full(N, float(soc0))
        if sp_.soc0_cv:
            soc_init = np.clip(soc_init + rng.normal(0.0, sp_.soc0_cv, N), 0.0, 1.0)
        self.state0 = _State(soc=soc_init, u=np.zeros((self.nrc, N)), T=np.full(N, ambient),
                             cur=np.zeros(N))
        self._cache: dict[float, _Factor] = {}
        self._mats: dict[float, tuple] = {}
        self._rc_nominal = np.array([p.resistance for p in cell.rc], float)
        self._r_nominal = cell.resistance + float(self._rc_nominal.sum())
        self._tcache = None
        self._rm_ref = self._effective_r0(self.state0)
        self.factorisations = 0
        tau_min = float(self.tau.min()) if self.nrc else math.inf
        self.h_cap = min(MAX_STEP, max(0.05, tau_min / 2.0))

    # --- resistances -------------------------------------------------------------------------
    def _tfac(self, T: np.ndarray):
        if self.tf_r is None:
            return None
        return np.interp(T, self.tf_r[0], self.tf_r[1])

    def _r0(self, soc: np.ndarray, ft, current: np.ndarray | None) -> np.ndarray:
        if self.rate is not None:
            r = self.R0 * self._rate_shape(soc, current, slope=False)
        elif self.r0_x is not None:
            r = self.R0 * np.interp(soc, self.r0_x, self.r0_shape)
        else:
            r = self.R0
        return r if ft is None else r * ft

    def _rate_shape(self, soc: np.ndarray, current, slope: bool) -> np.ndarray:
        """The [r0_rate] table relative to `resistance` at (SOC, |I|): R0, or with slope=True
        the incremental resistance d(R0·I)/dI (the chord of the Newton loop).  Bilinear in
        (SOC, C-rate) on the table of drops D = c·R (flat 1-D lookups: this runs several times
        per step)."""
        s, c, dflat, i1c, s_in, inv_ds, c_in, inv_dc, ns = self.rate
        mx, mn = np.maximum, np.minimum  # (np.clip costs ~10 µs of Python per call)
        k = s_in.searchsorted(soc, side="right")
        w = mn(mx((soc - s.take(k)) * inv_ds.take(k), 0.0), 1.0)
        if len(c) == 1:
            d0 = dflat.take(k)
            return (d0 + w * (dflat.take(k + 1) - d0)) / c[0]
        cq = np.abs(current) * (1.0 / i1c) if current is not None else np.ones_like(soc)
        cc = mn(mx(cq, c[0]), c[-1])
        j = c_in.searchsorted(cc)
        base = j * ns + k
        lo = dflat.take(base)
        lo = lo + w * (dflat.take(base + 1) - lo)  # D at (c_j, soc)
        hi = dflat.take(base + ns)
        hi = hi + w * (dflat.take(base + ns + 1) - hi)  # D at (c_j+1, soc)
        if slope:
            val = (hi - lo) * inv_dc.take(j)
            return np.where(cq < c[0], lo / c[0], np.where(cq > c[-1], hi / c[-1], val))
        # clipping the C-rate into the table gives the end rows outside it
        return (lo + (cc - c.take(j)) * inv_dc.take(j) * (hi - lo)) / cc

    def _effective_r0(self, st: _State) -> np.ndarray:
        """R0 to put in the matrix (the chord slope): R0 at the state or, with an [r0_rate]
        table, the incremental resistance d(R0·I)/dI at the present current."""
        ft = self._tfac(st.T)
        if self.rate is not None:
            r = self.R0 * self._rate_shape(st.soc, st.cur, slope=True)
            return r if ft is None else r * ft
        return self._r0(st.soc, ft, None)

    # --- factorisations ----------------------------------------------------------------------
    def _betas(self, h: float) -> tuple[np.ndarray, np.ndarray]:
        x = h / self.tau
        a = np.exp(-x)
        with np.errstate(divide="ignore", invalid="ignore"):
            beta = np.where(x > 1e-4, 1.0 - (-np.expm1(-x)) / np.where(x > 0, x, 1.0),
                            x / 2.0 - x * x / 6.0)
        return a, beta

    def _factor(self, h: float, st: _State) -> _Factor:
        """The exact step coefficients for h, and a factorised nodal matrix for a step size
        within ±9 % of h (the chord of the Newton loop: the converged solution does not depend
        on it, so steps of arbitrary length share a few factorisations)."""
        f = self._cache.get(h)
        if f is not None:
            return f
        if len(self._cache) > 256:
            self._cache.clear()
        f = _Factor()
        f.h = h
        f.terms = None
        ft = self._tfac(st.T)
        if self.nrc:
            a, beta = self._betas(h)
            f.a_col = a[:, None]
            f.beta_col = beta[:, None]
            f.c1_0 = self.Rrc * (1.0 - a - beta)[:, None]
            rcb0 = self.Rrc * f.beta_col
            f.c1 = f.c1_0 if ft is None else f.c1_0 * ft
            f.rcb = rcb0 if ft is None else rcb0 * ft
            f.rcbsum = f.rcb.sum(axis=0)
        else:
            f.rcbsum = 0.0
        # steps whose RC contribution to the branch resistance differs by < 2 % of the
        # cell's resistance share one matrix
        if self.nrc:
            frac = float(self._rc_nominal @ f.beta_col[:, 0]) / self._r_nominal
            hk = round(frac * 50.0)
        else:
            hk = 0
        m = self._mats.get(hk)
        if m is None:
            m = self._matrix(h, ft)
            self._mats[hk] = m
        f.rm, f.gm, f.lu, f.zb, f.zpos, h_mat = m
        f.exact = h_mat == h
        f.phi, f.kk = self.thermal.step_factors(h)
        f.hq = h / (2.0 * self.Q)
        self._cache[h] = f
        return f

    def _matrix(self, hk: float, ft):
        if self.nrc:
            a, beta = self._betas(hk)
            rcb = self.Rrc * beta[:, None]
            if ft is not None:
                rcb = rcb * ft
            rm = self._rm_ref + rcb.sum(axis=0)
        else:
            rm = self._rm_ref.copy()
        gm = 1.0 / (rm + self.r_conn)
        lu = NodalFactor(self.net, rm + self.r_conn)
        self.factorisations += 1
        z = lu.solve(self.e_pos)
        return rm, gm, lu, self._gather(z), float(z[self.pos_tap]) + self.r_term, hk

    def _temperature_terms(self, f: _Factor, T: np.ndarray):
        """(hq, ft, c1, rcb, rcbsum, 1/Rrc, OCV offset, R0, chord correction) at the cells'
        temperatures.  The temperature factors are recomputed only when a cell's temperature
        has moved more than 0.02 K (R changes ~0.1 % per 0.02 K at 25 °C for a steep cell);
        the step-size dependent products only when the step size or those factors change."""
        if self.tf_r is None and self.tf_q is None and not self.ent:
            if f.terms is None:
                f.terms = self._terms(f, None)
            return f.terms
        tc = self._tcache
        if tc is None or not (tc[0] is T or _amax(np.abs(T - tc[1])) < 0.02):
            interp = np.interp
            fq = interp(T, self.tf_q[0], self.tf_q[1]) if self.tf_q is not None else None
            ft = interp(T, self.tf_r[0], self.tf_r[1]) if self.tf_r is not None else None
            off = self.ent * (T - T_REF) if self.ent else 0.0
            tc = (T, T.copy(), (fq, ft, off), {})
        elif tc[0] is not T:
            tc = (T, tc[1], tc[2], tc[3])
        self._tcache = tc
        per_f = tc[3]
        terms = per_f.get(id(f))
        if terms is None or terms[0] is not f:
            if len(per_f) > 64:
                per_f.clear()
            terms = (f, self._terms(f, tc[2]))
            per_f[id(f)] = terms
        return terms[1]

    def _terms(self, f: _Factor, tfac):
        fq, ft, off = tfac if tfac is not None else (None, None, 0.0)
        hq = f.hq if fq is None else f.hq / fq
        c1 = rcb = inv = None
        rcbsum = 0.0
        if self.nrc:
            if ft is None:
                c1, rcb, rcbsum, inv = f.c1, f.rcb, f.rcbsum, self.inv_rrc
            else:
                c1 = f.c1_0 * ft
                rcb = self.Rrc * f.beta_col * ft
                rcbsum = rcb.sum(axis=0)
                inv = self.inv_rrc / ft
        r0c = corr = None
        if not self.r0_varies:
            r0c = self.R0 if ft is None else self.R0 * ft
            if ft is not None or self.nrc == 0 or not f.exact:
                corr = f.rm - r0c - rcbsum
        return hq, ft, c1, rcb, rcbsum, inv, off, r0c, corr

    def refresh_at(self, soc: np.ndarray, cur: np.ndarray, T: np.ndarray, safe: bool) -> None:
        """New chord resistances at (soc, cur, T): the incremental resistance, or with safe=True
        the larger of it and the secant R0 (a contraction for any monotonic drop)."""
        st = _State(soc=soc, u=self.state0.u, T=T, cur=cur)
        r = self._effective_r0(st)
        if safe:
            r = np.maximum(r, self._r0(soc, self._tfac(T), cur))
        self._rm_ref = r
        self._cache.clear()
        self._mats.clear()
        self._tcache = None

    def refresh(self, st: _State) -> None:
        self._rm_ref = self._effective_r0(st)
        self._cache.clear()
        self._mats.clear()

    # --- one step ----------------------------------------------------------------------------
    def advance(self, st: _State, h: float, dem: _Demand) -> _State:
        for attempt in range(3):
            out = self._advance(st, h, dem)
            if out is not None:
                return out
            if attempt == 0:
                self.refresh(st)
            else:
                self.refresh_at(st.soc, st.cur, st.T, safe=True)
        raise ArithmeticError("the pack circuit did not converge")  # pragma: no cover

    def _advance(self, st: _State, h: float, dem: _Demand) -> _State | None:
        f = self._cache.get(h)
        if f is None:
            f = self._factor(h, st)
        cur = st.cur
        T = st.T
        interp = np.interp
        ox, oy = self.ocv_x, self.ocv_y
        hq, ft, c1, rcb, rcbsum, inv, off, r0c, corr = self._temperature_terms(f, T)
        ch = cur * hq
        soc_b = st.soc - ch
        nrc = self.nrc
        if nrc:
            ua = f.a_col * st.u + c1 * cur
            uas = ua[0] if nrc == 1 else (ua[0] + ua[1] if nrc == 2 else ua.sum(axis=0))
        else:
            uas = 0.0
        rm = f.rm
        # predictor: the step's end state if every cell kept its present current
        soc_p = soc_b - ch
        if r0c is None:
            E = interp(soc_p, ox, oy) - uas + (rm - self._r0(soc_p, ft, cur) - rcbsum) * cur
        else:
            E = interp(soc_p, ox, oy) - uas
            if corr is not None:
                E = E + corr * cur
        if self.ent:
            E = E + off
        phase = st.phase
        margin = math.inf
        zb, gm, zpos = f.zb, f.gm, f.zpos
        mode = dem.mode
        prev_err = math.inf
        newton = 0
        for it in range(60):
            Vs = f.lu.solve(self._scatter(gm * E))
            Vsb = self._gather(Vs)
            vs_pos = float(Vs[self.pos_tap])
            if mode == "current":
                Ip = dem.value
            elif mode == "power":
                disc = vs_pos * vs_pos - 4.0 * zpos * dem.value
                margin = disc / (4.0 * zpos)
                Ip = (vs_pos - math.sqrt(disc)) / (2.0 * zpos) if disc >= 0 else \
                    vs_pos / (2.0 * zpos)
            else:  # cccv
                if dem.limit == "pack":
                    i_cv = (vs_pos - dem.vset) / zpos
                else:
                    A = E - rm * gm * (E - Vsb)
                    B = -rm * gm * zb
                    i_cv = float(np.max((dem.vset - A) / B))
                if phase == "cc" and dem.value < i_cv:
                    phase = "cv"
                Ip = dem.value if phase == "cc" else min(max(i_cv, dem.value), 0.0)
            I1 = gm * (E - Vsb + Ip * zb)
            soc1 = soc_b - I1 * hq
            r0 = r0c if r0c is not None else self._r0(soc1, ft, I1)
            if nrc:
                u1 = ua + rcb * I1
                u1s = u1[0] if nrc == 1 else (u1[0] + u1[1] if nrc == 2 else u1.sum(axis=0))
                V1 = interp(soc1, ox, oy) - r0 * I1 - u1s
            else:
                u1 = st.u
                V1 = interp(soc1, ox, oy) - r0 * I1
            if self.ent:
                V1 = V1 + off
            res = V1 - E + rm * I1
            err = max(_amax(res), -_amin(res))
            if err < TOL_V:
                break
            if err > 0.25 * prev_err and it >= 1:
                # the chord is too far from the cells' incremental resistance (a rate- or
                # SOC-dependent R0 far from where the matrix was made): refactorise at this
                # iterate (Newton); after two tries, at max(slope, secant), which contracts
                newton += 1
                if newton > 4:
                    return None
                self.refresh_at(soc1, I1, T, safe=newton > 2)
                f = self._factor(h, st)
                rm, gm, zb, zpos = f.rm, f.gm, f.zb, f.zpos
                hq, ft, c1, rcb, rcbsum, inv, off, r0c, corr = self._temperature_terms(f, T)
                E = V1 + rm * I1
                prev_err = math.inf
                continue
            prev_err = err
            E = E + res
        else:
            return None
        vp = vs_pos - Ip * zpos
        if h > 0:
            q = I1 * I1 * r0
            for j in range(nrc):  # RC losses u²/R
                q = q + u1[j] * u1[j] * inv[j]
            if self.ent:
                q = q - I1 * T * self.ent
            T1 = self.thermal.advance(T, q, f.phi, f.kk, self.th_const)
        else:
            T1 = T
        return _State(soc=soc1, u=u1, T=T1, cur=I1, Ip=float(Ip), Vp=float(vp), V=V1,
                      phase=phase, power_margin=margin)

    def drift(self, st: _State) -> float:
        """How far the cells' R0 has moved from the factorised one (relative)."""
        r = self._effective_r0(st)
        return float(np.max(np.abs(r / self._rm_ref - 1.0)))

    # --- cut-offs -----------------------------------------------------------------------------
    def ok(self, st: _State, dem: _Demand) -> bool:
        """Fast test that no limit is violated (reductions only); keeps the extremes for the
        output row."""
        V, soc, T = st.V, st.soc, st.T
        vmin, vmax = _amin(V), _amax(V)
        kh, kc = int(T.argmax()), int(T.argmin())
        st.stats = (float(vmin), float(vmax), kh, kc)
        if vmin < self.vmin or vmax > self.vmax or _amin(soc) < 0.0 or _amax(soc) > 1.0:
            return False
        if T[kh] > self._t_hi or T[kc] < self._t_lo:
            return False
        if self.i_peak and _amax(st.cur) > self.i_peak:
            return False
        return not (dem.mode == "power" and st.power_margin < 0)

    def margins(self, st: _State, dem: _Demand) -> dict[str, tuple[float, int]]:
        """{kind: (margin, flat cell index)}; a negative margin is a violated limit."""
        out: dict[str, tuple[float, int]] = {}
        V = st.V
        k = int(np.argmin(V))
        out["min_voltage"] = (float(V[k]) - self.vmin, k)
        k = int(np.argmax(V))
        out["max_voltage"] = (self.vmax - float(V[k]), k)
        k = int(np.argmin(st.soc))
        out["empty"] = (float(st.soc[k]), k)
        k = int(np.argmax(st.soc))
        out["full"] = (1.0 - float(st.soc[k]), k)
        T, cur = st.T, st.cur
        dis, chg = cur > 1e-9, cur < -1e-9
        if dis.any() or chg.any():
            lo = np.where(dis, self.t_dis[0], np.where(chg, self.t_chg[0], -np.inf))
            hi = np.where(dis, self.t_dis[1], np.where(chg, self.t_chg[1], np.inf))
            m = np.minimum(T - lo, hi - T)
            k = int(np.argmin(m))
            out["temperature"] = (float(m[k]) * 1e-2, k)  # scaled: 1 K ~ 10 mV
        if self.i_peak:
            k = int(np.argmax(cur))
            out["current"] = ((self.i_peak - float(cur[k])) * 1e-2, k)
        if dem.mode == "power":
            out["power"] = (st.power_margin * 1e-3, 0)
        return out

    def message(self, kind: str, k: int, st: _State, dem: _Demand) -> str:
        s, p = divmod(k, self.P)
        who = f"cell s{s} p{p}"
        if kind == "min_voltage":
            return f"{who} reached the minimum voltage {self.vmin:.2f} V"
        if kind == "max_voltage":
            return f"{who} reached the maximum voltage {self.vmax:.2f} V"
        if kind == "empty":
            return f"{who} is empty (SOC 0)"
        if kind == "full":
            return f"{who} is full (SOC 1)"
        if kind == "temperature":
            T = float(st.T[k])
            dis = st.cur[k] > 0
            lo, hi = self.t_dis if dis else self.t_chg
            what = "discharge" if dis else "charge"
            edge = "upper" if T >= hi - 1e-6 or abs(T - hi) < abs(T - lo) else "lower"
            lim = hi if edge == "upper" else lo
            return (f"{who} at {T - 273.15:.1f} °C is at the {edge} limit of its {what} "
                    f"temperature range ({lim - 273.15:.0f} °C)")
        if kind == "current":
            return f"{who} reached its peak discharge current {self.i_peak:.3g} A"
        return f"the pack cannot deliver {dem.value:.4g} W any more"


# --------------------------------------------------------------------------------------------
class _Recorder:
    """Per-cell rows copied into preallocated blocks (the step's own arrays are then freed and
    their memory reused, which keeps the time loop in cache)."""

    BLOCK = 512

    def __init__(self, n: int):
        self.n = n
        self.blocks: list[np.ndarray] = []
        self.rows = 0

    def append(self, *values: np.ndarray) -> None:
        k = self.rows % self.BLOCK
        if k == 0:
            self.blocks.append(np.empty((len(values), self.BLOCK, self.n)))
        blk = self.blocks[-1]
        for i, v in enumerate(values):
            blk[i, k] = v
        self.rows += 1

    def pop(self) -> None:
        self.rows -= 1
        if self.rows % self.BLOCK == 0:
            self.blocks.pop()

    def arrays(self) -> list[np.ndarray]:
        if not self.blocks:
            return [np.zeros((0, self.n))] * 4
        full = np.concatenate(self.blocks, axis=1)[:, :self.rows]
        return [full[i] for i in range(full.shape[0])]


def _demand(seg: Segment, eng: _Engine) -> _Demand:
    if seg.mode == "cccv":
        if seg.limit == "pack":
            vset = seg.voltage if seg.voltage is not None else \
                eng.S * (eng.vmax - 5 * TOL_V)
        else:
            vset = seg.voltage if seg.voltage is not None else eng.vmax
            vset = min(vset, eng.vmax - 5 * TOL_V)
        return _Demand("cccv", -abs(seg.value), vset, seg.limit, abs(seg.cutoff or 0.0))
    return _Demand(seg.mode, seg.value)


def simulate(design: PackDesign, profile: Profile, dt: float = 1.0, soc0: float = 1.0,
             ambient: float | None = None, per_cell: bool = True,
             progress: Callable[[float], None] | None = None,
             cancel: Callable[[], bool] | None = None, spread: Spread | dict | bool | None = None,
             seed: int | None = None, max_duration: float | None = None) -> SimulationResult:
    """Simulate `design` under `profile`; rows every `dt` s (and at the end / cut-off).

    ambient: K (None: the design's ambient).  spread: a `Spread`, a dict of its fields, or True
    for the cell file's own [spread] (capacity_cv, resistance_cv).  progress(fraction) is called
    now and then; cancel() is polled and True raises SimulationCancelled.
    max_duration: a safety cap for segments that run until a cut-off (default: 10× the time the
    current would take to empty the pack, at least 24 h)."""
    if not (isinstance(dt, (int, float)) and math.isfinite(dt) and dt > 0):
        raise InputError("--dt", f"expected a positive time step, got {dt!r}")
    if not (0.0 <= soc0 <= 1.0):
        raise InputError("--soc0", f"expected a number from 0 to 1, got {soc0!r}")
    amb = design.thermal.ambient_temperature if ambient is None else float(ambient)
    if not amb > 0:
        raise InputError("--ambient", "must be above absolute zero")
    if spread is True:
        spread = Spread(design.cell.capacity_cv or 0.0, design.cell.resistance_cv or 0.0, 0.0)
    elif isinstance(spread, dict):
        spread = Spread(**spread)
    elif spread is False:
        spread = None
    eng = _Engine(design, amb, soc0, spread, seed)
    prof = profile.resolve(design)
    segs = prof.segments
    cap_c = float(design.cell_array("capacity").sum(axis=1).min())
    total = prof.duration

    h_max = float(dt) / math.ceil(float(dt) / eng.h_cap - 1e-9)
    h_long = min(float(dt), 60.0)
    i_small = 1e-3 * float(eng.Q.mean()) / 3600.0  # 1 mC/s of a cell: "no current"
    prev_cur = eng.state0.cur
    eps = 1e-9

    rows_t: list[float] = []
    rows: list[tuple] = []
    cells = _Recorder(eng.N) if per_cell else None
    Qw = eng.Q / eng.Q.sum()

    def record(t: float, st: _State) -> None:
        rows_t.append(t)
        T = st.T
        if st.stats is None:
            eng.ok(st, _Demand("current", 0.0))
        vmin, vmax, kmax, kmin = st.stats
        rows.append((st.Ip, st.Vp, float(Qw @ st.soc), float(T[kmax]), float(T[kmin]), kmax,
                     kmin, vmin, vmax))
        if cells is not None:
            cells.append(st.cur, st.V, st.soc, T)

    cutoff = None
    st = eng.state0
    t = 0.0
    k_out = 1
    steps = 0
    last_poll = _time.perf_counter()
    t_start = last_poll

    def poll(frac: float) -> None:
        nonlocal last_poll
        if cancel is not None and cancel():
            raise SimulationCancelled("simulation cancelled")
        now = _time.perf_counter()
        if progress is not None and now - last_poll >= 0.05:
            last_poll = now
            progress(min(max(frac, 0.0), 0.999))

    def check(new: _State, dem: _Demand):
        if eng.ok(new, dem):
            return {}
        ms = eng.margins(new, dem)
        bad = {kd: v for kd, v in ms.items() if v[0] < -1e-9}
        return bad

    def locate(st0: _State, h: float, dem: _Demand, kinds) -> tuple[float, _State]:
        from scipy.optimize import brentq

        def F(theta: float) -> float:
            s1 = eng.advance(st0, theta, dem)
            ms = eng.margins(s1, dem)
            return min(ms[kd][0] for kd in kinds if kd in ms)

        f0 = F(0.0)
        if f0 <= 0:
            theta = 0.0
        else:
            theta = brentq(F, 0.0, h, xtol=1e-7 * max(1.0, h), rtol=1e-12, maxiter=100)
        s1 = eng.advance(st0, theta, dem)
        # the last row sits at the cut-off: report the limit value itself at the crossing
        return theta, s1

    prev_dem = None
    h_ramp = h_max / 8.0
    for si, seg in enumerate(segs):
        dem = _demand(seg, eng)
        if seg.duration is None:
            if seg.mode == "cccv":
                dur = max(24 * 3600.0, 10 * cap_c / max(abs(dem.value), 1e-9))
            elif seg.mode == "current":
                dur = max(24 * 3600.0, 10 * cap_c / abs(dem.value))
            else:
                dur = 30 * 24 * 3600.0
            if max_duration is not None:
                dur = min(dur, float(max_duration))
        else:
            dur = float(seg.duration)
        seg_end = t + dur
        if dur <= 0:
            continue
        big = (prev_dem is None or prev_dem.mode != dem.mode or
               abs(dem.value - prev_dem.value) > 0.05 * max(abs(dem.value), abs(prev_dem.value)))
        prev_dem = dem
        st = eng.advance(st, 0.0, dem)  # the jump under the new demand (R0 is algebraic)
        bad = check(st, dem)
        if not rows_t:
            record(t, st)
        if bad:
            kind = min(bad, key=lambda kd: bad[kd][0])
            cutoff = (kind, bad[kind][1], t, st, dem)
            if rows_t[-1] == t:  # the last row is the state at the cut-off, under the new load
                rows_t.pop()
                rows.pop()
                if cells is not None:
                    cells.pop()
            record(t, st)
            break
        if big:  # small steps first while the currents redistribute
            h_ramp = h_max / 8.0
        elif h_ramp > h_max:
            h_ramp = h_max
        stop = False
        ended = False
        while seg_end - t > eps * (1.0 + t):
            t_out = k_out * dt
            target = min(seg_end, t_out)
            h = min(h_ramp, target - t)
            if target - t - h <= eps * (1.0 + t):
                h = target - t
            new = eng.advance(st, h, dem)
            steps += 1
            bad = check(new, dem)
            if bad:
                kinds = list(bad)
                theta, new = locate(st, h, dem, kinds)
                ms = eng.margins(new, dem)
                kind = min(kinds, key=lambda kd: ms[kd][0])
                t = t + theta
                st = new
                if dem.mode == "cccv" and kind == "full":
                    # a charger stops when a cell is full: the end of this charge, no cut-off
                    ended = True
                    break
                cutoff = (kind, ms[kind][1], t, st, dem)
                record(t, st)
                stop = True
                break
            st = new
            t = target if h == target - t else t + h
            if abs(t - t_out) <= eps * (1.0 + t):
                t = t_out
                record(t, st)
                k_out += 1
            if h_ramp < h_max:
                h_ramp = min(2.0 * h_ramp, h_max)
            elif h_long > h_max:
                # beyond τ/2 only while the cells' currents hardly change (the steps are exact
                # for constant currents): long constant stretches of a day cycle go fast
                dI = float(np.max(np.abs(st.cur - prev_cur)))
                scale = float(np.max(np.abs(st.cur))) + i_small
                if dI < 2e-4 * scale:
                    h_ramp = min(2.0 * h_ramp, h_long)
                elif dI > 2e-3 * scale:
                    h_ramp = h_max
            prev_cur = st.cur
            if steps % 64 == 0 and eng.drift(st) > 0.1:
                eng.refresh(st)
            if dem.mode == "cccv" and st.phase == "cv" and abs(st.Ip) < dem.cutoff:
                break  # the CV taper has ended
            if (cancel is not None or progress is not None) and steps % 32 == 1:
                if math.isfinite(total) and total > 0:
                    frac = t / total
                else:
                    frac = max((si + (t - (seg_end - dur)) / dur) / len(segs),
                               float(1 - Qw @ st.soc) if dem.value > 0 else 0.0)
                poll(frac)
        if stop:
            break
        if rows_t[-1] != t and (si == len(segs) - 1 or ended):
            record(t, st)
    if rows_t and rows_t[-1] != t:
        record(t, st)
    if progress is not None:
        progress(1.0)

    arr = np.array(rows, float).reshape(-1, 9)
    S, P = eng.S, eng.P
    kmax, kmin = arr[:, 5].astype(int), arr[:, 6].astype(int)
    res = SimulationResult(
        series=S, parallel=P, time=np.array(rows_t), pack_current=arr[:, 0],
        pack_voltage=arr[:, 1], soc=arr[:, 2], max_cell_temperature=arr[:, 3],
        min_cell_temperature=arr[:, 4], hottest_cell=np.stack(divmod(kmax, P), axis=1),
        coldest_cell=np.stack(divmod(kmin, P), axis=1), steps=steps,
        factorisations=eng.factorisations, min_cell_voltage=arr[:, 7],
        max_cell_voltage=arr[:, 8])
    res.extra["wall_time"] = _time.perf_counter() - t_start
    if per_cell:
        n = len(rows_t)
        cur, volt, soc_c, temp = cells.arrays()
        res.cell_current = cur.reshape(n, S, P)
        res.cell_voltage = volt.reshape(n, S, P)
        res.cell_soc = soc_c.reshape(n, S, P)
        res.cell_temperature = temp.reshape(n, S, P)
    if cutoff is not None:
        kind, k, tc, stc, demc = cutoff
        res.cutoff = eng.message(kind, k, stc, demc)
        res.cutoff_kind = kind
        res.cutoff_time = tc
        res.cutoff_cell = divmod(k, P) if kind != "power" else None
    return res
