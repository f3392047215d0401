"""A reduced arrangement search for screening many (S, P) pairs at once (sizing).

`arrange.best_arrangements` tries every block shape and every useful number of rows; for the
hundreds of thousands of pairs a sizing search screens that is too much.  The screen keeps, for
each pair, the most square block shape and the numbers of block rows that matter: those around
the square plan, the hole-free ones nearest to it, and (with a box) the most rows that fit its
width and the fewest that fit its length, in both orientations (and, with several
modules, every useful number of modules per row).  The figures are exact for the
arrangement found; a design built from the screen carries that arrangement explicitly, so that
`compute_layout` gives it the same envelope.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import numpy as np

from ..pack import Layout
from .arrange import Arrangement, _decode, _score, _select, module_row_candidates, plan_extents
from .blocks import Footprint, group_shapes


@lru_cache(maxsize=4096)
def _divisors(n: int) -> np.ndarray:
    d = np.arange(1, n + 1)
    out = d[n % d == 0]
    out.setflags(write=False)
    return out


@lru_cache(maxsize=4096)
def _square_shape(P: int, px: float, py: float) -> tuple[int, int]:
    return min(group_shapes(P), key=lambda s: (max(s[1] * px, s[0] * py)
                                                / min(s[1] * px, s[0] * py), s[0]))


def screen_extents(fp: Footprint, S, P, lay: Layout, height: float, envelope=None
                   ) -> tuple[np.ndarray, np.ndarray, Callable[[int], Arrangement]]:
    """(length, width) of the arrangement the screen picks for every (S, P) pair, and a
    function giving the arrangement of pair i."""
    S, P = (np.ravel(v) for v in np.broadcast_arrays(np.asarray(S, int), np.asarray(P, int)))
    M = max(1, min(lay.modules, int(S.min())))
    n = -(-S // M)
    P_unique, inverse = np.unique(P, return_inverse=True)
    shp = np.array([_square_shape(int(p), fp.pitch_x, fp.pitch_y) for p in P_unique],
                   float)[inverse.ravel()]
    r, c = shp[:, 0], shp[:, 1]
    gg, m = lay.group_gap, lay.margin
    bx, by = c * fp.pitch_x + gg, r * fp.pitch_y + gg
    r_star = np.sqrt(n * bx / by)
    rows = [np.floor(r_star) - 1, np.floor(r_star), np.ceil(r_star), np.ceil(r_star) + 1]
    below = np.ones_like(r_star)
    above = n.astype(float)
    for k in np.unique(n):
        sel = n == k
        d = _divisors(int(k))
        i = np.searchsorted(d, r_star[sel])
        below[sel] = d[np.clip(i - 1, 0, d.size - 1)]
        above[sel] = d[np.clip(i, 0, d.size - 1)]
    rows += [below, above]
    rotations = (lay.rotation,)
    if envelope is not None:
        rotations = (0, 90)
        hexx = fp.pitch_x / 2 if fp.hexagonal else 0.0
        for x_max, y_max in ((envelope[0], envelope[1]), (envelope[1], envelope[0])):
            if np.isfinite(y_max):
                rows.append(np.floor((y_max - 2 * m - fp.dy + fp.pitch_y + gg) / by))
            if np.isfinite(x_max):
                g_fit = np.floor((x_max - 2 * m - fp.dx - hexx + fp.pitch_x + gg) / bx)
                rows.append(np.ceil(n / np.maximum(g_fit, 1)))
    R = np.clip(np.stack(rows, axis=1), 1, n[:, None])
    g = np.ceil(n[:, None] / R)
    mcs = module_row_candidates(M, lay.modules_per_row).astype(float)
    # axes: pair, rows of blocks, modules per row
    L0, W0, holes = plan_extents(fp, S[:, None, None], r[:, None, None], c[:, None, None],
                                 g[:, :, None], M, lay, mcs[None, None, :])
    ba = np.maximum(bx - gg, by - gg) / np.minimum(bx - gg, by - gg)
    score = _score(L0, W0, ba[:, None, None])
    L0, W0, holes, score = (np.broadcast_to(v, L0.shape).reshape(S.size, -1)
                            for v in (L0, W0, holes, score))
    nr = len(rotations)
    a = {"L": np.concatenate([L0 if rot == 0 else W0 for rot in rotations], axis=1),
         "W": np.concatenate([W0 if rot == 0 else L0 for rot in rotations], axis=1),
         "holes": np.tile(holes, (1, nr)), "score": np.tile(score, (1, nr)),
         "_rs": r[:, None], "_cs": c[:, None], "_g": g, "_rot": rotations, "_mc": mcs}
    if envelope is not None:
        a["mL"] = np.maximum(a["L"] - envelope[0], 0.0)
        a["mW"] = np.maximum(a["W"] - envelope[1], 0.0)
        mH = max(height - envelope[2], 0.0)
        a["fits"] = (a["L"] <= envelope[0] * (1 + 1e-9)) & (a["W"] <= envelope[1] * (1 + 1e-9)) \
            & (height <= envelope[2] * (1 + 1e-9))
    else:
        a["mL"] = a["mW"] = np.zeros_like(a["L"])
        mH = 0.0
        a["fits"] = np.ones(a["L"].shape, bool)
    a["miss"] = a["mL"] + a["mW"] + mH
    pick = _select(a)
    idx = np.arange(S.size)
    return a["L"][idx, pick], a["W"][idx, pick], lambda i: _decode(a, int(i), int(pick[i]), M)
