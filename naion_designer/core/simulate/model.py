"""The cell and pack equations of the time-domain simulation, and one exact step of them, for one
pack or for B packs at once (the cells of all packs in flat arrays, the networks block-diagonal).

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
is factorised for a few canonical step sizes and a reference resistance state (with, where the
OCV is steep enough to matter, its slope times the step's charge per ampere h/2Q: near the ends
of the table of a large low-resistance cell that is as large as R0), and a chord-Newton loop on
the exact nonlinear cell model corrects the sources until every branch agrees within 1 µV (or
what double precision resolves at the circuit's node voltages).  A pack's chord depends on its
own history only and a converged pack is not updated further, so a pack gives the same numbers
alone or in a batch.
"""

from __future__ import annotations

import math

import numpy as np
import scipy.sparse as sp

from ..csr import csr_matvec
from ..network import build_network, incidence
from ..pack import PackDesign
from ..thermal import build_thermal
from ..units import InputError
from .diagnose import check_branches, check_cell_tables, no_solution
from .params import CellParameters, Spread
from .solver import BranchSolve
from .state import (
    Demand,
    NodalSystem,
    PackState,
    RatingWatch,
    StepCoefficients,
    TemperatureCache,
    amax,
    amin,
    canonical_step,
    rc_weights,
    step_bucket,
    withheld_after,
)
from .terms import cell_terms

TOL_V = 1e-6  # V, chord-Newton tolerance on each branch
MAX_STEP = 10.0  # s
F_EPS = float(np.finfo(float).eps)  # double precision


