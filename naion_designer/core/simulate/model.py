"""The cell and pack equations of the time-domain simulation, and one exact step of them.

Per cell k (positive current = discharge):
    V = OCV(SOC − x) + e·(T − 298.15 K) − R0(SOC, T, I)·I − Σ_j u_j,   u_j' = −u_j/τ_j + I/C_j
    SOC' = −I / Q                        (a coulomb count against the rated capacity Q)
    x' = −x/τ_d + f_R(T)·I/Q             (rate capability: the surface depletion of a cell
                                          whose file gives diffusion_time_constant τ_d)
    w' = (I/Q)·(1/f_Q(T) − 1)  in discharge;   w ∝ (1 − SOC)  in charge
The withheld charge w is what the cold cell cannot deliver: each coulomb delivered at a
temperature T makes 1/f_Q(T) − 1 more unavailable (f_Q: temperature_effects' capacity factor,
at the temperature at which it was delivered), and warming neither creates nor destroys it;
charging fills the cell above it, so that a full cell withholds nothing.  The charge the cell
can still deliver is SOC − x − w ("available"); the cell is empty when it reaches 0.
The step solution is exact for currents that vary linearly over a step h (I0 → I1):
    u_j(h) = a_j u_j + R_j (1 − a_j − β_j) I0 + R_j β_j I1,   a = e^{−h/τ}, β = 1 − τ(1 − a)/h
    SOC(h) = SOC − (I0 + I1) h / (2Q),    x(h) likewise with R_j → τ_d/Q
The end currents of all cells are found together with the network (nodal analysis, every cell a
Thevenin branch): the nodal matrix for the branch resistances R0 + Σ R_j β_j (+ cell_connection)
is factorised once per step size and resistance state, and a chord-Newton loop on the exact
nonlinear cell model corrects the sources until every branch agrees within 1 µV.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from ..csr import csr_matvec
from ..network import build_network, incidence
from ..pack import PackDesign
from ..thermal import build_thermal
from ..units import InputError
from .params import CellParameters, Spread
from .solver import NodalSolver

T_REF = 298.15
TOL_V = 1e-6  # V, chord-Newton tolerance on each branch
MAX_STEP = 10.0  # s
_amax, _amin = np.maximum.reduce, np.minimum.reduce  # without the ndarray.max wrapper


class Extremes(NamedTuple):
    """The extremes of a state that the limits and the output rows need."""

    v_min: float
    v_max: float
    hottest: int  # flat cell index
    coldest: int


@dataclass(slots=True)
class PackState:
    """Every cell's state at one instant (flat cell index k = s·P + p)."""

    soc: np.ndarray  # N, charge left against the rated capacity (coulomb count), 0-1
    u: np.ndarray  # nrc × N, RC voltages
    T: np.ndarray  # N, K
    current: np.ndarray  # N, A, at the start of the next step (right limit)
    depletion: np.ndarray | float = 0.0  # N, x: surface depletion (rate capability), fraction
    withheld: np.ndarray | float = 0.0  # N, w: charge the cold cell cannot deliver, fraction
    trend: np.ndarray | None = None  # N, A/s: the currents' rate of change over the last step
    available: np.ndarray | None = None  # N, SOC − x − w once computed
    pack_current: float = 0.0
    pack_voltage: float = 0.0
    voltage: np.ndarray | None = None  # N cell terminal voltages
    phase: str = "cc"  # CC-CV phase
    power_margin: float = math.inf  # W (power mode: how much more the pack could give)
    extremes: Extremes | None = None  # once the limits were checked


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
    factor: NodalSolver
    z_branch: np.ndarray  # N, branch voltage per A of pack current
    z_pack: float  # pack voltage per A of pack current (with the terminals)
    step: float  # the step size the matrix was made for


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
    rc_decay: np.ndarray | None = None  # nrc × 1, a_j
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


class _TemperatureFactors(NamedTuple):
    capacity: np.ndarray | None
    resistance: np.ndarray | None
    ocv_offset: np.ndarray | float


