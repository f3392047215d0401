"""The Pareto front of the passing designs (mass against cost or volume)."""

from __future__ import annotations

import math

import numpy as np

from ..targets import Target
from .build import _layout_for, evaluate
from .model import PARETO_MAX, _Grid
from .reasons import _reasons


def pareto_indices(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Indices of the points not dominated in (x, y), both minimised, sorted by x."""
    order = np.lexsort((y, x))
    keep = []
    best = math.inf
    for k in order:
        if y[k] < best - 1e-12:
            keep.append(k)
            best = y[k]
    return np.asarray(keep, dtype=int)


def _pareto(grids: dict[str, _Grid], target: Target, objective: str):
    xs, ys, refs = [], [], []
    have_cost = any(np.isfinite(g.figures["cost"]).any() for g in grids.values()
                    if g.passes.any())
    second = "cost" if have_cost else "volume"
    for cid, g in grids.items():
        if not g.passes.any():
            continue
        for i in np.nonzero(g.passes.any(axis=1))[0]:
            js = np.nonzero(g.passes[i])[0]
            m = g.figures["mass"][i, js]
            y = g.figures[second][i, js]
            ok = np.isfinite(y)
            if not ok.any():
                continue
            js, m, y = js[ok], m[ok], y[ok]
            k = int(np.lexsort((y, m))[0])
            xs.append(m[k])
            ys.append(y[k])
            refs.append((cid, int(i), int(js[k])))
    if not xs:
        return [], ("mass", second)
    idx = pareto_indices(np.asarray(xs), np.asarray(ys))
    if idx.size > PARETO_MAX:
        idx = idx[np.unique(np.linspace(0, idx.size - 1, PARETO_MAX).round().astype(int))]
    front = []
    for k in idx:
        cid, i, j = refs[k]
        g = grids[cid]
        c = evaluate(g.cell, int(g.S[i]), int(g.P[j]), target, _layout_for(g, i, j),
                     {kk: float(v[i, j]) for kk, v in g.figures.items()}, objective)
        c.pareto = True
        c.reasons = _reasons(c, objective, None)
        if c.passes:
            front.append(c)
    return front, ("mass", second)