class PackModel:
    """The packs' cells inside their circuits: parameters, factorisations and the exact step.

    `seeds`: one random seed (or SeedSequence) per pack for its spread draw; B = len(seeds);
    `designs`: each pack's own design (its own cell overrides) or None; `soc0`: one or per pack."""

    def __init__(self, design: PackDesign, ambient: float, soc0,
                 spread: Spread | None, seeds, designs=None):
        cell = design.cell
        if cell.ocv is None:
            raise InputError("cell", f"cell '{cell.id}' has no [ocv] table, so it has no "
                                     "time-domain model")
        check_cell_tables(design)
        self.design = design
        self.cell = cell
        self.S, self.P = design.series, design.parallel
        self.N = self.S * self.P
        self.B = B = len(seeds)
        self.NT = B * self.N
        sp_ = spread or Spread()
        packs, socs = [], []
        soc0s = np.broadcast_to(np.asarray(soc0, float), (B,))
        designs = [design] * B if designs is None else designs
        for b, seed in enumerate(seeds):
            rng = np.random.default_rng(seed)
            packs.append(CellParameters.build(designs[b], sp_, rng))
            soc = np.full(self.N, float(soc0s[b]))
            if sp_.soc0_cv:
                soc = np.clip(soc + rng.normal(0.0, sp_.soc0_cv, self.N), 0.0, 1.0)
            socs.append(soc)
        self.params = p = CellParameters.concatenate(packs)
        self.Q, self.R0, self.Rrc, self.tau, self.nrc = p.capacity, p.r0, p.rc_resistance, \
            p.tau, p.nrc
        self.ent, self.tau_d = p.entropic, p.diffusion_tau
        self._t_full = p.full_capacity_temperature
        self.ambient, self.tol = float(ambient), TOL_V

        net = build_network(design)
        self.net = net
        self._incidence = m = incidence(net)
        if B > 1:
            m = sp.block_diag([m] * B, format="csr")
        self._scatter, self._gather = csr_matvec(m), csr_matvec(m.T.tocsr())
        nn = net.n_nodes - 1
        self.pos_taps = net.pos_tap - 1 + nn * np.arange(B)
        self.r_term, self.r_conn = net.terminal_resistance, net.cell_connection
        self.pack_of, self.thermal = np.repeat(np.arange(B), self.N), build_thermal(design).tiled(B)
        self.th_const = self.thermal.constant_flow(self.ambient)
        self.inv_rrc = 1.0 / self.Rrc if self.nrc else None

        self.state0 = PackState(soc=np.concatenate(socs), u=np.zeros((self.nrc, self.NT)),
                                T=np.full(self.NT, self.ambient), current=np.zeros(self.NT),
                                pack_current=np.zeros(B), pack_voltage=np.zeros(B),
                                cv=np.zeros(B, bool), power_margin=np.full(B, np.inf))
        self._coefficients: dict[float, StepCoefficients] = {}
        self._systems: dict[tuple, NodalSystem] = {}
        # the OCV's slope in the chord, V per unit SOC (0: left out, where it is flat)
        self._ocv_slope = np.zeros(self.NT)
        # the steepest OCV's resistance per second of step, of the nominal cell (a property of
        # the design, so that every pack of a batch has the same matrices)
        self._ocv_per_s = float(np.max(p.ocv_slopes)) / (2.0 * cell.capacity)
        self._rc_nominal = p.rc_nominal
        self._r_nominal = cell.resistance + float(self._rc_nominal.sum())
        self._tcache: TemperatureCache | None = None
        self._set_reference(self.effective_r0(self.state0), p.resistance_factor(self.state0.T),
                            None, self.fill(self.state0))
        self.factorisations = 0
        tau_min = float(self.tau.min()) if self.nrc else math.inf
        self.h_cap = min(MAX_STEP, max(0.05, tau_min / 2.0))

        d_lim = np.tile(design.cell_array("max_continuous_discharge_current").ravel(), B)
        c_lim = np.tile(design.cell_array("max_continuous_charge_current").ravel(), B)
        c_lim = np.where(c_lim > 0, c_lim, np.inf)  # 0: not stated
        self._rating = RatingWatch(d_lim, c_lim)

    def per_pack(self, x: np.ndarray) -> np.ndarray:  # a flat per-cell array as (B, N)
        return x.reshape(self.B, self.N)

    # --- what the cells can still give, and the continuous ratings ----------------------------
    def deliverable(self, st: PackState) -> np.ndarray:
        """Each cell's charge that it can still deliver, as a fraction of its rated capacity:
        SOC − x − w."""
        if st.available is None:
            x, w = st.depletion, st.withheld
            if isinstance(x, float) and x == 0.0 and isinstance(w, float) and w == 0.0:
                st.available = st.soc  # nothing depleted or withheld (the same numbers)
            else:
                st.available = st.soc - x - w
        return st.available

    def fill(self, st: PackState) -> np.ndarray:
        """How full each cell is at the surface (the limit of a charge): SOC − x."""
        return st.soc - st.depletion if self.tau_d else st.soc

    def account(self, st0: PackState, st1: PackState, h: float) -> None:
        """Book a completed step (time above the continuous ratings)."""
        self._rating.add(st1.current, h)

    def warnings(self) -> list[str]:  # the continuous-rating warnings of the run
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

    def drift(self, st: PackState) -> np.ndarray:
        """How far each pack's R0 has moved from its factorised one (relative), (B,)."""
        return self.per_pack(np.abs(self.effective_r0(st) / self._rm_ref - 1.0)).max(axis=1)

    def refresh(self, st: PackState, packs: np.ndarray | None = None) -> None:
        """New chords at the state's resistances for `packs` (bool (B,); None: all)."""
        self._set_reference(self.effective_r0(st), self.params.resistance_factor(st.T), packs,
                            self.fill(st))

    def _refresh_at(self, soc: np.ndarray, cur: np.ndarray, T: np.ndarray, safe: bool,
                    packs: np.ndarray | None, surface: np.ndarray,
                    start: np.ndarray | None = None) -> None:
        """New chords at (soc, cur, T) and the surface SOC: the incremental resistance and OCV
        slope, or with safe=True the larger of each and its secant (R0 from zero current, the
        OCV from the surface SOC `start` of the step's beginning): a contraction for any
        monotonic drop."""
        st = PackState(soc=soc, u=self.state0.u, T=T, current=cur)
        r = self.effective_r0(st)
        p = self.params
        ft = p.resistance_factor(T)
        if safe:
            r = np.maximum(r, p.r0_at(soc, ft, cur))
        self._set_reference(r, ft, packs, surface, start if safe else None)

    def _set_reference(self, r: np.ndarray, ft, packs, surface: np.ndarray,
                       start: np.ndarray | None = None) -> None:
        # the OCV moves with the step's own charge (dV/dI = −dOCV/dSOC · h/2Q): near the ends of
        # the table of a large, low-resistance cell that is as large as R0, and a chord without
        # it does not contract; it enters the matrices where it is more than 2 % of a branch at
        # the longest step
        slope = self.params.ocv_slope(surface, start)
        big = slope * (60.0 / (2.0 * self.Q)) > 0.02 * r
        slope = np.where(big, slope, 0.0)
        if packs is None or packs.all():
            self._rm_ref, self._ft_ref, self._ocv_slope = r, ft, slope
        else:
            cells = packs[self.pack_of]
            self._rm_ref = np.where(cells, r, self._rm_ref)
            self._ocv_slope = np.where(cells, slope, self._ocv_slope)
            if ft is not None:
                self._ft_ref = np.where(cells, ft, self._ft_ref)
        self._coefficients.clear()
        self._systems.clear()  # made again when a step asks for one

    # --- factorisations ----------------------------------------------------------------------
    def _key(self, beta: np.ndarray | None, h: float) -> tuple:
        """The matrix of a step: its RC share and, when the steepest OCV's slope can be more
        than 10 % of the nominal cell's resistance at this step size (the CV phase of a charge
        sees the cell alone), the step size to a factor √2."""
        rc = step_bucket(beta, self._rc_nominal, self._r_nominal) if beta is not None else 0
        if h > 0 and h * self._ocv_per_s > 0.1 * (self.cell.resistance + (
                float(self._rc_nominal @ beta) if beta is not None else 0.0)):
            return rc, round(2.0 * math.log2(h))
        return rc, None

    def coefficients(self, h: float) -> StepCoefficients:
        """The exact step coefficients for h, and the factorised nodal matrix of its bucket
        (the chord of the Newton loop: the converged solution does not depend on it)."""
        f = self._coefficients.get(h)
        if f is not None:
            return f
        if len(self._coefficients) > 256:
            self._coefficients.clear()
        f = StepCoefficients(h=h)
        beta = None
        if self.nrc:
            a, beta = rc_weights(h, self.tau)
            f.rc_decay = a[:, None]
            f.rc_beta = beta[:, None]
            f.rc_start_ref = self.Rrc * (1.0 - a - beta)[:, None]
            f.rc_start = f.rc_start_ref
            f.rc_end = self.Rrc * f.rc_beta
            f.rc_end_sum = f.rc_end.sum(axis=0)
        key = self._key(beta, h)
        system = self._systems.get(key)
        if system is None:
            system = self._systems[key] = self._system(key)
        f.nodal = system
        f.exact = system.step == h and self._ft_ref is None and key[1] is None
        f.thermal_phi, f.thermal_keep = self.thermal.step_factors(h)
        f.soc_per_current = h / (2.0 * self.Q)
        if self.tau_d:
            a, beta = rc_weights(h, np.array([self.tau_d]))
            k = self.tau_d / self.Q
            f.depletion_decay = float(a[0])
            f.depletion_start = k * float(1.0 - a[0] - beta[0])
            f.depletion_end = k * float(beta[0])
        self._coefficients[h] = f
        return f

    def _system(self, key: tuple) -> NodalSystem:
        h = canonical_step(key[0], self._rc_nominal, self._r_nominal, self.tau)
        rm = self._rm_ref.copy()
        if self.nrc:
            beta = np.ones(self.nrc) if math.isinf(h) else rc_weights(h, self.tau)[1]
            rcb = (self.Rrc * beta[:, None]).sum(axis=0)
            rm = rm + (rcb if self._ft_ref is None else rcb * self._ft_ref)
        if key[1] is not None:  # the OCV's share at the bucket's step size: d(surface)/dI1
            hk = 2.0 ** (key[1] / 2.0)
            ds = hk / (2.0 * self.Q)
            if self.tau_d:
                b = rc_weights(hk, np.array([self.tau_d]))[1][0]
                ds = ds + (self.tau_d / self.Q) * b * (1.0 if self._ft_ref is None
                                                       else self._ft_ref)
            rm = rm + self._ocv_slope * ds
        rb = rm + self.r_conn
        check_branches(self.design, self.net, rb)
        blocks = [self.net.laplacian(x.reshape(self.S, self.P))
                  for x in rb.reshape(self.B, self.N)]
        solve = BranchSolve(blocks, self._incidence, self._scatter, self._gather,
                            self.pos_taps, self.N)
        self.factorisations += 1
        return NodalSystem(rm, 1.0 / rb, solve, solve.z_branch, solve.z_pos + self.r_term, h)

    # --- one step ----------------------------------------------------------------------------
    def advance(self, st: PackState, h: float, dem: Demand,
                demand_value: np.ndarray | None = None,
                running: np.ndarray | None = None) -> PackState:
        """The state h seconds later under `dem` (h = 0: the jump to a new demand).
        demand_value: per pack (B,) instead of dem.value; running: the packs (bool (B,)) whose
        result matters (a batch whose other packs have stopped: they need not converge)."""
        for attempt in range(3):
            out = self._advance(st, h, dem, demand_value, running)
            if isinstance(out, PackState):
                return out
            # `out`: the packs that did not converge; new chords for them alone
            if attempt == 0:
                self.refresh(st, out)
            else:
                self._refresh_at(st.soc, st.current, st.T, True, out, self.fill(st))
        cells = out[self.pack_of]
        k = int(np.argmax(np.where(cells, np.abs(st.current), -1.0)))
        raise no_solution(self.design, st, dem, k)

    def _pack_current(self, dem: Demand, value, vs_pos, zpos, cv, E, Vsb, rm, gm, zb):
        """Each pack's current (B,) for its source voltage vs_pos, and the CC-CV phase and the
        power margin."""
        margin = None
        if dem.mode == "current":
            return value, cv, margin
        if dem.mode == "power":
            disc = vs_pos * vs_pos - 4.0 * zpos * value
            margin = disc / (4.0 * zpos)
            root = np.sqrt(np.maximum(disc, 0.0))
            return np.where(disc >= 0, (vs_pos - root) / (2.0 * zpos), vs_pos / (2.0 * zpos)), \
                cv, margin
        if dem.limit == "pack":
            i_cv = (vs_pos - dem.vset) / zpos
        else:
            A = E - rm * gm * (E - Vsb)
            Bk = -rm * gm * zb
            q = (dem.vset - A) / Bk
            i_cv = np.array([float(np.max(q))]) if self.B == 1 else self.per_pack(q).max(axis=1)
        cv = cv | (value < i_cv)
        return np.where(cv, np.minimum(np.maximum(i_cv, value), 0.0), value), cv, margin

    def _advance(self, st: PackState, h: float, dem: Demand, demand_value,
                 running) -> PackState | np.ndarray:
        """The step, or the packs (bool (B,)) whose chord-Newton loop did not converge."""
        f = self._coefficients.get(h)
        if f is None:
            f = self.coefficients(h)
        p = self.params
        cur = st.current
        T = st.T
        interp = np.interp
        ox, oy = p.ocv_soc, p.ocv_voltage
        ct = cell_terms(self, f, T)
        hq, fq, ft, off = ct.soc_per_current, ct.capacity_factor, ct.r_factor, ct.ocv_offset
        c1, rcb, rcbsum, inv = ct.rc_start, ct.rc_end, ct.rc_end_sum, ct.rc_conductance
        r0c, corr = ct.r0, ct.chord_correction
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
        xb = 0.0
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
        B = self.B
        if B == 1:  # np.full and np.ones cost microseconds of Python each
            value = np.array([dem.value]) if demand_value is None else demand_value
            prev_err, newton = np.array([np.inf]), np.array([0])
            active_packs = np.array([True]) if running is None else running.copy()
        else:
            value = np.full(B, dem.value) if demand_value is None else demand_value
            prev_err, newton = np.full(B, np.inf), np.zeros(B, int)
            active_packs = np.ones(B, bool) if running is None else running.copy()  # iterating
        cv = st.cv
        zb, gm, zpos = sysm.z_branch, sysm.branch_conductance, sysm.z_pack
        for it in range(60):
            Vsb, vs_pos = sysm.solve(gm * E)
            if it == 0:  # 1 µV, or what double precision resolves at the circuit's voltages
                tol = max(self.tol, 64 * F_EPS * float(amax(np.abs(vs_pos))))
            Ip, cv1, margin = self._pack_current(dem, value, vs_pos, zpos, cv, E, Vsb, rm, gm,
                                                 zb)
            I1 = gm * (E - Vsb + (Ip[0] if B == 1 else Ip[self.pack_of]) * zb)
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
            if B == 1:  # one pack: the same control with scalars
                e1 = max(amax(res), -amin(res))
                if e1 < tol or not active_packs[0]:
                    break
                if not (e1 > 0.25 * prev_err[0] and it >= 1):
                    prev_err[0] = e1
                    E = E + (p.relaxation(surf, hq + xb, gm) if h > 0 else 1.0) * res
                    continue
                err = np.array([e1])
            else:
                err = np.abs(self.per_pack(res)).max(axis=1)
            going = (err >= tol) & active_packs
            if not going.any():
                break
            slow = going & (err > 0.25 * prev_err) & (it >= 1)
            if slow.any() and (newton >= 4).any():
                # four new chords made: a pack whose error still shrinks goes on with its
                # chord (a solution on a kink of the OCV or R0 table contracts, slowly), one
                # whose error does not has no solution the loop can find
                tried = slow & (newton >= 4)
                stuck = tried & (err >= 0.9 * prev_err)
                if stuck.any():
                    return stuck
                slow = slow & ~tried
            if slow.any():
                # the chord is too far from the cells' incremental resistance (a rate- or
                # SOC-dependent R0 or a steep OCV far from where the matrix was made):
                # refactorise at this iterate (Newton); after two tries, at max(slope, secant),
                # which contracts; the other packs' step is relaxed at this iterate, as alone
                omega = p.relaxation(surf, hq + xb, gm) if h > 0 else 1.0
                newton = newton + slow
                for safe in (False, True):
                    which = slow & ((newton > 2) == safe)
                    if which.any():
                        self._refresh_at(soc1, I1, T, safe, which, surf, self.fill(st))
                f = self.coefficients(h)
                sysm = f.nodal
                rm, gm, zb, zpos = sysm.branch_resistance, sysm.branch_conductance, \
                    sysm.z_branch, sysm.z_pack
                ct = cell_terms(self, f, T)
                hq, fq, ft, off = ct.soc_per_current, ct.capacity_factor, ct.r_factor, \
                    ct.ocv_offset
                c1, rcb, rcbsum, inv = ct.rc_start, ct.rc_end, ct.rc_end_sum, ct.rc_conductance
                r0c, corr = ct.r0, ct.chord_correction
                if B == 1:
                    E = V1 + rm * I1
                else:  # the other packs take their own iteration, as they would alone
                    fine = (going & ~slow)[self.pack_of]
                    E = np.where(slow[self.pack_of], V1 + rm * I1,
                                 np.where(fine, E + omega * res, E))
                    active_packs = going
                prev_err = np.where(slow, np.inf, err)
                continue
            prev_err = err
            # the SOC moves with the current over the step: a source moves by its residual over
            # 1 + k·g, k = dOCV/dI of the branch (Newton for the OCV's slope, missing in the chord)
            omega = p.relaxation(surf, hq + xb, gm) if h > 0 else 1.0
            if B == 1:
                E = E + omega * res
            else:  # a converged pack keeps its sources: it ends where it would alone
                active_packs = going
                E = E + np.where(going[self.pack_of], omega * res, 0.0)
        else:
            return np.ones(1, bool) if B == 1 else going
        vp = vs_pos - Ip * zpos
        if h > 0:
            q = I1 * I1 * r0
            if nrc:  # RC losses u²/R
                rc_loss = u1 * u1
                rc_loss *= inv
                for j in range(nrc):
                    q = q + rc_loss[j]
            if self.ent:
                q = q - I1 * T * self.ent
            T1 = self.thermal.advance(T, q, f.thermal_phi, f.thermal_keep, self.th_const)
        else:
            T1 = T
        w1 = st.withheld
        t_full = self._t_full
        if fq is not None and h > 0 and not (isinstance(w1, float) and w1 == 0.0 and
                                             amin(T1) >= t_full and amin(T) >= t_full):
            # f_Q at the step's mean temperature (second order)
            w1 = withheld_after(st.soc, soc1, w1, p.capacity_factor(0.5 * (T + T1)))
        return PackState(soc=soc1, u=u1, T=T1, current=I1, pack_current=Ip, pack_voltage=vp,
                         voltage=V1, cv=cv1, power_margin=margin if margin is not None else
                         st.power_margin, depletion=soc1 - surf if tau_d else 0.0,
                         withheld=w1, trend=(I1 - cur) * (1.0 / h) if h > 0 else None)
