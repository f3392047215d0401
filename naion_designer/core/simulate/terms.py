"""The step's terms at the cells' present temperatures (`PackModel`'s per-step cache): the
temperature factors of capacity, resistance and OCV, and the products of the step coefficients
with them."""

from __future__ import annotations

import numpy as np

from .state import CellTerms, StepCoefficients, TemperatureCache, TemperatureFactors

T_REF = 298.15


def cell_terms(model, f: StepCoefficients, T: np.ndarray) -> CellTerms:
    """The step's terms at the cells' temperatures.  The temperature factors are looked up
    again only when a cell of the pack has moved more than 0.02 K (R changes ~0.1 % per
    0.02 K at 25 °C for a steep cell); the step-size dependent products only when the step
    size or those factors change."""
    p = model.params
    if not p.temperature_dependent:
        if f.terms is None:
            f.terms = _terms(model, f, None)
        return f.terms
    tc = model._tcache
    if tc is None:
        tc = TemperatureCache(T, T.copy(), _temperature_factors(model, T), {})
    elif tc.T is not T:
        if model.B == 1:
            d = T - tc.T_ref
            if d[d.argmax()] < 0.02 and -d[d.argmin()] < 0.02:  # not moved: the same factors
                tc.T = T
                return _cached_terms(model, tc, f)
            moved = np.array([True])
        else:
            moved = model.per_pack(np.abs(T - tc.T_ref)).max(axis=1) >= 0.02
        if moved.all():
            tc = TemperatureCache(T, T.copy(), _temperature_factors(model, T), {})
        elif moved.any():  # each pack looks its factors up on its own schedule
            tc = TemperatureCache(T, _rows_from(model, tc.T_ref, T, moved),
                                  _moved_factors(model, tc.factors, T, moved), {})
        else:
            tc = TemperatureCache(T, tc.T_ref, tc.factors, tc.terms)
    model._tcache = tc
    return _cached_terms(model, tc, f)


def _cached_terms(model, tc: TemperatureCache, f: StepCoefficients) -> CellTerms:
    found = tc.terms.get(id(f))
    if found is None or found[0] is not f:
        if len(tc.terms) > 64:
            tc.terms.clear()
        found = (f, _terms(model, f, tc.factors))
        tc.terms[id(f)] = found
    return found[1]

def _rows_from(model, old: np.ndarray, new: np.ndarray, packs: np.ndarray) -> np.ndarray:
    """`old` with the cells of `packs` (bool (B,)) taken from `new` (flat per-cell arrays)."""
    out = old.copy()
    model.per_pack(out)[packs] = model.per_pack(new)[packs]
    return out


def _moved_factors(model, old: TemperatureFactors, T: np.ndarray,
                   packs: np.ndarray) -> TemperatureFactors:
    """The temperature factors looked up again for the cells of `packs` only (the same
    numbers as a lookup of every cell, where the others keep theirs)."""
    sub = _temperature_factors(model, model.per_pack(T)[packs].ravel())
    out = []
    for n, o in zip(sub, old, strict=True):
        if n is None or isinstance(n, float):
            out.append(n)
        else:
            full = o.copy()
            model.per_pack(full)[packs] = n.reshape(-1, model.N)
            out.append(full)
    return TemperatureFactors(*out)


def _temperature_factors(model, T: np.ndarray) -> TemperatureFactors:
    p = model.params
    return TemperatureFactors(p.capacity_factor(T), p.resistance_factor(T),
                              model.ent * (T - T_REF) if model.ent else 0.0)

def _terms(model, f: StepCoefficients, tf: TemperatureFactors | None) -> CellTerms:
    fq, ft, off = (tf.capacity, tf.resistance, tf.ocv_offset) if tf is not None else \
        (None, None, 0.0)
    c1 = rcb = inv = None
    rcbsum = 0.0
    if model.nrc:
        if ft is None:
            c1, rcb, rcbsum, inv = f.rc_start, f.rc_end, f.rc_end_sum, model.inv_rrc
        else:
            c1 = f.rc_start_ref * ft
            rcb = model.Rrc * f.rc_beta * ft
            rcbsum = rcb.sum(axis=0)
            inv = model.inv_rrc / ft
    r0c = corr = None
    if not model.params.r0_varies:
        r0c = model.R0 if ft is None else model.R0 * ft
        if ft is not None or model.nrc == 0 or not f.exact:
            corr = f.nodal.branch_resistance - r0c - rcbsum
    return CellTerms(f.soc_per_current, fq, ft, c1, rcb, rcbsum, inv, off, r0c, corr)