@dataclass(slots=True)
class _TemperatureCache:
    T: np.ndarray  # the array the factors were last looked up for
    T_ref: np.ndarray  # a copy of the temperatures they were computed at
    factors: _TemperatureFactors
    terms: dict  # id(StepCoefficients) -> (StepCoefficients, CellTerms)


class _RatingWatch:
    """Time the cells spend above their continuous discharge and charge ratings."""

    def __init__(self, discharge: np.ndarray, charge: np.ndarray):
        self.discharge, self.charge = discharge, charge
        self.lowest = (float(discharge.min()), float(charge.min()))
        self.time_dis = self.time_chg = 0.0
        self.peak_dis = self.peak_chg = 0.0  # A above the rating
        self.i_dis = self.i_chg = 0.0  # the largest cell currents above it

    def add(self, current: np.ndarray, h: float) -> None:
        if _amax(current) <= self.lowest[0] and -_amin(current) <= self.lowest[1]:
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


def _withheld(soc0: np.ndarray, soc1: np.ndarray, w0, fq: np.ndarray) -> np.ndarray:
    """The withheld charge after a step from soc0 to soc1 at capacity factor fq: in discharge
    it grows by (soc0 − soc1)(1/f_Q − 1); in charge it shrinks with the empty part of the cell,
    w1 = w0 (1 − soc1)/(1 − soc0) (exact for d ln w = d ln(1 − SOC))."""
    d = soc0 - soc1
    if _amin(d) >= 0.0:  # every cell discharging (or at rest): the common case
        return w0 + d * (1.0 / fq - 1.0)
    grow = w0 + d * (1.0 / fq - 1.0)
    empty0 = 1.0 - soc0
    shrink = w0 * np.maximum(1.0 - soc1, 0.0) / np.where(empty0 > 1e-12, empty0, 1.0)
    return np.maximum(np.where(d >= 0.0, grow, shrink), 0.0)


