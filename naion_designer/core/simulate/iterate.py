"""One exact step of the pack model (`PackModel`): the predictor, the chord-Newton loop on the
exact nonlinear cell model against the factorised network, and the step's new state (heat,
temperatures, withheld charge).  Functions of the model (`self`): the model holds the
parameters and the factorisations, this module iterates on them."""

from __future__ import annotations

import numpy as np

from .state import Demand, PackState, amax, amin, withheld_after
from .terms import cell_terms

F_EPS = float(np.finfo(float).eps)  # double precision


def _minus(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a − b written into b (a fresh temporary of the same shape)."""
    return np.subtract(a, b, out=b)


def pack_current(self, dem: Demand, value, vs_pos, zpos, cv, E, Vsb, rm, gm, zb):
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


def chord_newton_step(self, st: PackState, h: float, dem: Demand, demand_value,
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
        ua = f.rc_decay * st.u
        ua += c1 * cur
        uas = ua[0] if nrc == 1 else (ua[0] + ua[1] if nrc == 2 else ua.sum(axis=0))
    else:
        uas = 0.0
    sysm = f.nodal
    rm = sysm.branch_resistance
    # predictor: the step's end state with every cell's current extrapolated along its trend
    # (the converged step does not depend on it; a good guess saves a solve)
    if h > 0 and st.trend is not None:
        cur_p = cur + (st.trend if h == 1.0 else st.trend * h)  # x·1 is x
        soc_p = _minus(soc_b, cur_p * hq)
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
        E = interp(surf_p, ox, oy)
        E -= uas
        if corr is not None:
            E += corr * cur_p
    if self.ent:
        E += off
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
            tol = max(self.tol, 64 * F_EPS * (abs(float(vs_pos[0])) if B == 1 else
                                              float(amax(np.abs(vs_pos)))))
        if dem.mode == "current":
            Ip, cv1, margin = value, cv, None
        else:
            Ip, cv1, margin = pack_current(self, dem, value, vs_pos, zpos, cv, E, Vsb, rm, gm,
                                           zb)
        I1 = E - Vsb
        I1 += (Ip[0] if B == 1 else Ip[self.pack_of]) * zb
        I1 *= gm
        soc1 = _minus(soc_b, I1 * hq)
        surf = soc1 - xa - xb * I1 if tau_d else soc1
        r0 = r0c if r0c is not None else p.r0_at(soc1, ft, I1)
        if nrc:
            u1 = rcb * I1
            u1 += ua
            u1s = u1[0] if nrc == 1 else (u1[0] + u1[1] if nrc == 2 else u1.sum(axis=0))
            V1 = interp(surf, ox, oy)
            V1 -= r0 * I1
            V1 -= u1s
        else:
            u1 = st.u
            V1 = interp(surf, ox, oy)
            V1 -= r0 * I1
        if self.ent:
            V1 += off
        res = V1 - E
        res += rm * I1
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
    q = I1 * I1  # each cell's heat at the step's end
    q *= r0
    if nrc:  # RC losses u²/R
        rc_loss = u1 * u1
        rc_loss *= inv
        for j in range(nrc):
            q += rc_loss[j]
    if self.ent:
        qe = I1 * T
        qe *= self.ent
        q -= qe
    if h > 0:  # the heat's mean over the step, from its two ends (second order in h where the
        # resistances do not depend on temperature: both ends use the factors of the step)
        T1 = self.thermal.advance(T, q if st.heat is None else 0.5 * (st.heat + q),
                                  f.thermal_phi, f.thermal_keep, self.th_const)
    else:
        T1 = T
    w1 = st.withheld
    t_full = self._t_full
    if fq is not None and h > 0 and not (
            isinstance(w1, float) and w1 == 0.0 and amin(T1) >= t_full and
            (T[st.extremes.coldest] if st.extremes is not None else amin(T)) >= t_full):
        # f_Q at the step's mean temperature (second order)
        w1 = withheld_after(st.soc, soc1, w1, p.capacity_factor(0.5 * (T + T1)))
    return PackState(soc=soc1, u=u1, T=T1, current=I1, pack_current=Ip, pack_voltage=vp,
                     voltage=V1, cv=cv1, power_margin=margin if margin is not None else
                     st.power_margin, depletion=soc1 - surf if tau_d else 0.0,
                     withheld=w1, heat=q, trend=None if h <= 0 else
                     I1 - cur if h == 1.0 else (I1 - cur) * (1.0 / h))
