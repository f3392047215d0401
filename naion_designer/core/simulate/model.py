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
from .iterate import chord_newton_step
from .params import CellParameters, Spread
from .solver import BranchSolve
from .state import (
    Demand,
    NodalSystem,
    PackState,
    RatingWatch,
    StepCoefficients,
    TemperatureCache,
    canonical_step,
    rc_weights,
    step_bucket,
)

TOL_V = 1e-6  # V, chord-Newton tolerance on each branch
MAX_STEP = 10.0  # s


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
        self._interior: dict[bytes, tuple[np.ndarray, ...]] = {}
        self.half_per_capacity = 0.5 / self.Q  # SOC per ampere-second and 2
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

    def interior_weights(self, thetas: np.ndarray) -> tuple[np.ndarray, ...]:
        """For rows θ inside a step: the RC step weights a_j(θ), 1 − a_j − β_j and β_j, each
        rows × nrc (the weights of u_j, R_j·I0 and R_j·I(θ) in u_j(θ))."""
        thetas = np.round(thetas, 9)  # (to the ns: the same rows of every step share them)
        key = thetas.tobytes()
        w = self._interior.get(key)
        if w is None:
            if len(self._interior) > 256:
                self._interior.clear()
            a, beta = rc_weights(thetas[:, None], self.tau[None, :])
            w = self._interior[key] = (a, 1.0 - a - beta, beta)
        return w

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
        self._rating.add(st1.current, h, st1.extremes)

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

    def _restore_reference(self, saved: tuple, packs: np.ndarray) -> None:
        """The chords of `packs` (bool (B,)) as they were in `saved` (see `advance`)."""
        cells = packs[self.pack_of]
        rm, ft, slope = saved
        self._rm_ref = np.where(cells, rm, self._rm_ref)
        self._ocv_slope = np.where(cells, slope, self._ocv_slope)
        if ft is not None:
            self._ft_ref = np.where(cells, ft, self._ft_ref)
        self._coefficients.clear()
        self._systems.clear()

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
            f.rc_decay = np.repeat(a[:, None], self.NT, axis=1)  # a product without broadcast
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
        result matters (a batch whose other packs have stopped: they need not converge).

        When a pack's loop gives up, the step is tried again with new chords for the packs
        that gave up (a pack that gives up three times has no solution); every other pack
        goes back to the chord it started that try with (its own refactorisations during the
        failed try are undone), so that each pack repeats the tries it has alone."""
        start = (self._rm_ref, self._ft_ref, self._ocv_slope)
        tries = None  # each pack's failed tries of this step
        while True:
            out = chord_newton_step(self, st, h, dem, demand_value, running)
            if isinstance(out, PackState):
                return out
            # `out`: the packs that did not converge; new chords for them alone, the first
            # time at the state, then at max(slope, secant)
            if tries is None:
                tries = np.zeros(self.B, int)
            elif (tries[out] >= 2).any():
                break
            if not out.all():
                self._restore_reference(start, ~out)
            first, again = out & (tries == 0), out & (tries > 0)
            if first.any():
                self.refresh(st, first)
            if again.any():
                self._refresh_at(st.soc, st.current, st.T, True, again, self.fill(st))
            tries += out
            start = (self._rm_ref, self._ft_ref, self._ocv_slope)
        cells = out[self.pack_of]
        k = int(np.argmax(np.where(cells, np.abs(st.current), -1.0)))
        raise no_solution(self.design, st, dem, k)