def _betas(h: float, tau: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    x = h / tau
    a = np.exp(-x)
    with np.errstate(divide="ignore", invalid="ignore"):
        beta = np.where(x > 1e-4, 1.0 - (-np.expm1(-x)) / np.where(x > 0, x, 1.0),
                        x / 2.0 - x * x / 6.0)
    return a, beta


class PackModel:
    """The pack's cells inside its circuit: parameters, factorisations and the exact step."""

    def __init__(self, design: PackDesign, ambient: float, soc0: float,
                 spread: Spread | None, seed: int | None):
        cell = design.cell
        if cell.ocv is None:
            raise InputError("cell", f"cell '{cell.id}' has no [ocv] table, so it has no "
                                     "time-domain model")
        self.design = design
        self.cell = cell
        self.S, self.P = design.series, design.parallel
        self.N = self.S * self.P
        rng = np.random.default_rng(seed)
        self.params = p = CellParameters.build(design, spread or Spread(), rng)
        self.Q, self.R0, self.Rrc, self.tau, self.nrc = p.capacity, p.r0, p.rc_resistance, \
            p.tau, p.nrc
        self.ent = p.entropic
        self.tau_d = p.diffusion_tau
        self.ambient = float(ambient)

        net = build_network(design)
        self.net = net
        m = incidence(net)
        self._scatter = csr_matvec(m)
        self._gather = csr_matvec(m.T.tocsr())
        self.pos_tap = net.pos_tap - 1
        self.r_term = net.terminal_resistance
        self.r_conn = net.cell_connection
        self.e_pos = np.zeros(net.n_nodes - 1)
        self.e_pos[self.pos_tap] = 1.0
        self.thermal = build_thermal(design)
        self.th_const = self.thermal.constant_flow(self.ambient)
        self.inv_rrc = 1.0 / self.Rrc if self.nrc else None

        soc_init = np.full(self.N, float(soc0))
        sp_ = spread or Spread()
        if sp_.soc0_cv:
            soc_init = np.clip(soc_init + rng.normal(0.0, sp_.soc0_cv, self.N), 0.0, 1.0)
        self.state0 = PackState(soc=soc_init, u=np.zeros((self.nrc, self.N)),
                                T=np.full(self.N, self.ambient), current=np.zeros(self.N))
        self._coefficients: dict[float, StepCoefficients] = {}
        self._systems: dict[int, NodalSystem] = {}
        self._rc_nominal = p.rc_nominal
        self._r_nominal = cell.resistance + float(self._rc_nominal.sum())
        self._tcache: _TemperatureCache | None = None
        self._rm_ref = self.effective_r0(self.state0)
        self.factorisations = 0
        tau_min = float(self.tau.min()) if self.nrc else math.inf
        self.h_cap = min(MAX_STEP, max(0.05, tau_min / 2.0))

        d_lim = design.cell_array("max_continuous_discharge_current").ravel()
        c_lim = design.cell_array("max_continuous_charge_current").ravel()
        c_lim = np.where(c_lim > 0, c_lim, np.inf)  # 0: not stated
        self._rating = _RatingWatch(d_lim, c_lim)

    # --- what the cells can still give, and the continuous ratings ----------------------------
    def deliverable(self, st: PackState) -> np.ndarray:
        """Each cell's charge that it can still deliver, as a fraction of its rated capacity:
        SOC − x − w."""
        if st.available is None:
            st.available = st.soc - st.depletion - st.withheld \
                if self.tau_d or self.params.temp_q is not None else st.soc
        return st.available

    def fill(self, st: PackState) -> np.ndarray:
        """How full each cell is at the surface (the limit of a charge): SOC − x."""
        return st.soc - st.depletion if self.tau_d else st.soc

    def account(self, st0: PackState, st1: PackState, h: float) -> None:
        """Book a completed step (time above the continuous ratings)."""
        self._rating.add(st1.current, h)

    def warnings(self) -> list[str]:
        return self._rating.messages()

    # --- resistances -------------------------------------------------------------------------
    def effective_r0(self, st: PackState) -> np.ndarray:
        """R0 to put in the matrix (the chord slope): R0 at the state or, with an [r0_rate]
        table, the incremental resistance d(R0·I)/dI at the present current."""
        p = self.params
        ft = p.resistance_factor(st.T)
        if p.rate is not None:
            r = self.R0 * p.rate_shape(st.soc, st.current, slope=True)
            return r if ft is None else r * ft
        return p.r0_at(st.soc, ft, None)

    def drift(self, st: PackState) -> float:
        """How far the cells' R0 has moved from the factorised one (relative)."""
        return float(np.max(np.abs(self.effective_r0(st) / self._rm_ref - 1.0)))

    def refresh(self, st: PackState) -> None:
        """Refactorise at the state's resistances."""
        self._rm_ref = self.effective_r0(st)
        self._coefficients.clear()
        self._systems.clear()

    def _refresh_at(self, soc: np.ndarray, cur: np.ndarray, T: np.ndarray, safe: bool) -> None:
        """New chord resistances at (soc, cur, T): the incremental resistance, or with safe=True
        the larger of it and the secant R0 (a contraction for any monotonic drop)."""
        st = PackState(soc=soc, u=self.state0.u, T=T, current=cur)
        r = self.effective_r0(st)
        if safe:
            p = self.params
            r = np.maximum(r, p.r0_at(soc, p.resistance_factor(T), cur))
        self._rm_ref = r
        self._coefficients.clear()
        self._systems.clear()
        self._tcache = None

    # --- factorisations ----------------------------------------------------------------------
    def coefficients(self, h: float, st: PackState) -> StepCoefficients:
        """The exact step coefficients for h, and a factorised nodal matrix for a step size
        whose RC share of the branch resistance is within 2 % of h's (the chord of the Newton
        loop: the converged solution does not depend on it, so steps of arbitrary length share
        a few factorisations)."""
        f = self._coefficients.get(h)
        if f is not None:
            return f
        if len(self._coefficients) > 256:
            self._coefficients.clear()
        f = StepCoefficients(h=h)
        ft = self.params.resistance_factor(st.T)
        key = 0
        if self.nrc:
            a, beta = _betas(h, self.tau)
            f.rc_decay = a[:, None]
            f.rc_beta = beta[:, None]
            f.rc_start_ref = self.Rrc * (1.0 - a - beta)[:, None]
            end_ref = self.Rrc * f.rc_beta
            f.rc_start = f.rc_start_ref if ft is None else f.rc_start_ref * ft
            f.rc_end = end_ref if ft is None else end_ref * ft
            f.rc_end_sum = f.rc_end.sum(axis=0)
            key = round(float(self._rc_nominal @ beta) / self._r_nominal * 50.0)
        system = self._systems.get(key)
        if system is None:
            system = self._system(h, ft)
            self._systems[key] = system
        f.nodal = system
        f.exact = system.step == h
        f.thermal_phi, f.thermal_keep = self.thermal.step_factors(h)
        f.soc_per_current = h / (2.0 * self.Q)
        if self.tau_d:
            a, beta = _betas(h, np.array([self.tau_d]))
            k = self.tau_d / self.Q
            f.depletion_decay = float(a[0])
            f.depletion_start = k * float(1.0 - a[0] - beta[0])
            f.depletion_end = k * float(beta[0])
        self._coefficients[h] = f
        return f

    def _system(self, h: float, ft) -> NodalSystem:
        rm = self._rm_ref.copy()
        if self.nrc:
            _, beta = _betas(h, self.tau)
            rcb = self.Rrc * beta[:, None]
            rm = rm + (rcb if ft is None else rcb * ft).sum(axis=0)
        lu = NodalSolver(self.net.laplacian((rm + self.r_conn).reshape(self.S, self.P)))
        self.factorisations += 1
        z = lu.solve(self.e_pos)
        return NodalSystem(rm, 1.0 / (rm + self.r_conn), lu, self._gather(z),
                           float(z[self.pos_tap]) + self.r_term, h)

    def _cell_terms(self, f: StepCoefficients, T: np.ndarray) -> CellTerms:
        """The step's terms at the cells' temperatures.  The temperature factors are looked up
        again only when a cell's temperature has moved more than 0.02 K (R changes ~0.1 % per
        0.02 K at 25 °C for a steep cell); the step-size dependent products only when the step
        size or those factors change."""
        p = self.params
        if not p.temperature_dependent:
            if f.terms is None:
                f.terms = self._terms(f, None)
            return f.terms
        tc = self._tcache
        if tc is None or not (tc.T is T or _amax(np.abs(T - tc.T_ref)) < 0.02):
            factors = _TemperatureFactors(p.capacity_factor(T), p.resistance_factor(T),
                                          self.ent * (T - T_REF) if self.ent else 0.0)
            tc = _TemperatureCache(T, T.copy(), factors, {})
        elif tc.T is not T:
            tc = _TemperatureCache(T, tc.T_ref, tc.factors, tc.terms)
        self._tcache = tc
        found = tc.terms.get(id(f))
        if found is None or found[0] is not f:
            if len(tc.terms) > 64:
                tc.terms.clear()
            found = (f, self._terms(f, tc.factors))
            tc.terms[id(f)] = found
        return found[1]

    def _terms(self, f: StepCoefficients, tf: _TemperatureFactors | None) -> CellTerms:
        fq, ft, off = tf if tf is not None else (None, None, 0.0)
        hq = f.soc_per_current
        c1 = rcb = inv = None
        rcbsum = 0.0
        if self.nrc:
            if ft is None:
                c1, rcb, rcbsum, inv = f.rc_start, f.rc_end, f.rc_end_sum, self.inv_rrc
            else:
                c1 = f.rc_start_ref * ft
                rcb = self.Rrc * f.rc_beta * ft
                rcbsum = rcb.sum(axis=0)
                inv = self.inv_rrc / ft
        r0c = corr = None
        if not self.params.r0_varies:
            r0c = self.R0 if ft is None else self.R0 * ft
            if ft is not None or self.nrc == 0 or not f.exact:
                corr = f.nodal.branch_resistance - r0c - rcbsum
        return CellTerms(hq, fq, ft, c1, rcb, rcbsum, inv, off, r0c, corr)

    # --- one step ----------------------------------------------------------------------------
    def advance(self, st: PackState, h: float, dem: Demand) -> PackState:
        """The state h seconds later under `dem` (h = 0: the jump to a new demand)."""
        for attempt in range(3):
            out = self._advance(st, h, dem)
            if out is not None:
                return out
            if attempt == 0:
                self.refresh(st)
            else:
                self._refresh_at(st.soc, st.current, st.T, safe=True)
        raise ArithmeticError("the pack circuit did not converge")  # pragma: no cover

    def _advance(self, st: PackState, h: float, dem: Demand) -> PackState | None:
        f = self._coefficients.get(h)
        if f is None:
            f = self.coefficients(h, st)
        p = self.params
        cur = st.current
        T = st.T
        interp = np.interp
        ox, oy = p.ocv_soc, p.ocv_voltage
        hq, fq, ft, c1, rcb, rcbsum, inv, off, r0c, corr = self._cell_terms(f, T)
        ch = cur * hq
        soc_b = st.soc - ch
        nrc = self.nrc
        if nrc:
            ua = f.rc_decay * st.u + c1 * cur
            uas = ua[0] if nrc == 1 else (ua[0] + ua[1] if nrc == 2 else ua.sum(axis=0))
        else:
            uas = 0.0
        sysm = f.nodal
        rm = sysm.branch_resistance
        # predictor: the step's end state with every cell's current extrapolated along its trend
        # (the converged step does not depend on it; a good guess saves a solve)
        if h > 0 and st.trend is not None:
            cur_p = cur + st.trend * h
            soc_p = soc_b - cur_p * hq
        else:
            cur_p = cur
            soc_p = soc_b - ch
        tau_d = self.tau_d
        if tau_d:  # an RC-like state: its "resistance" τ_d/Q scales with f_R(T), τ_d kept
            xs, xb = (f.depletion_start, f.depletion_end) if ft is None else \
                (f.depletion_start * ft, f.depletion_end * ft)
            xa = f.depletion_decay * st.depletion + xs * cur
            surf_p = soc_p - xa - xb * cur_p
        else:
            surf_p = soc_p
        if r0c is None:
            E = interp(surf_p, ox, oy) - uas + (rm - p.r0_at(soc_p, ft, cur_p) - rcbsum) * cur_p
        else:
            E = interp(surf_p, ox, oy) - uas
            if corr is not None:
                E = E + corr * cur_p
        if self.ent:
            E = E + off
        phase = st.phase
        margin = math.inf
        zb, gm, zpos = sysm.z_branch, sysm.branch_conductance, sysm.z_pack
        mode = dem.mode
        prev_err = math.inf
        newton = 0
        for it in range(60):
            Vs = sysm.factor.solve(self._scatter(gm * E))
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
            surf = soc1 - xa - xb * I1 if tau_d else soc1
            r0 = r0c if r0c is not None else p.r0_at(soc1, ft, I1)
            if nrc:
                u1 = ua + rcb * I1
                u1s = u1[0] if nrc == 1 else (u1[0] + u1[1] if nrc == 2 else u1.sum(axis=0))
                V1 = interp(surf, ox, oy) - r0 * I1 - u1s
            else:
                u1 = st.u
                V1 = interp(surf, ox, oy) - r0 * I1
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
                self._refresh_at(soc1, I1, T, safe=newton > 2)
                f = self.coefficients(h, st)
                sysm = f.nodal
                rm, gm, zb, zpos = sysm.branch_resistance, sysm.branch_conductance, \
                    sysm.z_branch, sysm.z_pack
                hq, fq, ft, c1, rcb, rcbsum, inv, off, r0c, corr = self._cell_terms(f, T)
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
            T1 = self.thermal.advance(T, q, f.thermal_phi, f.thermal_keep, self.th_const)
        else:
            T1 = T
        w1 = st.withheld
        if fq is not None and h > 0:  # f_Q at the step's mean temperature (second order)
            w1 = _withheld(st.soc, soc1, w1, p.capacity_factor(0.5 * (T + T1)))
        return PackState(soc=soc1, u=u1, T=T1, current=I1, pack_current=float(Ip),
                         pack_voltage=float(vp), voltage=V1, phase=phase, power_margin=margin,
                         depletion=soc1 - surf if tau_d else 0.0, withheld=w1,
                         trend=(I1 - cur) * (1.0 / h) if h > 0 else None)
